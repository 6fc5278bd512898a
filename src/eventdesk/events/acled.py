"""ACLED typing that needs more than one code: who acted on whom, and the rest of the sentence.

:func:`typed_by_actors` reads ``data/ontology/cameo_acled.tsv``'s conditions with the event's
actors and recipients (their sectors and actor classes: armed, state, civilians, demonstrators,
mob). :func:`specific_means` and :func:`acled_in_context` apply rules of ACLED's codebook that
span triggers: the means decides (explosions, air strikes), a demonstration with violence is a
riot, and words of the sentence (``data/events/acled_cues.tsv``: burning tyres and barricades
make a demonstration violent, a defused or intercepted weapon is disrupted weapons use) decide
beside an event of another type. ACLED data is never used to build or tune any of this; it is
only measured against.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from eventdesk.errors import DataFileError
from eventdesk.events.lexicon import data_dir
from eventdesk.events.ontology import CodeTables
from eventdesk.events.roles import Tree
from eventdesk.records import AcledType, Event, EventType, Participant, Sentence

__all__ = ["AcledCue", "absorbed_type", "acled_in_context", "packaged_cues", "packaged_side_words", "protest_topics",
           "provocations",
           "read_cues", "read_side_words", "sentence_words", "side_sectors", "side_tags", "specific_means",
           "typed_by_actors"]

RIOTS, REMOTE_VIOLENCE = "Riots", "Explosions/Remote violence"
BATTLES, CIVILIANS = "Battles", "Violence against civilians"
DIRECT_VIOLENCE = frozenset({BATTLES, CIVILIANS})
VIOLENCE = frozenset({*DIRECT_VIOLENCE, REMOTE_VIOLENCE, RIOTS})
CIVILIANS_ATTACKED = AcledType(event_type=CIVILIANS, sub_event_type="Attack")
DESTRUCTION = AcledType(event_type="Strategic developments", sub_event_type="Looting/property destruction")
ARRESTS = AcledType(event_type="Strategic developments", sub_event_type="Arrests")
GROUP_ACTIVITY = AcledType(event_type="Strategic developments", sub_event_type="Change to group/activity")
BASE_ESTABLISHED = AcledType(event_type="Strategic developments", sub_event_type="Headquarters or base established")
PART_OF_VIOLENCE = frozenset({DESTRUCTION, ARRESTS, GROUP_ACTIVITY, BASE_ESTABLISHED})
INTERVENTION = AcledType(event_type="Protests", sub_event_type="Protest with intervention")
PROTEST_NOUNS = frozenset((w, "NOUN") for w in ("protest", "demonstration", "march", "rally", "sit-in", "dharna",
                                                "protester", "protestor", "demonstrator"))
TWO_SIDED = "19"  # CAMEO fight: clashes, fighting, battles (data/events/README.md)
GENERIC_FORCE = frozenset({"18", "180", "19", "190"})  # CAMEO codes that say nothing of the means
PROTESTS = "Protests"
VIOLENT_DEMONSTRATION = AcledType(event_type="Riots", sub_event_type="Violent demonstration")
AGREEMENT = AcledType(event_type="Strategic developments", sub_event_type="Agreement")
ABDUCTION = AcledType(event_type=CIVILIANS, sub_event_type="Abduction/forced disappearance")
RELEASE = "0841"  # CAMEO: release prisoners or hostages
HANDED_OVER = AcledType(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory")
TERRITORY_TAKEN = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
ARMED_CLASH = AcledType(event_type=BATTLES, sub_event_type="Armed clash")
PROVOKED_BY = frozenset({"after", "following", "over"})
PROVOKING = frozenset({"ASSAULT", "COERCE"})  # attacks, arrests, demolitions, seizures that provoke a protest
DEMONSTRATE = frozenset({"14", "140", "141"})  # CAMEO: protested/demonstrated X (not "burnt tyres", 144)
TOPIC_PREPS = frozenset({*PROVOKED_BY, "against", "about"})  # "protested against the vandalism of a statue"
# A category ACLED does not type -> the types of absorbed events it takes (absorbed_type).
ABSORBED: dict[str, frozenset[AcledType | str]] = {
    "REQUEST": frozenset({PROTESTS, RIOTS}), "ACCUSE": frozenset({PROTESTS, RIOTS}),
    "REJECT": frozenset({PROTESTS, RIOTS}), "AGREE": frozenset({AGREEMENT})}


CUE_COLUMNS = ("lemma", "pos", "also", "from_type", "event_type", "sub_event_type", "note")
CUE_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "ADP"})
SIDE_MODIFIERS = ("amod", "compound", "nmod")  # "armed men", "village chief"
UNIDENTIFIED = frozenset({"unidentified", "unknown", "unnamed", "masked"})
UNIDENTIFIED_ARMED = "UAF"
ARMED = "armed"  # an actor class (data/ontology/actor_classes.tsv) and the word that puts a side in it
ONE_PERSON = frozenset({"him", "her", "he", "she"})  # a victim named by a pronoun: armed victims are named as such
PLACE_FOR = ("of", "for")  # "a group of youths", "a camp for displaced people"
FORMER = frozenset({"former", "ex", "retired", "demobilised", "demobilized"})
SUSPECTED = frozenset({"suspected", "suspect", "alleged", "accused"})
CRIMINAL, CIVILIAN, COUNTRY = "CRM", "CVL", "country"
COUNTED = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                     "several", "some", "many", "dozens", "hundreds", "scores", *(str(n) for n in range(1, 100))})
Words = frozenset[tuple[str, str]]  # (lemma, POS) of a sentence's content words


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledCue:
    """One row of ``acled_cues.tsv``: where the sentence holds ``lemma`` as ``pos`` (and one of
    ``also`` as a noun or verb, where given), an event typed as one of ``from_types`` is typed as ``acled``."""

    lemma: str
    pos: str
    also: frozenset[str]
    from_types: frozenset[str]
    acled: AcledType

    def holds(self, words: Words) -> bool:
        return (self.lemma, self.pos) in words and (not self.also or any(w in self.also for w, _ in words))


def read_cues(path: Path, tables: CodeTables) -> tuple[AcledCue, ...]:
    """One cue file; every problem is a ``DataFileError`` naming ``path:line``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), None, f"cannot read the ACLED cues ({err})") from None
    known = set(tables.acled_types())
    kinds = {t.event_type for t in known}
    cues: list[AcledCue] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cells = [c.strip() for c in line.split("\t")] + [""] * len(CUE_COLUMNS)
        lemma, pos, also, from_type, event_type, sub_event_type = cells[:6]
        acled = AcledType(event_type=event_type, sub_event_type=sub_event_type)
        from_types = frozenset(t.strip() for t in from_type.split("|") if t.strip())
        if not lemma or pos not in CUE_POS:
            raise DataFileError(str(path), number, f"a cue needs a lemma and a POS in {sorted(CUE_POS)}")
        if acled not in known or not from_types or not from_types <= kinds:
            raise DataFileError(str(path), number, f"unknown ACLED type in {from_type!r} -> {event_type!r} / "
                                f"{sub_event_type!r} (see data/ontology/acled_types.tsv)")
        cues.append(AcledCue(lemma=lemma.lower(), pos=pos, also=frozenset(w.strip().lower() for w in also.split("|")
                                                                          if w.strip()),
                             from_types=from_types, acled=acled))
    return tuple(cues)


@functools.cache
def packaged_cues() -> tuple[AcledCue, ...]:
    """The packaged ``data/events/acled_cues.tsv`` (read once)."""
    return read_cues(data_dir() / "acled_cues.tsv", CodeTables.load())


def read_side_words(path: Path, tables: CodeTables) -> dict[str, str]:
    """``acled_sides.tsv``: a word naming one side of an event -> its sector code (upper case) or
    actor class (lower case: ``mob``); every problem is a ``DataFileError`` naming ``path:line``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), None, f"cannot read the ACLED side words ({err})") from None
    words: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        lemma, _, rest = line.partition("\t")
        sector = rest.partition("\t")[0].strip()
        if not lemma.strip() or (sector not in tables.sectors and sector not in tables.actor_classes):
            raise DataFileError(str(path), number, f"a side word needs a lemma and a sector code of sectors.tsv or "
                                f"an actor class of actor_classes.tsv, got {lemma.strip()!r} / {sector!r}")
        words[lemma.strip().lower()] = sector
    return words


@functools.cache
def packaged_side_words() -> dict[str, str]:
    """The packaged ``data/events/acled_sides.tsv`` (read once; do not modify the result)."""
    return read_side_words(data_dir() / "acled_sides.tsv", CodeTables.load())


def side_sectors(tree: Tree, tokens: Sequence[int], words: dict[str, str] | None = None) -> frozenset[str]:
    """The sector that the words of a side name where the actors stage resolved nobody there:
    the first of ``tokens`` (a role's candidate heads) whose modifier ("armed men"), the noun of
    its "of" or "for" phrase ("a group of youths", "the convoy of a politician", "a camp for
    displaced people": the owner decides what a place or vehicle stands for) or own lemma ("a
    man", "villagers") is in ``words`` (the packaged side words by default); a bare number
    ("killed 12", "killing at least 15") counts people the text does not call armed: civilians,
    as in the Codebook; else nothing. A head that names an unidentified armed actor or its weapon
    ("gunmen", "a car bomb": whoever planted it) wins over its modifiers and its "of" phrase."""
    table = packaged_side_words() if words is None else words
    for token in tokens:
        own = tree[token].lemma.lower()
        armed_head = table.get(own) == UNIDENTIFIED_ARMED  # "a car bomb", "police gunmen": the head decides
        lemmas = [] if armed_head else [k.lemma.lower() for k in tree.kids(token, *SIDE_MODIFIERS)]
        lemmas += [] if armed_head else [tree[i].lemma.lower() for prep in PLACE_FOR for i in tree.preps(token, prep)]
        lemmas += [own, tree[token].text.lower()]
        found = next((table[w] for w in lemmas if w in table), None)
        if found is None and tree[token].pos == "NUM":  # "killed 12": people the text does not call armed
            found = CIVILIAN
        if found is not None:
            return frozenset({found})
    return frozenset()


def sentence_words(tree: Tree, sentence: Sentence, *, skip: frozenset[int] = frozenset()) -> Words:
    """The (lemma, POS) pairs of the sentence's nouns, proper nouns, verbs, adjectives, adverbs and
    prepositions, for the cues ("turned violent", "without resistance"); ``skip``: tokens that
    are not read (:func:`protest_topics`)."""
    return frozenset((tree[i].lemma.lower(), tree[i].pos) for i in range(sentence.token_start, sentence.token_end)
                     if tree[i].pos in CUE_POS and i not in skip)


def protest_topics(tree: Tree, anchors: Sequence[frozenset[int]], events: Sequence[Event]) -> frozenset[int]:
    """The tokens that say what a demonstration is about or what provoked it: the object of a
    protest verb ("protested the vandalism of a statue"), its "against", "over", "about", "after"
    or "following" phrase, its "after" clause ("marched after a mob had torched a shop"). They
    describe somebody else's acts, not the demonstrators', so no cue is read in them; a blockade's
    or riot's object is what the demonstrators did ("burnt tyres") and is read (``anchors``:
    each event's trigger tokens)."""
    out: set[int] = set()
    for own, event in zip(anchors, events, strict=True):
        if event.type.event != "PROTEST" or event.type.acled is None or event.type.acled.event_type != PROTESTS:
            continue
        for anchor in own:
            for kid in tree.kids(anchor):
                mark = tree.kid(kid.i, "mark")
                topic = kid.dep == "dobj" and kid.i not in own and event.type.cameo in DEMONSTRATE
                if (topic or (kid.dep == "prep" and kid.text.lower() in TOPIC_PREPS)
                        or (kid.dep == "advcl" and mark is not None and mark.text.lower() in PROVOKED_BY)):
                    out.update(tree.subtree(kid.i))
    return frozenset(out)


class HasMeans(Protocol):
    """A trigger being decided (the coder's candidate): its code and the triggers it absorbed."""

    type: EventType
    keep: bool

    @property
    def inner(self) -> Sequence[HasMeans]: ...


def typed_by_actors(tables: CodeTables, event_type: EventType, tree: Tree, actors: Sequence[Participant],
                    recipients: Sequence[Participant], *,
                    role_tokens: tuple[Sequence[int], Sequence[int]] = ((), ())) -> EventType:
    """The event type with its ACLED type read with its sides (:func:`side_tags`): gunmen killing
    villagers is violence against civilians, a mob attacking a man mob violence, soldiers shooting
    protesters excessive force against protesters. ``role_tokens``: where the coder looked for the
    actor and the recipient, read where nobody was resolved there ("killed a tribal chief")."""
    acled = tables.acled_type(event_type.cameo, actor_sectors=side_tags(tables, tree, actors, role_tokens[0]),
                              target_sectors=side_tags(tables, tree, recipients, role_tokens[1], target=True))
    return event_type if acled == event_type.acled else replace(event_type, acled=acled)


def side_tags(tables: CodeTables, tree: Tree, side: Sequence[Participant], tokens: Sequence[int], *,
              target: bool = False) -> frozenset[str]:
    """What the ACLED conditions test of one side: an unidentified perpetrator ("unknown persons
    set fire to a school") is, as in the Codebook, an unidentified armed group (``UAF``); else
    its actors' sectors and classes (:meth:`CodeTables.actor_tags`); else, with nobody resolved,
    the sector its words name (:func:`side_sectors`). Former members of a force ("a former
    soldier", "an ex-combatant of the FARC"), suspected criminals and people named by their
    nationality ("a Palestinian", "two Afghans": not the state) are civilians: the Codebook
    counts people as armed only while they act for an armed group, and people called armed
    ("armed herders", "armed Fulani youths") are an armed group whatever their occupation. A
    ``target`` named only by a personal pronoun nobody resolved ("shot him dead") is one person:
    a civilian (armed victims are named as soldiers, fighters, officers). Suspected criminals are
    civilians as the ``target`` of force ("police shot a suspected robber"); as perpetrators
    ("suspected bandits attacked a village") they are the armed group they are suspected of being,
    as the Codebook attributes an attack to its suspected perpetrator."""
    words = {w for p in side for w in p.entity_text.lower().replace("-", " ").split()}
    if tokens:  # the words around the role's head: "an ex-combatant of the FARC"
        words |= {tree[tokens[0]].lemma.lower()} | {k.lemma.lower() for k in tree.kids(tokens[0], *SIDE_MODIFIERS)}
        words |= {k.text.lower() for k in tree.kids(tokens[0], "acl")}  # "men armed with machetes"
    if UNIDENTIFIED & words:
        return frozenset({UNIDENTIFIED_ARMED})
    tags = tables.actor_tags([p.actor for p in side]) or side_sectors(tree, tokens)
    counted = bool(tokens) and any(k.text.lower() in COUNTED for k in tree.kids(tokens[0], "det", "nummod"))
    demonym = counted and tree[tokens[0]].pos in ("PROPN", "ADJ")  # "a Palestinian", not "a Russian soldier"
    people = demonym and any(p.actor.kind == COUNTRY and not p.actor.sector for p in side)
    if people or FORMER & words or (target and CRIMINAL in tags and SUSPECTED & words):
        return frozenset({CIVILIAN})
    if ARMED in words and ARMED not in tags:  # "armed herders", "armed youths": an armed group
        return frozenset({UNIDENTIFIED_ARMED, ARMED})
    if target and not tags and tokens and tree[tokens[0]].text.lower() in ONE_PERSON:  # "shot him dead"
        return frozenset({CIVILIAN})
    return tags


def provocations(tree: Tree, clauses: Sequence[int], events: Sequence[Event]) -> list[bool]:
    """Which events are the provocation a protest reports ("residents rioted after police killed
    a boy", "protested after police arrested a youth", "following the demolition of their shops"):
    an attack, arrest, seizure or demolition in an adverbial clause marked "after", "following" or
    "over" under a protest or riot trigger (``clauses``: each event's clause token). The Codebook codes the
    demonstration the report is about; the provocation is its context."""
    protests = {clause for clause, e in zip(clauses, events, strict=True) if e.type.event == "PROTEST"}
    return [event.type.event in PROVOKING and _provoking(tree, clause, protests)
            for clause, event in zip(clauses, events, strict=True)]


def _provoking(tree: Tree, clause: int, protests: set[int]) -> bool:
    """"rioted after police killed a boy" (a marked adverbial clause) or "marched following the
    killing of a trader" (the object of the preposition) under one of ``protests``."""
    if tree[clause].dep == "advcl":
        mark = tree.kid(clause, "mark", "prep")
        return tree.head(clause) in protests and mark is not None and mark.text.lower() in PROVOKED_BY
    prep = tree.head(clause)
    return (tree[clause].dep == "pobj" and prep is not None and tree[prep].text.lower() in PROVOKED_BY
            and tree.head(prep) in protests)


def acled_in_context(events: list[Event], words: Words = frozenset(),
                     cues: Iterable[AcledCue] | None = None, context: Sequence[bool] = ()) -> list[Event]:
    """Rules of ACLED's codebook that need the whole sentence (:func:`_beside`), then the cues
    (``words``: the sentence's :func:`sentence_words`; ``cues``: the packaged ones by default):
    "blocked the road with burning tyres" is a violent demonstration, "defused a roadside bomb"
    disrupted weapons use. Two-sided fighting (CAMEO 19: "clashed", "fighting") stays a battle
    where the sentence names the heavy weapons it was fought with. ``context``: the events that
    are a protest's provocation (:func:`provocations`): no ACLED event of their own."""
    found = [c for c in (packaged_cues() if cues is None else cues) if c.holds(words)]
    own = [None if i < len(context) and context[i] else e.type.acled for i, e in enumerate(events)]
    protest_named = bool(PROTEST_NOUNS & words)
    own = _crowd_clashes(own, events, protest_named=protest_named)
    types = _beside(_handed_over(_released(own, [e.type.cameo for e in events])),
                    [bool(e.recipient) for e in events],
                    [e.confidence for e in events], protest_named=protest_named)
    out = []
    for event, acled in zip(events, types, strict=True):
        acled = next((c.acled for c in found if acled is not None and acled.event_type in c.from_types
                      and not (event.type.cameo == TWO_SIDED and c.acled.event_type == REMOTE_VIOLENCE)), acled)
        out.append(event if acled == event.type.acled else replace(event, type=replace(event.type, acled=acled)))
    return out


def _crowd_clashes(types: list[AcledType | None], events: Sequence[Event], *,
                   protest_named: bool) -> list[AcledType | None]:
    """Clashes with nobody named as their actor beside a demonstration ("the protest ended in
    clashes with police") are the demonstrators': a violent demonstration (Codebook)."""
    if not protest_named and not any(t is not None and t.event_type == PROTESTS for t in types):
        return types
    return [VIOLENT_DEMONSTRATION if e.type.cameo == TWO_SIDED and not e.actor and t is not None else t
            for t, e in zip(types, events, strict=True)]


def _released(types: list[AcledType | None], cameo: list[str]) -> list[AcledType | None]:
    """A release beside an abduction ("kidnapped five farmers and later freed them") ends that
    abduction, as the Codebook codes it: one abduction, not an agreement."""
    if ABDUCTION not in types:
        return types
    return [ABDUCTION if code == RELEASE else t for t, code in zip(types, cameo, strict=True)]


def _handed_over(types: list[AcledType | None]) -> list[AcledType | None]:
    """A place taken beside a withdrawal from it, with no fighting in the sentence ("government
    forces withdrew from the town and rebels took control of it"), changed hands without a battle:
    the Codebook's non-violent transfer of territory."""
    if HANDED_OVER not in types or ARMED_CLASH in types:
        return types
    return [HANDED_OVER if t is not None and t.sub_event_type in TERRITORY_TAKEN else t for t in types]


def _beside(types: list[AcledType | None], has_recipient: list[bool],
            confidence: list[float], *, protest_named: bool = False) -> list[AcledType | None]:
    """The types of one sentence's events, read together. The means decides: beside an explosion,
    air strike or shelling, a killing or attack ("an IED exploded, killing two civilians") is that
    explosion. A demonstration with violence is a violent demonstration: a protest beside a riot
    ("marched ... and threw stones at police") is a riot, also where force was used against it. A
    battle needs an armed opponent: an attack with no target named beside an attack on civilians
    ("gunmen attacked the village and killed a resident") is that violence against civilians.
    Arrests and property destruction that are part of violence ("attacked the village, burned
    houses and killed five") are that violence, the most confident violent event's type; beside a
    protest, property destruction is a violent demonstration and arrests are a protest with
    intervention ("police arrested ten people during a march"; ``protest_named``: the sentence
    names a demonstration, as an event or as background)."""
    kinds = {t.event_type: t for t in types if t is not None}
    if protest_named:  # "during a march": a protest the sentence names as background
        kinds.setdefault(PROTESTS, AcledType(event_type=PROTESTS, sub_event_type="Peaceful protest"))
    if PROTESTS in kinds and DESTRUCTION in types:  # "marched ... and shops were looted"
        types = [VIOLENT_DEMONSTRATION if t == DESTRUCTION else t for t in types]
        kinds[RIOTS] = VIOLENT_DEMONSTRATION
    if PROTESTS in kinds and ARRESTS in types:  # "arrested ten people during a march"
        types = [INTERVENTION if t == ARRESTS else t for t in types]
    out: list[AcledType | None] = []
    for acled, recipient in zip(types, has_recipient, strict=True):
        if acled is not None and REMOTE_VIOLENCE in kinds and acled.event_type in DIRECT_VIOLENCE:
            acled = kinds[REMOTE_VIOLENCE]
        elif acled is not None and RIOTS in kinds and acled.event_type == PROTESTS:
            acled = VIOLENT_DEMONSTRATION
        elif acled is not None and CIVILIANS in kinds and acled.event_type == BATTLES and not recipient:
            acled = CIVILIANS_ATTACKED
        out.append(acled)
    violent = [(c, t) for c, t in zip(confidence, out, strict=True) if t is not None and t.event_type in VIOLENCE]
    if violent:
        top = max(violent, key=lambda ct: ct[0])[1]
        out = [top if t in PART_OF_VIOLENCE else t for t in out]
    return out


def absorbed_type(candidate: HasMeans) -> AcledType | None:
    """A demand, accusation or refusal typed nothing by ACLED that absorbed a protest ("refused
    to attend classes to protest") is that protest's type: the Codebook codes the demonstration,
    whatever its claim. Likewise an agreement that absorbed a ceasefire or a release ("agreed to a
    ceasefire") is an agreement."""
    wanted = ABSORBED.get(candidate.type.event, frozenset())
    return next((i.type.acled for i in candidate.inner if i.type.acled in wanted or
                 (i.type.acled is not None and i.type.acled.event_type in wanted)), None)


def specific_means(candidates: Sequence[HasMeans]) -> None:
    """"Airstrikes killed five": the kill (CAMEO 190) absorbed the airstrikes (195), which say how."""
    for c in candidates:
        if c.keep and c.type.cameo in GENERIC_FORCE:
            specific = [i for i in c.inner
                        if not i.keep and i.type.event == "ASSAULT" and i.type.cameo not in GENERIC_FORCE]
            if specific:
                c.type = specific[0].type
