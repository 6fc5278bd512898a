"""The dates stage: find the time expressions of an article and put them on the calendar.

Candidates come from the grammar (word lists + regexes) and from the NER model's DATE
entities the grammar does not cover (kept with value None unless they are durations, ages or
frequencies). Each is resolved, in text order, against:

* the publication date (``article.published``), the speech time of the article, or
* the absolute date of the same sentence, where the sentence is a caption or the date hangs
  off the same verb ("holds a press conference … yesterday … on August 08, 2022"), or
* for story-relative phrases ("the next day", "a year earlier"), the last date resolved
  before them.

The tense of the governing verb decides which "Tuesday" or "August 5" is meant.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from eventdesk.dates.arithmetic import Frame, Resolved, Tense, natural_precision, resolve
from eventdesk.dates.expressions import CalendarDate, Expression, Range, Shift
from eventdesk.dates.grammar import TIME_CUES, Candidate, Grammar, word_before
from eventdesk.dates.lexicon import Lexicon, load_lexicon
from eventdesk.dates.syntax import Syntax
from eventdesk.records import DateMention, DatePrecision, Entity, ParsedArticle
from eventdesk.settings import DateSettings

_NOT_DATES = frozenset(
    ["CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL", "PRODUCT", "LAW", "ORG", "PERSON", "EVENT", "WORK_OF_ART",
     "FAC", "NORP", "GPE", "LOC"]
)  # fmt: skip
_UNIT_AFTER = re.compile(r"[\s-]*(?:years?|days?|weeks?|months?|hours?|minutes?|decades?|old)\b", re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"[^)\n]{0,25}?\b(?:UTC|GMT)\b")  # "5 p.m. local time (2100 UTC)"
_PRECISION_WORDS: tuple[tuple[str, DatePrecision], ...] = (
    ("century", "year"), ("decade", "year"), ("year", "year"), ("month", "month"), ("week", "week"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Found:
    """A candidate with what the parse says about it."""

    start: int
    end: int
    expression: Expression | None
    tense: Tense
    verb: int | None
    sentence: int
    caption: bool
    absolute: dt.date | None  # the day it names on its own ("August 08, 2022"), if it does


class DateResolver:
    """Built once with its word lists; ``resolve(parsed)`` per article."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._grammar = Grammar(lexicon)
        units = "day|week|month|year|decade|centur|hour|minute"
        numbers = "|".join(re.escape(w) for w in lexicon.cardinals) + r"|\d[\d,.]*|few|several|many"
        self._duration = re.compile(rf"\b(?:{numbers})[\s-]+(?:{units})", re.IGNORECASE)

    @classmethod
    def from_settings(cls, settings: DateSettings) -> DateResolver:
        return cls(load_lexicon())

    def resolve(self, parsed: ParsedArticle) -> tuple[DateMention, ...]:
        """Every time expression of the article, sorted by start; anchor = ``article.published``."""
        text = parsed.article.text
        syntax = Syntax(parsed, self._lexicon)
        candidates = self._grammar.find(text, accept=lambda c: _plausible(c, syntax, text))
        leftovers = [e for e in parsed.entities if e.label == "DATE" and not _overlaps(e, candidates)]
        spans: list[tuple[int, int, Expression | None]] = [(c.start, c.end, c.expression) for c in candidates]
        spans += [(e.start, e.end, None) for e in leftovers if self._keeps(e, text)]
        found = [
            self._describe(start, end, expression, parsed, syntax)
            for start, end, expression in sorted(spans, key=lambda s: s[0])
        ]
        return tuple(_resolve_all(text, found, parsed.article.published))

    def _describe(
        self, start: int, end: int, expression: Expression | None, parsed: ParsedArticle, syntax: Syntax
    ) -> _Found:
        indices = syntax.token_indices(start, end)
        sentence = parsed.tokens[indices[0]].sentence if indices else 0
        caption = bool(parsed.sentences) and parsed.sentences[sentence].section == "caption"
        # a possessive date ("Tuesday's vote") modifies a noun: the verb's tense is not its own
        possessive = parsed.article.text.startswith(("'s", "’s"), end)
        tense: Tense = "present" if possessive else syntax.tense(start, end)
        verb = syntax.governing_verb(start, end)
        return _Found(start, end, expression, tense, verb, sentence, caption, _absolute(expression))

    def _keeps(self, entity: Entity, text: str) -> bool:
        """Whether a DATE entity the grammar cannot read is kept (value None): it must say when
        ("in recent years", "several days ago"), not how long, how old or how often."""
        lowered = entity.text.lower()
        words = set(re.findall(r"[a-z]+", lowered))
        if not words & self._lexicon.reference_words or words & self._lexicon.exclusion_words:
            return False
        if word_before(text, entity.start) in self._lexicon.exclusion_cues:
            return False
        return not self._duration.search(lowered) or bool(words & {"ago", "earlier", "later", "since", "until"})


def resolve_expression(
    text: str, *, anchor: dt.date | None, tense: Literal["past", "present", "future"] = "past"
) -> DateMention | None:
    """The first time expression of ``text`` resolved against ``anchor`` (offsets into ``text``);
    story-relative phrases ("the next day") count from the anchor. None when there is none."""
    candidates = _default_grammar().find(text)
    if not candidates:
        return None
    first = candidates[0]
    return _mention(text, first.start, first.end, first.expression, resolve(first.expression, Frame(anchor, tense)))


@lru_cache(maxsize=1)
def _default_grammar() -> Grammar:
    return Grammar(load_lexicon())


def _plausible(candidate: Candidate, syntax: Syntax, text: str) -> bool:
    """Bare forms must read as dates in the parse: "2000 fighters" is no year, "June Carter"
    no month, "Johnnie Christmas" no holiday."""
    if not candidate.form:
        return True
    indices = syntax.token_indices(candidate.start, candidate.end)
    if not indices:
        return True
    if candidate.form == "year" and not _year_in_context(candidate, syntax, indices, text):
        return False
    kinds = {syntax.tokens[i].ent_type for i in indices}
    if "DATE" in kinds:
        return True
    if kinds & _NOT_DATES:
        return False
    before = syntax.tokens[indices[0] - 1] if indices[0] > 0 else None
    return not (before is not None and before.pos == "PROPN" and before.head in indices)


def _year_in_context(candidate: Candidate, syntax: Syntax, indices: range, text: str) -> bool:
    """A lone four-digit number is a year after "in", "since", "by"…, never before a unit
    ("a 2000 year old tradition") nor counting a plural noun ("killed 2000 fighters")."""
    if _UNIT_AFTER.match(text, candidate.end) or _CLOCK_AFTER.match(text, candidate.end):
        return False
    if word_before(text, candidate.start) in TIME_CUES:
        return True
    token = syntax.tokens[indices[-1]]
    head = syntax.tokens[token.head]
    return not (token.dep == "nummod" and head.pos == "NOUN" and head.tag == "NNS")


def _overlaps(entity: Entity, candidates: Sequence[Candidate]) -> bool:
    return any(entity.start < c.end and c.start < entity.end for c in candidates)


def _resolve_all(text: str, found: list[_Found], anchor: dt.date | None) -> list[DateMention]:
    """Resolve in text order, so story-relative phrases see the dates before them."""
    story: list[Resolved] = []
    mentions = []
    for item in found:
        resolved = None
        if item.expression is not None:
            speech, sentence_time = _speech_time(item, found, anchor)
            resolved = resolve(item.expression, Frame(speech, item.tense, tuple(story), sentence_time))
            if resolved is not None:
                story.append(resolved)
        mentions.append(_mention(text, item.start, item.end, item.expression, resolved))
    return mentions


def _speech_time(item: _Found, found: list[_Found], anchor: dt.date | None) -> tuple[dt.date | None, bool]:
    """The absolute date stated in the same sentence, where it sets the sentence's time (a
    caption, or a date hanging off the same verb); else the publication date."""
    if item.absolute is not None or (isinstance(item.expression, Shift) and item.expression.reference == "story"):
        return anchor, False
    same_time = [
        other
        for other in found
        if other is not item
        and other.absolute is not None
        and other.sentence == item.sentence
        and (item.caption or (item.verb is not None and other.verb == item.verb))
    ]
    if not same_time:
        return anchor, False
    return min(same_time, key=lambda other: abs(other.start - item.start)).absolute, True


def _absolute(expression: Expression | None) -> dt.date | None:
    """The day of an expression that names one on its own ("August 08, 2022")."""
    if isinstance(expression, Range):
        expression = expression.first
    if isinstance(expression, CalendarDate) and expression.year and expression.month and expression.day:
        return dt.date(expression.year, expression.month, expression.day)
    return None


def _mention(text: str, start: int, end: int, expression: Expression | None, resolved: Resolved | None) -> DateMention:
    if resolved is not None:
        precision = resolved.precision
    elif expression is not None:
        precision = natural_precision(expression)
    else:
        lowered = text[start:end].lower()
        precision = next((p for word, p in _PRECISION_WORDS if word in lowered), "day")
    return DateMention(
        text=text[start:end],
        start=start,
        end=end,
        value=resolved.value if resolved else None,
        precision=precision,
        end_value=resolved.end_value if resolved else None,
    )
