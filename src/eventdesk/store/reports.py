"""When two reports are the same event: the match key, the source key and the event's columns.

Everything here works on the stored PLOVER JSON record, so a migration can re-group old rows
with the same rules as a new save.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

JsonDict = dict[str, Any]

EVENT_COLUMNS = (
    "date", "event", "mode", "cameo", "quad_code", "goldstein", "place", "geonameid", "country_code", "lat",
    "lon", "confidence", "sentence_start", "sort_key",
)


def match_key(record: JsonDict) -> str:
    """Same actors, recipients, PLOVER category and place (geonameid, else country): one key.

    The date is matched apart, within a day (``neighbour_dates``).
    """
    loc = record.get("event_loc") or {}
    place = loc.get("geonameid") or loc.get("country_code") or ""
    return "|".join((record["event"], _identities(record.get("actor")), _identities(record.get("recipient")),
                     str(place)))


def _identities(value: JsonDict | list[JsonDict] | None) -> str:
    entities = [] if value is None else value if isinstance(value, list) else [value]
    return "+".join(sorted({e.get("identifier_id") or f"{e.get('code') or ''}:{e['name'].lower()}"
                            for e in entities}))


def neighbour_dates(date: str) -> tuple[str, str, str]:
    """The date and the days either side, as ISO strings, nearest first."""
    day = dt.date.fromisoformat(date)
    one = dt.timedelta(days=1)
    return day.isoformat(), (day - one).isoformat(), (day + one).isoformat()


def source_key(source: str, url: str | None) -> str:
    """Who published it: the URL's host without ``www.``, else the input path without ``:line``."""
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return re.sub(r":\d+$", "", source)


def event_columns(record: JsonDict, *, event_id: str, article_id: str) -> tuple[Any, ...]:
    """The filterable columns of an event, in ``EVENT_COLUMNS`` order."""
    loc = record.get("event_loc") or {}
    return (
        record["date"], record["event"], record["mode"], record["cameo"], record["quad_code"], record["goldstein"],
        loc.get("resolved_place") or loc.get("extracted_place"), loc.get("geonameid"), loc.get("country_code"),
        loc.get("lat"), loc.get("lon"), record["confidence"], record["text_info"]["start"],
        sort_key(record["date"], article_id, record["text_info"]["start"], event_id),
    )


def sort_key(date: str | None, article_id: str, sentence_start: int, event_id: str) -> str:
    """The one column events are listed and paged by: date (undated last), article, offset, id."""
    return f"{date or '~'}|{article_id}|{sentence_start:09d}|{event_id}"


def mention_columns(record: JsonDict) -> tuple[Any, ...]:
    """(id, date, sentence_start, sentence_end, trigger, trigger_start, trigger_end, confidence)."""
    info = record["text_info"]
    trigger = info["trigger"]
    return (record["id"], record["date"], info["start"], info["end"], trigger["text"], trigger["start"],
            trigger["end"], record["confidence"])


def participant_rows(event_id: str, record: JsonDict) -> list[tuple[Any, ...]]:
    """The ``event_actors`` rows of an event: one per actor and recipient, in order."""
    rows: list[tuple[Any, ...]] = []
    for role in ("actor", "recipient"):
        value = record.get(role)
        entities = [] if value is None else value if isinstance(value, list) else [value]
        rows.extend((event_id, role, position, e["entity_text"], e["name"], e.get("code"), e.get("country"),
                     e.get("sector")) for position, e in enumerate(entities))
    return rows


def fts_phrase_query(text: str) -> str:
    """Words as an FTS5 query that cannot be a syntax error: each word a quoted phrase, all required."""
    words = re.findall(r"\w+", text)
    return " ".join('"' + word + '"' for word in words)
