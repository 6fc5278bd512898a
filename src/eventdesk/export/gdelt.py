"""Stored events as rows of GDELT 2.0's event table: its 61 columns in GDELT's order, tab-separated,
no header row, ours filled where we have the value (docs/export.md lists each column)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any, TextIO

from eventdesk.export.plover import JsonDict
from eventdesk.export.rows import as_entity_list
from eventdesk.export.tables import ExportTables
from eventdesk.store.base import StoredEvent

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR_FIELDS), *(f"Actor2{name}" for name in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO_FIELDS), *(f"Actor2Geo_{name}" for name in _GEO_FIELDS),
    *(f"ActionGeo_{name}" for name in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

# GDELT's geographic resolution codes (ActionGeo_Type).
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5


def numeric_id(event_id: str) -> int:
    """A stable positive 60-bit integer for one of our event ids (GDELT ids are integers)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def event_to_gdelt(stored: StoredEvent, *, tables: ExportTables) -> dict[str, Any]:
    """One stored event as a GDELT event-table row (column name -> value; None is an empty cell)."""
    record = stored.record
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS)
    row["GlobalEventID"] = numeric_id(stored.event_id or record["id"])
    row.update(_date_columns(record["date"]))
    row.update(_actor_columns("Actor1", record["actor"]))
    row.update(_actor_columns("Actor2", record["recipient"]))
    cameo: str = record["cameo"]
    row.update({
        "IsRootEvent": 1 if record["text_info"]["start"] == 0 else 0,
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": record["quad_code"], "GoldsteinScale": record["goldstein"],
        "NumMentions": stored.num_mentions, "NumSources": stored.num_sources, "NumArticles": stored.num_articles,
        "Actor1Geo_Type": 0, "Actor2Geo_Type": 0,
        "DATEADDED": stored.coded_at.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S") if stored.coded_at else None,
        "SOURCEURL": stored.article_url,
    })
    row.update(_action_geo(record["event_loc"], tables=tables))
    return row


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Tab-separated rows, no header, as GDELT's files; tabs and newlines in values become spaces."""
    count = 0
    for row in rows:
        out.write("\t".join(_cell(row[name]) for name in GDELT_COLUMNS) + "\n")
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        return " ".join(text.replace("\t", " ").splitlines())
    return text


def _date_columns(date_text: str | None) -> dict[str, Any]:
    if not date_text:
        return {}
    day = dt.date.fromisoformat(date_text)
    days_in_year = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
    fraction = day.year + (day.timetuple().tm_yday - 1) / days_in_year  # share of the year gone, 0 to 0.9999
    return {"Day": int(day.strftime("%Y%m%d")), "MonthYear": day.year * 100 + day.month, "Year": day.year,
            "FractionDate": round(fraction, 4)}


def _actor_columns(prefix: str, value: JsonDict | list[JsonDict] | None) -> dict[str, Any]:
    """GDELT has one actor per side: the first of a compound actor."""
    entities = as_entity_list(value)
    if not entities:
        return {}
    first = entities[0]
    return {f"{prefix}Code": first["code"], f"{prefix}Name": first["name"].upper(),
            f"{prefix}CountryCode": first["country"], f"{prefix}Type1Code": first["sector"]}


def _action_geo(loc: JsonDict | None, *, tables: ExportTables) -> dict[str, Any]:
    if loc is None or loc["lat"] is None:
        return {"ActionGeo_Type": 0}
    country = tables.country(loc["country_code"])
    fips = country.fips if country else None
    is_us = country is not None and country.iso2 == "US"
    precision = loc["precision"]
    name = loc["resolved_place"] or loc["extracted_place"]
    if precision >= 4:
        kind, full_name, adm1, feature = GEO_COUNTRY, country.name if country else name, fips, fips
    else:
        admin1 = tables.admin1_code(loc["geonameid"]) if precision <= 2 else None
        kind = (GEO_US_STATE if is_us else GEO_WORLD_STATE) if precision == 3 else (
            GEO_US_CITY if is_us else GEO_WORLD_CITY)
        full_name = f"{name}, {country.name}" if country and country.name != name else name
        adm1 = f"{fips}{admin1}" if fips and admin1 else fips
        feature = loc["geonameid"]
    return {"ActionGeo_Type": kind, "ActionGeo_FullName": full_name, "ActionGeo_CountryCode": fips,
            "ActionGeo_ADM1Code": adm1, "ActionGeo_Lat": loc["lat"], "ActionGeo_Long": loc["lon"],
            "ActionGeo_FeatureID": feature}
