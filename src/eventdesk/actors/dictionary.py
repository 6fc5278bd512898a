"""The actor dictionary: countries, organisations, sector words and coreference nouns, loaded
from tab-separated files (``data/actors/*.tsv`` plus any user files of the same schemas).

A file's header line says which schema it follows, so a user file needs no other marking:

* countries:   ``code name wikidata aliases demonyms metonyms``
* actors:      ``name code country sector kind wikidata aliases``
* sectors:     ``phrase sector title crowd`` (or the older ``phrase sector title``)
* coreference: ``noun kinds``

Lines starting with ``#`` and blank lines are skipped. Later files override earlier ones for the
same alias, so a user file can correct a built-in entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from eventdesk.errors import DataFileError
from eventdesk.records import Actor

AliasForm = Literal["name", "demonym", "metonym"]

COUNTRY_COLUMNS = ("code", "name", "wikidata", "aliases", "demonyms", "metonyms")
ACTOR_COLUMNS = ("name", "code", "country", "sector", "kind", "wikidata", "aliases")
SECTOR_COLUMNS = ("phrase", "sector", "title", "crowd")
SECTOR_COLUMNS_V1 = ("phrase", "sector", "title")  # the schema before the crowd column; still read
COREFERENCE_COLUMNS = ("noun", "kinds")

# PLOVER/CAMEO sector (agent) codes this project accepts; "-" marks a role word without one.
SECTOR_CODES = frozenset({
    "GOV", "MIL", "COP", "REB", "OPP", "PTY", "JUD", "LEG", "CVL", "REF", "JRN", "MED", "BUS", "EDU", "LAB",
    "REL", "HRI", "SPY", "CRM", "IGO", "NGO", "AGR", "ELI", "ENV", "HLH", "UAF", "MOD", "RAD", "INS", "SEP", "IMG",
})
CROWD_KINDS = frozenset({"demonstrators", "mob"})  # a sector word's crowd: the kind of the actor it makes
ACTOR_KINDS = frozenset({"country", "igo", "party", "armed_group", "sector", "person", "group", *CROWD_KINDS})
BUILTIN_FILES = ("countries.tsv", "igos.tsv", "parties.tsv", "armed_groups.tsv", "state_bodies.tsv", "leaders.tsv",
                 "sectors.tsv", "coreference.tsv")
ANY_KIND = "*"

_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]{0,9}$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_FIRST_COMBINING = "\u0300"  # no character before it has a combining class (Unicode's combining marks block)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2010": "-"})


def fold_text(text: str) -> str:
    """The lookup key of a name: lower case, accents and curly quotes folded, spaces collapsed."""
    if text.isascii():  # nothing to fold but case and spaces: the common case, and a hot path
        return " ".join(text.lower().split())
    plain = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    if not plain.isascii():  # (curly quotes alone leave ASCII: no marks to drop)
        # combining marks all lie at U+0300 and above: the comparison spares most letters the lookup
        plain = "".join([ch for ch in plain if ch < _FIRST_COMBINING or not unicodedata.combining(ch)])
    return " ".join(plain.lower().split())


def case_compatible(alias: str, text: str) -> bool:
    """Acronyms ("US", "WHO") match only as written; a capitalised alias word needs a capital."""
    for alias_word, text_word in zip(re.split(r"[\s\-]+", alias), re.split(r"[\s\-]+", text), strict=False):
        letters = [ch for ch in alias_word if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            if fold_text(alias_word).upper() != text_word.translate(_APOSTROPHES).upper() or not _upper(text_word):
                return False
        elif alias_word[:1].isupper() and not text_word[:1].isupper():
            return False
    return True


def _upper(word: str) -> bool:
    return all(ch.isupper() for ch in word if ch.isalpha())


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasTarget:
    """What one alias names: the actor, and whether the alias is its name, demonym or metonym."""

    alias: str
    actor: Actor
    form: AliasForm = "name"


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorWord:
    phrase: str
    sector: str | None  # None for role words ("leader") that carry no sector of their own
    title: bool = False
    crowd: str | None = None  # "demonstrators" or "mob": the word names a crowd of that kind


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """The loaded, immutable dictionary. Build it with :meth:`load`."""

    aliases: Mapping[str, AliasTarget]
    countries: Mapping[str, Actor]
    sectors: Mapping[str, SectorWord]
    coreference_nouns: Mapping[str, frozenset[str]]
    max_alias_tokens: int = 12
    first_words: frozenset[str] = field(init=False)  # the first word of every alias key
    # the most words of an alias key beginning with each first word: bounds the scan's lookups
    most_words: Mapping[str, int] = field(init=False)
    # every alias key's first word, first two words, ... and the whole key: a scan stops at a prefix not here
    key_prefixes: frozenset[str] = field(init=False)
    # the last word of every sector phrase key, and "" (for "not known"): rules out sector lookups
    sector_last_words: frozenset[str] = field(init=False)
    key_characters: frozenset[str] = field(init=False)  # every non-ASCII character of an alias key

    def __post_init__(self) -> None:
        most: dict[str, int] = {}
        prefixes: set[str] = set()
        for key in self.aliases:
            words = key.split(" ")
            most[words[0]] = max(most.get(words[0], 0), key.count(" ") + 1)
            prefixes.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        object.__setattr__(self, "first_words", frozenset(most))
        object.__setattr__(self, "most_words", MappingProxyType(most))
        object.__setattr__(self, "key_prefixes", frozenset(prefixes))
        object.__setattr__(self, "sector_last_words", frozenset(k.rsplit(" ", 1)[-1] for k in self.sectors) | {""})
        object.__setattr__(self, "key_characters", frozenset(ch for key in self.aliases for ch in key if ord(ch) > 127))

    @classmethod
    def load(cls, extra_files: Sequence[Path] = ()) -> ActorDictionary:
        """The built-in files, then ``extra_files`` in order (later entries win)."""
        builder = _Builder()
        data_dir = resources.files("eventdesk") / "data" / "actors"
        for name in BUILTIN_FILES:
            with resources.as_file(data_dir / name) as path:
                builder.read_file(path)
        for path in extra_files:
            builder.read_file(Path(path))
        return builder.build()

    def lookup(self, text: str) -> AliasTarget | None:
        """The entry for a span of text, honouring the alias's case rules."""
        target = self.aliases.get(fold_text(text))
        if target is None or not case_compatible(target.alias, text):
            return None
        return target

    def in_no_key(self, char: str) -> bool:
        """Whether no alias key can match text that holds ``char`` (an em dash): a non-ASCII
        character folding keeps as it is wherever it stands (no case, decomposition or combining
        class, no space, no quote or dash folded) and that no key contains."""
        return (ord(char) > 127 and char not in self.key_characters and ord(char) not in _APOSTROPHES
                and not char.isspace() and char.lower() == char and unicodedata.combining(char) == 0
                and unicodedata.normalize("NFKD", char) == char)

    def sector_word(self, phrase: str) -> SectorWord | None:
        return self.sectors.get(fold_text(phrase))

    def country_actor(self, code: str, *, sector: str | None = None) -> Actor | None:
        """A country's actor, composed with a sector ("ISR" + "COP" -> ISRCOP) when given."""
        country = self.countries.get(code)
        if country is None or sector is None:
            return country
        return replace(country, code=f"{code}{sector}", sector=sector)


class _Builder:
    """Collects rows from the files; turns them into an :class:`ActorDictionary`."""

    def __init__(self) -> None:
        self.aliases: dict[str, AliasTarget] = {}
        self.countries: dict[str, Actor] = {}
        self.sectors: dict[str, SectorWord] = {}
        self.coreference: dict[str, frozenset[str]] = {}

    def build(self) -> ActorDictionary:
        longest = max((len(re.findall(r"\w+|[^\w\s]", key)) for key in self.aliases), default=1)
        return ActorDictionary(
            aliases=MappingProxyType(dict(self.aliases)),
            countries=MappingProxyType(dict(self.countries)),
            sectors=MappingProxyType(dict(self.sectors)),
            coreference_nouns=MappingProxyType(dict(self.coreference)),
            max_alias_tokens=longest,
        )

    def read_file(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise DataFileError(str(path), None, "actor dictionary file not found") from None
        except UnicodeDecodeError as err:
            raise DataFileError(str(path), None, f"not UTF-8 text ({err.reason})") from None
        rows = list(_rows(lines))
        if not rows:
            raise DataFileError(str(path), None, "no header line")
        (header_line, header), *body = rows
        reader = self._reader_for(tuple(header), path, header_line)
        seen: dict[str, tuple[int, str]] = {}
        for number, fields in body:
            if len(fields) != len(header):
                problem = f"expected {len(header)} tab-separated fields, found {len(fields)}"
                raise DataFileError(str(path), number, problem)
            record = dict(zip(header, (f.strip() for f in fields), strict=True))
            for key, identity in reader(record, _Where(str(path), number)):
                if key in seen and seen[key][1] != identity:
                    problem = f"alias {key!r} already names another entry on line {seen[key][0]}"
                    raise DataFileError(str(path), number, problem)
                seen[key] = (number, identity)

    def _reader_for(self, header: tuple[str, ...], path: Path, line: int) -> _RowReader:
        readers: dict[tuple[str, ...], _RowReader] = {
            COUNTRY_COLUMNS: self._read_country,
            ACTOR_COLUMNS: self._read_actor,
            SECTOR_COLUMNS: self._read_sector,
            SECTOR_COLUMNS_V1: self._read_sector,
            COREFERENCE_COLUMNS: self._read_coreference,
        }
        if header not in readers:
            known = "; ".join(" ".join(columns) for columns in readers)
            raise DataFileError(str(path), line, f"unknown header {' '.join(header)!r} (known: {known})")
        return readers[header]

    def _read_country(self, row: dict[str, str], where: _Where) -> Iterable[tuple[str, str]]:
        code = where.check(row["code"], _COUNTRY, "country code (ISO 3166 alpha-3)")
        name = where.require(row["name"], "name")
        actor = Actor(name=name, code=code, country=code, kind="country",
                      identifier_id=where.optional(row["wikidata"], _WIKIDATA, "Wikidata id"))
        self.countries[code] = actor
        government = replace(actor, code=f"{code}GOV", sector="GOV")
        forms: tuple[tuple[str, AliasForm, Actor], ...] = (
            (f"{name}|{row['aliases']}", "name", actor),
            (row["demonyms"], "demonym", actor),
            (row["metonyms"], "metonym", government),
        )
        for names, form, target in forms:
            for alias in _split(names):
                yield self._add_alias(alias, AliasTarget(alias=alias, actor=target, form=form))

    def _read_actor(self, row: dict[str, str], where: _Where) -> Iterable[tuple[str, str]]:
        name = where.require(row["name"], "name")
        country = where.optional(row["country"], _COUNTRY, "country code (ISO 3166 alpha-3)")
        if country is not None and country not in self.countries:
            where.fail(f"unknown country code {country!r}")
        sector = row["sector"] or None
        if sector is not None and sector not in SECTOR_CODES:
            where.fail(f"unknown sector {sector!r}")
        if row["kind"] not in ACTOR_KINDS:
            where.fail(f"unknown kind {row['kind']!r} (known: {', '.join(sorted(ACTOR_KINDS))})")
        actor = Actor(name=name, code=where.optional(row["code"], _CODE, "actor code"), country=country,
                      sector=sector, kind=row["kind"],
                      identifier_id=where.optional(row["wikidata"], _WIKIDATA, "Wikidata id"))
        for alias in _split(f"{name}|{row['aliases']}"):
            yield self._add_alias(alias, AliasTarget(alias=alias, actor=actor))

    def _read_sector(self, row: dict[str, str], where: _Where) -> Iterable[tuple[str, str]]:
        phrase = fold_text(where.require(row["phrase"], "phrase"))
        sector = row["sector"]
        if sector != "-" and sector not in SECTOR_CODES:
            where.fail(f"unknown sector {sector!r} (use '-' for a role word)")
        if row["title"] not in ("yes", "no"):
            where.fail(f"title must be yes or no, not {row['title']!r}")
        crowd = row.get("crowd", "-") or "-"
        if crowd != "-" and crowd not in CROWD_KINDS:
            where.fail(f"crowd must be {', '.join(sorted(CROWD_KINDS))} or '-', not {crowd!r}")
        self.sectors[phrase] = SectorWord(phrase=phrase, sector=None if sector == "-" else sector,
                                          title=row["title"] == "yes", crowd=None if crowd == "-" else crowd)
        return ((phrase, sector),)

    def _read_coreference(self, row: dict[str, str], where: _Where) -> Iterable[tuple[str, str]]:
        noun = fold_text(where.require(row["noun"], "noun"))
        kinds = frozenset(_split(row["kinds"]))
        unknown = kinds - ACTOR_KINDS - {ANY_KIND}
        if not kinds or unknown:
            where.fail(f"kinds must be actor kinds or '*', not {row['kinds']!r}")
        self.coreference[noun] = kinds
        return ((noun, row["kinds"]),)

    def _add_alias(self, alias: str, target: AliasTarget) -> tuple[str, str]:
        key = fold_text(alias)
        self.aliases[key] = target
        return key, f"{target.actor.name}/{target.actor.code}/{target.form}"


@dataclass(frozen=True, slots=True)
class _Where:
    """A file position, to raise ``DataFileError(path, line, problem)`` from value checks."""

    path: str
    line: int

    def fail(self, problem: str) -> None:
        raise DataFileError(self.path, self.line, problem)

    def require(self, value: str, column: str) -> str:
        if not value:
            self.fail(f"empty {column}")
        return value

    def check(self, value: str, pattern: re.Pattern[str], what: str) -> str:
        if not pattern.match(value):
            self.fail(f"malformed {what}: {value!r}")
        return value

    def optional(self, value: str, pattern: re.Pattern[str], what: str) -> str | None:
        return self.check(value, pattern, what) if value else None


_RowReader = Callable[[dict[str, str], _Where], Iterable[tuple[str, str]]]


def _rows(lines: Sequence[str]) -> Iterable[tuple[int, list[str]]]:
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line.rstrip("\r\n").split("\t")


def _split(values: str) -> list[str]:
    return [value.strip() for value in values.split("|") if value.strip()]
