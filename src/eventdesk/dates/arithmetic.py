"""Put an ``Expression`` on the calendar: pure date arithmetic, no text and no parse.

``resolve(expression, frame)`` gives the first day of what the expression names (the Monday of
a week, the first of a month, January 1 of a year), its precision and, for ranges, the last
day. ``Frame`` holds what the arithmetic needs: the speech time (the publication date, or the
absolute date of the same sentence), the tense of the governing verb and the dates the article
has mentioned so far (for "the next day").
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Sequence
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
from eventdesk.dates.lexicon import Unit
from eventdesk.records import DatePrecision

Tense = Literal["past", "present", "future"]
Direction = Literal["before", "on_or_before", "after", "on_or_after", "recent", "same"]
_SOON = 92  # days: in a present-tense clause a date this close ahead is the coming one
_TENSE_DIRECTION: dict[Tense, Direction] = {"past": "on_or_before", "future": "on_or_after", "present": "recent"}
_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(frozen=True, slots=True)
class Resolved:
    value: dt.date
    precision: DatePrecision
    end_value: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Frame:
    """``speech`` is None when the article has no publication date; ``sentence_time`` says the
    speech time is a date stated in the same sentence (then "Friday" may be that very day)."""

    speech: dt.date | None
    tense: Tense = "past"
    story: Sequence[Resolved] = ()
    sentence_time: bool = False


def resolve(expression: Expression, frame: Frame) -> Resolved | None:
    """The calendar date of ``expression`` in ``frame``, or None when it has no reference or
    falls off the calendar (``datetime.date`` spans years 1 to 9999: "next week" in an article
    dated 9999-12-31 names no date)."""
    try:
        resolved = _resolve(expression, frame)
        if resolved is not None:
            period_end(resolved)
    except (OverflowError, ValueError):
        return None
    return resolved


def _resolve(expression: Expression, frame: Frame) -> Resolved | None:
    match expression:
        case CalendarDate():
            return _calendar(expression, frame)
        case Weekday():
            return _weekday(expression, frame)
        case Shift():
            return _shift(expression, frame)
        case Weekend():
            return _weekend(expression, frame)
        case Period():
            return _period(expression, frame)
        case Part():
            return _part(expression, frame)
        case Range():
            return _range(expression, frame)


def natural_precision(expression: Expression) -> DatePrecision:
    """The precision an expression has even when it cannot be resolved."""
    match expression:
        case CalendarDate(day=int()) | Weekday() | Weekend():
            return "day"
        case CalendarDate(month=int()):
            return "month"
        case CalendarDate():
            return "year"
        case Shift():
            return expression.unit
        case Period() | Range():
            return natural_precision(expression.first)
        case Part():
            whole = natural_precision(expression.whole)
            return "month" if whole == "year" else "week" if whole == "month" else whole


def period_end(resolved: Resolved) -> dt.date:
    """The last day covered by a resolved date."""
    if resolved.end_value is not None:
        return resolved.end_value
    value = resolved.value
    match resolved.precision:
        case "day":
            return value
        case "week":
            return value + dt.timedelta(days=6)
        case "month":
            return add_months(value, 1) - dt.timedelta(days=1)
        case "year":
            return dt.date(value.year, 12, 31)


def add_months(first_of_month: dt.date, months: int) -> dt.date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# --------------------------------------------------------------------------- expressions


def _calendar(expression: CalendarDate, frame: Frame) -> Resolved | None:
    year, month, day = expression.year, expression.month, expression.day
    if year is None:
        if frame.speech is None or month is None:
            return None
        direction = _direction(expression.relation, frame)
        year = _infer_year(month, day, frame.speech, direction, weekday=expression.weekday)
        if year is None:
            return None
    precision: DatePrecision = "day" if day else "month" if month else "year"
    return Resolved(dt.date(year, month or 1, day or 1), precision)


def _direction(relation: Relation, frame: Frame) -> Direction:
    """Which occurrence a partial date means: from the relation word, else from the tense. A
    present-tense clause means the latest one, unless the next is near ("the festival runs
    through March 11" a week before; but "March 21st, sir" in an October interview)."""
    if relation == "last":
        return "before"
    if relation == "next":
        return "after"
    if relation == "this":
        return "same"
    return _TENSE_DIRECTION[frame.tense]


def _infer_year(
    month: int, day: int | None, reference: dt.date, direction: Direction, *, weekday: int | None = None
) -> int | None:
    """The year of "August 5" (or "March", when ``day`` is None) seen from ``reference``; a
    stated weekday ("Saturday, April 4") picks the nearest year where the date falls on it."""
    if direction == "same":
        return reference.year if _valid(reference.year, month, day or 1) else None
    target = reference if day else reference.replace(day=1)
    points = [
        dt.date(year, month, day or 1)
        for year in range(reference.year - 4, reference.year + 5)
        if _valid(year, month, day or 1)
    ]
    named = [p for p in points if p.weekday() == weekday] if day and weekday is not None else []
    if named:
        return min(named, key=lambda p: (abs((p - target).days), p)).year
    ahead = [p for p in points if p > target]
    if direction == "recent":
        if ahead and (min(ahead) - target).days <= _SOON:
            return min(ahead).year
        direction = "on_or_before"
    fitting = {
        "before": [p for p in points if p < target],
        "on_or_before": [p for p in points if p <= target],
        "after": ahead,
        "on_or_after": [p for p in points if p >= target],
    }[direction]
    if not fitting:
        return None
    return (max(fitting) if direction in ("before", "on_or_before") else min(fitting)).year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _weekday(expression: Weekday, frame: Frame) -> Resolved | None:
    relation = expression.relation
    if relation.startswith("story_"):
        base = _story_base(frame, "day")
        if base is None:
            return None
        mode = {"story_next": "after", "story_previous": "before", "story_same": "nearest"}[relation]
        return Resolved(_nearest_weekday(base, expression.weekday, mode), "day")
    if frame.speech is None:
        return None
    if relation in ("last", "next"):
        mode = "before" if relation == "last" else "after"
    elif frame.tense == "future":
        mode = "on_or_after" if frame.sentence_time or relation == "this" else "after"
    else:
        mode = "on_or_before" if frame.sentence_time or relation == "this" else "before"
    return Resolved(_nearest_weekday(frame.speech, expression.weekday, mode), "day")


def _nearest_weekday(base: dt.date, weekday: int, mode: str) -> dt.date:
    back = (base.weekday() - weekday) % 7
    ahead = (weekday - base.weekday()) % 7
    if mode == "before":
        return base - dt.timedelta(days=back or 7)
    if mode == "on_or_before":
        return base - dt.timedelta(days=back)
    if mode == "after":
        return base + dt.timedelta(days=ahead or 7)
    if mode == "on_or_after":
        return base + dt.timedelta(days=ahead)
    return base - dt.timedelta(days=back) if back <= ahead else base + dt.timedelta(days=ahead)


def _story_base(frame: Frame, unit: Unit) -> dt.date | None:
    """The last date mentioned at least as precisely as ``unit``, else the speech time."""
    for earlier in reversed(frame.story):
        if _RANK[earlier.precision] <= _RANK[unit]:
            return earlier.value
    return frame.speech


def _shift(expression: Shift, frame: Frame) -> Resolved | None:
    base = frame.speech if expression.reference == "speech" else _story_base(frame, expression.unit)
    if base is None:
        return None
    amount = expression.amount
    match expression.unit:
        case "day":
            return Resolved(base + dt.timedelta(days=amount), "day")
        case "week":
            return Resolved(monday_of(base) + dt.timedelta(weeks=amount), "week")
        case "month":
            return Resolved(add_months(base.replace(day=1), amount), "month")
        case "year":
            return Resolved(dt.date(base.year + amount, 1, 1), "year")


def _weekend(expression: Weekend, frame: Frame) -> Resolved | None:
    relation = expression.relation
    base = _story_base(frame, "day") if relation.startswith("story_") else frame.speech
    if base is None:
        return None
    monday = monday_of(base)
    if relation in ("last", "story_previous"):
        saturday = monday - dt.timedelta(days=2)
    elif relation == "story_next":
        saturday = monday + dt.timedelta(days=12)
    elif relation == "next":
        saturday = monday + dt.timedelta(days=12 if base.weekday() >= 4 else 5)
    elif relation == "story_same" or frame.tense != "past":
        saturday = monday + dt.timedelta(days=5)
    else:  # the weekend just past, or the one under way
        saturday = base - dt.timedelta(days=(base.weekday() - 5) % 7)
    return Resolved(saturday, "day", saturday + dt.timedelta(days=1))


def _period(expression: Period, frame: Frame) -> Resolved | None:
    first = _calendar(expression.first, frame)
    if first is None:
        return None
    last = expression.last
    if last.year is None:
        month = last.month or 12
        last = CalendarDate(first.value.year + (month < first.value.month), month, last.day)
    end = _calendar(last, frame)
    resolved = Resolved(first.value, first.precision, period_end(end) if end else None)
    relation, speech = expression.first.relation, frame.speech
    if relation in ("last", "this") and expression.first.year is None and speech is not None:
        # "last summer" said in August is the one before; "this winter" said in January began in December
        earlier = _period(
            Period(replace(expression.first, year=first.value.year - 1, relation=""), expression.last), frame
        )
        if (relation == "last" and _covers(resolved, speech)) or (
            relation == "this" and earlier and _covers(earlier, speech)
        ):
            return earlier
    return resolved


def _covers(resolved: Resolved, day: dt.date) -> bool:
    return resolved.value <= day <= period_end(resolved)


def _part(expression: Part, frame: Frame) -> Resolved | None:
    """The months of a year ("the end of the year": December, at month precision) or the days of
    a month ("mid-March": the 11th to the 20th, at week precision) that a part covers."""
    whole = _resolve(expression.whole, frame)
    if whole is None or whole.end_value is not None:
        return whole
    year, month = whole.value.year, whole.value.month
    match whole.precision:
        case "year":
            first, last = expression.months
            return Resolved(dt.date(year, first, 1), "month", period_end(Resolved(dt.date(year, last, 1), "month")))
        case "month":
            length = monthrange(year, month)[1]
            first_day, last_day = (min(day, length) for day in expression.days)
            # ten days or so: week precision, the days themselves in value and end_value
            return Resolved(dt.date(year, month, first_day), "week", dt.date(year, month, last_day))
        case _:
            return whole


def _range(expression: Range, frame: Frame) -> Resolved | None:
    first_expr, last_expr = expression.first, expression.last
    if isinstance(first_expr, CalendarDate) and isinstance(last_expr, CalendarDate):
        first_expr = _year_from_end(first_expr, last_expr, frame)
    if isinstance(first_expr, Weekday) and isinstance(last_expr, Weekday) and frame.tense != "future":
        # a past range of weekdays lies wholly before the speech time: read back from its end
        last = _weekday(last_expr, frame)
        if last is None:
            return None
        return Resolved(_nearest_weekday(last.value, first_expr.weekday, "on_or_before"), "day", last.value)
    first = resolve(first_expr, frame)
    if first is None:
        return None
    last = _range_end(last_expr, first, frame)
    return Resolved(first.value, first.precision, period_end(last) if last else None)


def _year_from_end(first: CalendarDate, last: CalendarDate, frame: Frame) -> CalendarDate:
    """The start of a range read backward from its end: "January 23 - March 9 2014"; and a
    range still to come ends after the speech time but may have begun before it ("will run
    from January 23 through March 9")."""
    if first.year is not None or first.month is None or (last.year is None and frame.tense != "future"):
        return first
    end = _calendar(last, frame)
    year = _infer_year(first.month, first.day, end.value, "on_or_before") if end else None
    return CalendarDate(year, first.month, first.day)


def _range_end(expression: Expression, first: Resolved, frame: Frame) -> Resolved | None:
    """The end of a range, read forward from its start ("Monday to Wednesday", "May 30 to June 2")."""
    if isinstance(expression, CalendarDate) and expression.year is None and expression.month is not None:
        forward = Frame(speech=first.value, tense="future", story=frame.story, sentence_time=True)
        return _calendar(CalendarDate(None, expression.month, expression.day), forward)
    if isinstance(expression, Weekday) and not expression.relation:
        return Resolved(_nearest_weekday(first.value, expression.weekday, "on_or_after"), "day")
    return resolve(expression, frame)
