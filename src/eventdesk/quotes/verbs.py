"""The speech-verb list: which verbs introduce or attribute a quotation.

The list is data (``data/quotes/speech_verbs.tsv``, documented in its README): a lemma, or a
phrasal verb as ``lemma particle`` ("point out"), and whether the verb attributes a quotation
given as its "that"-clause ("both movements emphasised that “…”").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from eventdesk.errors import DataFileError
from eventdesk.records import Token

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "quotes"
DEFAULT_FILE = DATA_DIR / "speech_verbs.tsv"
HEADER = ("lemma", "that_clause", "quote_object", "note")
_FLAGS = {"yes": True, "no": False}


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """One row of the list: see data/quotes/README.md."""

    lemma: str
    that_clause: bool
    quote_object: bool


@dataclass(frozen=True, slots=True)
class SpeechVerbs:
    """The loaded list: lemma (or ``lemma particle``) -> its row."""

    entries: Mapping[str, SpeechVerb]

    def entry_of(self, token: Token, children: Sequence[Token]) -> SpeechVerb | None:
        """The row the verb ``token`` (with its dependency ``children``) matches, if any."""
        if not token.tag.startswith("VB") or (token.tag == "VBN" and token.dep in ("acl", "amod")):
            return None  # not a verb, or a name: "a plan called “Build Back Better”"
        lemma = token.lemma.lower()
        for child in children:
            phrasal = self.entries.get(f"{lemma} {child.text.lower()}") if child.dep == "prt" else None
            if phrasal is not None:
                return phrasal
        return self.entries.get(lemma)

    def __contains__(self, lemma: object) -> bool:
        return lemma in self.entries

    def __len__(self) -> int:
        return len(self.entries)


def load_speech_verbs(paths: Iterable[Path] = ()) -> SpeechVerbs:
    """Read the shipped list, then each user file in order (later rows override)."""
    entries: dict[str, SpeechVerb] = {}
    for path in (DEFAULT_FILE, *paths):
        entries.update((verb.lemma, verb) for verb in _read_file(Path(path)))
    return SpeechVerbs(MappingProxyType(entries))


def _read_file(path: Path) -> list[SpeechVerb]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataFileError(str(path), None, "speech-verb file not found") from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), None, "not UTF-8 text") from None
    rows: list[SpeechVerb] = []
    seen_header = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not seen_header:
            if tuple(cells[:3]) != HEADER[:3]:
                raise DataFileError(str(path), number, f"expected the header {' / '.join(HEADER)}, got {line!r}")
            seen_header = True
            continue
        rows.append(_parse_row(cells, path, number))
    if not seen_header:
        raise DataFileError(str(path), None, f"no header line ({', '.join(HEADER)})")
    return rows


def _parse_row(cells: list[str], path: Path, number: int) -> SpeechVerb:
    if len(cells) < 3:
        raise DataFileError(str(path), number, f"expected 3 or 4 tab-separated columns ({', '.join(HEADER)})")
    words = cells[0].lower().split()
    if not 1 <= len(words) <= 2 or not all(word.isalpha() for word in words):
        raise DataFileError(str(path), number, f"lemma must be a word or 'verb particle', got {cells[0]!r}")
    for name, value in zip(HEADER[1:3], cells[1:3], strict=True):
        if value.lower() not in _FLAGS:
            raise DataFileError(str(path), number, f"{name} must be yes or no, got {value!r}")
    that_clause, quote_object = (_FLAGS[value.lower()] for value in cells[1:3])
    return SpeechVerb(lemma=" ".join(words), that_clause=that_clause, quote_object=quote_object)
