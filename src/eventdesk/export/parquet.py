"""Stored events as a Parquet file: the CSV columns (``rows.CSV_COLUMNS``) with real types: dates as
date32, numbers as numbers, flags as booleans, contexts and compound actors as lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventdesk.export.plover import JsonDict
from eventdesk.export.rows import CSV_COLUMNS, as_entity_list, stored_event_row
from eventdesk.store.base import StoredEvent

_TEXT_LIST = pa.list_(pa.string())
_TYPES: dict[str, pa.DataType] = {
    "date": pa.date32(), "context": _TEXT_LIST, "quad_code": pa.int8(), "goldstein": pa.float64(),
    "actor_name": _TEXT_LIST, "actor_code": _TEXT_LIST, "actor_country": _TEXT_LIST,
    "recipient_name": _TEXT_LIST, "recipient_code": _TEXT_LIST, "recipient_country": _TEXT_LIST,
    "geonameid": pa.int64(), "lat": pa.float64(), "lon": pa.float64(), "geo_precision": pa.int8(),
    "place_fallback": pa.bool_(),
    "negated": pa.bool_(), "hypothetical": pa.bool_(), "future": pa.bool_(), "historical": pa.bool_(),
    "confidence": pa.float64(), "num_mentions": pa.int64(), "num_sources": pa.int64(), "num_articles": pa.int64(),
}
PARQUET_SCHEMA = pa.schema([pa.field(name, _TYPES.get(name, pa.string())) for name in CSV_COLUMNS])
BATCH_ROWS = 10_000


def event_to_typed_row(stored: StoredEvent) -> dict[str, Any]:
    """The CSV row of an event with typed values: a date, lists for contexts and compound actors."""
    return type_row(stored_event_row(stored), stored.record)


def type_row(row: dict[str, Any], record: JsonDict) -> dict[str, Any]:
    """A flat CSV row with the types of ``PARQUET_SCHEMA`` (Spark writes the same)."""
    typed = dict(row)
    typed["date"] = dt.date.fromisoformat(record["date"]) if record["date"] else None
    typed["context"] = list(record["context"])
    for role in ("actor", "recipient"):
        entities = as_entity_list(record[role])
        for part in ("name", "code", "country"):
            typed[f"{role}_{part}"] = [entity[part] for entity in entities]
    for column in ("goldstein", "confidence", "lat", "lon"):
        typed[column] = None if typed[column] is None else float(typed[column])
    return typed


def write_parquet(found: Iterable[StoredEvent], path: Path) -> int:
    """Write every event to ``path`` in row groups of ``BATCH_ROWS``; returns the number written."""
    count = 0
    with pq.ParquetWriter(path, PARQUET_SCHEMA) as writer:
        for batch in _batches(event_to_typed_row(stored) for stored in found):
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    while batch := list(islice(rows, BATCH_ROWS)):
        yield batch
