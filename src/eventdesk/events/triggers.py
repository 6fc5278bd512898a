"""Find the triggers of one sentence: verbs (with their particles), event nouns, and light verbs
whose event-noun object decides the code ("held talks", "the attacks launched by Israel")."""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.events.lexicon import NAMED_OBJECT, Lexicon, TriggerEntry
from eventdesk.events.roles import Tree
from eventdesk.records import Sentence, Token

__all__ = ["Trigger", "find_triggers"]

PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "dative", "agent"})
NOUN_POS = ("NOUN", "PROPN")
NOUN_MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")
NAMED_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SKIPPED_VERB_DEPS = frozenset({"amod", "compound"})  # "the Egyptian-mediated ceasefire", "armed groups"


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """A trigger found in a sentence. ``entry`` decides the code (the noun's row in a light
    construction); ``clause`` is the token whose arguments are the event's (the verb, the light
    verb, or the noun for a nominal event); ``noun`` is the event noun, if any."""

    entry: TriggerEntry
    kind: str  # "verb", "noun" or "light"
    clause: int
    noun: int | None = None
    light: TriggerEntry | None = None

    @property
    def anchors(self) -> frozenset[int]:
        return frozenset(i for i in (self.clause, self.noun) if i is not None)

    @property
    def token(self) -> int:
        """The token that names the event (the noun of a light construction)."""
        return self.noun if self.noun is not None else self.clause


def find_triggers(tree: Tree, sentence: Sentence, lexicon: Lexicon) -> list[Trigger]:
    """Every trigger of the sentence, in text order; each token takes part in at most one."""
    found: list[Trigger] = []
    used: set[int] = set()
    for index in range(sentence.token_start, sentence.token_end):
        token = tree[index]
        if token.pos in ("VERB", "AUX") and token.dep not in SKIPPED_VERB_DEPS:
            trigger = match_verb(tree, index, lexicon)
            if trigger is None or trigger.anchors & used:
                continue
            if trigger.entry.blocks:  # "met their demands", "fired the minister": nothing, objects included
                used |= trigger.anchors | set(_objects(tree, index, trigger.entry))
                continue
            found.append(trigger)
            used |= trigger.anchors
    nouns: dict[int, TriggerEntry] = {}
    for index in range(sentence.token_start, sentence.token_end):
        if index in used or tree[index].pos not in NOUN_POS:  # (match_noun's own first test, without the call)
            continue
        entry = match_noun(tree, index, lexicon, light=None)
        if entry is not None and not entry.blocks:
            nouns[index] = entry
    heads = nouns | {t.noun: t.entry for t in found if t.noun is not None}
    for index, entry in nouns.items():
        if not _qualifies_head(tree, index, heads):
            found.append(Trigger(entry=entry, kind="noun", clause=index, noun=index))
    return sorted(found, key=lambda t: min(t.anchors))


def _qualifies_head(tree: Tree, index: int, heads: dict[int, TriggerEntry]) -> bool:
    """Whether the noun is a modifier its head trigger's own row codes ("the arson attack" is
    one attack, coded 1712 by the row of "attack" with "arson"), so not an event of its own."""
    token = tree[index]
    head = heads.get(token.head) if token.dep == "compound" and token.head != index else None
    return head is not None and _norm(token.lemma) in (head.object or ())


def match_verb(tree: Tree, index: int, lexicon: Lexicon) -> Trigger | None:
    """The most specific verb row whose particle and object conditions hold."""
    token = tree[index]
    lemma = next((c for c in lemma_candidates(token.lemma, token.text) if lexicon.has_lemma(c, "VERB")), None)
    if lemma is None:
        return None
    for entry in lexicon.rows(lemma, "VERB"):
        if entry.frame in ("speech", "claim") or not _particles_present(tree, index, entry):
            continue
        objects = _objects(tree, index, entry)
        if entry.frame == "light":
            for obj in objects:
                noun_entry = match_noun(tree, obj, lexicon, light=lemma)
                if noun_entry is not None:
                    if noun_entry.blocks:
                        return None  # "held a press conference": explicitly not an event
                    return Trigger(entry=noun_entry, kind="light", clause=index, noun=obj, light=entry)
            continue
        if _object_condition(tree, index, entry, objects):
            return Trigger(entry=entry, kind="verb", clause=index)
    return None


def match_noun(tree: Tree, index: int, lexicon: Lexicon, *, light: str | None) -> TriggerEntry | None:
    """The most specific noun row for the token; rows naming light verbs only after one of them."""
    token = tree[index]
    if token.pos not in NOUN_POS or (token.pos == "PROPN" and token.ent_type):
        return None
    if token.text.isupper() and len(token.text) > 2:  # an acronym ("AIDS"), not an event noun
        return None
    lemma = next((c for c in lemma_candidates(token.lemma, token.text) if lexicon.has_lemma(c, "NOUN")), None)
    if lemma is None:
        return None
    rows = lexicon.rows(lemma, "NOUN")
    modifiers = {_norm(k.lemma) for k in tree.kids(index, *NOUN_MODIFIER_DEPS)}
    modifiers |= {_norm(tree[i].lemma) for i in tree.preps(index, "of")}
    for entry in rows:
        if entry.with_ and (light is None or light not in entry.with_):
            continue
        if entry.object and entry.object not in (("+",), ("-",)) and not modifiers & set(entry.object):
            continue
        return entry
    return None


def lemma_candidates(lemma: str, text: str) -> list[str]:
    """The parser's lemma, then guesses from the word itself for when the lemmatizer slips
    ("staged" -> "stag"): the word, and the word without -s, -es, -d, -ed, -ing (restoring a
    final e or undoubling a consonant)."""
    word = text.lower()
    out = [lemma.lower(), word]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out.append(stem)
            if suffix in ("ing", "ed"):
                out.append(stem + "e")
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.append(stem[:-1])
    return out


def _norm(lemma: str) -> str:
    return lemma.lower().strip("-")


def _particles_present(tree: Tree, index: int, entry: TriggerEntry) -> bool:
    """True when every particle of the row follows the verb: a phrase before it is no particle of
    it ("On 8 June, guards fired at a car" is no "fired on")."""
    words = {k.text.lower() for k in tree.kids(index) if k.dep in PARTICLE_DEPS and k.i > index}
    return all(particle in words for particle in entry.with_)


def _objects(tree: Tree, index: int, entry: TriggerEntry) -> list[int]:
    """Direct object, passive subject (or the noun a passive participle modifies), the objects
    of the row's prepositions ("took part in protests", "went on strike")."""
    token = tree[index]
    out = [k.i for k in tree.kids(index, "dobj", "nsubjpass", "attr", "oprd")]
    if token.dep in ("acl", "relcl") and token.tag == "VBN":
        out.append(token.head)
    for particle in entry.with_:
        out.extend(tree.preps(index, particle))
    # "took part in protests": the object "part" is itself a light word; look through it
    for obj in list(out):
        if tree[obj].lemma.lower() in ("part", "series", "wave", "round", "number", "spate", "string"):
            for word in ("in", "of"):
                out.extend(tree.preps(obj, word))
            out.extend(tree.preps(index, "in"))
    return out


def _object_condition(tree: Tree, index: int, entry: TriggerEntry, objects: list[int]) -> bool:
    if not entry.object:
        return True
    if entry.object == ("-",):
        return not tree.kids(index, "dobj")
    if entry.object == ("+",):
        return bool(objects) or bool(tree.kids(index, "xcomp", "ccomp", "dative"))
    wanted = set(entry.object)
    complements = [k.i for k in tree.kids(index, "xcomp")]  # "vowed to retaliate", "prepared to resume shelling"
    complements += [k.i for c in complements for k in tree.kids(c, "xcomp", "dobj")]
    for obj in objects + complements:
        lemmas = {_norm(tree[obj].lemma), tree[obj].text.lower()}
        lemmas |= {_norm(k.lemma) for k in tree.kids(obj, "compound")}
        if lemmas & wanted or (NAMED_OBJECT in wanted and _names_someone(tree[obj])):
            return True
    return False


def _names_someone(token: Token) -> bool:
    """A proper name of a person, a group or a country ("received Putin"), for the object class ``@name``."""
    return token.pos == "PROPN" and token.ent_type in NAMED_ENTITY_LABELS
