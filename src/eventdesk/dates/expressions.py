"""What a time expression says, before it is put on the calendar.

The grammar turns text into one of these; ``arithmetic.resolve`` turns one of these, a reference
date and a tense into a calendar date. Relations name the direction a partial expression
points in: ``""`` (decided by the tense), ``last``/``next``/``this`` (counted from the speech
time), ``story_next``/``story_previous``/``story_same`` (counted from the last date the
article mentioned: "the next Tuesday", "the following weekend").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eventdesk.dates.lexicon import Reference, Unit

Relation = Literal["", "last", "next", "this", "story_next", "story_previous", "story_same"]


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A calendar date, as much of it as the text gives: "2019", "March 2021", "August 5",
    "in March". Without a year it is resolved against a reference date."""

    year: int | None
    month: int | None = None
    day: int | None = None
    relation: Relation = ""
    weekday: int | None = None  # stated with the date: "Saturday, April 4"


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday name: "Tuesday", "last Tuesday", "the next Tuesday"."""

    weekday: int  # 0 = Monday
    relation: Relation = ""


@dataclass(frozen=True, slots=True)
class Shift:
    """A whole number of units from the speech time ("yesterday", "two weeks ago") or from the
    last date mentioned ("the next day", "a year earlier")."""

    amount: int
    unit: Unit
    reference: Reference


@dataclass(frozen=True, slots=True)
class Weekend:
    """Saturday and Sunday: "the weekend", "last weekend", "the following weekend"."""

    relation: Relation = ""


@dataclass(frozen=True, slots=True)
class Period:
    """A named stretch of months or years: a season ("last summer"), a decade ("the 1960s"),
    a century. ``last`` has no year when it follows ``first`` within the year after it."""

    first: CalendarDate
    last: CalendarDate


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a year or a month: "the end of the year", "by year end", "early 2019", "late
    last year", "mid-March". ``months`` is what it covers of a year, ``days`` of a month (31:
    the last day); a whole of another precision (a day, a week) is left as it is."""

    whole: Expression
    months: tuple[int, int]
    days: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Range:
    """Two expressions joined as a range: "August 5-7", "between Monday and Wednesday"."""

    first: Expression
    last: Expression


Expression = CalendarDate | Weekday | Shift | Weekend | Period | Part | Range
