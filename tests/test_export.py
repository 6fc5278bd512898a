"""`eventdesk export`: every format read back by pandas/pyarrow with its documented types, on a
database the real pipeline built from a few real sentences."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.errors import DataFileError
from eventdesk.export.acled import ACLED_COLUMNS
from eventdesk.export.files import EXPORT_FORMATS, export_to_path
from eventdesk.export.gdelt import GDELT_COLUMNS, numeric_id
from eventdesk.export.parquet import PARQUET_SCHEMA
from eventdesk.export.rows import CSV_COLUMNS
from eventdesk.export.tables import DATA, ExportTables
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.store import EventFilter, StoredEvent, open_store

URL = "https://www.news.example.org/2024/05/{}"
SENTENCES = {
    "raid": "Israeli troops raided the Jenin refugee camp on Monday, the Palestinian health ministry said.",
    "talks": "Egypt and Qatar held talks with Hamas in Cairo on Tuesday about a ceasefire.",
    "protest": "Thousands of protesters demonstrated in Nairobi on Tuesday against tax increases.",
    "teargas": "Police fired tear gas at protesters in Lagos on Wednesday.",
    "shelling": "Russian forces shelled the Ukrainian city of Kharkiv on Thursday, killing three civilians.",
    "sanctions": "The United States imposed sanctions on Iran on Friday.",
}

# The documented types (docs/export.md), as pandas reads them.
GDELT_TEXT = [c for c in GDELT_COLUMNS if c.endswith(("Code", "Name", "FullName", "FeatureID")) or c == "SOURCEURL"]
GDELT_INTEGERS = ["GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                  "NumSources", "NumArticles", "DATEADDED", "ActionGeo_Type"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "events.sqlite"
    items = [RawItem(id=key, source=f"<{key}>", text=text, published=dt.date(2024, 5, 7), url=URL.format(key))
             for key, text in SENTENCES.items()]
    store = open_store(path)
    ingest(Pipeline.from_settings(), items, store)
    store.close()
    return path


@pytest.fixture(scope="module")
def stored(db: Path) -> list[StoredEvent]:
    store = open_store(db)
    events = list(store.events(EventFilter()))
    store.close()
    assert {e.article_id for e in events} == set(SENTENCES)  # every sentence coded at least one event
    return events


def export(db: Path, fmt: Any, path: Path, query: EventFilter | None = None) -> int:
    store = open_store(db)
    try:
        return export_to_path(store.events(query or EventFilter()), fmt, path)
    finally:
        store.close()


def only(frame: pd.DataFrame, column: str, value: Any) -> pd.Series:
    rows = frame[frame[column] == value]
    assert len(rows) >= 1, (column, value)
    return rows.iloc[0]


def test_csv_reads_back_with_the_flat_columns(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    assert export(db, "csv", tmp_path / "events.csv") == len(stored)
    frame = pd.read_csv(tmp_path / "events.csv")
    assert tuple(frame.columns) == CSV_COLUMNS
    assert list(frame["id"]) == [s.record["id"] for s in stored]
    assert frame["goldstein"].dtype == "float64" and frame["quad_code"].dtype == "int64"
    assert frame["negated"].dtype == bool and frame["confidence"].between(0, 1).all()
    talks = only(frame, "article_id", "talks")
    assert talks["actor_name"] == "Egypt; Qatar" and talks["actor_country"] == "EGY; QAT"
    assert list(frame["sentence"]) == [s.record["text_info"]["sentence"] for s in stored]  # commas survive quoting


def test_jsonl_is_the_plover_records(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    assert export(db, "jsonl", tmp_path / "events.jsonl") == len(stored)
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    counts = ("num_mentions", "num_sources", "num_articles")
    assert records == [{**s.record, "article_id": s.article_id, **{c: getattr(s, c) for c in counts},
                        "source_urls": list(s.source_urls)} for s in stored]
    frame = pd.read_json(tmp_path / "events.jsonl", lines=True, dtype={"cameo": str})
    assert set(frame["event"]) >= {"PROTEST", "ASSAULT", "CONSULT"}
    assert frame["cameo"].str.fullmatch(r"\d{2,4}").all()


def test_parquet_has_typed_columns(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    assert export(db, "parquet", tmp_path / "events.parquet") == len(stored)
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.schema.equals(PARQUET_SCHEMA)
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("actor_name").type == pa.list_(pa.string())
    assert table.schema.field("future").type == pa.bool_()
    frame = table.to_pandas()
    assert len(frame) == len(stored)
    assert frame["quad_code"].dtype == "int8" and frame["goldstein"].dtype == "float64"
    assert frame["geonameid"].dtype == "int64"  # every event here has a resolved place
    talks = only(frame, "article_id", "talks")
    assert list(talks["actor_name"]) == ["Egypt", "Qatar"] and list(talks["actor_country"]) == ["EGY", "QAT"]
    assert isinstance(talks["date"], dt.date) and talks["date"].isoformat() == _record(stored, "talks")["date"]


def test_parquet_of_no_events_is_a_valid_empty_file(db: Path, tmp_path: Path) -> None:
    assert export(db, "parquet", tmp_path / "none.parquet", EventFilter(since=dt.date(2099, 1, 1))) == 0
    table = pq.read_table(tmp_path / "none.parquet")
    assert table.num_rows == 0 and table.schema.equals(PARQUET_SCHEMA)


def read_gdelt(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=list(GDELT_COLUMNS), quoting=csv.QUOTE_NONE,
                       dtype=dict.fromkeys(GDELT_TEXT, "string") | dict.fromkeys(GDELT_INTEGERS, "Int64"))


def test_gdelt_has_its_61_columns_and_no_header(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    assert export(db, "gdelt", tmp_path / "events.tsv") == len(stored)
    lines = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
    assert len(GDELT_COLUMNS) == 61 and all(line.count("\t") == 60 for line in lines)
    assert not lines[0].startswith("GlobalEventID")
    frame = read_gdelt(tmp_path / "events.tsv")
    assert list(frame["GlobalEventID"]) == [numeric_id(s.record["id"]) for s in stored]
    assert frame["GlobalEventID"].is_unique
    assert list(frame["EventCode"]) == [s.record["cameo"] for s in stored]  # "046" keeps its zero
    assert (frame["EventRootCode"] == frame["EventCode"].str[:2]).all()
    assert frame["GoldsteinScale"].dtype == "float64" and frame["AvgTone"].isna().all()
    assert (frame["NumMentions"] == 1).all() and frame["DATEADDED"].astype(str).str.fullmatch(r"20\d{12}").all()
    assert set(frame["SOURCEURL"]) == {URL.format(key) for key in SENTENCES}


def test_gdelt_values_follow_gdelt_conventions(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    export(db, "gdelt", tmp_path / "events.tsv")
    frame = read_gdelt(tmp_path / "events.tsv")
    shelling = only(frame, "SOURCEURL", URL.format("shelling"))
    record = _record(stored, "shelling")
    day = dt.date.fromisoformat(record["date"])
    assert shelling["Day"] == int(day.strftime("%Y%m%d")) and shelling["MonthYear"] == day.year * 100 + day.month
    assert shelling["Actor1Code"] == "RUSMIL" and shelling["Actor1Name"] == "RUSSIA"
    assert shelling["Actor1CountryCode"] == "RUS" and shelling["Actor1Type1Code"] == "MIL"
    assert shelling["ActionGeo_Type"] == 4 and shelling["ActionGeo_CountryCode"] == "UP"  # FIPS, not ISO "UA"
    assert shelling["ActionGeo_ADM1Code"] == "UP07" and shelling["ActionGeo_FeatureID"] == "706483"
    assert shelling["ActionGeo_FullName"] == "Kharkiv, Ukraine" and shelling["IsRootEvent"] == 1
    sanctions = only(frame, "SOURCEURL", URL.format("sanctions"))
    assert sanctions["ActionGeo_Type"] == 1 and sanctions["ActionGeo_FullName"] == "Iran"
    assert sanctions["ActionGeo_CountryCode"] == "IR" and sanctions["ActionGeo_FeatureID"] == "IR"
    assert sanctions["QuadClass"] == 4 and sanctions["Actor2Code"] == "IRN"
    assert 2024.3 < sanctions["FractionDate"] < 2024.4


def read_acled(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"event_id_cnty": "string", "inter1": "Int64", "inter2": "Int64",
                                    "interaction": "Int64", "iso": "Int64", "time_precision": "Int64",
                                    "geo_precision": "Int64", "timestamp": "Int64", "fatalities": "Int64"})


def test_acled_keeps_only_events_with_an_acled_type(db: Path, stored: list[StoredEvent], tmp_path: Path) -> None:
    typed = [s for s in stored if s.record["acled"]]
    assert 0 < len(typed) < len(stored)
    assert export(db, "acled", tmp_path / "acled.csv") == len(typed)
    frame = read_acled(tmp_path / "acled.csv")
    assert tuple(frame.columns) == ACLED_COLUMNS
    assert list(frame["event_type"]) == [s.record["acled"]["event_type"] for s in typed]
    assert list(frame["notes"]) == [s.record["text_info"]["sentence"] for s in typed]
    assert frame["fatalities"].isna().all() and (frame["source"] == "news.example.org").all()
    assert frame["latitude"].dtype == "float64" and frame["year"].dtype == "int64"
    assert frame["timestamp"].between(1_700_000_000, 4_000_000_000).all()


def test_acled_codes_disorder_and_interaction(db: Path, tmp_path: Path) -> None:
    export(db, "acled", tmp_path / "acled.csv")
    frame = read_acled(tmp_path / "acled.csv")
    protest = only(frame, "sub_event_type", "Peaceful protest")
    assert protest["disorder_type"] == "Demonstrations" and protest["inter1"] == 6 and protest["interaction"] == 60
    assert protest["country"] == "Kenya" and protest["iso"] == 404 and protest["event_id_cnty"].startswith("KEN")
    # Tear gas disperses a crowd: ACLED's "protest with intervention", not "excessive force".
    force = only(frame, "sub_event_type", "Protest with intervention")
    assert force["disorder_type"] == "Demonstrations"
    assert (force["inter1"], force["inter2"], force["interaction"]) == (1, 6, 16)
    shelling = only(frame, "location", "Kharkiv")
    assert shelling["disorder_type"] == "Political violence" and shelling["geo_precision"] == 1
    assert shelling["time_precision"] == 1 and shelling["event_date"].startswith("2024-")


def test_filters_apply_to_every_format(db: Path, tmp_path: Path) -> None:
    query = EventFilter(country="RUS")
    for fmt in EXPORT_FORMATS:
        export(db, fmt, tmp_path / f"russia.{fmt}", query)
    assert set(pd.read_csv(tmp_path / "russia.csv")["article_id"]) == {"shelling"}
    assert set(pq.read_table(tmp_path / "russia.parquet").column("article_id").to_pylist()) == {"shelling"}
    assert set(read_gdelt(tmp_path / "russia.gdelt")["SOURCEURL"]) == {URL.format("shelling")}


def test_cli_writes_a_file_and_says_how_many(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "protests.parquet"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "parquet", "--event", "protest",
                                      "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert set(pq.read_table(out).column("event").to_pylist()) == {"PROTEST"}
    assert f"events written to {out} (parquet)" in result.stderr
    assert not list(tmp_path.glob("*.partial"))


def test_cli_writes_text_formats_to_stdout(db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "gdelt", "--output", "-",
                                      "--actor", "Hamas", "--since", "2024-01-01"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(row) == 61 and row[-1] == URL.format("talks") for row in rows)


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "parquet", "--output", "-"], "binary"),
    (["--format", "csv", "--output", "{missing}/x.csv"], "cannot write the export"),
    (["--format", "xml", "--output", "-"], "xml"),
])
def test_cli_refuses_bad_output_with_one_line_and_exit_2(db: Path, tmp_path: Path, args: list[str],
                                                         message: str) -> None:
    args = [arg.format(missing=tmp_path / "no" / "such") for arg in args]
    result = CliRunner().invoke(cli, ["export", "--db", str(db), *args])
    assert result.exit_code == 2 and message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("Error")]) == 1


def test_cli_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.sqlite"), "--format", "csv",
                                      "--output", "-"])
    assert result.exit_code == 2 and "no such database" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_a_bad_export_table_names_its_file_and_line(tmp_path: Path) -> None:
    for name in ("iso2_fips.tsv", "acled_disorder.tsv", "acled_inter.tsv"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert ExportTables.load(tmp_path).inter["MIL"] == 1
    with (tmp_path / "acled_inter.tsv").open("a", encoding="utf-8") as out:
        out.write("XYZ\t9\tnot an ACLED code\n")
    with pytest.raises(DataFileError, match=r"acled_inter.tsv:\d+: inter must be 1 to 8"):
        ExportTables.load(tmp_path)


def _record(stored: list[StoredEvent], article_id: str) -> dict[str, Any]:
    return next(s.record for s in stored if s.article_id == article_id)
