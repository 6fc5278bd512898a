"""The words that mark a toponym for the places stage (:mod:`eventdesk.places.geocoder`), and the token tests it
makes with them: which prepositions, nouns, verbs and name shapes say that a proper name is a place whatever NER
said ("the village of Mainok", "the capital, Katmandu", "Kuweires Military Airport", "captured Shali")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from eventdesk.records import Token

TOPONYM_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "DATE", "TIME",
                   "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "PERCENT"}
LOCATIVE = {"in", "at", "near", "from", "to", "outside", "across", "into", "towards", "toward", "around", "inside",
            "throughout", "between", "via", "of", "on", "over", "above", "through", "beyond"}
CONNECTORS = {"of", "and", "de", "del", "la", "le", "al", "el", "the", "on", "upon", "-", "'s"}
DESIGNATORS = {"city", "strip", "province", "region", "governorate", "oblast", "state", "county", "district",
               "peninsula", "heights", "valley", "territory", "territories"}
CUE_NOUNS = frozenset({"village", "town", "city", "district", "province", "governorate", "region", "neighborhood",
                       "neighbourhood", "suburb", "camp", "locality", "county", "municipality", "outskirts",
                       "countryside", "environs", "port", "capital", "sector", "area", "areas", "base", "airport",
                       "villages", "towns", "cities", "districts", "provinces", "governorates"})
APPOSED_NOUNS = frozenset({"capital", "city", "town", "village", "port"})  # "the capital Grozny" (NER: a person)
DIRECTION_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "rural", "northeastern",
                             "northwestern", "southeastern", "southwestern"})  # "northern Hama" (NER: an organisation)
NAME_PREPOSITIONS = frozenset({"in", "near", "outside", "inside", "around"})  # "in Wardigley" (NER: an organisation)
PLACE_HEADS = frozenset({"airport", "airbase", "springs", "fields", "field", "hill", "hills", "mountain", "mountains",
                         "camp", "dam", "crossing", "checkpoint", "plains", "heights", "valley", "district", "village",
                         "refinery", "bridge", "road", "highway", "base", "factory", "plant", "station", "complex",
                         "prison", "square"})  # "Kuweires Military Airport", "Tal Hamad Hill"
PLACE_PREFIXES = frozenset({"jabal", "jebel", "tal", "tel", "kafr", "khan", "deir", "beit", "wadi", "bir", "ain",
                            "mount", "lake"})  # "Jabal Al-Sha'er", "Kafr Shams": Arabic place words and the like
TERRITORIAL_VERBS = frozenset({"capture", "seize", "storm", "shell", "enter", "patrol", "bomb", "raid", "besiege",
                               "liberate", "overrun", "recapture", "retake", "encircle", "surround", "invade",
                               "occupy", "bombard", "attack", "target"})  # "captured Shali" (NER: a person)
AFTER_CUES = frozenset({"lga", "refugee", "river", "commune", "wharf", "penitentiary", "crossing", "checkpoint",
                        "bazaar", "quarter"})  # "the Balata refugee camp", "Mubingi commune", "the Tigris river"
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})  # a known place NER mislabelled



def tokens_in(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    """The tokens inside [start, end); a binary search, as an article may have 10,000 entities."""
    i = bisect_left(tokens, start, key=attrgetter("start"))
    found = []
    while i < len(tokens) and tokens[i].start < end:
        if tokens[i].end <= end:
            found.append(tokens[i])
        i += 1
    return found


def listed_with(tokens: Sequence[Token], run: Sequence[Token], spans: Sequence[tuple[int, int]]) -> bool:
    """True when a name is conjoined with a toponym ("Taftanaz, Kafr Zita and Binnish"): its head or a conjunct of
    it lies in a toponym's span."""
    inside = {t.i for t in run}
    head = next((t for t in run if t.head not in inside), run[-1])
    related = [tokens[head.head]] if head.dep in ("conj", "appos") else []
    nearby = tokens[max(0, run[0].i - 30):run[-1].i + 30]
    related += [t for t in nearby if t.head == head.i and t.dep in ("conj", "appos")]
    return any(s <= t.start < e for t in related for s, e in spans)


def taken_object(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """True when a name is the object of a verb that takes or strikes ground ("captured Shali", "storming Azaz")."""
    inside = {t.i for t in run}
    head = next((t for t in run if t.head not in inside), run[-1])
    return head.dep == "dobj" and tokens[head.head].lemma.lower() in TERRITORIAL_VERBS


def unknown_name(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A GPE/LOC/FAC entity the gazetteer does not know ("the village of Mainok", "Kuweires Military Airport"),
    less a leading "the" and a trailing "'s": a toponym placed at the article's focus."""
    match = re.match(r"(?i)the\s+", text[start:end])
    if match:
        start += match.end()
    possessive = re.search(r"['’]s?$", text[start:end])
    if possessive:
        end = start + possessive.start()
    name = text[start:end]
    if len(name) < 3 or not name[0].isupper() or not any(c.islower() for c in name):
        return []
    return [(start, end)]


def proper_runs(tokens: Sequence[Token], blocked: set[int]) -> list[list[int]]:
    """Maximal runs of capitalised proper nouns (joined by "-" or "al"), none inside an organisation name."""
    runs: list[list[int]] = []
    current: list[int] = []
    for token in tokens:
        if token.pos == "PROPN" and capitalised(token) and token.i not in blocked and token.ent_type != "NORP":
            if current and token.i != current[-1] + 1:
                runs.append(current)
                current = []
            current.append(token.i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def capitalised(token: Token) -> bool:
    return bool(token.text) and token.text[0].isupper()


def after_comma(text: str, start: int) -> bool:
    """True when the name follows "Word, " (a state or country after its town)."""
    before = text[max(0, start - 40):start].rstrip()
    return before.endswith(",") and bool(re.search(r"[A-Za-z]\.?,$", before))
