"""One event, many reports: articles reporting the same event are one stored event with a
mention per report (GDELT's Mentions table), on both backends; and a schema-1 file migrates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.export import coded_article_to_dict
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.store import EventFilter, StoredEvent, open_store
from eventdesk.store.sqlite import SCHEMA_VERSION
from tests.postgres import postgres_server, store_location

__all__ = ["postgres_server", "store_location"]  # fixtures used here

RAID = "Israeli troops raided the Jenin refugee camp on {day}{rest}"
REPORTS = (  # the same raid on 6 May 2024, told three times by two publishers, dated a day apart once
    RawItem(id="a", source="<a>", url="https://www.reuters.com/a", published=dt.date(2024, 5, 7),
            text=RAID.format(day="Monday", rest=", the Palestinian health ministry said.")),
    RawItem(id="b", source="<b>", url="https://apnews.com/b", published=dt.date(2024, 5, 8),
            text=RAID.format(day="Tuesday", rest=", medics said.")),
    RawItem(id="c", source="<c>", url="https://reuters.com/c", published=dt.date(2024, 5, 8),
            text="On Monday, Israeli troops raided the Jenin refugee camp, residents told reporters."),
)
LATER = RawItem(id="d", source="<d>", url="https://apnews.com/d", published=dt.date(2024, 5, 20),
                text=RAID.format(day="Monday", rest="."))  # a week later: another raid


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def jenin_raids(events: list[StoredEvent]) -> list[StoredEvent]:
    return [e for e in events if e.record["event"] == "COERCE" and (e.record["event_loc"] or {}).get("geonameid")]


def test_three_reports_of_one_raid_are_one_event(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, [*REPORTS, LATER], store)
    raids = jenin_raids(list(store.events(EventFilter())))
    assert [(e.record["date"], e.num_mentions, e.num_articles, e.num_sources) for e in raids] == [
        ("2024-05-06", 3, 3, 2), ("2024-05-13", 1, 1, 1)]
    first = raids[0]
    assert first.article_id == "a" and first.event_id == first.record["id"]
    full = store.event(first.event_id)
    assert full is not None and full.num_mentions == 3
    texts = {item.id: item.text or "" for item in REPORTS}
    assert [(m.article_id, m.source) for m in full.mentions] == [("a", "reuters.com"), ("b", "apnews.com"),
                                                                  ("c", "reuters.com")]
    for mention in full.mentions:
        assert texts[mention.article_id][mention.trigger_start:mention.trigger_end] == mention.trigger == "raided"
        assert texts[mention.article_id][mention.sentence_start:mention.sentence_end].startswith(("Israeli", "On"))
        assert 0 < mention.confidence <= 1
    by_mention = store.event(full.mentions[1].id)
    assert by_mention is not None and by_mention.event_id == first.event_id
    assert store.event("no-such-event") is None
    assert [e.event_id for e in store.events(EventFilter(article_id="b"))] == [first.event_id]
    store.close()


def test_reingesting_updates_mentions_and_never_duplicates(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, list(REPORTS), store)
    before = store.count()
    ingest(pipeline, list(REPORTS), store, force=True)
    assert store.count() == before
    (raid,) = jenin_raids(list(store.events(EventFilter())))
    assert (raid.num_mentions, raid.num_articles, raid.num_sources) == (3, 3, 2)
    retold = RawItem(id="c", source="<c>", url="https://reuters.com/c", published=dt.date(2024, 5, 8),
                     text="The home side won the match 3-1 in front of a crowd of 40,000.")
    ingest(pipeline, [retold], store)
    (raid,) = jenin_raids(list(store.events(EventFilter())))
    assert (raid.num_mentions, raid.num_articles, raid.num_sources) == (2, 2, 2)
    for item in REPORTS[:2]:
        ingest(pipeline, [RawItem(id=item.id, source=item.source, text="The match ended 0-0.")], store)
    assert not jenin_raids(list(store.events(EventFilter())))
    assert store.count() == (3, 0)
    store.close()


def test_events_command_shows_each_event_once_with_its_counts(tmp_path: Path) -> None:
    db, inputs = tmp_path / "events.sqlite", tmp_path / "reports.jsonl"
    inputs.write_text("".join(json.dumps({"id": r.id, "url": r.url, "text": r.text, "published": str(r.published)})
                              + "\n" for r in REPORTS), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["run", "--no-progress", "--db", str(db), str(inputs)]).exit_code == 0
    jsonl = runner.invoke(cli, ["events", "--db", str(db), "--event", "COERCE", "--format", "jsonl"])
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(r["article_id"], r["num_mentions"], r["num_sources"], r["num_articles"]) for r in records] == [
        ("a", 3, 2, 3)]
    table = runner.invoke(cli, ["events", "--db", str(db), "--event", "COERCE", "--format", "csv"])
    (row,) = csv.DictReader(io.StringIO(table.stdout))
    assert (row["id"], row["num_mentions"], row["num_sources"], row["num_articles"]) == (records[0]["id"], "3",
                                                                                          "2", "3")


# Schema 1 exactly as eventdesk 0.1 (main at 66b303a) created and filled it.
SCHEMA_1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT,
    published TEXT, language TEXT, text TEXT NOT NULL, fingerprint TEXT NOT NULL, input_hash TEXT NOT NULL,
    record TEXT NOT NULL, coded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, date TEXT, event TEXT NOT NULL, mode TEXT,
    cameo TEXT NOT NULL, quad_code INTEGER NOT NULL, goldstein REAL NOT NULL, place TEXT, country_code TEXT,
    lat REAL, lon REAL, confidence REAL NOT NULL, sentence_start INTEGER NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_actors (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')), position INTEGER NOT NULL,
    entity_text TEXT NOT NULL, name TEXT NOT NULL, code TEXT, country TEXT, sector TEXT,
    PRIMARY KEY (event_id, role, position));
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_event ON events(event);
CREATE INDEX IF NOT EXISTS event_actors_country ON event_actors(country);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles(fingerprint);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def write_schema_1(path: Path, pipeline: Pipeline, items: list[RawItem]) -> int:
    """A schema-1 file holding the items as 0.1 stored them; returns how many event rows."""
    rows = 0
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA_1)
        for number, item in enumerate(items):
            coded = pipeline.process(item)
            record = coded_article_to_dict(coded)
            db.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       (coded.id, coded.source, item.url, None, str(item.published), "en", record["text"], "f",
                        "h", json.dumps(record), f"2024-06-01T00:00:0{number}"))
            for event in record["events"]:
                loc = event["event_loc"] or {}
                db.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           (event["id"], coded.id, event["date"], event["event"], event["mode"], event["cameo"],
                            event["quad_code"], event["goldstein"], loc.get("resolved_place"),
                            loc.get("country_code"), loc.get("lat"), loc.get("lon"), event["confidence"],
                            event["text_info"]["start"], json.dumps(event)))
                rows += 1
    return rows


def test_a_schema_1_database_opens_and_migrates(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    rows = write_schema_1(db, pipeline, [*REPORTS, LATER])
    store = open_store(db)
    assert store.schema_version() == SCHEMA_VERSION
    events = list(store.events(EventFilter()))
    assert sum(e.num_mentions for e in events) == rows
    raids = jenin_raids(events)
    assert [(e.num_mentions, e.num_articles, e.num_sources) for e in raids] == [(3, 3, 2), (1, 1, 1)]
    assert {e.article_id for e in store.events(EventFilter(text="medics"))} == {"a"}
    assert list(store.events(EventFilter(country="ISR")))
    store.close()
    reopened = open_store(db)
    assert reopened.count() == (4, len(events))
    reopened.close()
