"""Dates written out with a month name ("8 November 2023", "November 8th, 2023", "17 de marzo
de 2020", "8. Nov. 2023", "15 серпня 2016"), read by one regular expression: the cheap stand-in
for dateparser, which htmldate's extensive search calls last and which costs seconds a process
(it compiles a regex set for each of its ~200 locales on first use).

Month names: English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian and
Ukrainian (nominative and genitive), and the usual abbreviations; written by the eventdesk
developers from the languages' calendars.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from types import MappingProxyType

# one line a month, January first: every spelling of it, lower case
MONTH_NAMES = (
    "january jan januar jänner jän janvier janv enero ene gennaio genn janeiro januari styczeń stycznia"
    " январь января січень січня",
    "february feb februar feber février févr fevrier fevr febrero febbraio fevereiro fev februari luty lutego"
    " февраль февраля лютий лютого",
    "march mar märz maerz mrz mars marzo março marco maart marzec marca"
    " март марта березень березня",
    "april apr avril abril aprile aprilie kwiecień kwietnia"
    " апрель апреля квітень квітня",
    "may mai mayo maggio maio mei maj"
    " мая май травень травня",
    "june jun juni juin junio giugno junho czerwiec czerwca"
    " июнь июня червень червня",
    "july jul juli juillet juil julio luglio julho lipiec lipca"
    " июль июля липень липня",
    "august aug août aout agosto augustus sierpień sierpnia"
    " август августа серпень серпня",
    "september sep sept septembre septiembre setiembre settembre setembro wrzesień września"
    " сентябрь сентября вересень вересня",
    "october oct okt oktober octobre octubre ottobre outubro out października październik"
    " октябрь октября жовтень жовтня",
    "november nov novembre noviembre novembro listopad listopada"
    " ноябрь ноября листопад листопада",
    "december dec dez dezember décembre déc decembre diciembre dic dicembre dezembro grudzień grudnia"
    " декабрь декабря грудень грудня",
)
MONTHS = MappingProxyType({name: n for n, line in enumerate(MONTH_NAMES, start=1) for name in line.split()})
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?P<{}>(?:19|20)\d{{2}})"
_WRITTEN = re.compile(
    rf"(?<![\w.])(?:{_DAY.format('d1')}\.?\s*(?:de\s+|di\s+)?(?P<m1>{_MONTH})\.?,?\s*(?:de\s+|del\s+)?{_YEAR.format('y1')}"
    rf"|(?P<m2>{_MONTH})\.?\s+{_DAY.format('d2')},?\s+{_YEAR.format('y2')})(?!\d)",
    re.IGNORECASE,
)
# the same, ending where the string (cut at a year's end) ends: tried only before each year,
# since trying the month names at every position of a text costs a millisecond a kilobyte
_WRITTEN_TO_END = re.compile(rf"(?:{_WRITTEN.pattern})\Z", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_REACH = 64  # characters before a year that a date written out may start
# day, month and year in figures parted by a spaced separator ("26 | 01 | 2022", "26 / 01 / 2022"),
# which htmldate's own patterns leave to dateparser; day first unless only the month-first
# reading is a date
_SPACED = re.compile(r"(?<!\d)([0-3]?\d)\s*([|/.-])\s*([0-3]?\d)\s*\2\s*((?:19|20)\d{2})(?!\d)")


def written_days(text: str) -> list[dt.date]:
    """Every valid date written with a month name in ``text``, in order, then those written in
    figures with spaced separators."""
    days = []
    for found in _written(text):
        day, month, year = found["d1"] or found["d2"], found["m1"] or found["m2"], found["y1"] or found["y2"]
        try:
            days.append(dt.date(int(year), MONTHS[month.casefold()], int(day)))
        except ValueError:
            continue
    for found in _SPACED.finditer(text):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        day, month = (second, first) if first <= 12 < second else (first, second)
        try:
            days.append(dt.date(year, month, day))
        except ValueError:
            continue
    return days


def _written(text: str) -> Iterator[re.Match[str]]:
    """``_WRITTEN.finditer(text)``, searched only in the ``_REACH`` characters before each
    four-digit year (every match ends with one)."""
    done = 0
    for year in _YEAR_ONLY.finditer(text):
        found = _WRITTEN_TO_END.search(text, max(done, year.start() - _REACH), year.end())
        if found is not None:
            done = found.end()
            yield found

