"""``eventdesk export``'s formats behind one call: stored events in, a file (or a text stream) out.

    >>> store = open_store("events.sqlite")
    >>> export_to_path(store.events(EventFilter(country="ISR")), "gdelt", Path("israel.tsv"))
    12
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, TextIO

from eventdesk.export.acled import event_to_acled, write_acled
from eventdesk.export.gdelt import event_to_gdelt, write_gdelt
from eventdesk.export.jsonl import dumps_line
from eventdesk.export.parquet import write_parquet
from eventdesk.export.rows import stored_event_json, stored_event_row, write_csv
from eventdesk.export.tables import ExportTables
from eventdesk.store.base import StoredEvent

ExportFormat = Literal["csv", "jsonl", "parquet", "gdelt", "acled"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "parquet", "gdelt", "acled")
TEXT_FORMATS: frozenset[str] = frozenset({"csv", "jsonl", "gdelt", "acled"})


def export_to_stream(found: Iterable[StoredEvent], fmt: ExportFormat, out: TextIO) -> int:
    """Write a text format to ``out``; returns the number of events written."""
    if fmt == "csv":
        return write_csv((stored_event_row(s) for s in found), out)
    if fmt == "jsonl":
        return _write_jsonl(found, out)
    if fmt == "gdelt":
        tables = ExportTables.load()
        return write_gdelt((event_to_gdelt(s, tables=tables) for s in found), out)
    if fmt == "acled":
        tables = ExportTables.load()
        rows = (event_to_acled(s, tables=tables) for s in found)
        return write_acled((row for row in rows if row is not None), out)
    raise ValueError(f"{fmt}: not a text export format (one of {', '.join(sorted(TEXT_FORMATS))})")


def export_to_path(found: Iterable[StoredEvent], fmt: ExportFormat, path: Path) -> int:
    """Write any format to ``path``, replacing it only once the whole export is written."""
    partial = path.with_name(path.name + ".partial")
    try:
        if fmt == "parquet":
            count = write_parquet(found, partial)
        else:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = export_to_stream(found, fmt, out)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_jsonl(found: Iterable[StoredEvent], out: TextIO) -> int:
    """PLOVER records, one a line, with the ``article_id`` they came from (as ``eventdesk events``)."""
    count = 0
    for stored in found:
        out.write(dumps_line(stored_event_json(stored)) + "\n")
        count += 1
    return count
