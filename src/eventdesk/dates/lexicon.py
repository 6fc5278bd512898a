"""The word lists of the dates stage, read from ``data/dates/*.tsv`` (documented in its README).

Every file is tab-separated with a header line; ``#`` lines and blank lines are skipped. A bad
line raises ``DataFileError`` naming ``path:line``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal, TypeVar, cast

from eventdesk.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "dates"

Unit = Literal["day", "week", "month", "year"]
Reference = Literal["speech", "story"]
UNITS: tuple[Unit, ...] = ("day", "week", "month", "year")

Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class RelativePhrase:
    """A fixed phrase such as "yesterday" (speech, -1 day) or "the next day" (story, +1 day)."""

    reference: Reference
    shift: int
    unit: Unit
    clause_end: bool


@dataclass(frozen=True, slots=True)
class PartSpan:
    """What a part of a year or month covers: "the end of" = December, or days 21 to the last."""

    months: tuple[int, int]  # first and last month of a part of a year
    days: tuple[int, int]  # first and last day of a part of a month (31: the month's last)
    noun: bool  # "the end of the year", "year end"; else an adjective: "early 2019"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the grammar and the tense reader look up, keyed by lower-case text."""

    months: Mapping[str, tuple[int, bool]]  # name -> (month, may stand alone)
    weekdays: Mapping[str, tuple[int, bool]]  # name -> (weekday 0=Monday, may stand alone)
    cardinals: Mapping[str, int]
    ordinals: Mapping[str, int]
    decades: Mapping[str, int]  # "sixties" -> 1960
    relative: Mapping[str, RelativePhrase]
    holidays: Mapping[str, tuple[int, int]]  # name -> (month, day)
    seasons: Mapping[str, tuple[int, int]]  # name -> (first month, last month)
    parts: Mapping[str, PartSpan]  # "end" -> December / days 21-31
    exclusion_words: frozenset[str]
    exclusion_cues: frozenset[str]
    exclusion_names: frozenset[str]
    reference_words: frozenset[str]  # what makes an unreadable DATE entity worth keeping
    tense_aux: Mapping[str, str]  # auxiliary -> "future" | "past"
    tense_governors: Mapping[str, str]  # verb lemma governing an infinitive -> tense
    tense_schedules: Mapping[str, str]  # verb/adjective putting a present clause in the future


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read every word list of ``data_dir``."""
    numbers = _read(data_dir / "numbers.tsv", ("word", "value", "kind"), _number_row)
    exclusions = _read(data_dir / "exclusions.tsv", ("text", "kind"), _exclusion_row)
    tense = _read(data_dir / "tense.tsv", ("word", "kind", "tense"), _tense_row)
    return Lexicon(
        months=_frozen(_read(data_dir / "months.tsv", ("name", "month", "form"), _named_number(1, 12))),
        weekdays=_frozen(_read(data_dir / "weekdays.tsv", ("name", "weekday", "form"), _named_number(0, 6))),
        cardinals=_frozen({w: v for w, v, kind in numbers if kind == "cardinal"}),
        ordinals=_frozen({w: v for w, v, kind in numbers if kind == "ordinal"}),
        decades=_frozen({w: v for w, v, kind in numbers if kind == "decade"}),
        relative=_frozen(
            _read(data_dir / "relative.tsv", ("phrase", "reference", "shift", "unit", "clause_end"), _relative_row)
        ),
        holidays=_frozen(_read(data_dir / "holidays.tsv", ("name", "month", "day"), _holiday_row)),
        seasons=_frozen(_read(data_dir / "seasons.tsv", ("name", "first_month", "last_month"), _season_row)),
        parts=_frozen(_read(data_dir / "parts.tsv", _PART_HEADER, _part_row)),
        exclusion_words=frozenset(text for text, kind in exclusions if kind == "word"),
        exclusion_cues=frozenset(text for text, kind in exclusions if kind == "cue"),
        exclusion_names=frozenset(text for text, kind in exclusions if kind == "name"),
        reference_words=frozenset(_read(data_dir / "references.tsv", ("word",), lambda cells: _name(cells[0]))),
        tense_aux=_frozen({w: t for w, kind, t in tense if kind == "aux"}),
        tense_governors=_frozen({w: t for w, kind, t in tense if kind == "governor"}),
        tense_schedules=_frozen({w: t for w, kind, t in tense if kind == "schedule"}),
    )


def _frozen(items: Mapping[str, Row] | list[tuple[str, Row]]) -> Mapping[str, Row]:
    return MappingProxyType(dict(items))


class _BadRow(ValueError):
    """A row's cells are wrong; the reader adds path and line."""


def _read(path: Path, header: tuple[str, ...], parse_row: Callable[[list[str]], Row]) -> list[Row]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(str(path), None, "date word list not found") from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), None, "not UTF-8 text") from None
    rows: list[Row] = []
    seen_header = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not seen_header:
            if tuple(cells) != header:
                raise DataFileError(str(path), number, f"expected the header {' / '.join(header)}, got {line!r}")
            seen_header = True
            continue
        if len(cells) != len(header):
            raise DataFileError(
                str(path), number, f"expected {len(header)} tab-separated columns ({', '.join(header)})"
            )
        try:
            rows.append(parse_row(cells))
        except _BadRow as err:
            raise DataFileError(str(path), number, str(err)) from None
    if not seen_header:
        raise DataFileError(str(path), None, f"no header line ({', '.join(header)})")
    return rows


def _int(cell: str, low: int, high: int, what: str) -> int:
    try:
        value = int(cell)
    except ValueError:
        raise _BadRow(f"{what} must be a whole number, got {cell!r}") from None
    if not low <= value <= high:
        raise _BadRow(f"{what} must be between {low} and {high}, got {value}")
    return value


def _choice(cell: str, choices: tuple[str, ...], what: str) -> str:
    if cell not in choices:
        raise _BadRow(f"{what} must be one of {', '.join(choices)}, got {cell!r}")
    return cell


def _name(cell: str) -> str:
    if not cell:
        raise _BadRow("the name is empty")
    return cell.lower()


def _named_number(low: int, high: int) -> Callable[[list[str]], tuple[str, tuple[int, bool]]]:
    def parse(cells: list[str]) -> tuple[str, tuple[int, bool]]:
        form = _choice(cells[2], ("full", "abbr"), "form")
        return _name(cells[0]), (_int(cells[1], low, high, "the number"), form == "full")

    return parse


def _number_row(cells: list[str]) -> tuple[str, int, str]:
    return (
        _name(cells[0]),
        _int(cells[1], 0, 9999, "value"),
        _choice(cells[2], ("cardinal", "ordinal", "decade"), "kind"),
    )


def _relative_row(cells: list[str]) -> tuple[str, RelativePhrase]:
    reference = cast(Reference, _choice(cells[1], ("speech", "story"), "reference"))
    unit = cast(Unit, _choice(cells[3], UNITS, "unit"))
    clause_end = _choice(cells[4], ("yes", "no"), "clause_end") == "yes"
    return _name(cells[0]), RelativePhrase(reference, _int(cells[2], -100, 100, "shift"), unit, clause_end)


def _holiday_row(cells: list[str]) -> tuple[str, tuple[int, int]]:
    return _name(cells[0]), (_int(cells[1], 1, 12, "month"), _int(cells[2], 1, 31, "day"))


def _season_row(cells: list[str]) -> tuple[str, tuple[int, int]]:
    return _name(cells[0]), (_int(cells[1], 1, 12, "first_month"), _int(cells[2], 1, 12, "last_month"))


_PART_HEADER = ("word", "form", "year_first_month", "year_last_month", "month_first_day", "month_last_day")


def _part_row(cells: list[str]) -> tuple[str, PartSpan]:
    noun = _choice(cells[1], ("adjective", "noun"), "form") == "noun"
    months = (_int(cells[2], 1, 12, "year_first_month"), _int(cells[3], 1, 12, "year_last_month"))
    days = (_int(cells[4], 1, 31, "month_first_day"), _int(cells[5], 1, 31, "month_last_day"))
    if months[0] > months[1] or days[0] > days[1]:
        raise _BadRow("a part must end where it starts or later")
    return _name(cells[0]), PartSpan(months, days, noun)


def _exclusion_row(cells: list[str]) -> tuple[str, str]:
    return _name(cells[0]), _choice(cells[1], ("word", "cue", "name"), "kind")


def _tense_row(cells: list[str]) -> tuple[str, str, str]:
    kind = _choice(cells[1], ("aux", "governor", "schedule"), "kind")
    return _name(cells[0]), kind, _choice(cells[2], ("future", "past"), "tense")
