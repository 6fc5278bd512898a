"""The words that mark a toponym for the places stage (:mod:`eventdesk.places.geocoder`), and the token tests it
makes with them: which prepositions, nouns, verbs and name shapes say that a proper name is a place whatever NER
said ("the village of Mainok", "the capital, Katmandu", "Kuweires Military Airport", "captured Shali")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
from pathlib import Path

from eventdesk.data import read_word_lists
from eventdesk.records import Entity, Token

TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "DATE",
                             "TIME", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "PERCENT"})
TIME_LABELS = frozenset({"DATE", "TIME"})  # a name NER took for a day ("the capital Friday") is no cued place
CAPTIVE_LABELS = frozenset({"PERSON", "ORG", "EVENT", "WORK_OF_ART", "LAW"})  # what a captive verb takes besides ground
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})  # a known place NER mislabelled
CUE_WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "places" / "cue_words.tsv"
CUE_LISTS = ("locative", "connector", "designator", "cue_noun", "apposed_noun", "direction", "name_preposition",
             "place_head", "place_prefix", "territorial_verb", "ground_verb", "captive_verb", "faith", "person_verb",
             "site_modifier", "list_lead", "institution", "after_cue", "name_article", "site_noun", "scene_head",
             "compass", "civic_word", "title", "street_word", "name_particle", "owned_part", "site_head",
             "distance_unit", "battle_noun", "group_designator", "honorific")


def read_cue_words(path: Path = CUE_WORDS_FILE) -> dict[str, frozenset[str]]:
    """Each cue list of ``data/places/cue_words.tsv`` (its README says what each list does)."""
    return read_word_lists(path, CUE_LISTS, "cue-word file")


# read once, when the stage is imported; the lists never change after
_CUE_WORDS = read_cue_words()
LOCATIVE = _CUE_WORDS["locative"]
CONNECTORS = _CUE_WORDS["connector"]
DESIGNATORS = _CUE_WORDS["designator"]
CUE_NOUNS = _CUE_WORDS["cue_noun"]
APPOSED_NOUNS = _CUE_WORDS["apposed_noun"]
DIRECTION_WORDS = _CUE_WORDS["direction"]
NAME_PREPOSITIONS = _CUE_WORDS["name_preposition"]
PLACE_HEADS = _CUE_WORDS["place_head"]
PLACE_PREFIXES = _CUE_WORDS["place_prefix"]
TERRITORIAL_VERBS = _CUE_WORDS["territorial_verb"]
GROUND_VERBS = _CUE_WORDS["ground_verb"]
CAPTIVE_VERBS = _CUE_WORDS["captive_verb"]
FAITHS = _CUE_WORDS["faith"]
PERSON_VERBS = _CUE_WORDS["person_verb"]
SITE_MODIFIERS = _CUE_WORDS["site_modifier"]
LIST_LEADS = _CUE_WORDS["list_lead"]
INSTITUTIONS = _CUE_WORDS["institution"]
AFTER_CUES = _CUE_WORDS["after_cue"]
NAME_ARTICLES = _CUE_WORDS["name_article"]
SITE_NOUNS = _CUE_WORDS["site_noun"]
SCENE_HEADS = _CUE_WORDS["scene_head"] | _CUE_WORDS["site_head"]
SITE_HEADS = _CUE_WORDS["site_head"]  # a scene head that "at" marks as the scene too
DISTANCE_UNITS = _CUE_WORDS["distance_unit"]
COMPASS_WORDS = _CUE_WORDS["compass"]
CIVIC_WORDS = _CUE_WORDS["civic_word"]
STREET_WORDS = _CUE_WORDS["street_word"]
NAME_PARTICLES = _CUE_WORDS["name_particle"]
LONE_WORDS = COMPASS_WORDS | _CUE_WORDS["title"]  # no toponym standing alone
HONORIFICS = _CUE_WORDS["honorific"] | _CUE_WORDS["title"]  # before a name: a person's ("around Mullah Omar")
# the unions the stage tests tokens against, made once here rather than for every name
PERSON_LOCATIVE = LOCATIVE - {"to", "from"}  # "according to Davis": no place
NOUNS_AFTER_NAME = CUE_NOUNS | DESIGNATORS | SITE_NOUNS | {"lga"}  # "Aleppo city", "Maru LGA", "the Abuja home"
OWNED_PLACE_NOUNS = CUE_NOUNS | _CUE_WORDS["owned_part"]  # "Grozny's streets", "Pervomayskaya's perimeter"
CUES_AFTER_NAME = CUE_NOUNS | AFTER_CUES  # "Idlib countryside", "the Balata refugee camp"
CUE_NOUNS_OF = tuple(f"{word} of" for word in sorted(CUE_NOUNS))  # "the village of Mainok"
DISTANCE_CUES = frozenset(f"{unit} {word}" for unit in DISTANCE_UNITS for word in ("of", "from"))  # "11 km of X"
BATTLE_CUES = frozenset(f"{word} {preposition}" for word in _CUE_WORDS["battle_noun"] for preposition in ("of", "for"))
NAME_PART_WORDS = CONNECTORS | DESIGNATORS  # the lower-case words a place name may hold
# the last words that make a name of more than one word a place, whatever NER said ("Caprivi Strip", "Kuweires
# Military Airport"); not those that end groups' names as often ("Islamic State", "Manchester City")
NAME_ENDS = PLACE_HEADS | (DESIGNATORS - _CUE_WORDS["group_designator"])
# the common nouns that name a kind of place ("Bay", "River", "City"): inside a longer name, no town of that name
GENERIC_PLACE_WORDS = DESIGNATORS | PLACE_HEADS | PLACE_PREFIXES | CUES_AFTER_NAME
# the words that make a name a facility's or a site's ("Bradley International Airport", "Sligo Town Hall")
FACILITY_WORDS = PLACE_HEADS | SCENE_HEADS | SITE_NOUNS | CIVIC_WORDS | STREET_WORDS | DESIGNATORS | CUES_AFTER_NAME
ARTICLES = frozenset({"a", "an", "the"})
LIST_JOINS = frozenset({",", "and"})  # between the names of a list
HYPHENS = frozenset({"-", "‐", "‑"})
NAME_LEAD_WORDS = frozenset({"al", "el", "-", "‘", "'", "’"})  # written onto a name's start: "al-Wafa", "‘Ayishah"


def tokens_in(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    """The tokens inside [start, end); a binary search, as an article may have 10,000 entities."""
    i = bisect_left(tokens, start, key=attrgetter("start"))
    found = []
    while i < len(tokens) and tokens[i].start < end:
        if tokens[i].end <= end:
            found.append(tokens[i])
        i += 1
    return found


def run_head(run: Sequence[Token]) -> Token:
    """The token of a name's run whose head lies outside the run (its syntactic head)."""
    inside = {t.i for t in run}
    return next((t for t in run if t.head not in inside), run[-1])


def listed_with(tokens: Sequence[Token], run: Sequence[Token], spans: Sequence[tuple[int, int]]) -> bool:
    """True when a name is conjoined with a toponym ("Taftanaz, Kafr Zita and Binnish"): its head or a conjunct of
    it lies in a toponym's span."""
    head = run_head(run)
    related = [tokens[head.head]] if head.dep in ("conj", "appos") else []
    nearby = tokens[max(0, run[0].i - 30):run[-1].i + 30]
    related += [t for t in nearby if t.head == head.i and t.dep in ("conj", "appos")]
    return any(s <= t.start < e for t in related for s, e in spans)


def cue_after(tokens: Sequence[Token], last: int) -> bool:
    """True when a cue noun follows the name ending at token ``last``, right after it or after one modifier ("Idlib
    countryside", "the Tiyas air base", "Kawkab army base")."""
    following = [t.text.lower() for t in tokens[last + 1:last + 3]]
    return bool(following) and (following[0] in CUES_AFTER_NAME or (
        len(following) == 2 and following[0] in SITE_MODIFIERS and following[1] in CUES_AFTER_NAME))


def first_listed(tokens: Sequence[Token], token: Token) -> Token:
    """The first member of the list a token is a later member of ("Manapa" in "Cailaco and Manapa": "Cailaco")."""
    for _ in range(8):  # a list's length; parses are trees, the bound only guards against a malformed one
        if token.dep != "conj" or token.head == token.i:
            break
        token = tokens[token.head]
    return token


def listed_after_cue(tokens: Sequence[Token], first: int) -> bool:
    """True when the name starting at token ``first``, or the list it is a member of, follows a plural cue noun and a
    word that lists ("villages like Cailaco and Manapa", "towns such as Qoryoley")."""
    start = min(first, first_listed(tokens, tokens[first]).i)
    while start > 0 and (tokens[start - 1].text in NAME_LEAD_WORDS or tokens[start - 1].pos == "PROPN"):
        start -= 1
    before = [t.text.lower() for t in tokens[max(0, start - 4):start]]
    if before[-2:] == ["such", "as"]:  # "towns such as X": "such" aside
        before = [*before[:-2], "as"]
    return len(before) >= 2 and before[-1] in LIST_LEADS and before[-2] in CUE_NOUNS and before[-2].endswith("s")


def listed_before_cue(tokens: Sequence[Token], last: int) -> bool:
    """True when a name (ending at token ``last``) is listed with others before a plural cue noun that covers them all
    ("Sibaya and Chiri villages", "the Al-Assad and Minyan suburbs")."""
    joined = False
    for token in tokens[last + 1:last + 12]:
        if token.text in LIST_JOINS:
            joined = True
        elif not (capitalised(token) or token.text in NAME_LEAD_WORDS or token.text.lower() in NAME_PART_WORDS):
            word = token.text.lower()
            return joined and word in CUES_AFTER_NAME and word.endswith("s")
    return False


def taken_object(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """True when a name is the object of a verb that takes or strikes ground ("captured Shali", "storming Azaz")."""
    head = run_head(run)
    return head.dep == "dobj" and tokens[head.head].lemma.lower() in TERRITORIAL_VERBS


def preposition_of(tokens: Sequence[Token], run: Sequence[Token]) -> Token | None:
    """The preposition, before the name, that the parse makes the name the object of, across whatever words stand
    between ("at the high-security Dhaka Central Jail"), or None."""
    head = run_head(run)
    return tokens[head.head] if head.dep == "pobj" and head.head < run[0].i else None


def governed_by(tokens: Sequence[Token], run: Sequence[Token], prepositions: frozenset[str]) -> bool:
    """True when a name is the object of one of the prepositions across the words that describe it, with no article
    between ("in downtown Calais", "in Serb-held Vogosca", "in nearby Eerde"; not "in the Honda")."""
    preposition = preposition_of(tokens, run)
    return preposition is not None and preposition.text.lower() in prepositions \
        and not any(t.pos == "DET" for t in tokens[preposition.i + 1:run[0].i])


def owns_a_place(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """True when a name is the possessor of a part or site of a place ("Grozny's streets", "Papeete's main stadium",
    "Pervomayskaya's perimeter"): a place, whatever NER said; not of a site a person or a firm may own ("Zara's
    headquarters", "Vernon's Funeral Home")."""
    head = run_head(run)
    return head.dep == "poss" and tokens[head.head].lemma.lower() in OWNED_PLACE_NOUNS


def taken_subject(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """True when a name is the passive subject of a verb that only ever takes ground ("Jaffna was captured",
    "Samashki and Bamut were encircled")."""
    head = first_listed(tokens, run_head(run))
    return head.dep == "nsubjpass" and tokens[head.head].lemma.lower() in GROUND_VERBS


def done_to_person(tokens: Sequence[Token], run: Sequence[Token], *, passive: bool = True) -> bool:
    """True when a name is the object of a verb that takes people ("shot Oudeh"), or (``passive``) its subject in
    the passive ("Oudeh was shot"; not for a known place: "a Kabul man was arrested" is no Kabul arrested)."""
    head = run_head(run)
    deps = ("dobj", "nsubjpass") if passive else ("dobj",)
    return head.dep in deps and tokens[head.head].lemma.lower() in PERSON_VERBS


def taken_captive(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """True for a one-word name the gazetteer lacks as the object of a verb that takes people as well as ground
    ("captured Ocalan in Kenya", "Khadr was captured in July 2002"): NER's place tag aside, most often a person."""
    head = run_head(run)
    return len(run) == 1 and head.dep in ("dobj", "nsubjpass") and not _listed(tokens, head) \
        and tokens[head.head].lemma.lower() in CAPTIVE_VERBS


def _stormed_too(tokens: Sequence[Token], verb: Token) -> bool:
    """True for a verb that also takes people conjoined to one that takes only ground, whose object it shares
    ("stormed and captured Surjah Kabira")."""
    if verb.dep != "conj" or verb.head == verb.i:
        return False
    other = tokens[verb.head].lemma.lower()
    return other in GROUND_VERBS and other not in CAPTIVE_VERBS


def _listed(tokens: Sequence[Token], token: Token) -> bool:
    """True for a member of a list of names ("Grahovo and Glamoc")."""
    return token.dep == "conj" or any(t.head == token.i and t.dep == "conj" for t in tokens)


def taken_ground(tokens: Sequence[Token], run: Sequence[Token]) -> bool:
    """True when a name, or a name listed with it, is the object of a verb that only ever takes ground ("stormed
    Mar'e", "captured Surjah Kabira and Surjah Saghira"), so a place even where the gazetteer lacks it; after a verb
    that also takes people or prizes ("captured", "seized"), not a name NER took for a person, a group, an event or
    a work ("captured Hamas", "captured the Nations Cup")."""
    named = run_head(run)
    head = first_listed(tokens, named)  # up a list: "Grahovo and Glamoc", "Fuah and Kafraya"
    if head.dep != "dobj":
        return False
    verb = tokens[head.head].lemma.lower()
    if verb not in GROUND_VERBS or all(t.text.isupper() for t in run):  # "storming the SAA": a force
        return False
    if verb not in CAPTIVE_VERBS or _stormed_too(tokens, tokens[head.head]):  # "stormed and captured X"
        return True
    return run[0].ent_type not in CAPTIVE_LABELS and (len(run) > 1 or _listed(tokens, named))


def token_before(tokens: Sequence[Token], i: int) -> Token | None:
    """The token before token ``i`` that is not whitespace ("to conquer   Al-Haffah"), if any."""
    j = i - 1
    while j >= 0 and not tokens[j].text.strip():
        j -= 1
    return tokens[j] if j >= 0 else None


def token_after(tokens: Sequence[Token], i: int) -> Token | None:
    """The token after token ``i`` that is not whitespace ("South         Main St."), if any."""
    j = i + 1
    while j < len(tokens) and not tokens[j].text.strip():
        j += 1
    return tokens[j] if j < len(tokens) else None


def word_after(tokens: Sequence[Token], i: int) -> str:
    """The lower-case text of the token after token ``i`` that is not whitespace ("Al-Haffah   city"), else ""."""
    after = token_after(tokens, i)
    return after.text.lower() if after is not None else ""


def described_as_place(tokens: Sequence[Token], run: Sequence[int]) -> bool:
    """True when a comma and a noun phrase headed by a cue noun follow the name ("Ikpoba, a border town between ...",
    "Mir Ali, a major town in ..."); not when the noun only modifies another ("Smith, a village elder")."""
    j = run[-1] + 1
    if j + 2 >= len(tokens) or tokens[j].text != "," or tokens[j + 1].text.lower() not in ARTICLES:
        return False
    for token in tokens[j + 2:j + 6]:
        if token.text.lower() in CUE_NOUNS and token.pos == "NOUN":
            return token.dep not in ("compound", "poss")
        if token.pos not in ("ADJ", "NOUN", "ADV", "PUNCT") or token.text == ",":
            return False
    return False


def placed_by_distance(tokens: Sequence[Token], run: Sequence[int]) -> bool:
    """True when a comma and a distance follow the name ("in Ishaki, 100 kilometers north of the capital",
    "Kasumbalesa, about 9 km from Lubumbashi"): a place said to lie that far from another."""
    following = [t for t in tokens[run[-1] + 1:run[-1] + 6] if t.text.strip()]
    if len(following) < 3 or following[0].text != ",":
        return False
    rest = following[1:]
    if rest[0].pos == "ADV" or rest[0].text.lower() in ("about", "some"):  # "about 9 km", "some 40 miles"
        rest = rest[1:]
    return len(rest) >= 2 and rest[0].pos == "NUM" and rest[1].text.lower() in DISTANCE_UNITS


def unknown_name(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A GPE/LOC/FAC entity the gazetteer does not know ("the village of Mainok", "Kuweires Military Airport"),
    less a leading "the" and a trailing "'s": a toponym placed at the article's focus."""
    match = re.match(r"(?i)the\s+", text[start:end])
    if match:
        start += match.end()
    possessive = re.search(r"['’]s?$", text[start:end])
    if possessive:
        end = start + possessive.start()
    day = re.search(r"\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", text[start:end])
    if day:  # "Thailand's restive South Saturday": the day is no part of the name
        end = start + day.start()
    name = text[start:end]
    if len(name) < 3 or not name[0].isupper() or not any(c.islower() for c in name) or name.lower() in LONE_WORDS:
        return []
    if re.search(r"\s\s+s\b", name):  # "People   s Protection Units": a possessive whose apostrophe was lost
        return []
    return [(start, end)]


def proper_runs(tokens: Sequence[Token], blocked: set[int], *, nationalities: bool = False) -> list[list[int]]:
    """Maximal runs of capitalised proper nouns (joined by "-" or "al"), none inside an organisation name; words NER
    took for a nationality only when ``nationalities`` ("the town of Rastan", NER: a nationality), then also where the
    tagger made them adjectives ("Srisakorn district", "Gagrian and Sawjian area")."""
    runs: list[list[int]] = []
    current: list[int] = []
    for token in tokens:
        proper = token.pos == "PROPN" or (nationalities and token.ent_type == "NORP")  # "Srisakorn district": ADJ
        if proper and capitalised(token) and not hyphened_word(token) and token.i not in blocked \
                and (nationalities or token.ent_type != "NORP"):
            if current and token.i != current[-1] + 1:
                runs.append(current)
                current = []
            current.append(token.i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return joined_runs(tokens, runs)


def joined_runs(tokens: Sequence[Token], runs: list[list[int]]) -> list[list[int]]:
    """Runs joined across a hyphen written onto the next word, with a short lower-case particle before it ("Al-Malaah",
    "Hanish al-Kabir", "Deir ez-Zor", "Mazar-e-Sharif"): one name, not two."""
    joined: list[list[int]] = []
    for run in runs:
        if joined and hyphen_joint(tokens, joined[-1][-1] + 1, run[0]):
            joined[-1] = [*joined[-1], *range(joined[-1][-1] + 1, run[0]), *run]
        else:
            joined.append(run)
    return joined


def hyphen_joint(tokens: Sequence[Token], first: int, end: int) -> bool:
    """True when the tokens in [first, end) are hyphens and at most one particle ("-", "al -", "- e -") ending in a
    hyphen written onto the next word, with no space but before the particle ("Hanish al-Kabir"; not "Wednesday in
    al-Thawra")."""
    between = tokens[first:end]
    if not 1 <= len(between) <= 3 or between[-1].text not in HYPHENS or between[-1].end != tokens[end].start:
        return False
    particles = 0
    for previous, token in zip(tokens[first - 1:end - 1], between, strict=True):
        particle = token.text.islower() and token.text.isalpha() and len(token.text) <= 3
        particles += particle
        if not (token.text in HYPHENS or particle) or (previous.end != token.start and not particle):
            return False
    return particles <= 1


def name_lead(tokens: Sequence[Token], first: int) -> int:
    """The index where a name starting at token ``first`` really begins: before an opening quote mark or an Arabic
    article written onto it ("the village of ‘Ayishah", "the town of al-Wafa"), which the tokenizer splits off."""
    start = first
    while start > 0 and tokens[start - 1].end == tokens[start].start \
            and tokens[start - 1].text.lower() in NAME_LEAD_WORDS:
        start -= 1
    return start


def capitalised(token: Token) -> bool:
    return bool(token.text) and token.text[0].isupper()


def hyphened_word(token: Token) -> bool:
    """True for one token that ends in a lower-case word after a hyphen ("U.S.-run", "Kremlin-backed"): a modifier,
    not a name."""
    last = token.text.rsplit("-", 1)[-1]
    return "-" in token.text and last.isalpha() and last.islower()


def lone_words(tokens: Sequence[Token], text: str) -> set[int]:
    """Tokens that are a compass word or a title standing alone as a name ("the West", "across the South", "the
    Sultan of Oman"): a part of the world or of a country, or a person, not the towns so named, unless written
    "West, Texas". Beside another capitalised word it is part of a name ("West Bank", "South Sudan", "Kanye West",
    "King Abdullah")."""
    found = set()
    for token in tokens:
        if token.text.lower() not in LONE_WORDS or not token.text[:1].isupper():
            continue
        before, after = token_before(tokens, token.i), token_after(tokens, token.i)
        beside_name = (before is not None and before.pos == "PROPN" and capitalised(before)) or (
            after is not None and (capitalised(after) or after.text[:1].isdigit()))  # "South Korean", "West 11th"
        written_with_container = re.match(r",\s*[A-Z]", text[token.end:token.end + 4]) is not None
        if not beside_name and not written_with_container:
            found.add(token.i)
    return found


def split_at_brackets(entities: Sequence[Entity], text: str) -> tuple[Entity, ...]:
    """Entities NER ran across a bracket ("Dubbo (New South Wales", ORG) split into the names on each side, each
    with the entity's label: "Town (Province)" is the wire and ACLED way of writing "Town, Province"."""
    split: list[Entity] = []
    for entity in entities:
        if "(" not in entity.text and ")" not in entity.text:
            split.append(entity)
            continue
        for part in re.finditer(r"[^()]+", entity.text):
            words = re.search(r"\S(?:.*\S)?", part.group())
            if words is not None:
                start = entity.start + part.start() + words.start()
                split.append(Entity(text=words.group(), start=start, end=start + len(words.group()),
                                    label=entity.label))
    return tuple(split)


def name_before_bracket(tokens: Sequence[Token], bracket: int, longest: int = 7) -> int | None:
    """The first token of the name written right before the bracket at ``bracket``: proper nouns, and the particles
    between them ("San Nicolas de Los Arroyos (Buenos Aires)", "Pisiga Bolivar (Oruro)"); None when the word before
    the bracket is no proper noun."""
    first = None
    i = bracket - 1
    while i >= 0 and bracket - i <= longest:
        token = tokens[i]
        if token.pos == "PROPN" and capitalised(token):
            first = i
        elif token.text.lower() not in NAME_PARTICLES or first is None:
            break
        i -= 1
    return first


def after_comma(text: str, start: int) -> bool:
    """True when the name follows "Word, " or "Word (" (a state or country after its town: "Louisville, Ky.",
    "San Fernando (Buenos Aires)")."""
    before = text[max(0, start - 40):start].rstrip()
    return before.endswith((",", "(")) and bool(re.search(r"[A-Za-z]\.?(?:,|\s*\()$", before))
