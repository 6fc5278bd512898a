"""Latency of a filtered page of 100 events on a generated store, SQLite and PostgreSQL.

    .venv/bin/python bench/store_latency.py [--events 1000000] [--db PATH] [--postgres URL] [--runs 200]

Fills each store with generated events (one mention each, five per article, 60 actors, 16
categories, five years of dates, points around the Levant), then times ``Store.events()`` for a
page of 100 under each filter (the issue's goal: p99 under 50 ms). Prints p50/p99 per backend and
query next to the baseline (the unfiltered first page) and the goal, with the ratios. An existing
store of the right size is reused (filling one million takes minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from eventdesk.store import EventFilter, Store, open_store
from eventdesk.store.reports import sort_key

GOAL_MS = 50.0
CATEGORIES = ("AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE", "FIGHT",
              "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
COUNTRIES = ("ISR", "PSE", "EGY", "QAT", "LBN", "SYR", "JOR", "IRN", "USA", "TUR")
SECTORS = ("GOV", "MIL", "REB", "COP", "CVL", "OPP")
WORDS = ("ceasefire", "talks", "raid", "camp", "border", "protest", "minister", "army", "rebels", "village",
         "convoy", "hospital", "aid", "sanctions", "election", "parliament", "strike", "drone", "market", "school",
         "refugees", "police")
QUERIES: dict[str, EventFilter] = {
    "unfiltered (baseline)": EventFilter(),
    "category": EventFilter(event="ASSAULT"),
    "country": EventFilter(country="LBN"),
    "actor code": EventFilter(actor="SYRMIL"),
    "date range": EventFilter(since=dt.date(2022, 3, 1), until=dt.date(2022, 3, 31)),
    "cameo prefix": EventFilter(cameo="19"),
    "bbox": EventFilter(bbox=(35.0, 31.0, 35.5, 31.5)),
    "category+country+dates": EventFilter(event="PROTEST", country="ISR", since=dt.date(2021, 1, 1)),
    "full text": EventFilter(text="convoy hospital"),
    "newest first": EventFilter(descending=True),
}


def generated_rows(count: int, seed: int = 7) -> Iterator[tuple[tuple[Any, ...] | None, tuple[Any, ...], list[Any]]]:
    """(article row or None, event row, actor rows) for each event, deterministic."""
    rng = random.Random(seed)
    actors = [(f"{c}{s}", c, s) for c in COUNTRIES for s in SECTORS]
    start = dt.date(2020, 1, 1)
    for n in range(count):
        article_id = f"art{n // 5:07d}"
        article = None
        if n % 5 == 0:
            text = " ".join(rng.choice(WORDS) for _ in range(120))
            article = (article_id, f"feed{n % 97}", f"https://site{n % 53}.example/{article_id}", f"Title {n}",
                       None, "en", text, f"fp{n}", "h", "{}", "2024-01-01T00:00:00", f"site{n % 53}.example")
        (a_code, a_country, a_sector), (r_code, r_country, r_sector) = rng.sample(actors, 2)
        date = (start + dt.timedelta(days=rng.randrange(5 * 365))).isoformat()
        lat, lon = 29 + rng.random() * 8, 33 + rng.random() * 10
        event_id = f"ev{n:08d}"
        cameo = f"{rng.randrange(1, 21):02d}{rng.randrange(10)}"
        record = {"id": event_id, "date": date, "event": rng.choice(CATEGORIES), "cameo": cameo,
                  "actor": {"name": a_code, "code": a_code, "country": a_country, "sector": a_sector},
                  "recipient": {"name": r_code, "code": r_code, "country": r_country, "sector": r_sector},
                  "event_loc": {"lat": lat, "lon": lon}, "text_info": {"start": 0, "end": 80},
                  "confidence": 0.7, "padding": "x" * 600}
        event = (event_id, "k", article_id, date, record["event"], None, cameo, 4, -5.0, "somewhere", None, "PS",
                 lat, lon, 0.7, 0, json.dumps(record), sort_key(date, article_id, 0, event_id), 1, 1, 1)
        participants = [(event_id, "actor", 0, a_code, a_code, a_code, a_country, a_sector),
                        (event_id, "recipient", 0, r_code, r_code, r_code, r_country, r_sector)]
        yield article, event, participants


def fill(store: Any, count: int) -> None:
    """Bulk-load generated rows straight into the schema (the store's own insert is per article)."""
    articles, events, mentions, actors = [], [], [], []
    run_many: Callable[[str, list[tuple[Any, ...]]], None] = store._run_many
    for n, (article, event, participants) in enumerate(generated_rows(count), start=1):
        if article:
            articles.append(article)
        events.append(event)
        mentions.append((event[0], event[0], event[2], event[3], 0, 80, "raided", 0, 6, 0.7, "{}"))
        actors.extend(participants)
        if n % 50_000 == 0 or n == count:
            with store._transaction():
                run_many("INSERT INTO articles VALUES (" + ",".join("?" * 12) + ")", articles)
                for row in articles:
                    store._index_text(row[0], row[3], row[6])
                run_many("INSERT INTO events (id, match_key, article_id, date, event, mode, cameo, quad_code, "
                         "goldstein, place, geonameid, country_code, lat, lon, confidence, sentence_start, record, "
                         "sort_key, num_mentions, num_sources, num_articles) VALUES (" + ",".join("?" * 21) + ")",
                         events)
                run_many("INSERT INTO mentions (id, event_id, article_id, date, sentence_start, sentence_end, "
                         "trigger, trigger_start, trigger_end, confidence, record) VALUES (" + ",".join("?" * 11)
                         + ")", mentions)
                run_many("INSERT INTO event_actors VALUES (?,?,?,?,?,?,?,?)", actors)
            articles, events, mentions, actors = [], [], [], []
    store._run("ANALYZE")


def timings(store: Store, query: EventFilter, runs: int) -> list[float]:
    page = replace(query, limit=100)
    found = list(store.events(page))  # warm the cache once
    assert found, f"no events for {query}"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        list(store.events(page))
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="bench-store.sqlite", help="SQLite file (reused when full)")
    parser.add_argument("--postgres", help="postgresql:// URL of an empty or filled database")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    locations = [args.db] + ([args.postgres] if args.postgres else [])
    print(f"{'backend':<10} {'query':<26} {'p50 ms':>8} {'p99 ms':>8} {'baseline p99':>13} {'ratio':>6} "
          f"{'goal':>6} {'p99/goal':>9}")
    for location in locations:
        store = open_store(location)
        backend = "postgres" if location.startswith("postgres") else "sqlite"
        if store.count()[1] != args.events:
            started = time.perf_counter()
            fill(store, args.events - store.count()[1])
            print(f"{backend}: filled {args.events} events in {time.perf_counter() - started:.0f} s")
        baseline = None
        for name, query in QUERIES.items():
            times = timings(store, query, args.runs)
            p50, p99 = statistics.median(times), statistics.quantiles(times, n=100)[98]
            baseline = baseline or p99
            print(f"{backend:<10} {name:<26} {p50:8.2f} {p99:8.2f} {baseline:13.2f} {p99 / baseline:6.2f} "
                  f"{GOAL_MS:6.0f} {p99 / GOAL_MS:9.2f}")
        store.close()


if __name__ == "__main__":
    main()
