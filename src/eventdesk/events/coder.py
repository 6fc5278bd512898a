"""The event coder: trigger lexicon over the dependency parse -> PLOVER/CAMEO ``Event`` records.

Per sentence: find the triggers (:mod:`eventdesk.events.triggers`); decide which triggers are
events of their own and which belong to a trigger above them ("agreed to continue to
coordinate" is one AGREE; "denied attacking" codes the attack, negated); find actor and
recipient (:mod:`eventdesk.events.roles`); attach date and place (:mod:`eventdesk.events.attach`);
read the auxiliary modes (:func:`eventdesk.events.modality.detect_modality`). No trigger, no
event: there is no default code.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from eventdesk.errors import DataFileError
from eventdesk.events.acled import (
    absorbed_type,
    acled_in_context,
    protest_topics,
    provocations,
    sentence_words,
    specific_means,
    typed_by_actors,
)
from eventdesk.events.acled_report import acled_across_sentences
from eventdesk.events.attach import Attachment, attach_mentions, event_location, main_place
from eventdesk.events.candidates import (
    Candidate,
    accused_of,
    argument_preps,
    pattern_confidence,
    purpose_clause,
    report_accusation,
    without_background,
    without_restatements,
)
from eventdesk.events.classifier import EventClassifier, trigger_features
from eventdesk.events.context import countries_named, with_context_country
from eventdesk.events.intent import intent_code, refusal_code
from eventdesk.events.lexicon import Lexicon, read_domain_words
from eventdesk.events.modality import detect_modality
from eventdesk.events.ontology import CodeTables
from eventdesk.events.roles import (
    ActorIndex,
    Tree,
    actor_tokens,
    clause_subjects,
    noun_actor_tokens,
    recipient_tokens,
    unique,
    wish_on,
)
from eventdesk.events.triggers import Trigger, find_triggers
from eventdesk.records import (
    ActorMention,
    DateMention,
    Event,
    EventType,
    ParsedArticle,
    Participant,
    PlaceMention,
    Quote,
    Sentence,
    Span,
)
from eventdesk.settings import EventSettings

__all__ = ["EventCoder"]

# Edges by which a trigger below belongs to the trigger above it ("agreed to coordinate",
# "called for a ceasefire", "airstrikes killed"); conj, advcl, relcl ... leave it an event of its own.
COMPLEMENT_EDGES = frozenset({"xcomp", "ccomp", "dobj", "nsubjpass", "nsubj", "csubj", "pcomp", "dative", "attr",
                              "oprd", "acomp", "agent", "pobj"})
# Edges from a speech verb down to the reported clause ("said [that] ...", "denied attacking").
REPORTED_EDGES = frozenset({"ccomp", "xcomp", "dobj", "parataxis"})
FIRST_PERSON = frozenset({"we", "i", "us", "me"})
OBLIGATION = frozenset({"must", "should", "ought"})
DEMAND = "100"  # CAMEO "make demand", for reported obligations
APPEAL = "020"  # CAMEO "make an appeal or request", for "X wants Y to ..."
AMBIGUOUS = 0.5  # triggers below this reliability need an actor or recipient to count
OFF_DOMAIN_CEILING = 0.6  # in a sports/weather/markets sentence, triggers below this are dropped
LONG_TRIGGER_TOKENS = 8
# Categories that react to a real event: "condemned Israeli airstrikes" keeps the airstrikes as an
# event of their own (when they name their actor); "demanded the resignation of X" does not.
REACTIONS = frozenset({"ACCUSE", "SUPPORT"})
CONTEXT_FREE_EDGES = ("xcomp", "ccomp")  # the trigger's own complement clause names no context country


class EventCoder:
    """Codes events from a parsed article and the mentions the other stages found."""

    def __init__(self, lexicon: Lexicon, tables: CodeTables, *, off_domain: frozenset[str] = frozenset(),
                 classifier: EventClassifier | None = None) -> None:
        self._lexicon = lexicon
        self._tables = tables
        self._off_domain = off_domain
        self._classifier = classifier
        for entry in lexicon:
            if entry.cameo and not entry.blocks and not tables.has_cameo(entry.cameo):
                path, _, line = entry.where.rpartition(":")
                raise DataFileError(path, int(line) if line.isdigit() else None,
                                    f"unknown CAMEO code {entry.cameo!r} for {entry.lemma!r}")

    @classmethod
    def from_settings(cls, settings: EventSettings) -> EventCoder:
        """Load the packaged trigger lexicon, ``settings.lexicons``, the code tables and the classifier."""
        return cls(Lexicon.load(settings.lexicons), CodeTables.load(), off_domain=read_domain_words(),
                   classifier=EventClassifier.load())

    @classmethod
    def from_lexicon_only(cls, settings: EventSettings, tables: CodeTables, *,
                          off_domain: frozenset[str]) -> EventCoder:
        """The pattern coder without the classifier (used to train the classifier)."""
        return cls(Lexicon.load(settings.lexicons), tables, off_domain=off_domain)

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon

    def code(self, parsed: ParsedArticle, *, actors: Sequence[ActorMention], places: Sequence[PlaceMention],
             dates: Sequence[DateMention], quotes: Sequence[Quote] = ()) -> tuple[Event, ...]:
        """Every event in the article, in text order."""
        tree = Tree(parsed)
        index = ActorIndex(tree, actors)
        events: list[Event] = []
        sentence_of: list[int] = []
        dated = _date_tokens(parsed, dates)
        for n, sentence in enumerate(parsed.sentences):
            coded = self._code_sentence(parsed, tree, index, sentence, places=places, dates=dates, quotes=quotes,
                                        dated=dated)
            events.extend(coded)
            sentence_of.extend([n] * len(coded))
        events = acled_across_sentences(events, sentence_of, tree, parsed.sentences, tables=self._tables)
        # A country that acts ("attacks launched by Israel") is a participant, not where things happen.
        participants = [(p.start, p.end) for e in events for p in (*e.actor, *e.recipient)]
        main = main_place([m for m in places if not _inside_any(m.start, m.end, participants)])
        if main is not None:  # an event its sentence places nowhere: the article's main place, coarser
            fallback = event_location(main, fallback=True)
            events = [e if e.event_loc is not None else replace(e, event_loc=fallback) for e in events]
        return tuple(sorted(events, key=lambda e: e.trigger.start))

    # ------------------------------------------------------------------ one sentence

    def _code_sentence(self, parsed: ParsedArticle, tree: Tree, index: ActorIndex, sentence: Sentence, *,
                       places: Sequence[PlaceMention], dates: Sequence[DateMention],
                       quotes: Sequence[Quote], dated: frozenset[int]) -> list[Event]:
        candidates = [c for t in find_triggers(tree, sentence, self._lexicon) if (c := self._candidate(t))]
        if not candidates:
            return []
        for candidate in candidates:
            self._find_roles(tree, index, candidate, dated)
            self._find_source(tree, index, candidate, quotes, parsed.article.text)
            self._obligation_as_request(tree, candidate)
            self._wish_as_request(tree, index, candidate)
        self._decide_governors(tree, candidates)
        for candidate in candidates:
            if candidate.accused:  # the recipient, now that the actor is the accused
                self._find_roles(tree, index, candidate, dated)
        specific_means(candidates)
        lemmas = {tree[i].lemma.lower() for i in range(sentence.token_start, sentence.token_end)
                  if tree[i].pos in ("NOUN", "PROPN")}
        # a governor too ambiguous to keep gives back what it absorbed ("gathered to protest ...")
        dropped = [c for c in candidates if c.keep and not self._plausible(c, lemmas)]
        kept = [c for c in candidates if (c.keep and c not in dropped)
                or (any(c in d.inner for d in dropped) and self._plausible(c, lemmas))]
        kept = without_background(tree, kept)
        kept = without_restatements(tree, kept)
        if not kept:
            return []
        anchors = [c.trigger.anchors for c in kept]
        date_of = attach_mentions(tree, sentence, anchors, [d for d in dates if d.value is not None], locative=False)
        place_of = attach_mentions(tree, sentence, anchors, places, locative=True)
        for c in kept:
            self._in_context(tree, index, sentence, c)
        events = [self._event(parsed, tree, sentence, c, d, p) for c, d, p in zip(kept, date_of, place_of, strict=True)]
        context = provocations(tree, [c.trigger.clause for c in kept], events)
        topics = protest_topics(tree, [c.trigger.anchors for c in kept], events)  # "protested the vandalism"
        return acled_in_context(events, sentence_words(tree, sentence, skip=topics), context=context)

    def _in_context(self, tree: Tree, index: ActorIndex, sentence: Sentence, c: Candidate) -> None:
        """Countryless officials and civilians take their context's country (events/context.py); a
        country inside the trigger's own complement ("asking Obama to help Iran") is no context."""
        own = [k.i for k in tree.kids(c.trigger.clause) if k.dep in CONTEXT_FREE_EDGES or purpose_clause(tree, k.i)]
        inner = {i for k in own for i in tree.subtree(k)}
        here = [m for m in index.mentions if sentence.start <= m.start < sentence.end and m.head not in inner]
        c.actor, c.recipient = with_context_country(c.actor, c.recipient, sentence=countries_named(here),
                                                    article=countries_named(index.mentions))

    def _candidate(self, trigger: Trigger) -> Candidate | None:
        try:
            event_type = self._tables.event_type(trigger.entry.cameo)
        except KeyError:  # CAMEO 01x statements and codes the tables do not know: not events
            return None
        return Candidate(trigger=trigger, type=event_type)

    def _find_roles(self, tree: Tree, index: ActorIndex, c: Candidate, dated: frozenset[int]) -> None:
        """The actor and recipient of a trigger; ``dated``: the tokens of time expressions, no
        recipient unless an actor is named there ("On 8 June, guards fired on ...": "June" is no one
        fired on, and no side word is read off it; a name the parser took into a date still counts)."""
        t = c.trigger
        roles = t.entry.recipient
        actor_toks: list[int] = []
        recipient_toks: list[int] = []
        if t.kind == "noun":
            between = tree.preps(t.clause, "between")
            if between:
                c.actor, c.recipient = _two_sides(tree, index, between[0])
            actor_toks = noun_actor_tokens(tree, t.clause, of_is_recipient="pobj:of" in roles)
            recipient_toks += recipient_tokens(tree, t.clause, [r for r in roles if r.startswith("pobj:")])
            for participle in tree.kids(t.clause, "acl"):
                recipient_toks += recipient_tokens(tree, participle.i, [r for r in roles if r.startswith("pobj:")])
        else:
            c.passive = tree.is_passive(t.clause)
            actor_toks = actor_tokens(tree, t.clause)
            if t.kind == "light" and t.noun is not None:
                noun_roles = [r for r in roles if r != "dobj"]
                recipient_toks = recipient_tokens(tree, t.noun, noun_roles)
                if c.passive:  # "a US national has been put under investigation"
                    recipient_toks += [k.i for k in tree.kids(t.clause, "nsubjpass") if k.i != t.noun]
                recipient_toks += recipient_tokens(tree, t.clause, [*noun_roles, "dative"])
                if tree[t.noun].dep != "dobj":  # "engaged peacekeepers in a firefight": the object is hit
                    recipient_toks += [k.i for k in tree.kids(t.clause, "dobj")]
                actor_toks += [i for i in noun_actor_tokens(tree, t.noun, of_is_recipient=True) if i != t.clause]
            else:
                recipient_toks = recipient_tokens(tree, t.clause, roles)
            if c.type.event == "ACCUSE":  # "alleged that Pakistan had trained them": Pakistan is accused
                recipient_toks += clause_subjects(tree, t.clause)
        recipient_toks = [i for i in recipient_toks if i not in dated or index.participants(i)]
        c.role_tokens = (tuple(actor_toks), tuple(recipient_toks))
        if not c.actor:
            c.actor = _first_found(index, actor_toks)
        c.first_person = not c.actor and bool(actor_toks) and tree[actor_toks[0]].text.lower() in FIRST_PERSON
        if c.recipient:
            return
        actor_keys = {(p.actor.name, p.actor.code) for p in c.actor}
        for token in recipient_toks:
            found = tuple(p for p in index.participants(token) if (p.actor.name, p.actor.code) not in actor_keys)
            if found:
                c.recipient = unique(found)
                break

    def _find_source(self, tree: Tree, index: ActorIndex, c: Candidate, quotes: Sequence[Quote], text: str) -> None:
        """Reported speech: the speaker of a speech verb above the trigger ("X said Y attacked Z"),
        a speech verb hanging from its clause ("..., X said"), "according to X", or the speaker
        of a quotation holding the trigger."""
        top = _top(tree, c.trigger)
        chain = [top] + [parent for parent, _ in tree.ancestors(top)]
        for node, child in zip(chain[1:], chain, strict=False):
            frame = self._lexicon.frame_of(tree[node].lemma) if tree[node].pos in ("VERB", "AUX") else None
            if frame is not None and node not in c.trigger.anchors:
                if tree[child].dep in REPORTED_EDGES:
                    self._set_source(tree, index, c, node, frame, text)
                    return
                break  # the speaker's own framing ("On the anniversary of the attack, X stressed ...")
        for node in chain:
            for kid in tree.kids(node, "parataxis", "ccomp", "advcl"):
                if kid.i != top and self._lexicon.frame_of(kid.lemma) == "speech" and not tree.kids(kid.i, "ccomp"):
                    self._set_source(tree, index, c, kid.i, "speech", text)
                    return
            for prep in tree.kids(node, "prep"):
                if prep.text.lower() == "according":
                    for obj in tree.preps(prep.i, "to"):
                        start, end = tree.phrase(obj)
                        c.source = Span(text=text[start:end], start=start, end=end)
                        return
        trigger_start = tree[c.trigger.token].start
        for quote in quotes:
            if quote.start <= trigger_start < quote.end and quote.speaker is not None:
                c.source = quote.speaker
                c.speaker = tuple(Participant(actor=a, entity_text=quote.speaker.text, start=quote.speaker.start,
                                              end=quote.speaker.end) for a in quote.speaker_actors)
                return

    def _obligation_as_request(self, tree: Tree, c: Candidate) -> None:
        """"X said Y must withdraw" is X's demand on Y (CAMEO 10): REQUEST, actor X, recipient Y."""
        if not c.speaker or c.trigger.entry.frame == "report":
            return
        if not any(k.dep == "aux" and k.text.lower() in OBLIGATION for k in tree.kids(c.trigger.clause)):
            return
        c.type = self._tables.event_type(DEMAND)
        c.inferred = True
        c.actor, c.recipient = c.speaker, tuple(p for p in c.actor if p not in c.speaker)

    def _wish_as_request(self, tree: Tree, index: ActorIndex, c: Candidate) -> None:
        """"X wants Y to attack Z" is X's appeal to Y (CAMEO 020, REQUEST), actor X, recipient Y."""
        found = wish_on(tree, c.trigger.clause)
        if found is None or c.trigger.kind == "noun":
            return
        wisher, addressee = _first_found(index, found[0]), _first_found(index, found[1])
        if wisher and addressee:
            c.type = self._tables.event_type(APPEAL)
            c.inferred = True
            c.actor, c.recipient = wisher, addressee

    def _set_source(self, tree: Tree, index: ActorIndex, c: Candidate, verb: int, frame: str, text: str) -> None:
        subjects = actor_tokens(tree, verb)
        if not subjects:
            return
        start, end = tree.phrase(subjects[0])
        c.source = Span(text=text[start:end], start=start, end=end)
        c.speaker = _first_found(index, subjects)
        if frame == "claim":
            c.claimant = c.speaker

    def _decide_governors(self, tree: Tree, candidates: list[Candidate]) -> None:
        """A trigger in the complement of another belongs to it, unless the one above reports it
        ("denied attacking": the attack is the event, negated)."""
        owner = {token: c for c in candidates for token in c.trigger.anchors}
        for c in candidates:
            for parent, child in tree.ancestors(_top(tree, c.trigger)):
                governor = owner.get(parent)
                if governor is None or governor is c:
                    continue
                edge = tree[child].dep
                if edge == "prep" and tree[child].text.lower() not in argument_preps(governor):
                    break
                if edge not in COMPLEMENT_EDGES and edge != "prep" and not purpose_clause(tree, child):
                    break
                if governor.trigger.entry.frame == "report":
                    governor.inner.append(c)
                    governor.keep = False
                    break
                own_event = (c.trigger.kind == "noun" and bool(c.actor) and governor.type.event in REACTIONS
                             and c.type.event != governor.type.event)
                if accused_of(tree, governor, c, child):
                    report_accusation(governor, c)
                    own_event = True
                if not own_event:
                    c.keep = False
                    governor.inner.append(c)
                break
        for c in candidates:  # a trigger takes missing arguments from the triggers it absorbed
            for inner in c.inner:
                if inner.keep:
                    continue
                if c.type.event == "ACCUSE":  # "X alleged that France was aware": France is accused
                    c.recipient = c.recipient or tuple(p for p in inner.actor if p not in c.actor)
                    continue
                c.actor = c.actor or inner.actor
                c.recipient = c.recipient or tuple(p for p in inner.recipient if p not in c.actor)
            if not c.actor and c.claimant:
                c.actor = c.claimant
            if not c.actor and c.first_person:  # "we will continue to coordinate," said X
                c.actor = c.speaker

    def _plausible(self, c: Candidate, lemmas: set[str]) -> bool:
        reliability = c.trigger.entry.reliability
        if reliability < AMBIGUOUS and not (c.actor or c.recipient):
            return False
        # a protest is no sports or weather word: "marched against covid restrictions", "after the flood"
        return c.type.event == "PROTEST" or not (reliability < OFF_DOMAIN_CEILING and lemmas & self._off_domain)

    # ------------------------------------------------------------------ the record

    def _event(self, parsed: ParsedArticle, tree: Tree, sentence: Sentence, c: Candidate,
               date: Attachment[DateMention] | None, place: Attachment[PlaceMention] | None) -> Event:
        article = parsed.article
        t = c.trigger
        trigger = _trigger_span(tree, t, article.text)
        date_mention = date.mention if date is not None else None
        event_date = date_mention.value if date_mention is not None else None
        modality = detect_modality(parsed, t.token, published=article.published, event_date=event_date)
        intent = intent_code(c.type.event, modality)
        refusal = refusal_code(c.type.event, modality, reported=c.source is not None)
        if intent is not None:
            c.type = self._tables.event_type(intent)
        elif refusal is not None:  # "said it would not provide support": a refusal, asserted
            c.type = self._tables.event_type(refusal)
            modality = replace(modality, negated=False, hypothetical=False, future=False)
        c.type = self._with_acled(tree, c)
        precision = date_mention.precision if date_mention is not None else None
        if event_date is None and article.published is not None and not modality.historical:
            event_date, precision = article.published, "week"
        location = None
        if place is not None and not any(p.start < place.mention.end and place.mention.start < p.end for p in c.actor):
            location = event_location(place.mention)
        digest = hashlib.sha1(f"{article.id}:{trigger.start}:{c.type.cameo}".encode()).hexdigest()[:16]
        return Event(
            id=digest,
            date=event_date,
            date_precision=precision if event_date is not None else None,
            type=c.type,
            actor=c.actor,
            recipient=c.recipient,
            event_loc=location,
            sentence=Span(text=article.text[sentence.start:sentence.end], start=sentence.start, end=sentence.end),
            trigger=trigger,
            negated=modality.negated,
            hypothetical=modality.hypothetical,
            future=modality.future,
            historical=modality.historical,
            confidence=self._confidence(tree, sentence, c),
            source=c.source,
            date_text=Span(text=date_mention.text, start=date_mention.start, end=date_mention.end)
            if date_mention is not None else None,
        )

    def _with_acled(self, tree: Tree, c: Candidate) -> EventType:
        """The ACLED type read with who acted on whom (data/ontology/cameo_acled.tsv's conditions),
        a side nobody was resolved on read from its words ("killed a village chief")."""
        typed = typed_by_actors(self._tables, c.type, tree, c.actor, c.recipient, role_tokens=c.role_tokens)
        return typed if typed.acled is not None else replace(typed, acled=absorbed_type(c))

    def _confidence(self, tree: Tree, sentence: Sentence, c: Candidate) -> float:
        """The pattern confidence, calibrated with the classifier's probability of the category."""
        pattern = pattern_confidence(c)
        if self._classifier is None:
            return pattern
        features = trigger_features(tree, sentence, c.trigger.clause, pattern=c.type.event, strength=pattern)
        return round(self._classifier.confidence(pattern, features, c.type.event), 3)


def _two_sides(tree: Tree, index: ActorIndex, first: int) -> tuple[tuple[Participant, ...], tuple[Participant, ...]]:
    """"between X and Y": X is the actor, Y the recipient (also when one mention spans both)."""
    side_x = index.participants(first, follow_conj=False)
    side_y = unique([p for k in tree.kids(first, "conj") for p in index.participants(k.i)])
    keys = {(p.actor.name, p.actor.code) for p in side_x}
    if len(side_x) > 1 and all((p.actor.name, p.actor.code) in keys for p in side_y):
        return side_x[:1], side_x[1:]  # one compound mention: "Israel and the Islamic Jihad Movement"
    return side_x, tuple(p for p in side_y if (p.actor.name, p.actor.code) not in keys)


def _first_found(index: ActorIndex, tokens: Sequence[int]) -> tuple[Participant, ...]:
    for token in tokens:
        found = index.participants(token)
        if found:
            return found
    return ()


def _top(tree: Tree, trigger: Trigger) -> int:
    """The trigger's anchor nearest the root (the light verb, or the noun a participle modifies)."""
    for anchor in sorted(trigger.anchors):
        head = tree.head(anchor)
        if head is None or head not in trigger.anchors:
            return anchor
    return trigger.clause


def _trigger_span(tree: Tree, trigger: Trigger, text: str) -> Span:
    anchors = sorted(trigger.anchors)
    if max(anchors) - min(anchors) > LONG_TRIGGER_TOKENS:
        anchors = [trigger.token]
    start, end = tree[anchors[0]].start, tree[anchors[-1]].end
    return Span(text=text[start:end], start=start, end=end)


def _inside_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _date_tokens(parsed: ParsedArticle, dates: Sequence[DateMention]) -> frozenset[int]:
    """The tokens that start inside the article's time expressions."""
    starts = [t.start for t in parsed.tokens]
    return frozenset(i for d in dates for i in range(bisect_left(starts, d.start), bisect_left(starts, d.end)))
