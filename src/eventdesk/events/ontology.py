"""The code tables as data: CAMEO codes, PLOVER categories/modes/contexts, sectors, ACLED types.

``CodeTables.load()`` reads ``eventdesk/data/ontology/*.tsv`` (see the README there) once and
checks every row against the others; ``extra`` files of the same schemas add or override rows
(later rows win). Each file is recognised by its header line, so an extra file may be named
freely. Everything is plain data after loading: no spaCy, no I/O per lookup.

CAMEO's 01x "make public statement" codes have no PLOVER category: ``has_cameo("010")`` is True
but ``event_type("010")`` raises :class:`NotAnEvent` (a ``KeyError``), so a coder that catches
``KeyError`` treats statements like unknown codes and emits no event.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from eventdesk.errors import DataFileError
from eventdesk.records import AcledType, Actor, EventType

__all__ = ["AcledRule", "ActorClass", "CodeTables", "NotAnEvent"]

# Every table: its header (the columns, in order) -> its name. A file is recognised by its header.
SCHEMAS: dict[tuple[str, ...], str] = {
    ("cameo", "name", "goldstein", "quad_class"): "cameo",
    ("category", "quad_class", "definition"): "categories",
    ("category", "mode", "definition"): "modes",
    ("context", "definition"): "contexts",
    ("sector", "description", "source"): "sectors",
    ("kind", "old", "new", "note"): "synonyms",
    ("cameo", "category", "mode", "contexts"): "cameo_plover",
    ("event_type", "sub_event_type", "definition"): "acled_types",
    ("class", "sectors", "kinds", "definition"): "actor_classes",
    ("cameo", "category", "mode", "if_actor_sector", "if_target_sector", "event_type", "sub_event_type", "note"):
        "cameo_acled",
}
# Keyed tables -> the number of leading columns that make the key (a later row with the same key
# replaces the earlier one); the others (ACLED rules) are ordered lists where a later file's rows
# come first.
KEYS = {"cameo": 1, "categories": 1, "modes": 2, "contexts": 1, "sectors": 1, "synonyms": 2,
        "cameo_plover": 1, "acled_types": 2, "actor_classes": 1}
NO_PARTICIPANT = "none"  # the condition a side with no participant meets


class NotAnEvent(KeyError):
    """The CAMEO code exists but is not a PLOVER event (CAMEO 01x public statements)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class AcledRule:
    """One row of ``cameo_acled.tsv``: keyed by ``cameo``, or by ``category`` (+ ``mode``). The
    conditions hold sector codes, actor class names (``actor_classes.tsv``) and ``none``."""

    cameo: str
    category: str
    mode: str
    if_actor_sector: frozenset[str]
    if_target_sector: frozenset[str]
    acled: AcledType

    @property
    def conditional(self) -> bool:
        return bool(self.if_actor_sector or self.if_target_sector)

    def applies(self, actor_tags: frozenset[str], target_tags: frozenset[str]) -> bool:
        return (not self.if_actor_sector or bool(self.if_actor_sector & actor_tags)) and (
            not self.if_target_sector or bool(self.if_target_sector & target_tags)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorClass:
    """One row of ``actor_classes.tsv``: an actor is in the class by its sector or its kind."""

    name: str
    sectors: frozenset[str]
    kinds: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Row:
    path: str
    line: int
    cells: dict[str, str]


def _data_dir() -> Path:
    return Path(str(resources.files("eventdesk") / "data" / "ontology"))


def _read_table(path: Path) -> tuple[str, list[_Row]]:
    """One TSV file: ``#`` comments and blank lines skipped, the first other line is the header."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), None, f"cannot read the file ({err})") from None
    header: tuple[str, ...] | None = None
    rows: list[_Row] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if header is None:
            header = tuple(cells)
            if header not in SCHEMAS:
                raise DataFileError(str(path), number, f"unknown table header {line!r}; expected one of: "
                                    + "; ".join(" ".join(h) for h in SCHEMAS))
            continue
        if len(cells) > len(header):
            raise DataFileError(str(path), number, f"{len(cells)} columns, expected {len(header)} ({' '.join(header)})")
        cells += [""] * (len(header) - len(cells))
        rows.append(_Row(str(path), number, dict(zip(header, cells, strict=True))))
    if header is None:
        raise DataFileError(str(path), None, "no header line")
    return SCHEMAS[header], rows


def _collect(paths: Iterable[Path]) -> dict[str, list[_Row]]:
    tables: dict[str, list[_Row]] = {name: [] for name in SCHEMAS.values()}
    for path in paths:
        name, rows = _read_table(path)
        if name in KEYS:
            tables[name].extend(rows)
        else:  # ordered rules: a later file's rows are tried first
            tables[name][:0] = rows
    return {name: list(_keyed(rows, KEYS[name]).values()) if name in KEYS else rows for name, rows in tables.items()}


def _keyed(rows: list[_Row], width: int) -> dict[tuple[str, ...], _Row]:
    out: dict[tuple[str, ...], _Row] = {}
    for row in rows:
        out[tuple(row.cells.values())[:width]] = row  # a later row replaces an earlier one in place
    return out


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


class CodeTables:
    """CAMEO, PLOVER and ACLED as one set of consistent lookups. Build with :meth:`load`."""

    def __init__(self, tables: Mapping[str, list[_Row]]) -> None:
        self._names: dict[str, str] = {}
        self._goldstein: dict[str, float] = {}
        self._quad: dict[str, int] = {}
        for row in tables["cameo"]:
            self._add_cameo(row)
        self._categories = {r.cells["category"]: r for r in tables["categories"]}
        self._category_quad = {c: self._int(r, "quad_class", 1, 4) for c, r in self._categories.items()}
        self._modes: dict[str, list[str]] = {c: [] for c in self._categories}
        for row in tables["modes"]:
            category, mode = row.cells["category"], row.cells["mode"]
            self._need(category in self._categories, row, f"unknown PLOVER category {category!r}")
            self._modes[category].append(mode)
        self._contexts = tuple(r.cells["context"] for r in tables["contexts"])
        self._sectors = MappingProxyType({r.cells["sector"]: r.cells["description"]
                                          for r in tables["sectors"]})
        self._synonyms = {(r.cells["kind"], r.cells["old"]): r.cells["new"]
                          for r in tables["synonyms"]}
        self._acled_types = tuple(AcledType(event_type=r.cells["event_type"], sub_event_type=r.cells["sub_event_type"])
                                  for r in tables["acled_types"])
        self._plover: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
        for row in tables["cameo_plover"]:
            self._add_plover(row)
        missing = sorted(set(self._names) - set(self._plover))
        if missing:
            raise DataFileError("cameo_plover.tsv", None, f"CAMEO codes without a PLOVER row: {', '.join(missing)}")
        self._classes = tuple(self._actor_class(row) for row in tables["actor_classes"])
        self._rules = tuple(self._acled_rule(row) for row in tables["cameo_acled"])
        # each key's rules with their file positions: a lookup reads only the rules of its keys
        self._rules_by_key: dict[tuple[str, str, str], list[tuple[int, AcledRule]]] = {}
        for number, rule in enumerate(self._rules):
            self._rules_by_key.setdefault((rule.cameo, rule.category, rule.mode), []).append((number, rule))
        self._check_synonyms(tables["synonyms"])
        self._types: dict[str, EventType] = {}

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> CodeTables:
        """The packaged tables plus ``extra`` files (same schemas; later rows override)."""
        return _load(tuple(Path(p) for p in extra))

    @staticmethod
    def _need(ok: bool, row: _Row, problem: str) -> None:
        if not ok:
            raise DataFileError(row.path, row.line, problem)

    def _int(self, row: _Row, column: str, low: int, high: int) -> int:
        value = row.cells[column]
        self._need(value.isdigit() and low <= int(value) <= high, row, f"{column} must be {low}..{high}, got {value!r}")
        return int(value)

    def _add_cameo(self, row: _Row) -> None:
        code = row.cells["cameo"]
        self._need(code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20, row,
                   f"bad CAMEO code {code!r} (2-4 digits, root 01-20)")
        self._need(len(code) == 2 or code[:-1] in self._names, row,
                   f"CAMEO code {code!r} has no parent code {code[:-1]!r} (a parent must come first)")
        self._need(bool(row.cells["name"]), row, f"CAMEO code {code!r} has no name")
        try:
            goldstein = float(row.cells["goldstein"])
        except ValueError:
            goldstein = float("nan")
        self._need(-10.0 <= goldstein <= 10.0, row,
                   f"Goldstein score must be in [-10, 10], got {row.cells['goldstein']!r}")
        quad = self._int(row, "quad_class", 1, 4)
        self._need(quad == quad_of_root(code), row, f"quad_class {quad} disagrees with root {code[:2]} "
                   f"(GDELT QuadClass {quad_of_root(code)})")
        self._names[code], self._goldstein[code], self._quad[code] = row.cells["name"], goldstein, quad

    def _add_plover(self, row: _Row) -> None:
        code, category, mode = row.cells["cameo"], row.cells["category"], row.cells["mode"]
        self._need(code in self._names, row, f"unknown CAMEO code {code!r}")
        self._need(not category or category in self._categories, row, f"unknown PLOVER category {category!r}")
        self._need(not mode or mode in self._modes.get(category, ()), row,
                   f"mode {mode!r} is not a mode of {category or 'an empty category'}")
        contexts = _split(row.cells["contexts"])
        for context in contexts:
            self._need(context in self._contexts, row, f"unknown PLOVER context {context!r}")
        self._need(bool(category) or not (mode or contexts), row, "mode or contexts without a category")
        self._plover[code] = (category, mode or None, contexts)

    def _acled_rule(self, row: _Row) -> AcledRule:
        cells = row.cells
        code, category, mode = cells["cameo"], cells["category"], cells["mode"]
        self._need(bool(code) != bool(category), row, "give either a CAMEO code or a PLOVER category, not both")
        self._need(not code or code in self._names, row, f"unknown CAMEO code {code!r}")
        self._need(not category or category in self._categories, row, f"unknown PLOVER category {category!r}")
        self._need(not mode or mode in self._modes.get(category, ()), row, f"mode {mode!r} is not a mode of {category}")
        acled = AcledType(event_type=cells["event_type"], sub_event_type=cells["sub_event_type"] or None)
        self._need(acled in self._acled_types, row,
                   f"({acled.event_type!r}, {acled.sub_event_type!r}) is not in acled_types.tsv")
        sectors = {}
        classes = {c.name for c in self._classes} | {NO_PARTICIPANT}
        for column in ("if_actor_sector", "if_target_sector"):
            values = frozenset(_split(cells[column]))
            unknown = sorted(v for v in values if v.isupper() and v not in self._sectors)
            self._need(not unknown, row, f"unknown sector code(s) in {column}: {', '.join(unknown)}")
            unknown = sorted(v for v in values if not v.isupper() and v not in classes)
            self._need(not unknown, row, f"unknown actor class(es) in {column}: {', '.join(unknown)} "
                       f"(known: {', '.join(sorted(classes))})")
            sectors[column] = values
        return AcledRule(cameo=code, category=category, mode=mode, acled=acled, **sectors)

    def _actor_class(self, row: _Row) -> ActorClass:
        name = row.cells["class"]
        self._need(name.isidentifier() and name.islower() and name != NO_PARTICIPANT, row,
                   f"an actor class is a lower-case word other than {NO_PARTICIPANT!r}, got {name!r}")
        sectors = frozenset(_split(row.cells["sectors"]))
        unknown = sorted(sectors - set(self._sectors))
        self._need(not unknown, row, f"unknown sector code(s): {', '.join(unknown)}")
        return ActorClass(name=name, sectors=sectors, kinds=frozenset(_split(row.cells["kinds"])))

    def _check_synonyms(self, rows: list[_Row]) -> None:
        for row in rows:
            kind, new = row.cells["kind"], row.cells["new"]
            category, _, mode = new.partition(":")
            targets = {"category": new in self._categories, "mode": mode in self._modes.get(category, ()),
                       "context": new in self._contexts}
            self._need(kind in targets, row, f"kind must be category, mode or context, got {kind!r}")
            self._need(targets[kind], row, f"{kind} synonym target {new!r} does not exist")

    # ------------------------------------------------------------------ CAMEO

    def has_cameo(self, cameo: str) -> bool:
        return cameo in self._names

    def cameo_name(self, cameo: str) -> str:
        return self._names[cameo]

    @property
    def cameo_codes(self) -> tuple[str, ...]:
        """Every CAMEO code, in table order (01, 010, 011, ... 2042)."""
        return tuple(self._names)

    def is_event(self, cameo: str) -> bool:
        """True where the code maps to a PLOVER category (False for CAMEO 01x statements)."""
        return bool(self._plover[cameo][0])

    def event_type(self, cameo: str) -> EventType:
        """The code in every ontology. ``KeyError`` for an unknown code, :class:`NotAnEvent` (a
        ``KeyError``) for a known code that is not a PLOVER event (01x statements)."""
        cached = self._types.get(cameo)
        if cached is not None:
            return cached
        if cameo not in self._names:
            raise KeyError(f"unknown CAMEO code {cameo!r}")
        category, mode, contexts = self._plover[cameo]
        if not category:
            raise NotAnEvent(f"CAMEO {cameo} ({self._names[cameo]}) is not a PLOVER event")
        event_type = EventType(cameo=cameo, event=category, mode=mode, context=contexts, quad_code=self._quad[cameo],
                               goldstein=self._goldstein[cameo], acled=self.acled_type(cameo))
        self._types[cameo] = event_type
        return event_type

    # ------------------------------------------------------------------ PLOVER

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self._categories)

    def modes(self, category: str) -> tuple[str, ...]:
        return tuple(self._modes[category])

    @property
    def contexts(self) -> tuple[str, ...]:
        return self._contexts

    @property
    def sectors(self) -> Mapping[str, str]:
        return self._sectors

    def quad_of_category(self, category: str) -> int:
        """PLOVER's quad class of a category (1 verbal coop ... 4 material conflict)."""
        return self._category_quad[category]

    def category_definition(self, category: str) -> str:
        return self._categories[category].cells["definition"]

    def canonical_category(self, name: str) -> str:
        """The current category for a name, old names (DEMAND, DISAPPROVE, FIGHT ...) included."""
        name = name.strip().upper()
        name = self._synonyms.get(("category", name), name)
        if name not in self._categories:
            raise KeyError(f"unknown PLOVER category {name!r}")
        return name

    def canonical_mode(self, category: str, mode: str | None) -> tuple[str, str | None]:
        """``(category, mode)`` in current names; an unknown mode becomes None."""
        category = self.canonical_category(category)
        if not mode:
            return category, None
        new = self._synonyms.get(("mode", f"{category}:{mode}"))
        if new is None:
            return (category, mode) if mode in self._modes[category] else (category, None)
        new_category, _, new_mode = new.partition(":")
        return new_category, new_mode

    def canonical_context(self, context: str) -> str | None:
        """A context in current names, or None when it is not a PLOVER context."""
        context = self._synonyms.get(("context", context), context)
        return context if context in self._contexts else None

    # ------------------------------------------------------------------ ACLED

    def acled_types(self) -> tuple[AcledType, ...]:
        return self._acled_types

    @property
    def actor_classes(self) -> frozenset[str]:
        """The names of ``actor_classes.tsv``'s classes (armed, state, civilians, demonstrators, mob)."""
        return frozenset(c.name for c in self._classes)

    def actor_tags(self, actors: Iterable[Actor]) -> frozenset[str]:
        """What the ACLED conditions test of one side of an event: its actors' sectors and the
        actor classes they belong to (by sector or kind); ``none`` when the side has no actor."""
        tags: set[str] = set()
        for actor in actors:
            tags.update(c.name for c in self._classes if actor.sector in c.sectors or actor.kind in c.kinds)
            if actor.sector:
                tags.add(actor.sector)
        return frozenset(tags)

    def acled_type(self, cameo: str | None = None, *, category: str | None = None, mode: str | None = None,
                   actor_sectors: Iterable[str] = (), target_sectors: Iterable[str] = ()) -> AcledType | None:
        """The ACLED type of an event, or None. ``actor_sectors``/``target_sectors`` are sector codes
        or actor class names (:meth:`actor_tags`); an empty side is ``none``. Rows are tried in this
        order: an explicitly given ``mode`` that differs from the code's own mode (its conditional
        rows, then its plain ones); then every conditional row that holds, keyed by the CAMEO code,
        the category + mode or the category's fallback, in file order; then the plain rows of the
        CAMEO code, of the category + mode and of the category's fallback (empty mode)."""
        own_category, own_mode = (self._plover[cameo][:2] if cameo is not None else ("", None))
        category = category or own_category
        if not category and cameo is None:
            return None
        keys: list[tuple[str, str, str]] = []
        if cameo is not None:
            keys.append((cameo, "", ""))
        if mode or own_mode:
            keys.append(("", category, own_mode or mode or ""))
        keys.append(("", category, ""))
        actors, targets = self._expand(actor_sectors), self._expand(target_sectors)
        if mode and mode != own_mode:
            found = self._first([("", category, mode)], actors, targets)
            if found is not None:
                return found
        conditional = [(number, r) for key in dict.fromkeys(keys) for number, r in self._rules_by_key.get(key, ())
                       if r.conditional and r.applies(actors, targets)]
        if conditional:  # the first in file order
            return min(conditional, key=lambda found: found[0])[1].acled
        return self._first(keys, actors, targets, plain_only=True)

    def _expand(self, tags: Iterable[str]) -> frozenset[str]:
        given = frozenset(tags)
        if not given:
            return frozenset({NO_PARTICIPANT})
        return given | {c.name for c in self._classes if c.sectors & given}

    def _first(self, keys: Sequence[tuple[str, str, str]], actors: frozenset[str], targets: frozenset[str], *,
               plain_only: bool = False) -> AcledType | None:
        for key in keys:
            rules = [r for _, r in self._rules_by_key.get(key, ()) if r.applies(actors, targets)
                     and not (plain_only and r.conditional)]
            if rules:
                return min(rules, key=lambda r: not r.conditional).acled
        return None


def quad_of_root(cameo: str) -> int:
    """GDELT's QuadClass of a CAMEO code: 01-04 -> 1, 05-08 -> 2, 09-13 -> 3, 14-20 -> 4."""
    root = int(cameo[:2])
    return 1 if root <= 4 else 2 if root <= 8 else 3 if root <= 13 else 4


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> CodeTables:
    base = sorted(_data_dir().glob("*.tsv"))
    return CodeTables(_collect([*base, *extra]))
