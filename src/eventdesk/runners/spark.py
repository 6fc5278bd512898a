"""Code a corpus on Apache Spark with the same entry point, ``Pipeline.run``.

    >>> with spark_session(master="local[2]") as spark:
    ...     report = code_on_spark(spark, "news.jsonl", "out/", settings=Settings.load())

Input: JSONL (one article a line, as ``eventdesk code`` reads it) or a Parquet dataset with the
columns id, text or html, and optionally url, title, published. Every input row becomes a JSON
line parsed by the same ``parse_jsonl_line`` as a local run, so both validate alike. Each
partition builds one ``Pipeline`` from the ``Settings`` (``mapPartitions``) and codes its rows
in order. Output: the Parquet datasets ``OUTPUT/articles/`` and ``OUTPUT/events/``
(columns in ``eventdesk.runners.spark_rows``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from pyspark import RDD, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from eventdesk.errors import EventdeskError
from eventdesk.extract.sources import parse_jsonl_line
from eventdesk.pipeline import Pipeline
from eventdesk.runners.spark_rows import CODED_SCHEMA, coded_row
from eventdesk.settings import Settings

INPUT_COLUMNS = ("id", "text", "html", "url", "title", "published")
MAX_ERRORS_SHOWN = 1000


class SparkJobError(EventdeskError):
    """Spark cannot start (no Java), or the input or output cannot be used."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SparkReport:
    articles: int
    events: int
    errors: tuple[str, ...]  # the one-line reasons of skipped inputs (the first MAX_ERRORS_SHOWN)
    skipped: int


@contextmanager
def spark_session(*, master: str | None = None, app_name: str = "eventdesk") -> Iterator[SparkSession]:
    """A session whose Python workers run this interpreter: $PYSPARK_PYTHON is set to it when
    unset (pyspark reads the variable when the context starts)."""
    if not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):  # local mode talks on loopback only
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
    try:
        spark = builder.getOrCreate()
    except Exception as err:  # pyspark raises a bare runtime error when Java is missing
        raise SparkJobError(f"{master or 'spark'}: cannot start Spark ({' '.join(str(err).split())[:300]})") from None
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def code_on_spark(
    spark: SparkSession, input_path: str, output: str, *, settings: Settings, partitions: int | None = None
) -> SparkReport:
    """Code every input row and write OUTPUT/articles/ and OUTPUT/events/ (Parquet)."""
    lines = read_input_lines(spark, input_path)
    if partitions:
        lines = lines.repartition(partitions) if partitions > lines.getNumPartitions() else lines.coalesce(partitions)
    coded = spark.createDataFrame(lines.mapPartitions(code_partition(settings)), CODED_SCHEMA)
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        coded.drop("events").write.parquet(f"{output}/articles", mode="overwrite")
        events = coded.select(F.explode("events").alias("event")).select("event.*")
        events.write.parquet(f"{output}/events", mode="overwrite")
        return _report(coded)
    finally:
        coded.unpersist()


def code_partition(settings: Settings) -> Callable[[Iterable[tuple[str, str]]], Iterator[tuple[Any, ...]]]:
    """The ``mapPartitions`` function: one pipeline per partition, rows coded in order."""

    def code(lines: Iterable[tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
        stream = iter(lines)
        first = next(stream, None)
        if first is None:
            return  # an empty partition loads nothing
        pipeline = Pipeline.from_settings(settings)
        items = (parse_jsonl_line(line.encode("utf-8"), where) for where, line in chain([first], stream))
        for coded in pipeline.run(items):
            yield coded_row(coded)

    return code


def read_input_lines(spark: SparkSession, input_path: str) -> RDD[tuple[str, str]]:
    """``(where, JSON line)`` pairs in input order; ``where`` is ``path:line`` (``path:row`` for
    Parquet), as a local run names its inputs."""
    path = Path(input_path)
    local = "://" not in input_path
    if local and not path.exists():
        raise SparkJobError(f"{input_path}: no such file or folder")
    if _is_parquet(path, local=local):
        lines: RDD[str] = _parquet_lines(spark.read.parquet(input_path), input_path)
    elif not local or path.is_dir() or path.name.lower().endswith((".jsonl", ".jsonl.gz", ".json")):
        lines = spark.sparkContext.textFile(input_path)
    else:
        raise SparkJobError(f"{input_path}: unsupported input (expected JSONL or a Parquet dataset)")
    numbered = lines.zipWithIndex().map(lambda pair: (f"{input_path}:{pair[1] + 1}", pair[0]))
    return numbered.filter(lambda pair: bool(pair[1].strip()))


def _is_parquet(path: Path, *, local: bool) -> bool:
    if local and path.is_dir():
        return any(p.name.endswith(".parquet") for p in path.iterdir())
    return path.name.lower().rstrip("/").endswith(".parquet")


def _parquet_lines(frame: DataFrame, input_path: str) -> RDD[str]:
    columns = [c for c in INPUT_COLUMNS if c in frame.columns]
    if "id" not in columns or not ({"text", "html"} & set(columns)):
        raise SparkJobError(f"{input_path}: a Parquet input needs an id column and a text or html column")
    return frame.select(*columns).rdd.map(lambda row: json.dumps(row.asDict(), default=_iso_date))


def _iso_date(value: object) -> str:
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _report(coded: DataFrame) -> SparkReport:
    totals = coded.agg(
        F.count(F.lit(1)).alias("articles"),
        F.sum("event_count").alias("events"),
        F.sum(F.col("error").isNotNull().cast("int")).alias("skipped"),
    ).first()
    assert totals is not None
    errors = [row["error"] for row in coded.where(F.col("error").isNotNull()).select("error").take(MAX_ERRORS_SHOWN)]
    return SparkReport(
        articles=int(totals["articles"]), events=int(totals["events"] or 0), skipped=int(totals["skipped"] or 0),
        errors=tuple(errors),
    )
