"""The trigger lexicon: verb lemmas and event nouns, each with the CAMEO code it signals.

The packaged ``data/events/triggers.tsv`` (see the README there) plus any extra files of the
same schema are read once into an immutable :class:`Lexicon`. Columns::

    lemma  pos  with  object  recipient  frame  cameo  reliability  notes

* ``pos`` — ``VERB`` or ``NOUN``.
* ``with`` — for a VERB, the particles/prepositions that must depend on it, space-separated
  ("call for", "crack down on" -> ``down on``); for a NOUN, the light verb(s) it must be the
  object of, ``|``-separated ("agreement" after ``sign`` vs after ``reach``). Empty: none needed.
* ``object`` — empty: no condition; ``+``: a complement is required; ``-``: no direct object
  allowed; else ``|``-separated lemmas: for a VERB its object (direct object, passive subject or
  the object of its ``with`` preposition), for a NOUN one of its modifiers ("air" strike). Among the
  lemmas, ``@name`` stands for any proper name of a person, group or country ("received Putin").
* ``recipient`` — where the recipient is, tried in order, ``|``-separated: ``dobj``, ``dative``,
  ``pobj:PREP``. Empty: ``dobj`` for verbs, ``pobj:on|pobj:against|pobj:with|pobj:to`` for nouns.
* ``frame`` — empty (an ordinary trigger: a trigger in its complement is part of this event),
  ``light`` (its event-noun object decides the code), ``report`` (a trigger in its complement
  is the event, e.g. "denied attacking"; otherwise the row's own code), ``speech`` (never an
  event; the subject becomes the event's ``source``), ``claim`` (like speech, and the claimant
  becomes the actor of an inner event that has none: "claimed responsibility for the attack").
* ``cameo`` — the CAMEO code, ``-`` for "explicitly not an event" (press conference), empty
  only for ``light``, ``speech`` and ``claim`` rows.
* ``reliability`` — in (0, 1]: how often the trigger means this event in news text.

A user file with the same header adds rows; a later row with the same (lemma, pos, with, object,
frame) replaces an earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventdesk.errors import DataFileError

__all__ = ["COLUMNS", "FRAMES", "Lexicon", "TriggerEntry", "read_domain_words"]

COLUMNS = ("lemma", "pos", "with", "object", "recipient", "frame", "cameo", "reliability", "notes")
FRAMES = frozenset({"", "light", "report", "speech", "claim"})
POS = frozenset({"VERB", "NOUN"})
VERB_RECIPIENT = ("dobj",)
NOUN_RECIPIENT = ("pobj:on", "pobj:against", "pobj:with", "pobj:to")
NOT_AN_EVENT = "-"
NAMED_OBJECT = "@name"  # in an object list: a proper name of a person, a group or a country


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerEntry:
    """One row of the lexicon."""

    lemma: str
    pos: str
    with_: tuple[str, ...]
    object: tuple[str, ...]
    recipient: tuple[str, ...]
    frame: str
    cameo: str
    reliability: float
    notes: str = ""
    where: str = ""  # path:line, for messages

    @property
    def blocks(self) -> bool:
        """An explicit "not an event" row (e.g. "press conference")."""
        return self.cameo == NOT_AN_EVENT

    @property
    def specificity(self) -> int:
        """Rows with more conditions win over looser rows of the same lemma."""
        condition = 0 if not self.object else 1 if self.object in (("+",), ("-",)) else 2
        return 2 * len(self.with_) + condition


class Lexicon:
    """The loaded trigger rows, looked up by (lemma, pos)."""

    def __init__(self, entries: Iterable[TriggerEntry]) -> None:
        keyed: dict[tuple[str, str, tuple[str, ...], tuple[str, ...], str], TriggerEntry] = {}
        for entry in entries:
            keyed[(entry.lemma, entry.pos, entry.with_, entry.object, entry.frame)] = entry
        self._by_key: dict[tuple[str, str], tuple[TriggerEntry, ...]] = {}
        for entry in keyed.values():
            key = (entry.lemma, entry.pos)
            self._by_key[key] = (*self._by_key.get(key, ()), entry)
        for key, rows in self._by_key.items():  # most specific first, file order among equals
            self._by_key[key] = tuple(sorted(rows, key=lambda e: -e.specificity))
        self._entries = tuple(keyed.values())

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Lexicon:
        """The packaged triggers plus ``extra`` files of the same schema."""
        paths = [data_dir() / "triggers.tsv", *(Path(p) for p in extra)]
        entries: list[TriggerEntry] = []
        for path in paths:
            entries.extend(read_triggers(path))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[TriggerEntry]:
        return iter(self._entries)

    def rows(self, lemma: str, pos: str) -> tuple[TriggerEntry, ...]:
        return self._by_key.get((lemma.lower(), pos), ())

    def has_lemma(self, lemma: str, pos: str) -> bool:
        return (lemma.lower(), pos) in self._by_key

    def frame_of(self, lemma: str) -> str | None:
        """The frame of a verb lemma's frame rows (``speech``/``report``/``claim``), if any."""
        for entry in self.rows(lemma, "VERB"):
            if entry.frame in ("speech", "report", "claim"):
                return entry.frame
        return None


def data_dir() -> Path:
    return Path(str(resources.files("eventdesk") / "data" / "events"))


def _split(cell: str, sep: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in cell.split(sep) if part.strip())


def read_triggers(path: Path) -> list[TriggerEntry]:
    """Read one trigger TSV; every problem is a ``DataFileError`` naming ``path:line``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), None, f"cannot read the trigger lexicon ({err})") from None
    entries: list[TriggerEntry] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise DataFileError(str(path), number, f"header must be {' '.join(COLUMNS)} (tab-separated)")
            header_seen = True
            continue
        if len(cells) > len(COLUMNS) or len(cells) < len(COLUMNS) - 1:
            raise DataFileError(str(path), number, f"{len(cells)} columns, expected {len(COLUMNS)}")
        cells += [""] * (len(COLUMNS) - len(cells))
        entries.append(_entry(dict(zip(COLUMNS, cells, strict=True)), f"{path}:{number}", path, number))
    if not header_seen:
        raise DataFileError(str(path), None, "no header line")
    return entries


def _entry(cells: dict[str, str], where: str, path: Path, line: int) -> TriggerEntry:
    def fail(problem: str) -> DataFileError:
        return DataFileError(str(path), line, problem)

    lemma, pos, frame, cameo = cells["lemma"].lower(), cells["pos"].upper(), cells["frame"].lower(), cells["cameo"]
    if not lemma or " " in lemma:
        raise fail(f"lemma must be one word, got {cells['lemma']!r} (put particles in the 'with' column)")
    if pos not in POS:
        raise fail(f"pos must be VERB or NOUN, got {cells['pos']!r}")
    if frame not in FRAMES:
        raise fail(f"frame must be one of {', '.join(sorted(f or '(empty)' for f in FRAMES))}, got {frame!r}")
    if frame in ("light", "speech", "claim"):
        if cameo not in ("", NOT_AN_EVENT):
            raise fail(f"a {frame} row has no CAMEO code of its own, got {cameo!r}")
    elif not (cameo == NOT_AN_EVENT or (cameo.isdigit() and 2 <= len(cameo) <= 4)):
        raise fail(f"cameo must be a 2-4 digit CAMEO code or '-', got {cameo!r}")
    try:
        reliability = float(cells["reliability"] or "0.7")
    except ValueError:
        raise fail(f"reliability must be a number, got {cells['reliability']!r}") from None
    if not 0.0 < reliability <= 1.0:
        raise fail(f"reliability must be in (0, 1], got {reliability}")
    with_ = _split(cells["with"], "|" if pos == "NOUN" else " ")
    recipient = _split(cells["recipient"], "|") or (VERB_RECIPIENT if pos == "VERB" else NOUN_RECIPIENT)
    for role in recipient:
        if role not in ("dobj", "dative", "-") and not (role.startswith("pobj:") and len(role) > 5):
            raise fail(f"recipient roles are dobj, dative, pobj:PREP or -, got {role!r}")
    return TriggerEntry(lemma=lemma, pos=pos, with_=with_, object=_split(cells["object"], "|"),
                        recipient=() if recipient == ("-",) else recipient, frame=frame, cameo=cameo,
                        reliability=reliability, notes=cells["notes"], where=where)


def read_domain_words(path: Path | None = None) -> frozenset[str]:
    """Lemmas that mark a sentence as off-domain (sports, weather, markets): ambiguous triggers
    there are not events. File: ``lemma<TAB>domain`` with a header line."""
    path = path or data_dir() / "offdomain.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), None, f"cannot read the off-domain word list ({err})") from None
    words: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not cells[0].strip():
            raise DataFileError(str(path), number, "expected two columns: lemma, domain")
        words.add(cells[0].strip().lower())
    return frozenset(words)
