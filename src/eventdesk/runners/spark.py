"""Code a corpus on Apache Spark with the same entry point, ``Pipeline.run``.

    >>> with spark_session(master="local[2]") as spark:
    ...     report = code_on_spark(spark, "news.jsonl", "out/", settings=Settings.load())

Input: JSONL (one article a line, as ``eventdesk code`` reads it), a Parquet dataset with the
columns id, text or html, and optionally url, title, published, or WARC/WARC.gz files (a file or
a folder of them). Every JSONL or Parquet row becomes a JSON line parsed by the same
``parse_jsonl_line`` as a local run, so both validate alike; each WARC file travels as its path
and is read in the worker by the same ``read_warc`` as a local run. Each
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

from eventdesk.errors import EventdeskError, InputError
from eventdesk.extract.sources import parse_jsonl_line
from eventdesk.extract.text import decode_html
from eventdesk.extract.warc import WARC_SUFFIXES, read_warc
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners.spark_rows import CODED_SCHEMA, coded_row
from eventdesk.settings import Settings

INPUT_COLUMNS = ("id", "text", "html", "url", "title", "published")
JSONL, WARC = "jsonl", "warc"
Unit = tuple[str, str, str]  # (kind, where, payload): a JSON line and its place, or a WARC file's path
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
    units = read_inputs(spark, input_path)
    if partitions:
        units = units.repartition(partitions) if partitions > units.getNumPartitions() else units.coalesce(partitions)
    coded = spark.createDataFrame(units.mapPartitions(code_partition(settings)), CODED_SCHEMA)
    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        coded.drop("events").write.parquet(f"{output}/articles", mode="overwrite")
        events = coded.select(F.explode("events").alias("event")).select("event.*")
        events.write.parquet(f"{output}/events", mode="overwrite")
        return _report(coded)
    finally:
        coded.unpersist()


def code_partition(settings: Settings) -> Callable[[Iterable[Unit]], Iterator[tuple[Any, ...]]]:
    """The ``mapPartitions`` function: one pipeline per partition, rows coded in order."""

    def code(units: Iterable[Unit]) -> Iterator[tuple[Any, ...]]:
        stream = iter(units)
        first = next(stream, None)
        if first is None:
            return  # an empty partition loads nothing
        pipeline = Pipeline.from_settings(settings)
        limit = settings.extract.max_input_bytes
        items = (item for unit in chain([first], stream) for item in unit_items(unit, limit=limit))
        for coded in pipeline.run(items):
            yield coded_row(coded)

    return code


def unit_items(unit: Unit, *, limit: int) -> Iterator[RawItem | InputError]:
    """The items of one input unit, read in the worker: a JSON line's one item, or every HTML
    response of a WARC file (read as a local run reads it, so the items are named alike)."""
    kind, where, payload = unit
    if kind == WARC:
        yield from read_warc(Path(payload), limit=limit, decode=decode_html)
    else:
        yield parse_jsonl_line(payload.encode("utf-8"), where)


def read_inputs(spark: SparkSession, input_path: str) -> RDD[Unit]:
    """The input as units in input order: ``(JSONL, path:line, line)`` for JSONL and Parquet
    (``path:row``) input, ``(WARC, path, path)`` for each WARC file (one partition a file; the
    workers read the files, so the paths must be on a file system they share)."""
    path = Path(input_path)
    local = "://" not in input_path
    if local and not path.exists():
        raise SparkJobError(f"{input_path}: no such file or folder")
    warcs = _warc_files(path, input_path) if local else []
    if warcs:
        files = [str(file) for file in warcs]
        return spark.sparkContext.parallelize([(WARC, file, file) for file in files], len(files))
    if not local and input_path.lower().rstrip("/").endswith(WARC_SUFFIXES):
        raise SparkJobError(f"{input_path}: WARC input must be a path the workers can read (local or mounted)")
    if _is_parquet(path, local=local):
        lines: RDD[str] = _parquet_lines(spark.read.parquet(input_path), input_path)
    elif not local or path.is_dir() or path.name.lower().endswith((".jsonl", ".jsonl.gz", ".json")):
        lines = spark.sparkContext.textFile(input_path)
    else:
        raise SparkJobError(f"{input_path}: unsupported input (expected JSONL, WARC or a Parquet dataset)")
    numbered = lines.zipWithIndex().map(lambda pair: (JSONL, f"{input_path}:{pair[1] + 1}", pair[0]))
    return numbered.filter(lambda unit: bool(unit[2].strip()))


def _warc_files(path: Path, input_path: str) -> list[Path]:
    """The WARC files of a WARC file or a folder of them, in sorted order; [] for other input."""
    if path.is_file():
        return [path] if path.name.lower().endswith(WARC_SUFFIXES) else []
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_")))
    warcs = [p for p in files if p.name.lower().endswith(WARC_SUFFIXES)]
    if warcs and len(warcs) < len(files):
        raise SparkJobError(f"{input_path}: a folder mixes WARC files with other files (give one kind)")
    return warcs


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
