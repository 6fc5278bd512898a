"""Stored events as ACLED-style rows: ACLED's column names and order, ours filled where we have the
value, and only events with an ACLED event type (docs/export.md lists each column)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO
from urllib.parse import urlsplit

from eventdesk.export.gdelt import numeric_id
from eventdesk.export.plover import JsonDict
from eventdesk.export.rows import as_entity_list, write_csv
from eventdesk.export.tables import ExportTables
from eventdesk.store.base import StoredEvent

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}  # ACLED: 1 day, 2 week, 3 month (its coarsest)
STATE_FORCES, PROTESTERS, RIOTERS, CIVILIANS = 1, 6, 5, 7


def event_to_acled(stored: StoredEvent, *, tables: ExportTables) -> dict[str, Any] | None:
    """One stored event as an ACLED-style row, or None when it has no ACLED event type."""
    record = stored.record
    acled = record["acled"]
    if not acled:
        return None
    event_type, sub_event_type = acled["event_type"], acled.get("sub_event_type")
    loc = record["event_loc"] or {}
    country = tables.country(loc.get("country_code"))
    row: dict[str, Any] = dict.fromkeys(ACLED_COLUMNS)
    row.update({
        "event_id_cnty": f"{country.iso3 if country and country.iso3 else 'XXX'}{numeric_id(record['id'])}",
        "event_date": record["date"], "year": int(record["date"][:4]) if record["date"] else None,
        "time_precision": TIME_PRECISION.get(record["date_precision"] or ""),
        "disorder_type": tables.disorder_type(event_type, sub_event_type),
        "event_type": event_type, "sub_event_type": sub_event_type,
        "iso": country.iso_numeric if country else None, "country": country.name if country else None,
        "source": _source(stored.article_url), "notes": record["text_info"]["sentence"],
        "timestamp": int(stored.coded_at.timestamp()) if stored.coded_at else None,
    })
    row.update(_actor_columns(record, event_type, tables=tables))
    row.update(_place_columns(loc))
    return row


def write_acled(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    return write_csv(rows, out, columns=ACLED_COLUMNS)


def _actor_columns(record: JsonDict, event_type: str, *, tables: ExportTables) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    inters: list[int] = []
    for number, role in ((1, "actor"), (2, "recipient")):
        entities = as_entity_list(record[role])
        if not entities:
            continue
        inter = _inter(entities[0], event_type, tables=tables)
        columns[f"actor{number}"] = entities[0]["name"]
        columns[f"assoc_actor_{number}"] = "; ".join(e["name"] for e in entities[1:]) or None
        columns[f"inter{number}"] = inter
        if inter is not None:
            inters.append(inter)
    if inters:
        # ACLED's interaction: the two codes, smaller first; a lone actor's code times ten.
        columns["interaction"] = int("".join(str(i) for i in sorted(inters))) if len(inters) == 2 else inters[0] * 10
    if "Political violence" in (tables.disorder_type(event_type, None) or "") and columns.get("inter2") == CIVILIANS:
        columns["civilian_targeting"] = "Civilian targeting"
    return columns


def _inter(entity: JsonDict, event_type: str, *, tables: ExportTables) -> int | None:
    """The actor's ACLED interaction code: by sector, then by what it does in a demonstration."""
    sector = entity["sector"]
    inter = tables.inter.get(sector) if sector else (STATE_FORCES if entity["country"] else None)
    if event_type in ("Protests", "Riots") and inter in (None, CIVILIANS):
        return PROTESTERS if event_type == "Protests" else RIOTERS
    return inter


def _place_columns(loc: JsonDict) -> dict[str, Any]:
    if not loc:
        return {}
    name = loc["resolved_place"] or loc["extracted_place"]
    precision = loc["precision"]
    return {"location": name, "admin1": name if precision == 3 else None, "latitude": loc["lat"],
            "longitude": loc["lon"], "geo_precision": min(precision, 3)}


def _source(url: str | None) -> str | None:
    """The outlet, as the article URL's host without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
