"""The Spark job's output rows and their schemas: one coded article as a tuple of the articles
dataset's columns, carrying its events as tuples of the events dataset's columns.

The events columns are ``eventdesk.export.rows.CSV_COLUMNS`` with real types, the same types as
the Parquet export: ``date`` a date, ``context`` and the actor/recipient name, code and country
columns lists of strings (one entry per member of a compound actor), ``quad_code`` a byte,
``geonameid`` a long, ``goldstein``/``lat``/``lon``/``confidence`` doubles, the four modes
booleans, everything else strings.
"""

from __future__ import annotations

from typing import Any

from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    ByteType,
    DataType,
    DateType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from eventdesk.export import coded_article_to_dict, dumps_line
from eventdesk.export.parquet import type_row
from eventdesk.export.plover import JsonDict
from eventdesk.export.rows import CSV_COLUMNS, event_to_row
from eventdesk.records import CodedArticle

_TEXT_LIST = ArrayType(StringType())
_ACTOR_COLUMNS = tuple(f"{role}_{part}" for role in ("actor", "recipient") for part in ("name", "code", "country"))
_EVENT_TYPES: dict[str, DataType] = {
    "date": DateType(), "context": _TEXT_LIST, "quad_code": ByteType(), "goldstein": DoubleType(),
    **{column: _TEXT_LIST for column in _ACTOR_COLUMNS},
    "geonameid": LongType(), "lat": DoubleType(), "lon": DoubleType(), "geo_precision": ByteType(),
    "place_fallback": BooleanType(),
    "negated": BooleanType(), "hypothetical": BooleanType(), "future": BooleanType(), "historical": BooleanType(),
    "confidence": DoubleType(), "num_mentions": LongType(), "num_sources": LongType(), "num_articles": LongType(),
}
EVENT_SCHEMA = StructType([StructField(name, _EVENT_TYPES.get(name, StringType())) for name in CSV_COLUMNS])

ARTICLE_SCHEMA = StructType([
    StructField("id", StringType(), nullable=False),
    StructField("source", StringType(), nullable=False),
    StructField("url", StringType()),
    StructField("title", StringType()),
    StructField("published", DateType()),
    StructField("language", StringType()),
    StructField("text", StringType()),
    StructField("dateline", StringType()),
    StructField("credits", _TEXT_LIST),
    StructField("error", StringType()),
    StructField("event_count", IntegerType(), nullable=False),
    StructField("record", StringType(), nullable=False),  # the `eventdesk code` line of the article
])

CODED_SCHEMA = StructType([*ARTICLE_SCHEMA.fields, StructField("events", ArrayType(EVENT_SCHEMA), nullable=False)])


def coded_row(coded: CodedArticle) -> tuple[Any, ...]:
    """One article as a row of ``CODED_SCHEMA``."""
    record = coded_article_to_dict(coded)
    article = coded.article
    events = [typed_event_row(event, article_id=coded.id) for event in record["events"]]
    return (
        coded.id, coded.source, record["url"], record["title"], article.published if article else None,
        record["language"], record["text"], record["dateline"], record["credits"], coded.error, len(events),
        dumps_line(record), events,
    )


def typed_event_row(record: JsonDict, *, article_id: str) -> tuple[Any, ...]:
    """One PLOVER record as a row of ``EVENT_SCHEMA`` (the CSV row with real types)."""
    # One coded event is one report; the store, not Spark, merges reports across articles.
    counts = {"num_mentions": 1, "num_sources": 1, "num_articles": 1}
    row = type_row({**event_to_row(record, article_id=article_id), **counts}, record)
    return tuple(row[name] for name in CSV_COLUMNS)
