"""Databases written by earlier eventdesk versions open migrated to the current schema (SQLite
schema 3, PostgreSQL schema 2 from a dump of what that version wrote), and schema 4's spatial
index and term columns stay in step with the events through later writes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.store import EventFilter, Store, open_store
from eventdesk.store.sqlite import SCHEMA_VERSION, SqliteStore
from tests.conftest import RESOURCES
from tests.postgres import fresh_database, postgres_server, store_location

__all__ = ["postgres_server", "store_location"]  # fixtures used here

JENIN = (35.25, 32.4, 35.35, 32.5)  # lon/lat box around the Jenin camp
LATER_STILL = RawItem(id="e", source="<e>", url="https://www.bbc.co.uk/e", published=dt.date(2024, 6, 4),
                      text="Israeli troops raided the Jenin refugee camp on Monday, witnesses said.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def check_the_jenin_reports(store: Store) -> None:
    """What the old versions stored for the four Jenin reports (tests/resources/store/README.md)."""
    assert store.schema_version() == SCHEMA_VERSION
    assert store.count() == (4, 2)
    assert [(s.item_id, s.site) for s in store.sources("a")] == [("a", "reuters.com")]
    raids = [e for e in store.events(EventFilter(event="COERCE")) if e.num_mentions == 3]
    assert [(e.num_mentions, e.num_articles, e.num_sources) for e in raids] == [(3, 3, 2)]
    assert sorted(raids[0].source_urls) == ["https://apnews.com/b", "https://reuters.com/c",
                                            "https://www.reuters.com/a"]
    assert {e.article_id for e in store.events(EventFilter(text="medics"))} == {"a"}  # b's report of a's event
    assert [a.id for a in store.articles(text="medics")] == ["b"]
    full = store.event(raids[0].event_id)
    assert full is not None and sorted(m.article_id for m in full.mentions) == ["a", "b", "c"]
    article = store.article("c")
    assert article is not None and "residents told reporters" in article.text
    for query in (EventFilter(actor="israel"), EventFilter(country="isr"), EventFilter(bbox=JENIN),
                  EventFilter(actor="israel", event="COERCE", bbox=JENIN, limit=10), EventFilter(cameo="17")):
        assert len(list(store.events(query))) == 2, query
    assert not list(store.events(EventFilter(bbox=(0.0, 0.0, 1.0, 1.0))))
    text = store.article("b")
    assert text is not None and store.find_copy(text.text) == "b"  # the copies were indexed


def check_new_writes(store: Store, pipeline: Pipeline) -> None:
    report = ingest(pipeline, [LATER_STILL], store)
    assert report.stored == 1
    assert store.count() == (5, 3)
    assert len(list(store.events(EventFilter(actor="israel", event="COERCE", bbox=JENIN, limit=10)))) == 3
    assert [s.site for s in store.sources("e")] == ["bbc.co.uk"]


def check_migrated(location: str, pipeline: Pipeline) -> None:
    """An old database opens migrated, keeps what it held, takes new writes and reopens at the new version."""
    store = open_store(location)
    check_the_jenin_reports(store)
    check_new_writes(store, pipeline)
    store.close()
    reopened = open_store(location)
    assert reopened.schema_version() == SCHEMA_VERSION and reopened.count() == (5, 3)
    reopened.close()


@pytest.mark.parametrize("fixture", ["schema-2.sqlite", "schema-3.sqlite"])
def test_an_old_sqlite_database_opens_migrated(fixture: str, pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(RESOURCES / "store" / fixture, db)
    check_migrated(str(db), pipeline)


def test_a_postgres_schema_2_database_opens_migrated(pipeline: Pipeline, postgres_server: str) -> None:
    import psycopg

    url = fresh_database(postgres_server)
    with psycopg.connect(url, autocommit=True) as db:
        db.execute((RESOURCES / "store" / "schema-2-postgres.sql").read_text(encoding="utf-8").encode())
        assert db.execute("SELECT value FROM meta").fetchone() == ("2",)
        assert db.execute("SELECT to_regclass('article_sources')").fetchone() == (None,)
    check_migrated(url, pipeline)


def test_the_spatial_index_and_term_columns_follow_every_write(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, [LATER_STILL], store)
    boxed = EventFilter(actor="israel", event="COERCE", bbox=JENIN, limit=10)
    assert len(list(store.events(boxed))) == 1
    moved = RawItem(id="e", source="<e>", published=dt.date(2024, 6, 4),
                    text="Israeli troops raided a refugee camp near Nablus on Monday, witnesses said.")
    ingest(pipeline, [moved], store)  # a changed input: the event moves to Nablus, its old row goes
    assert not list(store.events(boxed)) and not list(store.events(EventFilter(bbox=JENIN)))
    assert list(store.events(EventFilter(actor="israel", event="COERCE", limit=10)))
    if isinstance(store, SqliteStore):  # the R*Tree holds exactly the located events, by number
        rtree = store._run("SELECT id FROM events_rtree ORDER BY id").fetchall()
        located = store._run("SELECT num FROM events WHERE lon IS NOT NULL ORDER BY num").fetchall()
        assert rtree == located and len(rtree) == store.count()[1]
    terms = store._run("SELECT count(*) FROM event_terms t JOIN events e ON e.id = t.event_id WHERE "
                       "t.event = e.event AND t.cameo = e.cameo AND t.lon = e.lon AND t.lat = e.lat").fetchone()
    assert int(terms[0]) == int(store._run("SELECT count(*) FROM event_terms").fetchone()[0]) > 0
    store.close()
