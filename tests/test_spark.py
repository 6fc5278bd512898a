"""``eventdesk spark`` in local mode: the same events as a local ``Pipeline.run`` on the same
real articles, read back from the Parquet datasets it writes, from JSONL, Parquet and WARC input.

The CLI test starts and stops its own Spark session, so it runs first; the others share one
session (the ``spark`` fixture), created after it."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.export import event_to_plover
from eventdesk.export.rows import CSV_COLUMNS
from eventdesk.extract import read_items
from eventdesk.pipeline import Pipeline
from eventdesk.settings import Settings
from tests.conftest import shared_path

pytest.importorskip("pyspark", reason="pyspark is not installed (the spark extra)")
if shutil.which("java") is None:
    pytest.skip("Java is not installed (Spark needs Java 17)", allow_module_level=True)

from pyspark.sql import SparkSession
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventdesk.runners.spark import SparkJobError, code_on_spark, spark_session
from eventdesk.runners.spark_rows import typed_event_row

ARTICLES = 4  # the shortest real articles: Spark's start dominates the time anyway


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    lines = sorted(corpus.read_text(encoding="utf-8").splitlines(), key=len)[:ARTICLES]
    lines.insert(2, '{"id": "no-text"}')
    path = tmp_path_factory.mktemp("spark") / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings())


def local_event_rows(pipeline: Pipeline, paths: list[str]) -> list[tuple[Any, ...]]:
    """What the local entry point codes from the same input, as rows of the events dataset."""
    coded = pipeline.run(read_items(paths))
    return sorted(
        (typed_event_row(event_to_plover(event), article_id=c.id) for c in coded for event in c.events),
        key=lambda row: row[0],
    )


@pytest.fixture(scope="module")
def local_events(news: Path, pipeline: Pipeline) -> list[tuple[Any, ...]]:
    return local_event_rows(pipeline, [str(news)])


@pytest.fixture(scope="module")
def spark(monkeypatch_module: pytest.MonkeyPatch) -> Iterator[SparkSession]:
    with spark_session(master="local[2]") as session:
        yield session


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
        yield patch


def test_spark_codes_jsonl_into_the_same_events_as_a_local_run(
    news: Path, local_events: list[tuple[Any, ...]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPARK_LOCAL_IP", "127.0.0.1")
    output = tmp_path / "coded"
    result = CliRunner().invoke(cli, ["spark", str(news), str(output), "--master", "local[2]", "--partitions", "2"])
    assert result.exit_code == 1, result.output  # the line without text is skipped
    assert f"{news}:3: neither text nor html" in result.stderr
    assert f"coded {ARTICLES} articles with {len(local_events)} events; 1 skipped" in result.stderr
    assert local_events, "the real articles yield events"

    with spark_session(master="local[1]") as spark:
        events = spark.read.parquet(str(output / "events"))
        articles = spark.read.parquet(str(output / "articles")).orderBy("source").collect()
        assert tuple(events.columns) == CSV_COLUMNS
        assert dict(events.dtypes)["date"] == "date" and dict(events.dtypes)["quad_code"] == "tinyint"
        assert sorted((tuple(row) for row in events.collect()), key=lambda row: row[0]) == local_events

        assert [a["error"] is not None for a in articles] == [False, False, True, False, False]
        first = json.loads(articles[0]["record"])
        assert first["id"] == articles[0]["id"] and isinstance(articles[0]["published"], dt.date)
        assert sum(a["event_count"] for a in articles) == len(local_events)


def test_spark_reads_a_parquet_dataset_of_articles(
    news: Path, local_events: list[tuple[Any, ...]], tmp_path: Path, spark: SparkSession
) -> None:
    rows = [json.loads(line) for line in news.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if "text" in r][:2]
    frame = spark.createDataFrame(
        [(r["id"], r["text"], r["title"], dt.date.fromisoformat(r["published"])) for r in rows],
        "id string, text string, title string, published date",
    )
    frame.write.parquet(str(tmp_path / "news.parquet"))
    report = code_on_spark(spark, str(tmp_path / "news.parquet"), str(tmp_path / "coded"),
                           settings=Settings(), partitions=1)
    events = spark.read.parquet(str(tmp_path / "coded" / "events")).collect()
    wanted = {r["id"] for r in rows}
    assert report.articles == 2 and report.skipped == 0
    assert sorted((tuple(row) for row in events), key=lambda row: row[0]) == [
        row for row in local_events if row[1] in wanted
    ]


def write_warc(path: Path, rows: list[dict[str, str]]) -> None:
    """Real articles as the HTML responses of a WARC file, with a request record and an image
    response between them (both skipped, as a crawl holds them)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for row in rows:
            body = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip())
            page = (f"<html><head><title>{html.escape(row['title'])}</title></head><body><article>"
                    f"<h1>{html.escape(row['title'])}</h1>{body}</article></body></html>").encode()
            for uri, media_type, payload in ((row["url"], "text/html; charset=utf-8", page),
                                             (row["url"] + ".png", "image/png", b"\x89PNG\r\n")):
                headers = StatusAndHeaders("200 OK", [("Content-Type", media_type)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                              http_headers=headers))
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(row["url"], "request", payload=request))


def test_spark_reads_warc_files_into_the_same_events_as_a_local_run(
    news: Path, pipeline: Pipeline, tmp_path: Path, spark: SparkSession
) -> None:
    rows = [json.loads(line) for line in news.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if "text" in r]
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(crawl / "a.warc.gz", rows[:2])
    write_warc(crawl / "b.warc", rows[2:])
    local = local_event_rows(pipeline, [str(crawl)])
    assert local, "the real articles yield events"

    report = code_on_spark(spark, str(crawl), str(tmp_path / "coded"), settings=Settings())
    assert (report.articles, report.skipped, report.events) == (len(rows), 0, len(local))
    events = spark.read.parquet(str(tmp_path / "coded" / "events")).collect()
    assert sorted((tuple(row) for row in events), key=lambda row: row[0]) == local
    articles = spark.read.parquet(str(tmp_path / "coded" / "articles")).orderBy("source").collect()
    assert [a["id"] for a in articles] == [r["url"] for r in rows]
    assert [a["source"] for a in articles] == [f"{crawl / 'a.warc.gz'}:1", f"{crawl / 'a.warc.gz'}:4",
                                               f"{crawl / 'b.warc'}:1", f"{crawl / 'b.warc'}:4"]


def test_a_folder_mixing_warc_and_other_files_is_one_error(tmp_path: Path, spark: SparkSession) -> None:
    (tmp_path / "a.warc").write_bytes(b"")
    (tmp_path / "b.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(SparkJobError, match="a folder mixes WARC files with other files"):
        code_on_spark(spark, str(tmp_path), str(tmp_path / "out"), settings=Settings())
