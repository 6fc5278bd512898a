"""Both stores (SQLite file, private PostgreSQL): idempotent saves, filters, resumable ingest."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from eventdesk.errors import StoreError
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.store import EventFilter, open_store
from tests.postgres import fresh_database, postgres_server, store_location

__all__ = ["postgres_server", "store_location"]  # fixtures used here

ITEMS = (
    RawItem(id="raid", source="<raid>", published=dt.date(2024, 5, 7),
            text="Israeli troops raided the Jenin refugee camp on Monday, the Palestinian health ministry said."),
    RawItem(id="talks", source="<talks>", published=dt.date(2024, 5, 7),
            text="Egypt and Qatar held talks with Hamas in Cairo on Tuesday about a ceasefire."),
    RawItem(id="sport", source="<sport>", published=dt.date(2024, 5, 7),
            text="The home side won the match 3-1 in front of a crowd of 40,000."),
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def test_ingest_twice_stores_nothing_twice(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    first = ingest(pipeline, list(ITEMS), store)
    counts = store.count()
    second = ingest(pipeline, list(ITEMS), store)
    forced = ingest(pipeline, list(ITEMS), store, force=True)
    assert first.stored == 3 and first.events > 0
    assert second.stored == 0 and second.unchanged == 3
    assert forced.stored == 3
    assert store.count() == counts == (3, first.events)
    store.close()


def test_filters_read_back_what_was_stored(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, list(ITEMS), store)
    everything = list(store.events(EventFilter()))
    assert {e.article_id for e in everything} <= {"raid", "talks"}
    categories = {e.record["event"] for e in everything}
    assert categories
    some_category = sorted(categories)[0]
    only = list(store.events(EventFilter(event=some_category.lower())))
    assert only and all(e.record["event"] == some_category for e in only)
    israel = list(store.events(EventFilter(country="isr")))
    assert israel and all(e.article_id == "raid" for e in israel)
    assert list(store.events(EventFilter(actor="hamas")))
    assert not list(store.events(EventFilter(since=dt.date(2030, 1, 1))))
    assert not list(store.events(EventFilter(actor="' OR 1=1 --")))
    store.close()


def test_a_changed_input_replaces_its_old_events(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, [ITEMS[0]], store)
    changed = RawItem(id="raid", source="<raid>", published=dt.date(2024, 5, 7),
                      text="The home side won the match 3-1 in front of a crowd of 40,000.")
    ingest(pipeline, [changed], store)
    assert store.count() == (1, 0)
    store.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    open_store(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer eventdesk"):
        open_store(db)


def test_an_unopenable_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as caught:
        open_store(bad)
    assert str(bad) in str(caught.value) and "\n" not in str(caught.value)


def test_a_postgres_database_from_a_newer_version_is_refused(postgres_server: str) -> None:
    import psycopg

    url = fresh_database(postgres_server)
    open_store(url).close()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer eventdesk"):
        open_store(url)


def test_an_unreachable_postgres_is_one_line() -> None:
    pytest.importorskip("psycopg")
    url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert url in str(caught.value) and "\n" not in str(caught.value)


def test_the_full_text_filter_finds_the_article_words(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, list(ITEMS), store)
    assert {e.article_id for e in store.events(EventFilter(text="refugee camp"))} == {"raid"}
    assert {e.article_id for e in store.events(EventFilter(text="Cairo ceasefire"))} == {"talks"}
    assert not list(store.events(EventFilter(text="refugee Cairo")))
    assert not list(store.events(EventFilter(text='" OR * NEAR(')))
    store.close()


def test_pages_bbox_dates_cameo_and_listings(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, list(ITEMS), store)
    everything = list(store.events(EventFilter()))
    pages, after = [], None
    while True:
        page = list(store.events(EventFilter(after=after, limit=1)))
        if not page:
            break
        pages.extend(page)
        after = page[-1].sort_key
    assert [e.event_id for e in pages] == [e.event_id for e in everything]
    newest = list(store.events(EventFilter(descending=True)))
    assert [e.event_id for e in newest] == [e.event_id for e in reversed(everything)]
    located = [e for e in everything if (e.record["event_loc"] or {}).get("lat") is not None]
    assert located
    lat, lon = located[0].record["event_loc"]["lat"], located[0].record["event_loc"]["lon"]
    boxed = list(store.events(EventFilter(bbox=(lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5))))
    assert located[0].event_id in {e.event_id for e in boxed}
    assert not list(store.events(EventFilter(bbox=(0.0, 0.0, 1.0, 1.0))))
    day = dt.date.fromisoformat(everything[0].record["date"])
    assert all(e.record["date"] <= day.isoformat() for e in store.events(EventFilter(until=day)))
    cameo = everything[0].record["cameo"]
    assert all(e.record["cameo"].startswith(cameo[:2]) for e in store.events(EventFilter(cameo=cameo[:2])))
    assert [a.id for a in store.articles()] == ["raid", "sport", "talks"]
    assert [a.id for a in store.articles(text="Cairo")] == ["talks"]
    assert [a.id for a in store.articles(after="raid", limit=1)] == ["sport"]
    actors = store.actors()
    assert actors and actors[0].num_events >= actors[-1].num_events
    assert all("israel" in a.name.lower() for a in store.actors(name="israel"))
    stats = store.stats(EventFilter())
    assert stats.articles == 3 and stats.events == len(everything)
    assert sum(n for _, n in stats.by_category) == sum(n for _, n in stats.by_quad_class) == stats.events
    store.close()


def test_run_and_events_take_a_postgres_url(postgres_server: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventdesk.cli import cli

    url = fresh_database(postgres_server)
    inputs = tmp_path / "items.jsonl"
    inputs.write_text("".join(json.dumps({"id": i.id, "text": i.text, "published": str(i.published)}) + "\n"
                              for i in ITEMS), encoding="utf-8")
    runner = CliRunner()
    ran = runner.invoke(cli, ["run", "--no-progress", "--db", url, str(inputs)])
    assert ran.exit_code == 0, ran.output
    assert f"{url}: stored 3 articles" in ran.stderr
    listed = runner.invoke(cli, ["events", "--db", url, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert {json.loads(line)["article_id"] for line in listed.stdout.splitlines()} == {"raid", "talks"}
    missing = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no such database" in missing.stderr
