"""Attach time expressions and places to the triggers of a sentence.

A date or place mention belongs to the first trigger above it in the parse: walking up from the mention's head
token, the first token that anchors a trigger of the same sentence claims it (so "on August 5" under "launched" goes
to "the attacks launched ...", and "yesterday" under "ceasefire" to the ceasefire). A place must hang from a
locative preposition on the way ("in Tehran", "on the Gaza Strip", a bare direction: "a police post north of
Ramadi"; a destination only right under the trigger: "deployed to Kidal", not "cancelled flights to Paris"), be the
trigger's object ("shelled Aleppo") or that of a verb of means or purpose ("began the assault by storming the
village of X", "an offensive to take X") or name its subject ("a Baghdad mosque was bombed", "the village of Abadam
was bombed"); a place inside a clause the trigger reports or complements ("said a bomb exploded in Kabul") is that
clause's. When a trigger claims several, the one nearest in the tree wins, then the nearest in the text, unless a
more specific one lies inside it ("in Ugbowo area of Benin City"); a place more than ``MAX_PLACE_DEPTH`` steps up is
not claimed, a country more than ``COUNTRY_DEPTH`` steps up neither (the edges inside one name, "the province of
Khost", "a Tel Aviv nightclub", are not steps, nor is a place phrase inside a place phrase: "in a raid in southern
Egypt"), nor a country that says whose something is ("the US embassy", "a U.S. patrol", "Colombia's traffickers"),
and a place inside a quotation its trigger is outside of neither. A reference point ("a checkpoint in Mahmudiya,
south of Baghdad", "40 km from Kabul"), and a passive subject ("Gibraltar was captured"), is taken only by a trigger
that gets no other place of its own (before the place of the clause that governs it). A trigger that claims none
takes the sentence's only date, when the sentence has exactly one; and the place of the clause that governs it ("a
car bomb exploded in Baghdad, killing ten": up to ``CLAUSE_STEPS`` heads, never past a reporting verb), else that of a
casualty verb conjoined to it ("five were killed and three wounded in Mosul"); a place with
no such tree path is not taken (the nearest town after a locative preposition was, until the event_location dev set
showed it more often wrong than right: 22 right, 34 where the gold has none). A sentence's only place that no
locative preposition marks is not taken (on the event_location dev set it was more often about something else).
Demonyms ("Syrian troops", as the places stage resolved them) are never event locations; a place's own name NER
tagged a nationality ("the eastern districts of Aleppo", "western Raqqa") is no demonym.

When the sentence names no place at all (or only one without a point), the dateline's place comes first
(:func:`with_dateline_fallback`, after the coder; the places stage resolves it), else :func:`main_place` gives the
article's main place (the one named most often) and ``event_location(main, fallback=True)`` the record with a
coarser precision and ``fallback`` set; the coder gives it to every event left without a location.
Deduplication ignores fallback locations (a shared main place is no evidence of one report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from eventdesk.data import read_word_lists
from eventdesk.events.lexicon import data_dir
from eventdesk.events.roles import Tree
from eventdesk.records import DateMention, Event, EventLocation, PlaceMention, Sentence

__all__ = ["ONLY_ONE", "Attachment", "attach_mentions", "event_location", "head_token", "main_place",
           "with_dateline_fallback"]

UNKNOWN_NAME = 0.3  # the places stage's confidence for a name its gazetteer lacks, placed in the main country

# the lists of data/events/place_words.tsv
PLACE_WORD_LISTS = ("locative", "area_noun", "distance", "destination", "scene_frame", "means", "compass",
                    "ground_verb", "casualty_verb", "passing_verb")
# read once, when the stage is imported; the lists never change after
_PLACE_WORDS = read_word_lists(data_dir() / "place_words.tsv", PLACE_WORD_LISTS, "place-word file")
LOCATIVE_PREPOSITIONS = _PLACE_WORDS["locative"]
AREA_NOUNS = _PLACE_WORDS["area_noun"]
DISTANCE_WORDS = _PLACE_WORDS["distance"]
DESTINATION_PREPOSITIONS = _PLACE_WORDS["destination"]
SCENE_FRAMES = _PLACE_WORDS["scene_frame"]
MEANS_PREPOSITIONS = _PLACE_WORDS["means"]
COMPASS_WORDS = _PLACE_WORDS["compass"]
GROUND_VERBS = _PLACE_WORDS["ground_verb"]
CASUALTY_VERBS = _PLACE_WORDS["casualty_verb"]
PASSING_VERBS = _PLACE_WORDS["passing_verb"]

M = TypeVar("M", DateMention, PlaceMention)
MAX_PLACE_DEPTH = 6  # a place further up the tree than this is about something else (dev: 6 best of 5-8 and none)
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
COUNTRY_DEPTH = 3  # a country further up than this is background (dev: 3 best of 2-6 and none)
INNER_STEPS = 3  # a more specific place wins only this many steps further down (dev: 3 best of 1-5 and none, +2)
CLAUSE_STEPS = 5  # how far up from the trigger its governing clause's place is looked for (dev: 5; 3 gave -0.2 points)
PURPOSE_DEPS = ("xcomp", "acl", "advcl", "relcl")  # with "to": "an offensive to take X", "launched ... to retake X"
MEASURES = ("npadvmod", "nummod", "quantmod")  # "40 km north of", "some 50 km south of"
ONLY_ONE = 99  # Attachment.depth of the sentence's only mention, taken for want of a tree path


@dataclass(frozen=True, slots=True)
class Attachment(Generic[M]):
    mention: M
    depth: int  # tree distance from the trigger; 99 when taken as the sentence's only one


def head_token(tree: Tree, sentence: Sentence, start: int, end: int) -> int | None:
    """The token of a character span whose head lies outside the span (its syntactic head), a punctuation mark the
    span starts with aside ("‘Ayn Al-Fijah": the parser may hang the quote mark on the preposition)."""
    inside = [i for i in range(sentence.token_start, sentence.token_end)
              if tree[i].start < end and tree[i].end > start]
    words = [i for i in inside if tree[i].pos != "PUNCT"]  # "‘Ayn Al-Fijah": the quote mark heads nothing
    for index in words or inside:
        head = tree.head(index)
        if head is None or head not in inside:
            return index
    return inside[0] if inside else None


def attach_mentions(tree: Tree, sentence: Sentence, anchors: Sequence[frozenset[int]], mentions: Sequence[M],
                    *, locative: bool) -> list[Attachment[M] | None]:
    """For each trigger (given by its anchor tokens), the mention attached to it, or None. A place named as a
    reference point ("a town north of Baghdad") is taken only by a trigger that gets no other place."""
    in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end]
    if not locative:
        return _attach(tree, sentence, anchors, in_sentence, locative=False)
    # an actor's adjective ("Syrian troops") is never where the event happened
    in_sentence = [m for m in in_sentence if not _is_demonym(m)]
    located = [m for m in in_sentence if not _reference_point(tree, sentence, m)
               and not _passive_subject(tree, sentence, m)]
    out = _attach(tree, sentence, anchors, located, locative=True)
    if len(located) < len(in_sentence) and None in out:
        again = _attach(tree, sentence, anchors, in_sentence, locative=True)
        out = [first if first is not None else second for first, second in zip(out, again, strict=True)]
    # only then the governing clause's place: a trigger's own reference point beats it ("continued their offensive
    # in rural Aleppo, targeting positions northeast of the Kuweires airport")
    for n, found in enumerate(out):
        if found is None:
            out[n] = _clause_place(tree, sentence, anchors[n], located)
        if out[n] is None and len(located) < len(in_sentence):
            out[n] = _clause_place(tree, sentence, anchors[n], in_sentence)
        if out[n] is None:  # "were killed and 87 wounded in attacks across Iraq": the casualties' one place
            out[n] = _casualty_place(tree, sentence, anchors[n], located)
    return out


def _casualty_place(tree: Tree, sentence: Sentence, anchor: frozenset[int],
                    mentions: Sequence[M]) -> Attachment[M] | None:
    """The place of a casualty verb conjoined to the trigger, which the parser hangs on the last of them: "five
    people were killed and three wounded in an attack in Mosul" gives "killed" Mosul too (one step further)."""
    for child in tree.kids(min(anchor), "conj"):
        if child.lemma.lower() not in CASUALTY_VERBS:
            continue
        found = _attach(tree, sentence, [frozenset({child.i})], mentions, locative=True)[0]
        if found is not None and found.depth < MAX_PLACE_DEPTH:  # the step to the trigger counts
            return Attachment(found.mention, found.depth + 1)
    return None


def _attach(tree: Tree, sentence: Sentence, anchors: Sequence[frozenset[int]], in_sentence: Sequence[M],
            *, locative: bool) -> list[Attachment[M] | None]:
    owner_of = {token: n for n, group in enumerate(anchors) for token in group}
    claimed: list[list[tuple[int, int, M]]] = [[] for _ in anchors]
    quoted = _quoted_tokens(tree, sentence) if locative else []
    heads = [(m, head_token(tree, sentence, m.start, m.end)) for m in in_sentence]
    named = {h: m for m, h in heads if h is not None}
    for mention, head in heads:
        if head is None:
            continue
        found = _first_trigger_above(tree, head, owner_of, locative=locative,
                                     country=_specificity(mention) == 3)
        if found is not None and (not locative or found[1] <= MAX_PLACE_DEPTH) \
                and not _quoted_apart(quoted, head, anchors[found[0]]):
            owner, depth = found
            if locative and _specificity(mention) == 3 and not _directed(tree, head) \
                    and (depth > COUNTRY_DEPTH or _modifier(tree, head)):
                continue
            # a place that says where the named one is loses ties to it ("the Homs neighbourhood of Baba Amr")
            distance = abs(tree[head].i - min(anchors[owner])) \
                + len(tree) * _names_whose(tree, head, mention, named)
            claimed[owner].append((depth, distance, mention))
    out: list[Attachment[M] | None] = []
    for candidates in claimed:
        if candidates:
            depth, best = _choose(candidates)
            out.append(Attachment(best, depth))
        elif len(in_sentence) == 1 and not locative:
            out.append(Attachment(in_sentence[0], ONLY_ONE))
        else:
            out.append(None)
    return out


def _directed(tree: Tree, head: int) -> bool:
    """True for a country a compass word makes an area of ("in southern Egypt", "northwest Pakistan"): a region,
    where an event happens, not the background a bare country often is."""
    return any(k.text.lower() in COMPASS_WORDS for k in tree.kids(head, "amod", "compound"))


def _reference_point(tree: Tree, sentence: Sentence, mention: DateMention | PlaceMention) -> bool:
    """True for a place named to say where another is ("40 miles north of Kabul", "25 km from Algiers", "close to
    Texas"), not for a part of it ("in the north of Iraq")."""
    head = head_token(tree, sentence, mention.start, mention.end)
    parent = tree.head(head) if head is not None else None
    above = tree.head(parent) if parent is not None else None
    return head is not None and parent is not None and above is not None and tree[head].dep == "pobj" \
        and tree[parent].text.lower() in ("of", "from", "to") and tree[above].text.lower() in DISTANCE_WORDS \
        and not tree.kids(above, "det")


def _direction_preposition(tree: Tree, preposition: int) -> bool:
    """True for the "of" or "to" of a bare direction that says where something happened ("a base north of Ramadi",
    "shot close to the town of Poso"); not of a measured distance ("390 km north of Baghdad") nor of one that places
    another place ("a town south of Grozny", "Croydon, south of London"): those name reference points."""
    direction = tree.head(preposition)
    if tree[preposition].text.lower() not in ("of", "to") or direction is None \
            or tree[direction].text.lower() not in DISTANCE_WORDS or tree.kids(direction, *MEASURES):
        return False
    before = direction - 1 if direction > 0 and tree[direction - 1].text != "," else direction - 2
    placed = [i for i in (tree.head(direction), before) if i is not None and i >= 0]  # the parser may hang it anywhere
    return not any(tree[i].pos == "PROPN" or tree[i].lemma.lower() in AREA_NOUNS for i in placed)


def _passive_subject(tree: Tree, sentence: Sentence, mention: DateMention | PlaceMention) -> bool:
    """True for a place that is a passive verb's subject ("Gibraltar was captured", "Kosovo is patrolled by ..."): the
    place acted on, taken only by a trigger that gets no other place, as the small NER takes many a person for a place
    ("Ocalan was captured in Kenya"; on the dev set: -5 when it competed with the other places, +6 so)."""
    head = head_token(tree, sentence, mention.start, mention.end)
    return head is not None and tree[head].dep == "nsubjpass"


def _modifier(tree: Tree, head: int) -> bool:
    """True when a name modifies a noun ("the US embassy", "a U.S. patrol", "Colombia's main cocaine traffickers"):
    for a country, whose it is, not where (a possessive too: dev +8; "in Iraq's north" names an area, an AREA_NOUNS
    lemma)."""
    parent = tree.head(head)
    return tree[head].dep in ("compound", "nmod", "amod", "poss") and parent is not None \
        and tree[parent].lemma.lower() not in AREA_NOUNS


def _names_whose(tree: Tree, head: int, mention: M, named: dict[int, M]) -> bool:
    """True for a known place that modifies a place noun named after "of" by a place inside it ("the Homs
    neighbourhood of Baba Amr", "the key Latakia town of Kabbani"): it says where that place is, the one named;
    not for a name whose noun's "of" names its container ("the Chattar area of Dera Murad district")."""
    noun = tree.head(head)
    if tree[head].dep != "compound" or noun is None or noun == head or _unknown_name(mention):
        return False
    inner = [named[k.i] for p in tree.kids(noun, "prep") if p.text.lower() == "of"
             for k in tree.kids(p.i, "pobj") if k.i in named]
    return any(_inside(m, mention) and (_specificity(m) < _specificity(mention) or _unknown_name(m)) for m in inner)


def _choose(candidates: Sequence[tuple[int, int, M]]) -> tuple[int, M]:
    """Of the places a trigger claims, the nearest in the tree (then in the text), unless a more specific one lies
    inside it ("in Ugbowo area of Benin City", "a village in Dagestan"): a place inside another wins, when it is at
    most ``INNER_STEPS`` steps further ("across the West Bank, protesters clashed ..., drawing fire at a junction
    outside [a town]": the West Bank)."""
    ranked = sorted(candidates, key=lambda c: (c[0], c[1]))
    depth, _, best = ranked[0]
    inner = [c for c in ranked[1:] if _specificity(c[2]) < _specificity(best) and _inside(c[2], best)
             and c[0] <= depth + INNER_STEPS]
    if inner:
        depth, _, best = min(inner, key=lambda c: (_specificity(c[2]), c[0], c[1]))
    return depth, best


def _unknown_name(mention: DateMention | PlaceMention) -> bool:
    return isinstance(mention, PlaceMention) and (mention.place is None or mention.confidence <= UNKNOWN_NAME)


def _inside(inner: DateMention | PlaceMention, outer: DateMention | PlaceMention) -> bool:
    """True when a place lies within another: in its country (a country), its province (a province); a name the
    gazetteer lacks is taken to lie within any place of the sentence in the country the places stage put it in (or
    of none: a sea), not within one of another country ("based in Incirlik, Adana of southern Turkey, has been
    patrolling over northern Iraq": Incirlik is no part of Iraq)."""
    if not isinstance(inner, PlaceMention) or not isinstance(outer, PlaceMention) or outer.place is None:
        return False
    if inner.place is None:
        return True
    if inner.confidence <= UNKNOWN_NAME:  # placed by the places stage where the article is: there, not elsewhere
        return inner.place.country_code == outer.place.country_code or not outer.place.country_code
    if inner.place.country_code != outer.place.country_code:
        return False
    return _specificity(outer) != 2 or inner.place.admin1 == outer.place.admin1


def _specificity(mention: DateMention | PlaceMention) -> int:
    """0 a town, or a name the gazetteer lacks (confidence at most UNKNOWN_NAME: "the village of Mainok"),
    1 a region or site, 2 a province, 3 a country: the event's place is the most specific one claimed."""
    if not isinstance(mention, PlaceMention) or mention.place is None or _unknown_name(mention):
        return 0
    place = mention.place
    if place.feature_class == "A":
        return 2 if place.admin1 else 3
    return 0 if place.feature_class == "P" else 1


def _clause_place(tree: Tree, sentence: Sentence, anchor: frozenset[int],
                  mentions: Sequence[M]) -> Attachment[M] | None:
    """Where no place hangs from the trigger: the place of the clause that governs it ("a car bomb exploded in
    Baghdad, killing 10"), up to ``CLAUSE_STEPS`` heads up, never past a reporting verb (a ``ccomp`` edge:
    "said in Cairo" is where it was said); a noun the trigger's clause describes counts when it is a place
    ("the village of Shura, where bombers were shot")."""
    inside = set(tree.subtree(min(anchor)))
    heads = [(m, head_token(tree, sentence, m.start, m.end)) for m in mentions]
    outside = [(m, h) for m, h in heads if h is not None and h not in inside]
    for step, (parent, child) in enumerate(tree.ancestors(min(anchor)), start=1):
        if step > CLAUSE_STEPS or tree[child].dep in ("ccomp", "parataxis"):
            return None
        if tree[child].dep in ("relcl", "acl"):
            named = [m for m, h in outside if h == parent or (tree.head(h) == parent and tree[h].dep == "pobj")]
            if named:
                return Attachment(min(named, key=_specificity), step)
        claimed = []
        for mention, head in outside:
            found = _first_trigger_above(tree, head, {parent: 0}, locative=True)
            if found is not None and found[1] <= MAX_PLACE_DEPTH:
                claimed.append((_specificity(mention), found[1], mention))
        if claimed:
            best = min(claimed, key=lambda c: (c[0], c[1]))
            return Attachment(best[2], best[1] + step)
    return None


def _quoted_tokens(tree: Tree, sentence: Sentence) -> list[range]:
    """The token ranges between paired quotation marks of the sentence."""
    marks = [i for i in range(sentence.token_start, sentence.token_end) if tree[i].text in QUOTE_MARKS]
    return [range(a + 1, b) for a, b in zip(marks[::2], marks[1::2], strict=False)]


def _quoted_apart(quoted: Sequence[range], head: int, anchor: frozenset[int]) -> bool:
    """True when a place is inside a quotation that its trigger is outside of (a quote about something else)."""
    return any(head in span and not any(a in span for a in anchor) for span in quoted)


def _is_demonym(mention: DateMention | PlaceMention) -> bool:
    """True for a nationality word ("Syrian troops"), as the places stage resolved it: not for a place's own name,
    in any of its spellings, that NER or the tagger took for one ("of Aleppo", "in western Raqqa" for Ar Raqqah;
    telling them apart by the tag and the gazetteer's first name lost 19 sentences of the event_location dev set)."""
    return isinstance(mention, PlaceMention) and mention.demonym


def main_place(mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The article's main place: the place named most often (demonyms aside), the first named on a tie."""
    counts: dict[tuple[str, float, float], list[PlaceMention]] = {}
    for mention in mentions:
        if mention.place is None or mention.demonym:
            continue
        counts.setdefault((mention.place.name, mention.place.lat, mention.place.lon), []).append(mention)
    if not counts:
        return None
    named = max(counts.values(), key=lambda found: (len(found), -found[0].start))
    return named[0]


def _first_trigger_above(tree: Tree, head: int, owner_of: dict[int, int], *, locative: bool,
                         country: bool = False) -> tuple[int, int] | None:
    """The trigger (its number in ``owner_of``) that claims the mention whose head token is ``head``, and the tree
    distance between them; None when no trigger does. A country is never the object of a verb of means ("won the
    title by beating Italy": an opponent)."""
    if head in owner_of and not locative:
        return owner_of[head], 0
    through_locative = False
    depth = 0
    in_phrase = True  # every edge so far inside the place's noun phrase (the trigger's object when a dobj edge comes)
    means_object = False  # the object of a verb that says how or to what end the trigger's event was done, so far
    for parent, child in tree.ancestors(head):
        if locative and tree[child].dep == "ccomp":  # "said a bomb exploded in Baghdad": the reported event's place
            return None
        depth += not _naming_edge(tree, parent, child)
        if means_object:
            means_object = _means_edge(tree, child)
        if tree[child].dep == "dobj" and in_phrase and parent not in owner_of and tree[parent].pos == "VERB" \
                and not country:
            means_object = True  # "began the assault by storming the village of X", "launched an offensive to take X"
        if tree[child].dep == "pobj" and tree[parent].text.lower() in LOCATIVE_PREPOSITIONS:
            through_locative = True
        if tree[child].dep == "pobj" and _passed_by(tree, parent):  # "when a convoy passed by Mir Ali"
            through_locative = True
        if tree[child].dep == "dobj" and in_phrase and _shared_object(tree, parent, owner_of):
            through_locative = True  # "stormed and captured Surjah Kabira": stormed's object too
        if tree[child].dep == "dobj" and in_phrase and _scene_verb(tree, parent):
            through_locative = True  # "shot as he entered a Baghdad mosque"
        if tree[child].dep == "pobj" and _direction_preposition(tree, parent):  # "a base north of Ramadi"
            through_locative = True
        if tree[child].dep == "pobj" and tree[parent].text.lower() in DESTINATION_PREPOSITIONS \
                and tree.head(parent) in owner_of:  # "deployed to Syria"
            through_locative = True
        if tree[child].dep in ("dobj", "npadvmod") and parent in owner_of and in_phrase:  # "shelled Aleppo"
            through_locative = True
        if tree[child].dep in ("nsubjpass", "nsubj") and parent in owner_of and tree[head].dep == "compound" \
                and tree.head(head) == child:  # "a Baghdad mosque was bombed"
            through_locative = True
        if tree[child].dep == "nsubjpass" and parent in owner_of \
                and (child == head or (in_phrase and tree[child].lemma.lower() in AREA_NOUNS)):
            through_locative = True  # "Gibraltar was captured", "the town of Kargil is located"
        in_phrase = in_phrase and _phrase_edge(tree, parent, child)
        if parent in owner_of:
            through_locative = through_locative or (means_object and _means_edge(tree, child))
            if locative and not through_locative:
                return None
            return owner_of[parent], depth
    return None


def _shared_object(tree: Tree, verb: int, owner_of: dict[int, int]) -> bool:
    """True for a verb conjoined right after a trigger that has no object of its own, so that the two share the
    verb's ("the forces stormed and captured Surjah Kabira", "Israel captured and annexed east Jerusalem")."""
    first = tree.head(verb)
    return tree[verb].dep == "conj" and first is not None and first in owner_of and not tree.kids(first, "dobj") \
        and verb == first + 2 and tree[first + 1].dep == "cc"


def _passed_by(tree: Tree, preposition: int) -> bool:
    """True for the "by" of a verb of passing: the place passed by ("detonated when an army convoy passed by Mir
    Ali"), not an agent ("shot by soldiers")."""
    verb = tree.head(preposition)
    return tree[preposition].text.lower() == "by" and verb is not None \
        and tree[verb].lemma.lower() in PASSING_VERBS


def _scene_verb(tree: Tree, verb: int) -> bool:
    """True for a verb that takes the ground as its object, in a clause that sets the scene of the event it depends on
    ("shot as he entered a Baghdad mosque", "captured 11 Iranians when they overran the city of X", "a bomber standing
    in line to enter a Tel Aviv nightclub"); not one conjoined to it (another event: "stormed the Red House") nor
    one before or after it in time ("destroyed before the alliance entered Kosovo")."""
    return tree[verb].lemma.lower() in GROUND_VERBS and tree[verb].dep != "conj" \
        and not any(k.text.lower() in ("before", "after") for k in tree.kids(verb, "mark"))


def _means_edge(tree: Tree, child: int) -> bool:
    """An edge from a verb of means or purpose up to what it serves: "by storming", "an offensive to take"."""
    token = tree[child]
    if token.dep == "pcomp" or (token.dep == "prep" and token.text.lower() in MEANS_PREPOSITIONS):
        return True
    return token.dep in PURPOSE_DEPS and any(k.text.lower() == "to" for k in tree.kids(child, "aux"))


def _phrase_edge(tree: Tree, parent: int, child: int) -> bool:
    """An edge inside one noun phrase: a name's ("the village of X"), an apposition or conjunct ("two villages, X and
    Y"), a possessor or modifier ("Aleppo's suburbs"), a listed member ("strongholds, including Mazar-e-Sharif"). A
    place further down the trigger's object ("captured 11 hit men from the Sinaloa cartel") is not where the object
    was taken (dev +16)."""
    return _naming_edge(tree, parent, child) or tree[child].dep in ("appos", "conj", "poss", "amod", "nmod") \
        or "including" in (tree[child].text.lower(), tree[parent].text.lower())


def _naming_edge(tree: Tree, parent: int, child: int) -> bool:
    """An edge inside one name of a place ("the province of Khost", "a Tel Aviv nightclub", and "the East Ghouta
    region", where the parser makes the proper noun an adjective), or from a place to an area of it that has no name
    of its own ("in Liberia's capital", as "in the capital of Liberia"; not "Mogadishu's Wadajir district"): not
    counted."""
    return tree[child].dep == "compound" or (tree[child].dep == "amod" and tree[child].pos == "PROPN") \
        or (tree[child].dep == "poss" and tree[parent].lemma.lower() in AREA_NOUNS
            and not any(k.pos == "PROPN" for k in tree.kids(parent, "compound", "appos", "nmod", "amod"))
            and not tree.preps(parent, "of")) \
        or (tree[child].dep == "pobj" and tree[parent].text.lower() == "of") \
        or (tree[child].dep == "prep" and tree[child].text.lower() == "of") or _nested_scene(tree, parent, child)


def _nested_scene(tree: Tree, parent: int, child: int) -> bool:
    """The edge of a place phrase inside a place phrase, an agent or a frame ("in two shootouts in southern Egypt",
    "at a market in the town of X", "captured by soldiers in northern Iraq", "killed during clashes in Deraa"): the
    inner "in" adds no distance from the event."""
    above = tree.head(parent)
    return tree[child].dep == "prep" and tree[child].text.lower() in LOCATIVE_PREPOSITIONS \
        and tree[parent].dep == "pobj" and above is not None \
        and tree[above].text.lower() in LOCATIVE_PREPOSITIONS | SCENE_FRAMES


def event_location(mention: PlaceMention, *, fallback: bool = False) -> EventLocation:
    """The record of a place mention as an event location, with an ACLED-style precision:
    1 town (GeoNames class P and anything finer), 2 region (class L), 3 province (class A with an
    admin1 code), 4 country (class A without one); a name the places stage could not put anywhere keeps its text
    and span, with no point and precision 1 (such names are mostly villages). A ``fallback`` (the article's main
    place, taken because the event's sentence names none) is one step coarser: a town gives 2, a province 3."""
    place = mention.place
    if place is None:  # a name the gazetteer lacks, in an article that names no known place: its text alone
        return EventLocation(extracted_place=mention.text, resolved_place=None, geonameid=None, lat=None, lon=None,
                             country_code=None, start=mention.start, end=mention.end, precision=1, fallback=fallback)
    if place.feature_class == "A":
        precision = 3 if place.admin1 else 4
    elif place.feature_class == "L":
        precision = 2
    else:
        precision = 2 if fallback else 1
    return EventLocation(extracted_place=mention.text, resolved_place=place.name, geonameid=place.geonameid,
                         lat=place.lat, lon=place.lon, country_code=place.country_code, start=mention.start,
                         end=mention.end, precision=precision, fallback=fallback)


def with_dateline_fallback(events: Sequence[Event], dateline: PlaceMention | None) -> tuple[Event, ...]:
    """The events, with the dateline's place (resolved by the places stage) as the fallback location of those
    their sentence places nowhere, before the article's main place: it replaces a ``fallback`` location, none, or
    a location without a point (a name the gazetteer lacks, in an article naming no known place: the dateline's
    town is where such a village is looked for, and it has coordinates). Its precision is one step coarser (a town
    2); its span is empty (``start == end == 0``): the cleaner cut the dateline from ``Article.text``, so the
    evidence is ``Article.dateline``, not a sentence."""
    if dateline is None:
        return tuple(events)
    fallback = event_location(dateline, fallback=True)
    return tuple(e if e.event_loc is not None and not e.event_loc.fallback and e.event_loc.lat is not None
                 else replace(e, event_loc=fallback) for e in events)
