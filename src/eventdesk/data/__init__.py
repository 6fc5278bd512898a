"""The project's knowledge as data files (one folder per stage, each with a README giving its
schema and provenance) and the one reader of their common format.

The format: UTF-8, tab-separated, one header line naming the columns, then one row per line;
blank lines and lines starting with ``#`` are comments. Cells are taken as written (no quoting),
so a cell may hold quotes or commas.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from eventdesk.errors import DataFileError


def read_tsv(path: Path, what: str = "data file") -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by column name) of each row of a tab-separated data file.

    Raises ``DataFileError`` naming the file (and the line) when it cannot be read, has no
    header line, or a row has another number of cells than the header; ``what`` names the kind
    of file in the message ("cannot read gazetteer file (...)").
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), None, f"cannot read {what} ({err.strerror})") from None
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise DataFileError(str(path), number, f"expected {len(header)} tab-separated columns, found {len(cells)}")
        yield number, dict(zip(header, cells, strict=True))
    if header is None:
        raise DataFileError(str(path), None, f"empty {what} (no header line)")


def read_word_lists(path: Path, lists: Sequence[str], what: str = "word-list file") -> dict[str, frozenset[str]]:
    """The words of each of ``lists`` in a ``list, word`` data file, lower-cased; a row naming
    another list raises ``DataFileError`` naming the file and the line."""
    words: dict[str, set[str]] = {name: set() for name in lists}
    for number, row in read_tsv(path, what):
        if row["list"] not in words:
            raise DataFileError(str(path), number, f"unknown list {row['list']!r} (one of {', '.join(lists)})")
        words[row["list"]].add(row["word"].strip().lower())
    return {name: frozenset(found) for name, found in words.items()}


__all__ = ["read_tsv", "read_word_lists"]
