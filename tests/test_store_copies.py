"""Duplicates stored once with every source (both backends), across runs; the schema-3 migration
of a database written by the previous version; both plans of every indexed filter."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.store import EventFilter, open_store
from tests.conftest import RESOURCES
from tests.postgres import postgres_server, store_location

__all__ = ["postgres_server", "store_location"]  # fixtures used here

NEAR = RESOURCES / "extract" / "near"
WIRE = (NEAR / "wire-ceasefire.txt").read_text(encoding="utf-8")
REPRINT = ("Ceasefire holds in Gaza after Egyptian mediation\n\n" + WIRE.replace("GAZA CITY (Reuters) - ", "")
           + "\n\n(Reporting by Nidal al-Mughrabi; Editing by Alex Richardson)")
DAY = dt.date(2022, 8, 8)
FIRST_RUN = [
    {"id": "reuters-1", "url": "https://www.reuters.com/world/gaza-1", "text": WIRE},
    {"id": "yahoo-7", "url": "https://news.yahoo.com/gaza-7", "text": REPRINT},
]
SECOND_RUN = [{"id": "aj-3", "url": "https://www.aljazeera.com/news/3", "text": "  " + WIRE.replace("\n\n", "\n")}]
URLS = sorted(item["url"] for item in FIRST_RUN + SECOND_RUN)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def write_jsonl(path: Path, items: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps({**item, "published": str(DAY)}) + "\n" for item in items), encoding="utf-8")
    return path


def test_a_wire_story_from_three_outlets_in_two_runs_is_stored_once(store_location: str, tmp_path: Path) -> None:
    first, second = write_jsonl(tmp_path / "one.jsonl", FIRST_RUN), write_jsonl(tmp_path / "two.jsonl", SECOND_RUN)
    runner = CliRunner()
    ran = runner.invoke(cli, ["run", "--no-progress", "--skip-duplicates", "--db", store_location, str(first)])
    assert ran.exit_code == 0, ran.output
    assert "a copy of reuters-1" in ran.stderr
    store = open_store(store_location)
    articles, events = store.count()
    assert articles == 1 and events > 0
    store.close()
    ran = runner.invoke(cli, ["run", "--no-progress", "--skip-duplicates", "--db", store_location, str(second)])
    assert ran.exit_code == 0 and "two.jsonl:1: a copy of reuters-1" in ran.stderr and "1 duplicates" in ran.stderr
    store = open_store(store_location)
    assert store.count() == (1, events)
    assert [(s.item_id, s.site) for s in store.sources("reuters-1")] == [
        ("reuters-1", "reuters.com"), ("yahoo-7", "news.yahoo.com"), ("aj-3", "aljazeera.com")]
    stored = list(store.events(EventFilter()))
    assert all(e.num_sources == 3 and e.num_articles == 1 for e in stored)
    assert all(sorted(e.source_urls) == URLS for e in stored)
    store.close()
    listed = runner.invoke(cli, ["events", "--db", store_location, "--format", "jsonl"])
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(records) == events and all(sorted(r["source_urls"]) == URLS for r in records)
    for path in (first, second):  # re-ingesting changes nothing
        again = runner.invoke(cli, ["run", "--no-progress", "--skip-duplicates", "--db", store_location, str(path)])
        assert again.exit_code == 0 and "stored 0 articles" in again.stderr and "0 duplicates" in again.stderr
    store = open_store(store_location)
    assert store.count() == (1, events) and len(store.sources("reuters-1")) == 3
    assert [e.num_sources for e in store.events(EventFilter())] == [3] * events
    store.close()


def test_copies_within_one_run_and_another_story(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    items = [RawItem(id="yahoo-7", source="feeds/yahoo.jsonl:1", url="https://news.yahoo.com/gaza-7", text=REPRINT,
                     published=DAY),
             RawItem(id="reuters-1", source="feeds/reuters.jsonl:4", text=WIRE, published=DAY),
             RawItem(id="sport", source="<sport>", text="The home side won the match 3-1.", published=DAY)]
    report = ingest(pipeline, items, store, dedup=True)
    assert report.stored == 2 and [d.item_id for d in report.duplicates] == ["reuters-1"]
    assert [(s.item_id, s.url) for s in store.sources("yahoo-7")] == [
        ("yahoo-7", "https://news.yahoo.com/gaza-7"), ("reuters-1", None)]
    assert store.find_copy(WIRE) == "yahoo-7" and store.find_copy("The home side won the match 3-1!") == "sport"
    assert store.find_copy("Talks between the two sides resumed in Cairo on Tuesday.") is None
    assert store.has_input("reuters-1", report_hash(items[1]))
    store.close()


def report_hash(item: RawItem) -> str:
    from eventdesk.runners.ingest import input_hash

    return input_hash(item)


def test_each_filter_gives_the_same_events_by_either_plan(pipeline: Pipeline, store_location: str) -> None:
    store = open_store(store_location)
    ingest(pipeline, [RawItem(id=f"r{n}", source=f"<r{n}>", url=f"https://site{n}.example/r", published=DAY,
                              text=text) for n, text in enumerate((WIRE, REPRINT.replace("Gaza", "Rafah")))], store)
    ingest(pipeline, [RawItem(id="raid", source="<raid>", published=DAY,
                              text="Israeli troops raided the Jenin refugee camp on Monday.")], store)
    everything = list(store.events(EventFilter()))
    located = next(e for e in everything if (e.record["event_loc"] or {}).get("lat") is not None)
    lat, lon = located.record["event_loc"]["lat"], located.record["event_loc"]["lon"]
    filters = [EventFilter(actor="islamic jihad"), EventFilter(actor="ISR"), EventFilter(actor="50%_"),
               EventFilter(country="ISR"), EventFilter(text="ceasefire"), EventFilter(text="refugee camp"),
               EventFilter(bbox=(lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1)),
               EventFilter(actor="israel", country="pse", since=DAY - dt.timedelta(days=9), until=DAY),
               EventFilter(cameo=everything[0].record["cameo"][:2], descending=True),
               EventFilter(actor="israel", event=located.record["event"], bbox=(lon - 0.1, lat - 0.1, lon + 0.1,
                                                                                lat + 0.1)),
               EventFilter(country="ISR", cameo=located.record["cameo"], since=DAY, article_id="raid"),
               EventFilter(cameo=everything[0].record["cameo"][:1]),
               EventFilter(cameo=located.record["cameo"], event=located.record["event"],
                           since=DAY - dt.timedelta(days=9), bbox=(lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1),
                           descending=True)]
    driving = [[e.event_id for e in store.events(f)] for f in filters]
    paged = [[e.event_id for e in store.events(replace(f, limit=2))] for f in filters]
    store.drive_limit = 0  # type: ignore[attr-defined]  # every filter is now a per-event check or walk
    checking = [[e.event_id for e in store.events(f)] for f in filters]
    walked = [[e.event_id for e in store.events(replace(f, limit=2))] for f in filters]
    assert driving == checking and paged == walked == [found[:2] for found in driving]
    after = [[e.event_id for e in store.events(replace(f, limit=2, after=f_found[0].sort_key))]
             for f, f_found in ((f, list(store.events(f))) for f in filters[:2])]
    assert after == [found[1:3] for found in driving[:2]]
    store.walk_codes = 0  # type: ignore[attr-defined]  # a CAMEO filter walks the events, not its codes
    assert [[e.event_id for e in store.events(replace(f, limit=2))] for f in filters] == walked
    store.walk_codes = 32  # type: ignore[attr-defined]
    coded = [list(store.events(replace(f, limit=1))) for f in filters[-2:]]
    assert [[e.event_id for e in store.events(replace(f, limit=2, after=page[0].sort_key))]
             for f, page in zip(filters[-2:], coded, strict=True)] == [found[1:3] for found in driving[-2:]]
    assert driving[-2] and driving[-1]
    assert all(driving[i] for i in (0, 1, 3, 4, 5, 6, 8)) and not driving[2]
    assert set(driving[5]) == {e.event_id for e in everything if e.article_id == "raid"}
    store.close()
