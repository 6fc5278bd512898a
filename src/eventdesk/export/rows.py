"""Flat views of an event record: CSV rows and a readable terminal table."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventdesk.export.plover import JsonDict
from eventdesk.store.base import StoredEvent

CSV_COLUMNS = (
    "id", "article_id", "date", "date_precision", "event", "mode", "context", "cameo", "quad_code", "goldstein",
    "acled_event_type", "acled_sub_event_type", "actor_name", "actor_code", "actor_country", "recipient_name",
    "recipient_code", "recipient_country", "place", "geonameid", "lat", "lon", "country_code", "geo_precision",
    "place_fallback", "negated",
    "hypothetical", "future", "historical", "confidence", "trigger", "sentence",
    "num_mentions", "num_sources", "num_articles",  # how often the stored event was reported (store/)
)


def stored_counts(stored: StoredEvent) -> dict[str, int]:
    """How often the event was reported: mentions, distinct sources, distinct articles."""
    return {"num_mentions": stored.num_mentions, "num_sources": stored.num_sources,
            "num_articles": stored.num_articles}


def stored_event_json(stored: StoredEvent) -> JsonDict:
    """A stored event as ``eventdesk events --format jsonl`` and the JSONL export write it."""
    return {**stored.record, "article_id": stored.article_id, **stored_counts(stored),
            "source_urls": list(stored.source_urls)}


def stored_event_row(stored: StoredEvent) -> dict[str, Any]:
    """A stored event as a flat CSV row, with its report counts."""
    return {**event_to_row(stored.record, article_id=stored.article_id), **stored_counts(stored)}


def event_to_row(record: JsonDict, *, article_id: str) -> dict[str, Any]:
    """One PLOVER record as a flat row; compound actors are joined with "; "."""
    loc = record["event_loc"] or {}
    acled = record["acled"] or {}
    row: dict[str, Any] = {
        "id": record["id"], "article_id": article_id, "date": record["date"],
        "date_precision": record["date_precision"], "event": record["event"], "mode": record["mode"],
        "context": "; ".join(record["context"]), "cameo": record["cameo"], "quad_code": record["quad_code"],
        "goldstein": record["goldstein"], "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        "place": loc.get("resolved_place") or loc.get("extracted_place"), "geonameid": loc.get("geonameid"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "country_code": loc.get("country_code"),
        "geo_precision": loc.get("precision"), "place_fallback": bool(loc.get("fallback")) if loc else None,
        "negated": record["negated"], "hypothetical": record["hypothetical"], "future": record["future"],
        "historical": record["historical"], "confidence": record["confidence"],
        "trigger": record["text_info"]["trigger"]["text"], "sentence": record["text_info"]["sentence"],
    }
    for role in ("actor", "recipient"):
        entities = as_entity_list(record[role])
        row[f"{role}_name"] = "; ".join(e["name"] for e in entities) or None
        row[f"{role}_code"] = "; ".join(e["code"] or "" for e in entities) or None
        row[f"{role}_country"] = "; ".join(e["country"] or "" for e in entities) or None
    return row


def as_entity_list(value: JsonDict | list[JsonDict] | None) -> list[JsonDict]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, *, columns: Sequence[str] = CSV_COLUMNS) -> int:
    """Write rows under a header of ``columns``; returns the number of rows written."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def print_table(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A readable table: who did what to whom, when and where, and the evidence sentence."""
    table = Table(show_lines=True)
    for name, width in (("date", 10), ("event", 14), ("actor", 22), ("recipient", 22), ("where", 14)):
        table.add_column(name, width=width, overflow="fold")
    table.add_column("evidence", min_width=40, overflow="fold")
    count = 0
    for row in rows:
        table.add_row(*(Text(cell) for cell in _table_cells(row)))  # Text: article words are never markup
        count += 1
    Console(file=out, width=160, soft_wrap=False, highlight=False).print(table)
    return count


def _table_cells(row: dict[str, Any]) -> tuple[str, ...]:
    flags = [f for f in ("negated", "hypothetical", "future", "historical") if row[f]]
    event = f"{row['event']}" + (f" ({row['mode']})" if row["mode"] else "") + f"\nCAMEO {row['cameo']}"
    if flags:
        event += "\n" + ", ".join(flags)
    actor = _who(row, "actor")
    recipient = _who(row, "recipient")
    evidence = f"{row['sentence']}\n[trigger: {row['trigger']}; confidence {row['confidence']:.2f}]"
    return (row["date"] or "-", event, actor, recipient, _where(row), evidence)


def _where(row: dict[str, Any]) -> str:
    """The place, marked where it is the article's main place standing in for one the sentence lacks."""
    if not row["place"]:
        return "-"
    return f"{row['place']}\n(article's place)" if row["place_fallback"] else row["place"]


def _who(row: dict[str, Any], role: str) -> str:
    name = row[f"{role}_name"]
    if not name:
        return "-"
    code = row[f"{role}_code"]
    return f"{name}\n({code})" if code and code.strip("; ") else name
