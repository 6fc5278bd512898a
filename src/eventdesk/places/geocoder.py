"""Find toponyms in a parsed article and resolve each to one gazetteer place.

Toponyms come from spaCy's GPE/LOC/FAC entities, plus a scan of capitalised token sequences that the gazetteer knows
and NER missed, demonyms that NER tags NORP ("Syrian" -> Syria, as the geo gold sets count them; "written in Chinese."
is a language), and proper names their words mark as places whatever NER said ("the village of Mainok", "the Hajira
sector", "the capital Grozny", "the capital, Katmandu", "Logo LGA", "the Balata refugee camp", a known city after a
locative preposition, a name NER took for a person or an organisation right after "in", "near", "outside", "inside" or
"around", a name shaped like a place: "Kuweires Military Airport", "Jabal Al-Sha'er", "stormed the Heart Hospital",
"Ikpoba, a border town", "in eastern Ghouta"), a known place after a direction word ("northern Hama", "rural Homs"), a
city of ``ORG_CITY_MIN_POPULATION``+ people NER took for an organisation ("Dhaka"), and a known place (its own name,
or a news spelling of it: "Quraytayn" for Al Qaryatayn) NER took for a person, an organisation, a nationality or a
product where its words mark a place: after a preposition, before a place or site noun ("the Abuja home of"), listed
with a toponym, or the object of a verb that takes ground ("of Aleppo", "Taftanaz, Kafr Zita and Binnish", "captured
Shali"). Excluded: names inside other entities (people, organisations) and inside known organisation names ("Islamic
Jihad in Palestine"). A GPE/LOC/FAC or cued name the gazetteer lacks is placed at the article's focus (in its main
country, the town named most often in its most-named province; else that province, else the country) with confidence
``UNKNOWN_NAME_CONFIDENCE`` (0.3), so its extracted text survives with a coarse point; in an article that names no
known place at all, with none (``place`` None: the extracted text alone); in one whose known places give no focus and
no main country, it is dropped.
Resolution (:mod:`eventdesk.places.ranking`) scores each candidate: a context-free prior (population,
kind: country/capital/division/region, own name vs alternate name) plus the article's context (its main
country, the countries and provinces of the other toponyms, nearness to the places named unambiguously,
and "Town, State" pairs). Confidence: 0.95 for a name with one candidate place, else
0.5 + 0.5 * tanh(best score - runner-up score), at most 0.99.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from eventdesk.places.blocking import Blocker
from eventdesk.places.cues import (
    APPOSED_NOUNS,
    ARTICLES,
    BATTLE_CUES,
    BLOCKING_LABELS,
    CIVIC_WORDS,
    CUE_NOUNS_OF,
    DESIGNATORS,
    DIRECTION_WORDS,
    DISTANCE_CUES,
    FACILITY_WORDS,
    FAITHS,
    GENERIC_PLACE_WORDS,
    HONORIFICS,
    INSTITUTIONS,
    LOCATIVE,
    MISLABELS,
    NAME_ENDS,
    NAME_PART_WORDS,
    NAME_PREPOSITIONS,
    NOUNS_AFTER_NAME,
    PERSON_LOCATIVE,
    PLACE_PREFIXES,
    SCENE_HEADS,
    SITE_HEADS,
    STREET_WORDS,
    TERRITORIAL_VERBS,
    TIME_LABELS,
    TOPONYM_LABELS,
    after_comma,
    capitalised,
    cue_after,
    described_as_place,
    done_to_person,
    governed_by,
    listed_after_cue,
    listed_before_cue,
    listed_with,
    name_before_bracket,
    name_lead,
    owns_a_place,
    placed_by_distance,
    preposition_of,
    proper_runs,
    split_at_brackets,
    taken_captive,
    taken_ground,
    taken_object,
    taken_subject,
    token_before,
    tokens_in,
    unknown_name,
    word_after,
)
from eventdesk.places.gazetteer import DATA, Entry, Gazetteer, normalize_name
from eventdesk.places.ranking import Toponym, apply_containers, focus, inside, lies_in, resolve_all
from eventdesk.places.spelling import own_spelling
from eventdesk.records import ParsedArticle, Place, PlaceMention, Token
from eventdesk.settings import PlaceSettings

DIRECTION_MIN_POPULATION = 15_000  # a known town after a direction word, whatever NER said
DASHES = frozenset({"-", "–", "—"})
UNKNOWN_NAME_CONFIDENCE = 0.3  # a name the gazetteer lacks, placed at the article's focus
SCAN_MIN_POPULATION = 100_000  # a capitalised city name outside NER and after no locative preposition
ORG_CITY_MIN_POPULATION = 100_000  # a city NER took for an organisation ("Dhaka")
NER_PART_MIN_POPULATION = 15_000  # a city name inside a longer entity the gazetteer does not know
# inside a facility's name, a town's name is as often a person's ("Bradley International Airport", "Highland
# Hospital"); a city's is where the facility is ("Baghdad International Airport")
FACILITY_PART_MIN_POPULATION = 100_000

class Geocoder:
    """The places stage. Build once with :meth:`from_settings`; call :meth:`geocode` per article."""

    def __init__(self, gazetteer: Gazetteer, *, organisations: Sequence[str] = ()) -> None:
        self.gazetteer = gazetteer
        self._blocker = Blocker(gazetteer, organisations)

    @classmethod
    def from_settings(cls, settings: PlaceSettings) -> Geocoder:
        lines = (DATA / "organisations.txt").read_text(encoding="utf-8").splitlines()
        organisations = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        return cls(Gazetteer.load(tuple(Path(p) for p in settings.gazetteer)), organisations=organisations)

    # ------------------------------------------------------------------ public

    def geocode(self, parsed: ParsedArticle) -> tuple[PlaceMention, ...]:
        """Toponyms of the article, resolved, sorted by start offset."""
        return self.resolve(parsed, self.find_toponyms(parsed))

    def find_toponyms(self, parsed: ParsedArticle) -> list[tuple[int, int]]:
        """Character spans of the toponyms in the article (not yet resolved)."""
        text = parsed.article.text
        if any("(" in e.text or ")" in e.text for e in parsed.entities):
            parsed = dataclasses.replace(parsed, entities=split_at_brackets(parsed.entities, text))
        blocked = self._blocker.tokens(parsed)
        spans: list[tuple[int, int]] = []
        taken: set[int] = set()
        for entity in parsed.entities:
            tokens = tokens_in(parsed.tokens, entity.start, entity.end)
            if not tokens:
                continue
            whole = self._entity_span(text, entity.start, entity.end, entity.label)
            following = parsed.tokens[tokens[-1].i + 1] if tokens[-1].i + 1 < len(parsed.tokens) else None
            if (entity.label in TOPONYM_LABELS and following is not None and following.text.lower() in DESIGNATORS
                    and following.i not in blocked):
                longer = self._entity_span(text, entity.start, following.end, entity.label)
                if longer is not None:
                    whole = longer
                    tokens = [*tokens, following]
            if whole is None and entity.label in TOPONYM_LABELS:  # "Mazar" of "Mazar-e-Sharif", cut by NER
                joined = self._joined_span(parsed, tokens, entity.label)
                if joined is not None:
                    whole, tokens = joined
            if entity.label in TOPONYM_LABELS and (done_to_person(parsed.tokens, tokens, passive=whole is None)
                                                   or (whole is None and taken_captive(parsed.tokens, tokens))):
                taken.update(t.i for t in tokens)  # "shot Oudeh", "fatally shot Jordan, 23": a person
            elif whole is not None and not any(t.i in blocked for t in tokens):
                spans.append(whole)
                taken.update(t.i for t in tokens)
            elif entity.label in TOPONYM_LABELS and not any(t.i in blocked for t in tokens) \
                    and not (entity.label == "FAC" and _shaped_like_a_person(tokens)):
                part_min = FACILITY_PART_MIN_POPULATION if entity.label == "FAC" else NER_PART_MIN_POPULATION
                found = self._scan(parsed, tokens, part_min=part_min)
                named = any(t.pos == "PROPN" for t in tokens)  # "Brahmins", "Socialites": a common noun NER tagged
                spans.extend(found or (unknown_name(text, entity.start, entity.end) if named else []))
            if entity.label in BLOCKING_LABELS or entity.label in TOPONYM_LABELS:
                taken.update(t.i for t in tokens)
        free = [t for t in parsed.tokens if t.i not in taken and t.i not in blocked]
        spans.extend(self._scan(parsed, free))
        spans.extend(self._cued_names(parsed, blocked, spans))
        spans.extend(self._directed_names(parsed, blocked, spans))
        spans.extend(self._mislabelled(parsed, blocked, spans))
        whole_names = self._bracketed_names(parsed, blocked, spans)
        spans = [s for s in spans if not any(a < s[1] and s[0] < b and (a, b) != s for a, b in whole_names)]
        return sorted(span for span in {*spans, *whole_names} if not self._street_name(parsed, span))

    def _bracketed_names(self, parsed: ParsedArticle, blocked: set[int],
                         spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """"in Town (Province)", the wire and ACLED way of writing a town the reader may not know: the whole name
        between a locative preposition (or another word that leads to a place: :func:`_leads_to_place`) and the
        bracket is one toponym ("San Nicolas de Los Arroyos (Buenos Aires)", "Pisiga Bolivar (Oruro)"), not the
        pieces of it the gazetteer knows as other places ("Los Arroyos", Honduras; "Bolivar", Venezuela); its point,
        when the gazetteer lacks it, is the bracket's place. A whole name the gazetteer lacks keeps a piece that lies
        in the bracket's place ("Libertyville Township (Illinois)": Libertyville, Illinois)."""
        tokens, text = parsed.tokens, parsed.article.text
        found = []
        for token in tokens:
            containers = self._container_after(parsed, token.i) if token.text == "(" else ()
            first = name_before_bracket(tokens, token.i) if containers else None
            if first is None or first == 0 or not _leads_to_place(tokens[first - 1]) \
                    or any(i in blocked for i in range(first, token.i)):
                continue
            whole = (tokens[first].start, tokens[token.i - 1].end)
            pieces = [s for s in spans if whole[0] <= s[0] and s[1] <= whole[1] and s != whole]
            if not self._entries_at(text, *whole) and any(
                    inside(e, c) for s in pieces for e in self._entries_at(text, *s) for c in containers):
                continue
            found.append(whole)
        return found

    def _mislabelled(self, parsed: ParsedArticle, blocked: set[int], spans: Sequence[tuple[int, int]],
                     ) -> list[tuple[int, int]]:
        """A name NER took for a person, an organisation, a nationality or a product that is exactly a known place
        (not a demonym) where its words mark a place: after a preposition ("of Aleppo", "between Deir Hafer and"; for
        a name taken for a person, not "to" or "from": "according to Davis"), also across the words that describe it
        ("in downtown Calais"), or a verb that strikes or takes ground ("shelled Aleppo's eastern districts",
        "Jaffna was captured"), before a place noun ("Aleppo city", "Maru LGA"), as the owner of a part of a place
        ("Grozny's streets"), or in a list with a toponym ("Taftanaz, Kafr Zita")."""
        tokens, text = parsed.tokens, parsed.article.text
        found: list[tuple[int, int]] = []
        for entity in parsed.entities:
            run = tokens_in(tokens, entity.start, entity.end)
            if entity.label not in MISLABELS or not run or any(t.i in blocked for t in run):
                continue
            if run[0].text.lower() == "the":
                run = run[1:]
            if not run or any(s < run[-1].end and run[0].start < e for s, e in [*spans, *found]):
                continue
            start, end = run[0].start, run[-1].end
            following = word_after(tokens, run[-1].i)  # whitespace aside: "conquer   Al-Haffah   city"
            entries = [e for e in self._entries_at(text, start, end)  # "Quraytayn" is Al Qaryatayn's own name too
                       if own_spelling(e, text[start:end]) and not e.demonym
                       and e.kind in ("city", "division", "region")]
            big = any(e.kind != "city" or e.place.population >= ORG_CITY_MIN_POPULATION for e in entries)
            owner = owns_a_place(tokens, run)  # "Grozny's streets"
            if text[start:end].isupper() or not entries or (following in ("'s", "’s") and not big and not owner):
                continue  # "NATO", "Rozen's case": an organisation or a person after all
            before = token_before(tokens, run[0].i)
            previous = before.text.lower() if before is not None else ""
            cue = LOCATIVE if entity.label != "PERSON" else PERSON_LOCATIVE  # "between" is one
            struck = before is not None and before.lemma.lower() in TERRITORIAL_VERBS  # "shelled Aleppo's districts"
            marked = previous in cue or governed_by(tokens, run, cue)  # "in Aleppo", "in downtown Calais"
            if marked or struck or following in NOUNS_AFTER_NAME or listed_with(tokens, run, spans) \
                    or taken_object(tokens, run) or owner or taken_subject(tokens, run):
                found.append((start, end))
        return found

    def _directed_names(self, parsed: ParsedArticle, blocked: set[int], spans: Sequence[tuple[int, int]],
                        ) -> list[tuple[int, int]]:
        """A known place right after a direction word, whatever NER said ("northern Hama", "rural Homs",
        "southern Aleppo" tagged a nationality): a town of ``DIRECTION_MIN_POPULATION``+ people, a division, a
        region or a country (its own name, not a demonym)."""
        tokens, text = parsed.tokens, parsed.article.text
        found: list[tuple[int, int]] = []
        for token in tokens[1:]:
            if tokens[token.i - 1].text.lower() not in DIRECTION_WORDS or not capitalised(token) \
                    or token.i in blocked or any(s < token.end and token.start < e for s, e in [*spans, *found]):
                continue
            for n in range(min(4, len(tokens) - token.i), 0, -1):
                run = tokens[token.i:token.i + n]
                if not capitalised(run[-1]) or any(t.i in blocked for t in run):
                    continue
                entries = self._entries_at(text, run[0].start, run[-1].end)
                if any(not e.demonym and (e.kind != "city" or e.place.population >= DIRECTION_MIN_POPULATION)
                       for e in entries):
                    found.append((run[0].start, run[-1].end))
                    break
        return found

    def _cued_names(self, parsed: ParsedArticle, blocked: set[int], spans: Sequence[tuple[int, int]],
                    ) -> list[tuple[int, int]]:
        """Proper names that their words mark as places whatever NER said: "the village of Mainok", "Shinfida
        village", "Logo LGA", "Sibaya and Chiri villages", "in eastern Ghouta", "Ikpoba, a border town", a known city
        after a locative preposition ("attacks on Aleppo"), a name NER took for a person or an organisation right
        after "in", "near", "outside", "inside" or "around" ("in Wardigley"), and the object of a verb that takes only
        ground ("stormed Mar'e"). A name NER took for a nationality counts only after a cue noun and "of" ("the town
        of Rastan") or before one where it is neither a nationality nor a faith ("Buyir village"; not "a Kurdish
        town", "the Hindu village"); an opening quote mark or an Arabic article written onto the name is part of it
        ("the village of ‘Ayishah", "the town of al-Wafa"), and so are the words a hyphen joins to it ("Jabal
        al-Akrad"). One word after "at" is a place where "in" and a toponym follow it ("detonated the landmine at
        Manigram in Rupandehi district"; not a longer name: "at Mercy Memorial Hospital in Urbana", "at Landmark Bank
        in Gainesville")."""
        tokens, text = parsed.tokens, parsed.article.text
        found = []
        placed_at: list[tuple[int, int, int]] = []  # a word after "at", followed by "in": its span, the token after
        for run in proper_runs(tokens, blocked, nationalities=True):
            lead = name_lead(tokens, run[0])
            start, end = tokens[lead].start, tokens[run[-1]].end
            if any(s < end and start < e for s, e in spans) or any(tokens[i].ent_type in TIME_LABELS for i in run):
                continue  # "demonstrated in the capital Friday": a day, not a name in apposition
            if tokens[run[-1]].text.lower() in INSTITUTIONS:  # "a Syrian Army checkpoint": whose, not which
                continue
            words_before = [t.text.lower() for t in tokens[max(0, lead - 4):lead] if t.text.strip()][-2:]
            before = " ".join(words_before)  # whitespace tokens aside ("the town of   Dhuluiya")
            after = tokens[run[-1] + 1].text.lower() if run[-1] + 1 < len(tokens) else ""
            if any(tokens[i].ent_type == "NORP" for i in run):  # a nationality word only as "the town of Rastan",
                if before.endswith(CUE_NOUNS_OF) or (  # or a name no nationality's before a cue ("Buyir village"):
                        (cue_after(tokens, run[-1]) or listed_before_cue(tokens, run[-1]))
                        and not self._nationality(text, start, end)):
                    found.append((start, end))  # "a Kurdish town" is whose town it is
                continue
            cued = before.endswith(CUE_NOUNS_OF) or before in BATTLE_CUES or before in DISTANCE_CUES \
                or cue_after(tokens, run[-1]) or listed_before_cue(tokens, run[-1]) \
                or listed_after_cue(tokens, run[0]) \
                or before.rsplit(" ", 1)[-1] in APPOSED_NOUNS \
                or (len(words_before) == 2 and words_before[0] in APPOSED_NOUNS and words_before[1] == ",") \
                or described_as_place(tokens, run) or placed_by_distance(tokens, run) \
                or (len(words_before) == 2 and words_before[0] in LOCATIVE and words_before[1] in DIRECTION_WORDS)
            previous = before.rsplit(" ", 1)[-1]
            known_city = previous in LOCATIVE and previous != "of" and any(
                e.kind == "city" and e.primary and e.place.population >= SCAN_MIN_POPULATION
                for e in self._entries_at(parsed.article.text, start, end))
            taken_for_other = previous in NAME_PREPOSITIONS and tokens[run[0]].ent_type in ("PERSON", "ORG") \
                and tokens[run[0]].text.lower().rstrip(".") not in HONORIFICS  # "around Mullah Muhammad Omar"
            # "in General Roca (Rio Negro)": a town written with its province (NER: "Roca", a person)
            bracketed = previous in LOCATIVE and after == "(" and bool(self._container_after(parsed, run[-1] + 1))
            run_tokens = [tokens[i] for i in run]
            words = [t.text.lower() for t in run_tokens]
            shaped = len(words) > 1 and (words[-1] in NAME_ENDS or words[0] in PLACE_PREFIXES)  # "Caprivi Strip"
            preposition = words_before[0] if len(words_before) == 2 and previous in ARTICLES else previous
            governing = preposition_of(tokens, run_tokens)  # "at the high-security Dhaka Central Jail"
            if governing is not None:
                preposition = governing.text.lower()
            shaped = shaped or (len(words) > 1 and words[-1] in SCENE_HEADS and (  # "inside the Al-Bassel Hospital",
                taken_object(tokens, run_tokens) or preposition in NAME_PREPOSITIONS
                or (preposition == "at" and words[-1] in SITE_HEADS)))  # "at X Museum"; "treated at X Hospital": no
            ground = taken_ground(tokens, run_tokens)
            if cued or known_city or taken_for_other or shaped or bracketed or ground:
                found.append(self._known_start(parsed, lead, start, end))
            elif previous == "at" and after == "in" and len(run) == 1:
                placed_at.append((start, end, run[-1] + 2))  # "at Manigram in Rupandehi district", if that is one
        return found + [(start, end) for start, end, index in placed_at
                        if self._toponym_at(parsed, index, [*spans, *found])]

    def _known_start(self, parsed: ParsedArticle, lead: int, start: int, end: int) -> tuple[int, int]:
        """A cued name's span, begun earlier where the words written right before it make a known place with it
        ("Deir ez-Zor" of "the Deir ez-Zor military airport", where the tagger took "Deir" for an adjective and the
        name's run starts at "-Zor")."""
        tokens, text = parsed.tokens, parsed.article.text
        for back in range(min(3, lead), 0, -1):
            first = tokens[lead - back]
            if capitalised(first) and first.text.lower() not in ARTICLES and self._entries_at(text, first.start, end):
                return first.start, end
        return start, end

    def _toponym_at(self, parsed: ParsedArticle, index: int, spans: Sequence[tuple[int, int]]) -> bool:
        """True when a toponym found starts at token ``index`` (an article before it aside)."""
        tokens = parsed.tokens
        if index < len(tokens) and tokens[index].text.lower() in ARTICLES:
            index += 1
        return index < len(tokens) and any(s == tokens[index].start for s, _ in spans)

    def resolve(self, parsed: ParsedArticle, spans: Sequence[tuple[int, int]]) -> tuple[PlaceMention, ...]:
        """Resolve the given toponym spans (character offsets) in their article context."""
        return self._resolve_text(parsed.article.text, spans)

    def locate_name(self, parsed: ParsedArticle, name: str | None,
                    places: Sequence[PlaceMention]) -> PlaceMention | None:
        """A place name from outside the article's text (its dateline: "NABLUS, West Bank", "GAZA CITY"), resolved
        in the context of the article's places; None when the gazetteer does not know it. The name is not in
        ``Article.text`` (the cleaner cut the dateline), so the mention's span is empty: ``start == end == 0``."""
        if not name:
            return None
        parts = [m.span() for m in re.finditer(r"[^,\s](?:[^,]*[^,\s])?", name)]  # "NABLUS", "West Bank"
        if not parts or not self._entries_at(name, *parts[0]):
            return None
        offset = len(name) + 2
        text = f"{name}\n\n{parsed.article.text}"
        resolved = self._resolve_text(text, [*parts, *((m.start + offset, m.end + offset) for m in places)])
        first = next((m for m in resolved if (m.start, m.end) == parts[0]), None)
        if first is None or first.place is None or first.confidence <= UNKNOWN_NAME_CONFIDENCE:
            return None
        return PlaceMention(text=name, start=0, end=0, place=first.place, confidence=first.confidence)

    def _resolve_text(self, text: str, spans: Sequence[tuple[int, int]]) -> tuple[PlaceMention, ...]:
        toponyms = []
        unknown = []
        for start, end in sorted(spans):
            entries = self._entries_at(text, start, end)
            if entries:
                toponyms.append(Toponym(start, end, text[start:end], entries))
            else:
                unknown.append((start, end))
        apply_containers(text, toponyms)
        chosen, context = resolve_all(toponyms)
        mentions = [PlaceMention(text=t.text, start=t.start, end=t.end, place=best.place, confidence=confidence,
                                 demonym=best.demonym)
                    for t, (best, confidence) in zip(toponyms, chosen, strict=True)]
        main = context.main_country()
        container = focus([(t, best) for t, (best, _) in zip(toponyms, chosen, strict=True)], main) or (
            self.gazetteer.country(main) if main else None)
        by_start = {m.start: m for m in mentions if m.place is not None and not m.demonym}
        for start, end in unknown:  # a name the gazetteer lacks: where the article is (its focus, else its country),
            # unless written in a place of another country ("Kutama, Zimbabwe" in an article about South Africa);
            # with no known place at all, nowhere (its text alone, no point)
            written_in = _written_container(text, end, by_start)
            if written_in is not None and container is not None and lies_in(container, written_in):
                written_in = None  # the focus is in it, and nearer ("Matias Romero, Oaxaca State, Mexico")
            if written_in is not None or container is not None or not toponyms:
                mentions.append(PlaceMention(text=text[start:end], start=start, end=end,
                                             place=written_in or container, confidence=UNKNOWN_NAME_CONFIDENCE))
        return tuple(sorted(mentions, key=lambda m: m.start))

    # ------------------------------------------------------------------ finding

    def _joined_span(self, parsed: ParsedArticle, tokens: Sequence[Token], label: str,
                     ) -> tuple[tuple[int, int], list[Token]] | None:
        """The known place an entity is the start of, where NER cut a name joined by hyphens ("Mazar" of
        "Mazar-e-Sharif", "Mazar-i Sharif"): the entity with the hyphened words written onto it and, after them, one
        more capitalised word."""
        text = parsed.article.text
        match = re.match(r"(?:-[^\W\d_]+)+(?:\s[A-Z][^\W\d_]+)?", text[tokens[-1].end:])
        if match is None:
            return None
        end = tokens[-1].end + match.end()
        whole = self._entity_span(text, tokens[0].start, end, label)
        if whole is None:
            return None
        return whole, tokens_in(parsed.tokens, tokens[0].start, end)

    def _entity_span(self, text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
        """The entity's span (less a leading "the" and a trailing "'s") when the whole is a known place."""
        surface = text[start:end]
        match = re.match(r"(?i)the\s+", surface)
        if match:
            start += match.end()
        possessive = re.search(r"['’]s?$", text[start:end])
        if possessive:
            end = start + possessive.start()
        entries = self.gazetteer.entries(text[start:end])
        if label == "NORP":  # "Syrian", "Palestinians": the gold sets ground demonyms to their country
            language = re.search(r"\b(?:in|into|from|speak|speaks|spoke)\s+$", text[max(0, start - 12):start]) and \
                re.match(r"\s*(?:[.,;:)]|and\b|or\b|$)", text[end:end + 5])  # "written in Chinese."
            return (start, end) if any(e.demonym for e in entries) and not language else None
        entries = tuple(e for e in entries if not e.demonym)
        if label in TOPONYM_LABELS:
            entries = tuple(e for e in entries if not e.after_comma or after_comma(text, start))
            return (start, end) if entries else None
        if not entries:
            return None
        words = normalize_name(text[start:end]).split()
        if len(words) > 1 and words[-1] in DESIGNATORS:  # "Ho Chi Minh City" taken for a person
            return (start, end)
        if label == "ORG" and any(e.primary and e.kind in ("region", "country", "division") for e in entries):
            return (start, end)  # "Gaza Strip", "Al-Aqsa Mosque" taken for an organisation
        if label == "ORG" and any(e.primary and e.kind == "city" and e.place.population >= ORG_CITY_MIN_POPULATION
                                  for e in entries):
            return (start, end)  # "Karachi", "Dhaka" taken for an organisation
        if any(e.primary and e.kind == "region" for e in entries):
            return (start, end)  # a curated region ("Darfur") taken for a person
        return None

    def _scan(self, parsed: ParsedArticle, tokens: Sequence[Token], *, part_min: int | None = None,
              ) -> list[tuple[int, int]]:
        """Longest gazetteer names over runs of capitalised tokens; inside an entity (``part_min`` given), a town
        only of that many people or more, but any town before a civic word ("Cavan Town Hall": the town's own)."""
        by_index = {t.i: t for t in tokens}
        spans = []
        i_values = sorted(by_index)
        skip_until = -1
        longest = min(self.gazetteer.max_words + 2, 8)
        for i in i_values:
            if i <= skip_until or not capitalised(by_index[i]):
                continue
            words = _name_words(by_index, i, longest)
            for n in range(len(words), 0, -1):
                run = words[:n]
                if not capitalised(run[-1]) and (n == 1 or run[-1].text.lower() not in DESIGNATORS):
                    continue
                start, end = run[0].start, run[-1].end
                if part_min is not None and n == 1 and run[0].text.lower() in GENERIC_PLACE_WORDS:
                    continue  # "Guantanamo Bay", "the Orontes River": the word names the kind, not a town "Bay"
                civic = part_min is not None and word_after(parsed.tokens, run[-1].i) in CIVIC_WORDS
                if self._accept(parsed, start, end, run[0], part_min=0 if civic else part_min):
                    spans.append((start, end))
                    skip_until = i + n - 1
                    break
        return spans

    def _accept(self, parsed: ParsedArticle, start: int, end: int, first: Token, *, part_min: int | None) -> bool:
        text = parsed.article.text
        entries = self._entries_at(text, start, end)
        if part_min is not None:  # part of an entity ("Frenchmen Street"): not a small town ("Street", Somerset)
            return any(e.kind != "city" or e.place.population >= part_min for e in entries)
        if first.pos != "PROPN" and first.ent_type not in TOPONYM_LABELS:
            return False
        previous = parsed.tokens[first.i - 1].text.lower() if first.i > 0 else ""
        if previous == "(" and _names_where(parsed.tokens, first.i - 1) and not text[start:end].isupper() \
                and re.match(r"\s*[,)]", text[end:end + 3]):
            # "in Mbamga (Dori, Seno)": the bracket names where the name before it is; not "(AU)", nor "VPOTUS (Vice
            # President of the United States)"
            previous = "in"
        for entry in entries:
            if entry.kind in ("country", "division", "region", "continent") and (entry.primary or entry.after_comma
                                                                                  or "." in text[start:end]):
                return True
            if entry.kind == "city" and entry.primary and (entry.place.population >= SCAN_MIN_POPULATION
                                                          or previous in LOCATIVE):
                return True
        return False

    def _street_name(self, parsed: ParsedArticle, span: tuple[int, int]) -> bool:
        """A name before a street word ("gathered in San Martin square", "Bolivar square", "Moreno avenue") is the
        street's or the square's, named after a person far more often than after a small town or a province: a
        place only as a country, a region or a city of ``FACILITY_PART_MIN_POPULATION``+ people under its own name or
        another spelling of it ("the Damascus highway", "a crowded Baquba street"; not "Bolivar square": an alternate
        name of Ciudad Bolivar)."""
        text = parsed.article.text
        following = re.match(r"\s*([a-z]+)\b", text[span[1]:span[1] + 16])
        if following is None or following.group(1) not in STREET_WORDS:
            return False
        name = text[span[0]:span[1]]
        return not any(e.kind in ("country", "region")
                       or (e.kind == "city" and e.place.population >= FACILITY_PART_MIN_POPULATION
                           and own_spelling(e, name))
                       for e in self._entries_at(text, *span))

    def _container_after(self, parsed: ParsedArticle, bracket: int) -> tuple[Entry, ...]:
        """The country and division readings of the first words inside the bracket that token ``bracket`` opens
        ("General Roca (Rio Negro)", "Dubbo (New South Wales)"); none where it is no bracket, or they name no country
        or division."""
        tokens, text = parsed.tokens, parsed.article.text
        if bracket >= len(tokens) or tokens[bracket].text != "(":
            return ()
        words = _name_words({t.i: t for t in tokens[bracket + 1:bracket + 5]}, bracket + 1, 4)
        for n in range(len(words), 0, -1):
            if capitalised(words[n - 1]):
                entries = tuple(e for e in self._entries_at(text, words[0].start, words[n - 1].end)
                                if e.kind in ("country", "division") and not e.demonym)
                if entries:
                    return entries
        return ()

    def _nationality(self, text: str, start: int, end: int) -> bool:
        """True for a word of a nationality ("Kurdish": a demonym the gazetteer knows) or of a faith ("Hindu")."""
        return any(word.lower() in FAITHS for word in text[start:end].split()) \
            or any(e.demonym for e in self._entries_at(text, start, end))

    def _entries_at(self, text: str, start: int, end: int) -> tuple[Entry, ...]:
        entries = self.gazetteer.entries(text[start:end])
        return tuple(e for e in entries if not e.after_comma or after_comma(text, start))


def _name_words(by_index: dict[int, Token], i: int, longest: int) -> list[Token]:
    """The tokens from ``i`` on (at most ``longest``) that can be words of one name: consecutive,
    all in ``by_index``, each capitalised or a name-part word ("of", "al"). Every run ``_scan``
    tries from ``i`` is a prefix of these, so one walk replaces a check per run length."""
    words: list[Token] = []
    j = i
    while len(words) < longest and j in by_index:
        token = by_index[j]
        if not capitalised(token) and token.text.lower() not in NAME_PART_WORDS:
            break
        words.append(token)
        j += 1
    return words


def _shaped_like_a_person(tokens: Sequence[Token]) -> bool:
    """True for a facility NER found that reads like a person's full name: three or more capitalised proper nouns and
    no word of a facility ("the house of Aden Hashi Ayro"; not "Bradley International Airport")."""
    words = [t for t in tokens if t.text.lower() not in ARTICLES]
    return len(words) >= 3 and all(t.pos == "PROPN" and capitalised(t) for t in words) \
        and not {t.text.lower() for t in words} & FACILITY_WORDS


def _names_where(tokens: Sequence[Token], bracket: int) -> bool:
    """The bracket at ``bracket`` follows a capitalised word: "Bougui (Fada Ngourma, Gourma)"."""
    before = token_before(tokens, bracket)
    return tokens[bracket].text == "(" and before is not None and capitalised(before)


def _leads_to_place(token: Token) -> bool:
    """A word before a name that makes it the place of something: a locative preposition ("in Pisiga Bolivar"), a
    verb that strikes or takes ground ("attacked Bideine"), or a dash after the name's city ("Rio de Janeiro - North
    Zone")."""
    return token.text.lower() in LOCATIVE or token.lemma.lower() in TERRITORIAL_VERBS or token.text in DASHES


def _written_container(text: str, end: int, by_start: dict[int, PlaceMention]) -> Place | None:
    """The known place written right after a name and a comma or an opening bracket, as the last part of the name
    ("born in Kutama, Zimbabwe."; "the village of Bougui (Fada Ngourma, Gourma)"; not "Beyond Madinaty, Liverpool
    have ...")."""
    comma = re.match(r"[ \t]*[,(][ \t]*", text[end:end + 8])
    following = by_start.get(end + comma.end()) if comma else None
    if following is None or not re.match(r"\s*(?:[.,;:)]|$)", text[following.end:following.end + 3]):
        return None
    return following.place


__all__ = ["Geocoder"]
