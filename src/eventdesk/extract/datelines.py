"""Date lines and datelines: the calendar shapes the cleaner takes out of article text.

* A *date line* is a line that is only a publication date ("August 23, 2022 at 11:26 am",
  "Published: 23 Aug 2022 10:00 GMT", "2022-08-23"). It fills ``Article.published``.
* The *Wikinews dateline* is a date line of the form "Friday, January 4, 2019"; it is also the
  article's dateline.
* A *dateline* opens the first body paragraph: "GAZA CITY (Reuters) — ", "WASHINGTON, March 3
  (AP) - ", "(CNN) — ". It is cut from the text and kept in ``Article.dateline``;
  :func:`dateline_place` gives the character span of its place ("GAZA CITY", "WASHINGTON") in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from types import MappingProxyType

MONTHS = MappingProxyType(
    {
        "january": 1,
        "jan": 1,
        "february": 2,
        "feb": 2,
        "march": 3,
        "mar": 3,
        "april": 4,
        "apr": 4,
        "may": 5,
        "june": 6,
        "jun": 6,
        "july": 7,
        "jul": 7,
        "august": 8,
        "aug": 8,
        "september": 9,
        "sep": 9,
        "sept": 9,
        "october": 10,
        "oct": 10,
        "november": 11,
        "nov": 11,
        "december": 12,
        "dec": 12,
    }
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?),?\s+"
_TIME = (
    r"(?:\s*(?:at|,|-|–|—|\||·|•|/)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2}|[+-]\d{2}:?\d{2})\)?)?)?"
)
_PREFIX = r"(?:(?:published|posted|updated|last updated|first published|date|released)(?:\s+on)?\s*:?\s*)?"
_DATE_FORMS = (
    rf"(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)",  # August 23, 2022
    # 23 Aug 2022
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_NAMES})\.?,?\s+(?P<y2>(?:19|20)\d\d)",
    r"(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?",  # 2022-08-23
)
DATE_LINE = re.compile(
    rf"{_PREFIX}(?:{_WEEKDAY})?(?:{'|'.join(_DATE_FORMS)}){_TIME}\W{{0,2}}",
    re.IGNORECASE,
)
WIKINEWS_DATELINE = re.compile(
    rf"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+(?:{_MONTH_NAMES})\s+\d{{1,2}},\s+(?:19|20)\d\d",
    re.IGNORECASE,
)

_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){0,3}"
_MIXED_PLACE = r"[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,2})?"
_SHORT_DATE = (
    r"(?:,?\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d\d)?)?"
)
_AGENCY = r"\((?:[A-Z][A-Za-z.&/ -]{0,30}|[A-Z][A-Za-z]+ News)\)"
_DASH = r"(?:\s*(?:—|–|--)\s*|\s+-\s+)"
DATELINE = re.compile(
    rf"(?P<dateline>{_CAPS_PLACE}{_REGION}{_SHORT_DATE}(?:\s*{_AGENCY})?"
    rf"|{_MIXED_PLACE}{_REGION}{_SHORT_DATE}\s*{_AGENCY}"
    rf"|{_AGENCY}){_DASH}(?=\S)"
)
_MIN_BODY_AFTER_DATELINE = 3  # words that must follow a dateline in its paragraph


@dataclass(frozen=True, slots=True)
class DateLine:
    date: dt.date
    wikinews: bool


def parse_date_line(line: str) -> DateLine | None:
    """The date of a line that holds nothing but a date (and a time, weekday or 'Published:')."""
    found = DATE_LINE.fullmatch(line.strip())
    if not found:
        return None
    date = _date_of(found)
    if date is None:
        return None
    return DateLine(date=date, wikinews=WIKINEWS_DATELINE.fullmatch(line.strip()) is not None)


def _date_of(found: re.Match[str]) -> dt.date | None:
    parts = found.groupdict()
    try:
        if parts["y3"]:
            return dt.date(int(parts["y3"]), int(parts["m3"]), int(parts["d3"]))
        form = "1" if parts["y1"] else "2"
        month = MONTHS[parts[f"m{form}"].lower()]
        return dt.date(int(parts[f"y{form}"]), month, int(parts[f"d{form}"]))
    except (ValueError, KeyError, TypeError):
        return None


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """``("GAZA CITY (Reuters)", "Israeli jets …")`` for a paragraph opening with a dateline,
    else ``(None, paragraph)``."""
    found = DATELINE.match(paragraph)
    if not found:
        return None, paragraph
    rest = paragraph[found.end() :]
    head = found.group("dateline").strip()
    if len(rest.split()) < _MIN_BODY_AFTER_DATELINE or not _letters(head):
        return None, paragraph
    return head, rest


_DATELINE_PLACE = re.compile(rf"(?:{_CAPS_PLACE}|{_MIXED_PLACE}){_REGION}")


def dateline_place(dateline: str) -> tuple[int, int] | None:
    """The span of a dateline's place, its town and any region after a comma, in the dateline string:
    ``(0, 9)`` for "GAZA CITY (Reuters)", ``(0, 16)`` for "NABLUS, West Bank, May 3 (AP)"; None for an
    agency alone ("(CNN)") and for a date alone (the Wikinews "Friday, January 4, 2019")."""
    if WIKINEWS_DATELINE.match(dateline) or DATE_LINE.fullmatch(dateline.split(";")[0].strip()):
        return None
    found = _DATELINE_PLACE.match(dateline)
    if found is None:
        return None
    start, end = found.span()
    short_date = re.search(r",?\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d",
                           dateline[start:])
    if short_date is not None and start + short_date.start() < end:  # "WASHINGTON, March 3": not a region
        end = start + short_date.start()
    return (start, end) if _letters(dateline[start:end]) else None


def dateline_place_name(dateline: str | None) -> str | None:
    """The text of the place of an article's dateline (``Article.dateline``), or None: "NABLUS, West Bank" for
    "NABLUS, West Bank, May 3 (AP)"; of several datelines the cleaner joined with "; ", the first's."""
    if not dateline:
        return None
    span = dateline_place(dateline)
    return dateline[span[0]:span[1]] if span is not None else None


def _letters(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 2
