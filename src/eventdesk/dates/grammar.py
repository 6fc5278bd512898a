"""Find time expressions in text with regular expressions built from the word lists.

``Grammar.find(text)`` proposes candidates (non-overlapping, longest first) and joins two of
them into a range where the text says so ("January 23 - March 9 2014", "between Monday and
Wednesday"). It never proposes a duration: "for three days", "53 years" and "a two-year term"
have no pattern. Month and weekday names count only when capitalised in the text.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from eventdesk.dates.expressions import (
    CalendarDate,
    Expression,
    Part,
    Period,
    Range,
    Relation,
    Shift,
    Weekday,
    Weekend,
)
from eventdesk.dates.gate import case_probe, gated, needed_words
from eventdesk.dates.lexicon import Lexicon, Reference, Unit

Form = Literal["", "year", "month", "weekday", "holiday"]
_RELATIONS: dict[str, Relation] = {
    "last": "last", "past": "last", "this past": "last",
    "next": "next", "coming": "next", "this coming": "next",
    "this": "this", "the": "",
    "the next": "story_next", "the following": "story_next",
    "the previous": "story_previous", "that": "story_same",
}  # fmt: skip
_PART_OF_DAY = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)\]\"”]|$)")
_RANGE_JOINT = re.compile(r"\s*(?:[-–—]|to|through|thru|until|till|and)\s*", re.IGNORECASE)
_COUNTED_UNITS: dict[str, tuple[Unit, int]] = {
    "day": ("day", 1), "week": ("week", 1), "month": ("month", 1), "year": ("year", 1),
    "decade": ("year", 10), "century": ("year", 100), "centurie": ("year", 100),
}  # fmt: skip
# words after which "May" is a month (not the modal verb), "the summer" a season and a lone
# four-digit number a year
TIME_CUES = frozenset(
    {"in", "during", "over", "since", "until", "till", "by", "through", "throughout", "before", "after", "from"}
    | {"of", "to", "between", "and", "circa", "around"}
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A time expression found in the text. ``form`` marks the bare forms whose reading the
    parse must confirm: a lone four-digit number, month name, weekday name or holiday name."""

    start: int
    end: int
    expression: Expression
    form: Form = ""


Builder = Callable[[re.Match[str], str], Candidate | None]


class Grammar:
    """The patterns, compiled once from a ``Lexicon``."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._patterns: list[tuple[re.Pattern[str], Builder]] = [
            (re.compile(gated(source), re.IGNORECASE), builder) for source, builder in self._sources()
        ]
        self._names = re.compile(gated(rf"\b(?:{_alternation(lexicon.exclusion_names)})\b"), re.IGNORECASE)
        # per pattern (the names last), words one of which each match contains: absent, no scan
        self._needed = [needed_words(pattern.pattern) for pattern, _ in self._patterns]
        self._names_needed = needed_words(self._names.pattern)

    def find(self, text: str, accept: Callable[[Candidate], bool] = lambda _: True) -> list[Candidate]:
        """Candidates in text order; ``accept`` vets each one before ranges are joined."""
        probe = case_probe(text)
        names = self._names.finditer(text) if _may_match(probe, self._names_needed) else ()
        blocked = [m.span() for m in names]
        proposed = [c for c in self._propose(text, probe) if not any(c.start < e and s < c.end for s, e in blocked)]
        chosen: list[Candidate] = []
        for candidate in sorted(proposed, key=lambda c: (c.start - c.end, c.start)):
            if all(candidate.end <= other.start or other.end <= candidate.start for other in chosen):
                chosen.append(candidate)
        return join_ranges(text, [c for c in sorted(chosen, key=lambda c: c.start) if accept(c)])

    def _propose(self, text: str, probe: str) -> Iterator[Candidate]:
        for (pattern, builder), needed in zip(self._patterns, self._needed, strict=True):
            if not _may_match(probe, needed):
                continue
            for match in pattern.finditer(text):
                candidate = builder(match, text)
                if candidate is not None and candidate.end > candidate.start:
                    yield candidate

    # ------------------------------------------------------------------ patterns

    def _sources(self) -> list[tuple[str, Builder]]:
        lex = self.lexicon
        abbreviations = _alternation(n for n, (_, full) in lex.months.items() if not full)
        month = rf"(?P<month>(?:{_alternation(lex.months)})\b|(?:{abbreviations})\b\.)"
        full_month = rf"(?P<month>{_alternation(n for n, (_, full) in lex.months.items() if full)})\b"
        weekday_prefix = rf"(?:(?P<weekday>{_alternation(lex.weekdays)})\b\.?,?\s+)?"
        full_weekday = rf"(?P<weekday>{_alternation(n for n, (_, full) in lex.weekdays.items() if full)})\b"
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
        day2 = r"(?:\s*(?:[-–—]|to|through|until|till|and)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]))?"
        year = r"(?P<year>\d{4})(?!\d)"
        relations = rf"(?:(?P<rel>{_alternation(w for w in _RELATIONS if w != 'the')})\s+)"
        cardinals, ordinals = _alternation(lex.cardinals), _alternation(lex.ordinals)
        month_relations = _alternation(w for w, r in _RELATIONS.items() if r in ("last", "next", "this"))
        modifier = self._part_modifier()
        nouns = _alternation(w for w, span in lex.parts.items() if span.noun)
        long_relative = _alternation(
            phrase for phrase, r in lex.relative.items() if r.unit in ("month", "year") and not r.clause_end
        )
        return [
            (r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b", self._numeric),
            (r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b", self._numeric),
            (rf"\b{weekday_prefix}{modifier}?{month}\s+{day}{day2}(?:,?\s+{year})?", self._calendar),
            (rf"\b{weekday_prefix}(?:the\s+)?{day}{day2}\s+(?:of\s+)?{month}(?:,?\s+{year})?", self._calendar),
            (rf"\b(?:the\s+)?(?P<ordinal>{ordinals})\s+of\s+{month}(?:,?\s+{year})?", self._calendar),
            (rf"\b{modifier}?{month}\s+(?:of\s+)?{year}", self._calendar),
            (rf"\b{modifier}?(?:(?P<rel>{month_relations})\s+)?{full_month}", self._calendar),
            (rf"\b{modifier}?{year}", self._calendar),
            (rf"\b{relations}?{full_weekday}{_PART_OF_DAY}", self._weekday),
            (rf"\b{modifier}(?P<phrase>{long_relative}|the\s+(?:year|month))\b", self._part_of_relative),
            (rf"\b(?P<whole>year|month)[\s-](?P<portion>{nouns})\b", self._part_of_relative),
            (rf"\b(?:(?P<mod>earlier|later|early|late|mid)[\s-]+)?(?P<phrase>{_alternation(lex.relative)})\b{_PART_OF_DAY}",
             self._relative),
            (rf"\b(?P<n>\d{{1,3}}|{cardinals})\]?[\s-]+(?P<unit>day|week|month|year|decade|centur(?:y|ie))s?\s+"
             r"(?P<dir>ago|earlier|later|before|after|prior)\b", self._counted),
            (rf"\b(?P<rel>{_alternation(_RELATIONS)})\s+weekend\b", self._weekend),
            (rf"\b(?:(?P<rel>last|this|next|early|late|mid|the)[\s-]+)?(?P<season>{_alternation(lex.seasons)})\b"
             rf"(?:\s+(?:of\s+)?{year})?", self._season),
            (r"\b(?:the\s+)?(?:early\s+|mid[\s-]|late\s+)?(?P<decade>1\d\d0|20\d0)['’]?s\b", self._decade),
            (rf"\bthe\s+(?:early\s+|mid[\s-]|late\s+)?(?P<word>{_alternation(lex.decades)})\b", self._decade),
            (r"\bthe\s+(?:early\s+|mid[\s-]|late\s+)?['’]?(?P<short>[2-9]0)['’]?s\b", self._decade),
            (rf"\bthe\s+(?:early\s+|mid[\s-]|late\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<ordinal>{ordinals}))\s+century\b",
             self._century),
            (rf"\b(?P<holiday>{_alternation(lex.holidays)})\b(?:\s+(?:of\s+)?{year})?", self._holiday),
        ]  # fmt: skip

    def _part_modifier(self) -> str:
        """"early ", "mid-", "late ", "the end of ", "the beginning of ": a part of what follows."""
        adjectives = _alternation(w for w, span in self.lexicon.parts.items() if not span.noun)
        nouns = _alternation(w for w, span in self.lexicon.parts.items() if span.noun)
        return rf"(?:(?:(?P<portion>{adjectives})[\s-]+)|(?:the\s+)?(?P<noun_portion>{nouns})\s+of\s+)"

    def _part(self, match: re.Match[str], whole: Expression) -> Expression:
        """``whole`` narrowed to the part the match names ("the end of"), if it names one."""
        word = match.groupdict().get("portion") or match.groupdict().get("noun_portion")
        if not word:
            return whole
        span = self.lexicon.parts[_key(word)]
        return Part(whole, span.months, span.days)

    # ------------------------------------------------------------------ builders

    def _numeric(self, match: re.Match[str], text: str) -> Candidate | None:
        year = int(match["year"])
        year += 2000 if year < 50 else 1900 if year < 100 else 0
        month, day = int(match["month"]), int(match["day"])
        if not (1000 <= year <= 2199 and _valid_day(year, month, day)):
            return None
        return Candidate(match.start(), match.end(), CalendarDate(year, month, day))

    def _calendar(self, match: re.Match[str], text: str) -> Candidate | None:
        groups = match.groupdict()
        if not _capitalised(match, "month", "weekday", "holiday"):
            return None
        year = int(groups["year"]) if groups.get("year") else None
        if year is not None and not 1000 <= year <= 2199:
            return None
        month = self.lexicon.months[_key(groups["month"])][0] if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else self.lexicon.ordinals.get(_key(groups.get("ordinal") or ""))
        if month is None:  # a bare year, not an amount ("$2000", "2000%")
            at = match.start("year")
            amount = at > 0 and text[at - 1] in "$£€¥#"
            if amount or text.startswith("%", match.end()) or not 1800 <= (year or 0) <= 2100:
                return None
            return Candidate(match.start(), match.end(), self._part(match, CalendarDate(year)), "year")
        if day is not None and not _valid_day(year or 2000, month, day):
            return None
        relation = _RELATIONS.get(_key(groups.get("rel") or ""), "")
        weekday = self.lexicon.weekdays[_key(groups["weekday"])][0] if groups.get("weekday") else None
        date = CalendarDate(year, month, day, relation, weekday)
        form: Form = ""
        if day is None and year is None and not relation:
            bare = match.start("month") == match.start()
            if bare and _key(groups["month"]) == "may" and word_before(text, match.start()) not in TIME_CUES:
                return None  # "May" the modal verb, capitalised at the start of a sentence
            form = "month"
        if groups.get("day2"):
            last_day = int(groups["day2"])
            if not _valid_day(year or 2000, month, last_day) or last_day <= (day or 0):
                return None
            return Candidate(match.start(), match.end(), Range(date, CalendarDate(year, month, last_day)))
        if day is not None:
            return Candidate(match.start(), match.end(), date, form)
        return Candidate(match.start(), match.end(), self._part(match, date), form)

    def _weekday(self, match: re.Match[str], text: str) -> Candidate | None:
        if not _capitalised(match, "weekday"):
            return None
        relation = _RELATIONS.get(_key(match["rel"] or ""), "")
        weekday = self.lexicon.weekdays[_key(match["weekday"])][0]
        form: Form = "weekday" if not relation else ""
        return Candidate(match.start(), match.end(), Weekday(weekday, relation), form)

    def _relative(self, match: re.Match[str], text: str) -> Candidate | None:
        phrase = self.lexicon.relative[_key(match["phrase"])]
        end = match.end() if phrase.unit == "day" else match.end("phrase")
        if phrase.clause_end and not _CLAUSE_END.match(text, match.end("phrase")):
            return None
        return Candidate(match.start(), end, Shift(phrase.shift, phrase.unit, phrase.reference))

    def _part_of_relative(self, match: re.Match[str], text: str) -> Candidate | None:
        """"the end of the year", "late last year", "by the start of next month", "year end"."""
        whole_unit = match.groupdict().get("whole")
        if whole_unit:  # "year end", "month-end"
            whole = Shift(0, "year" if whole_unit.lower() == "year" else "month", "speech")
            span = self.lexicon.parts[_key(match["portion"])]
            return Candidate(match.start(), match.end(), Part(whole, span.months, span.days))
        phrase = _key(match["phrase"])
        if phrase in ("the year", "the month"):  # said of the present: "by the end of the year"
            whole = Shift(0, "year" if phrase == "the year" else "month", "speech")
        else:
            relative = self.lexicon.relative[phrase]
            whole = Shift(relative.shift, relative.unit, relative.reference)
        return Candidate(match.start(), match.end(), self._part(match, whole))

    def _counted(self, match: re.Match[str], text: str) -> Candidate | None:
        direction = match["dir"].lower()
        if direction in ("before", "after", "prior") and not _CLAUSE_END.match(text, match.end()):
            return None
        count = match["n"]
        number = int(count) if count.isdigit() else self.lexicon.cardinals[_key(count)]
        unit, factor = _COUNTED_UNITS[match["unit"].lower()]
        sign = 1 if direction in ("later", "after") else -1
        reference: Reference = "speech" if direction == "ago" else "story"
        return Candidate(match.start(), match.end(), Shift(sign * number * factor, unit, reference))

    def _weekend(self, match: re.Match[str], text: str) -> Candidate | None:
        return Candidate(match.start(), match.end(), Weekend(_RELATIONS.get(_key(match["rel"] or ""), "")))

    def _season(self, match: re.Match[str], text: str) -> Candidate | None:
        cue = _key(match["rel"] or "")
        year = int(match["year"]) if match["year"] else None
        if year is None:
            if not cue or (cue == "the" and word_before(text, match.start()) not in TIME_CUES):
                return None
            if re.match(r"\s+of\b", text[match.end() :]):
                return None  # "the fall of Kabul"
        first, last = self.lexicon.seasons[_key(match["season"])]
        relation: Relation = _RELATIONS.get(cue, "") if cue in ("last", "next", "this") else ""
        last_year = None if year is None else year + (last < first)
        return Candidate(
            match.start(), match.end(), Period(CalendarDate(year, first, None, relation), CalendarDate(last_year, last))
        )

    def _decade(self, match: re.Match[str], text: str) -> Candidate | None:
        decade = match.groupdict().get("decade")
        short = match.groupdict().get("short")
        start = int(decade) if decade else 1900 + int(short) if short else self.lexicon.decades[_key(match["word"])]
        length = 100 if start % 100 == 0 and start < 2000 else 10  # "the 1800s" is a century
        return Candidate(match.start(), match.end(), Period(CalendarDate(start), CalendarDate(start + length - 1)))

    def _century(self, match: re.Match[str], text: str) -> Candidate | None:
        number = int(match["n"]) if match["n"] else self.lexicon.ordinals[_key(match["ordinal"])]
        if not 1 <= number <= 22:
            return None
        start = (number - 1) * 100
        return Candidate(match.start(), match.end(), Period(CalendarDate(start), CalendarDate(start + 99)))

    def _holiday(self, match: re.Match[str], text: str) -> Candidate | None:
        if not _capitalised(match, "holiday"):
            return None
        month, day = self.lexicon.holidays[_key(match["holiday"])]
        year = int(match["year"]) if match["year"] else None
        return Candidate(match.start(), match.end(), CalendarDate(year, month, day), "holiday" if year is None else "")


def join_ranges(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Join neighbours the text joins: "X - Y", "X to Y", "from X until Y", "between X and Y"."""
    joined: list[Candidate] = []
    for candidate in candidates:
        previous = joined[-1] if joined else None
        if previous is not None and _joinable(text, previous, candidate):
            joined[-1] = replace(
                previous, end=candidate.end, expression=Range(previous.expression, candidate.expression), form=""
            )
        else:
            joined.append(candidate)
    return joined


def _joinable(text: str, first: Candidate, last: Candidate) -> bool:
    joint = _RANGE_JOINT.fullmatch(text, first.end, last.start)
    if joint is None or isinstance(first.expression, Range):
        return False
    if joint.group(0).strip().lower() == "and" and word_before(text, first.start) != "between":
        return False
    a, b = first.expression, last.expression
    if isinstance(a, CalendarDate) and isinstance(b, CalendarDate):
        if a.year and b.year and (a.year, a.month or 1, a.day or 1) > (b.year, b.month or 1, b.day or 1):
            return False  # "moved from May 2029 to December 31, 2021" is a change, not a range
        return (a.day is None) == (b.day is None) or b.year is not None
    return isinstance(a, Weekday) and isinstance(b, Weekday) and not a.relation and not b.relation


def _may_match(probe: str, needed: frozenset[str] | None) -> bool:
    """False when the text (its ``case_probe``) has none of the words every match needs."""
    return needed is None or any(word in probe for word in needed)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; spaces match any whitespace, ' matches ’."""
    escaped = (
        re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in sorted(set(words), key=len, reverse=True)
    )
    return "|".join(escaped)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").rstrip(".").split())


def _capitalised(match: re.Match[str], *groups: str) -> bool:
    return all(match[g][0].isupper() for g in groups if g in match.re.groupindex and match[g])


def word_before(text: str, start: int) -> str:
    """The lower-cased word just before ``start`` (punctuation between is skipped)."""
    found = re.search(r"(\w+)\W*$", text[max(0, start - 30) : start])
    return found.group(1).lower() if found else ""


def _valid_day(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= monthrange(year, month)[1]
