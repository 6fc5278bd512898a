"""The cleaner's knowledge, read from ``eventdesk/data/extract``: boilerplate line rules and
the names that mark a photo credit. Loaded once by ``Extractor.from_settings()``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventdesk.errors import DataFileError

_BULLET = re.compile(r"^(?:[-*•·–—>»]|\d{1,2}[.)])\s+")
KINDS = frozenset(
    {
        "insert",
        "related",
        "list",
        "share",
        "follow",
        "newsletter",
        "advert",
        "tags",
        "credit",
        "cookie",
        "copyright",
        "nav",
        "byline",
    }
)


@dataclass(frozen=True, slots=True)
class LineRule:
    kind: str
    pattern: re.Pattern[str]
    line: int


@dataclass(frozen=True, slots=True)
class LineMatch:
    kind: str
    credit: str | None


@dataclass(frozen=True, slots=True)
class Patterns:
    """Boilerplate line rules (matched against whole lines) and credit names."""

    rules: tuple[LineRule, ...]
    agencies: re.Pattern[str]
    credit_words: frozenset[str]
    any_rule: re.Pattern[str] = re.compile(r"(?!x)x")  # all rules in one regex: a quick "no" for most lines

    def __post_init__(self) -> None:
        if self.rules:
            combined = "|".join(f"(?:{rule.pattern.pattern.replace('(?P<credit>', '(?:')})" for rule in self.rules)
            object.__setattr__(self, "any_rule", re.compile(combined, re.IGNORECASE))

    @classmethod
    def load(
        cls,
        folder: Path | None = None,
        *,
        extra_boilerplate: Sequence[Path] = (),
        extra_credit_names: Sequence[Path] = (),
    ) -> Patterns:
        """Read ``boilerplate.tsv`` and ``credit_names.txt`` from ``folder`` (default: the
        package's own ``data/extract``), then the user's extra files of the same schemas."""
        base = folder if folder is not None else data_folder()
        rules = [rule for path in (base / "boilerplate.tsv", *extra_boilerplate) for rule in read_line_rules(path)]
        agencies: list[str] = []
        words: set[str] = set()
        for path in (base / "credit_names.txt", *extra_credit_names):
            more_agencies, more_words = read_credit_names(path)
            agencies.extend(more_agencies)
            words.update(more_words)
        return cls(rules=tuple(rules), agencies=compile_names(agencies), credit_words=frozenset(words))

    def match_line(self, line: str, *, accept_credit: Callable[[str], bool] = bool) -> LineMatch | None:
        """The first rule whose regex matches the whole line (or the line without a leading
        list bullet), or None. A match whose ``credit`` group fails ``accept_credit`` is
        passed over."""
        unbulleted = _BULLET.sub("", line)
        if not self.any_rule.fullmatch(line) and (unbulleted == line or not self.any_rule.fullmatch(unbulleted)):
            return None
        for rule in self.rules:
            found = rule.pattern.fullmatch(line) or (unbulleted != line and rule.pattern.fullmatch(unbulleted))
            if not found:
                continue
            credit = (found.groupdict().get("credit") or "").strip() or None
            if credit is not None and not accept_credit(credit):
                continue
            return LineMatch(kind=rule.kind, credit=credit)
        return None

    def names_agency(self, text: str) -> bool:
        """Whether ``text`` names an agency of ``credit_names.txt``."""
        return self.agencies.search(text) is not None

    def is_credit_word(self, word: str) -> bool:
        """Whether ``word`` is a credit word of ``credit_names.txt`` ("Photo", "Handout")."""
        return word.casefold() in self.credit_words


def data_folder() -> Path:
    """The package's ``data/extract`` folder."""
    return Path(str(resources.files("eventdesk") / "data" / "extract"))


def read_line_fields(path: Path, *, what: str) -> list[tuple[str, str]]:
    """The ``(first, second)`` fields of a two-column TSV data file."""
    return [(first, second) for _, first, second in _two_fields(path, what=what)]


def read_line_rules(path: Path) -> list[LineRule]:
    rules = []
    for number, kind, regex in _two_fields(path, what="kind<TAB>regex"):
        if kind not in KINDS:
            raise DataFileError(str(path), number, f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        try:
            pattern = re.compile(regex.strip(), re.IGNORECASE)
        except re.error as err:
            raise DataFileError(str(path), number, f"bad regex: {err}") from None
        rules.append(LineRule(kind=kind, pattern=pattern, line=number))
    return rules


def _two_fields(path: Path, *, what: str) -> list[tuple[int, str, str]]:
    rows = []
    for number, raw in _data_lines(path):
        first, sep, second = raw.partition("\t")
        if not sep or not first.strip() or not second.strip():
            raise DataFileError(str(path), number, f"expected '{what}'")
        rows.append((number, first.strip(), second.strip()))
    return rows


def read_credit_names(path: Path) -> tuple[list[str], set[str]]:
    """The agency names and the (case-folded) credit words of a ``credit_names.txt`` file."""
    agencies: list[str] = []
    words: set[str] = set()
    for number, kind, name in _two_fields(path, what="kind<TAB>name"):
        if kind == "agency":
            agencies.append(name)
        elif kind == "word":
            words.add(name.casefold())
        else:
            raise DataFileError(str(path), number, f"unknown kind {kind!r} (known: agency, word)")
    return agencies, words


def compile_names(names: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``names`` as whole words, longest first; names written in
    capitals ("AP", "PA") match only in capitals."""
    if not names:
        return re.compile(r"(?!x)x")

    def alternative(name: str) -> str:
        escaped = re.escape(name).replace(r"\ ", r"\s+")
        return escaped if name.isupper() else f"(?i:{escaped})"

    alternatives = "|".join(alternative(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _data_lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(str(path), None, "file not found") from None
    except UnicodeDecodeError as err:
        raise DataFileError(str(path), None, f"not UTF-8 ({err.reason})") from None
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() and not raw.lstrip().startswith("#"):
            lines.append((number, raw))
    return lines
