"""Latency of a filtered page of 100 events on a generated store, SQLite and PostgreSQL.

    .venv/bin/python bench/store_latency.py [--events 1000000] [--db PATH] [--runs 200]
        [--postgres URL [--postgres-only]] [--queries NAME,NAME]

Fills each store with generated events (one mention each, five per article, 60 actors and a
rare one, 16 categories, five years of dates, points around the Levant, a rare word in one
article in 2,000), then times ``Store.events()`` for a page of 100 under each filter (the
issue's goal: p99 under 50 ms). Prints p50/p99 per backend and
query next to the baseline (the unfiltered first page) and the goal, with the ratios, the
machine's one-minute load average when the query's runs ended (the machine is shared), the
median CPU time of this process per page (all of a SQLite query) and, on PostgreSQL, the
server's execution time of the page's id query (``EXPLAIN ANALYZE``, one run). An existing
store of the right size is reused (filling one million takes a few minutes). The generated
articles have no MinHash signatures (copy detection is not what is timed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from eventdesk.store import EventFilter, Store, open_store
from eventdesk.store.postgres import PostgresStore
from eventdesk.store.reports import sort_key

GOAL_MS = 50.0
CATEGORIES = ("AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE", "FIGHT",
              "MOBILIZE", "PROTEST", "REJECT", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
NAMES = {"ISR": "Israel", "PSE": "Palestine", "EGY": "Egypt", "QAT": "Qatar", "LBN": "Lebanon", "SYR": "Syria",
         "JOR": "Jordan", "IRN": "Iran", "USA": "United States", "TUR": "Turkey"}
COUNTRIES = tuple(NAMES)
SECTORS = {"GOV": "government", "MIL": "military", "REB": "rebels", "COP": "police", "CVL": "civilians",
           "OPP": "opposition"}
WORDS = ("ceasefire", "talks", "raid", "camp", "border", "protest", "minister", "army", "rebels", "village",
         "convoy", "hospital", "aid", "sanctions", "election", "parliament", "strike", "drone", "market", "school",
         "refugees", "police")
RARE_ACTOR = ("Hayat Tahrir al-Sham", "SYRREB", "SYR", "REB")  # one event in 5,000
QUERIES: dict[str, EventFilter] = {
    "unfiltered (baseline)": EventFilter(),
    "category": EventFilter(event="ASSAULT"),
    "country": EventFilter(country="LBN"),
    "actor code": EventFilter(actor="SYRMIL"),
    "actor name, rare": EventFilter(actor="tahrir"),
    "actor name, several": EventFilter(actor="military"),
    "date range": EventFilter(since=dt.date(2022, 3, 1), until=dt.date(2022, 3, 31)),
    "cameo prefix": EventFilter(cameo="19"),
    "cameo code": EventFilter(cameo="195"),
    "bbox": EventFilter(bbox=(35.0, 31.0, 35.5, 31.5)),
    "category+country+dates": EventFilter(event="PROTEST", country="ISR", since=dt.date(2021, 1, 1)),
    "actor+category+bbox": EventFilter(actor="ISRMIL", event="ASSAULT", bbox=(34.0, 30.0, 37.0, 33.0)),
    "actor+category+bbox, newest": EventFilter(actor="ISRMIL", event="ASSAULT", bbox=(34.0, 30.0, 37.0, 33.0),
                                               descending=True),
    "article": EventFilter(article_id="art0000123"),
    "full text, common": EventFilter(text="convoy hospital"),
    "full text, rare": EventFilter(text="cholera"),
    "newest first": EventFilter(descending=True),
    "deep cursor page": EventFilter(after="2024-09-01"),
    "deep page, newest first": EventFilter(after="2021-01-01", descending=True),
}


def generated_rows(count: int, seed: int = 7) -> Iterator[tuple[tuple[Any, ...] | None, tuple[Any, ...], list[Any]]]:
    """(article row or None, event row, actor rows) for each event, deterministic."""
    rng = random.Random(seed)
    actors = [(f"{NAMES[c]} {SECTORS[s]}", f"{c}{s}", c, s) for c in COUNTRIES for s in SECTORS]
    start = dt.date(2020, 1, 1)
    for n in range(count):
        article_id = f"art{n // 5:07d}"
        article = None
        if n % 5 == 0:
            text = " ".join(rng.choice(WORDS) for _ in range(120)) + (" cholera" if n % 10_000 == 0 else "")
            article = (article_id, f"feed{n % 97}", f"https://site{n % 53}.example/{article_id}", f"Title {n}",
                       None, "en", text, f"fp{n}", "h", "{}", "2024-01-01T00:00:00", f"site{n % 53}.example")
        actor, recipient = rng.sample(actors, 2)
        if rng.randrange(5000) == 0:
            actor = RARE_ACTOR
        date = (start + dt.timedelta(days=rng.randrange(5 * 365))).isoformat()
        lat, lon = 29 + rng.random() * 8, 33 + rng.random() * 10
        event_id = f"ev{n:08d}"
        cameo = f"{rng.randrange(1, 21):02d}{rng.randrange(10)}"
        record = {"id": event_id, "date": date, "event": rng.choice(CATEGORIES), "cameo": cameo,
                  "actor": dict(zip(("name", "code", "country", "sector"), actor, strict=True)),
                  "recipient": dict(zip(("name", "code", "country", "sector"), recipient, strict=True)),
                  "event_loc": {"lat": lat, "lon": lon}, "text_info": {"start": 0, "end": 80},
                  "confidence": 0.7, "padding": "x" * 600}
        event = (event_id, "k", article_id, date, record["event"], None, cameo, 4, -5.0, "somewhere", None, "PS",
                 lat, lon, 0.7, 0, json.dumps(record), sort_key(date, article_id, 0, event_id), 1, 1, 1)
        participants = [(event_id, role, 0, name, name, code, country, sector)
                        for role, (name, code, country, sector) in (("actor", actor), ("recipient", recipient))]
        yield article, event, participants


EVENT_COLUMNS = ("id, match_key, article_id, date, event, mode, cameo, quad_code, goldstein, place, geonameid, "
                 "country_code, lat, lon, confidence, sentence_start, record, sort_key, num_mentions, num_sources, "
                 "num_articles")
TABLES = {  # table: its columns in the order the generated rows give them
    "articles": "id, source, url, title, published, language, text, fingerprint, input_hash, record, coded_at, "
                "source_key",
    "events": EVENT_COLUMNS,
    "mentions": "id, event_id, article_id, date, sentence_start, sentence_end, trigger, trigger_start, trigger_end, "
                "confidence, record",
    "event_actors": "event_id, role, position, entity_text, name, code, country, sector",
}


def fill(store: Any, count: int) -> None:
    """Bulk-load generated rows straight into the schema (the store's own insert is per article):
    secondary indexes (and SQLite's R*Tree triggers, PostgreSQL's foreign-key checks) set aside,
    COPY on PostgreSQL, prepared ``executemany`` on SQLite, 100,000 events a transaction; then the
    sources, actor terms, (SQLite) full-text rows and R*Tree by set-based SQL, and the indexes
    built again, each in one sorted pass."""
    postgres = isinstance(store, PostgresStore)
    deferred = set_aside(store, postgres)
    batch: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
    for n, (article, event, participants) in enumerate(generated_rows(count), start=1):
        if article:
            batch["articles"].append(article)
        batch["events"].append(event)
        batch["mentions"].append((event[0], event[0], event[2], event[3], 0, 80, "raided", 0, 6, 0.7, "{}"))
        batch["event_actors"].extend(participants)
        if n % 100_000 == 0 or n == count:
            load(store, batch, postgres)
            batch = {table: [] for table in TABLES}
    with store._transaction():
        if postgres:
            store._run("SET LOCAL session_replication_role = origin")
        store._run("INSERT INTO article_sources (item_id, article_id, source, url, site, title, published, input_hash, "
                   "added_at) SELECT id, id, source, url, source_key, title, published, input_hash, coded_at "
                   "FROM articles")
        if not postgres:
            store._run("UPDATE articles SET num = rowid")
            store._run("INSERT INTO articles_fts (rowid, article_id, title, text) "
                       "SELECT num, id, title, text FROM articles")
            store._run("INSERT INTO events_rtree SELECT num, lon, lon, lat, lat FROM events "
                       "WHERE lon IS NOT NULL AND lat IS NOT NULL")
        store.index_terms("1 = 1", [])
        for sql in deferred:
            store._run(sql)
    store._run("VACUUM ANALYZE" if postgres else "ANALYZE")
    if not postgres:
        store._run("PRAGMA journal_mode = WAL")


def load(store: Any, batch: dict[str, list[tuple[Any, ...]]], postgres: bool) -> None:
    """One transaction of generated rows."""
    if not postgres:  # SQLite numbers events for its R*Tree (the store's trigger would, row by row)
        batch["events"] = [(*row, int(row[0][2:]) + 1) for row in batch["events"]]
    with store._transaction():
        if postgres:
            store._run("SET LOCAL session_replication_role = replica")  # no foreign-key checks in the load
        for table, rows in batch.items():
            if not rows:
                continue
            if postgres:
                with store._db.cursor() as cursor, cursor.copy(f"COPY {table} ({TABLES[table]}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                columns = TABLES[table] + (", num" if table == "events" else "")
                store._run_many(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(rows[0]))})", rows)


def set_aside(store: Any, postgres: bool) -> list[str]:
    """Drop the secondary indexes (a load into them is random writes) and SQLite's triggers; the SQL
    that makes them again. SQLite's own file is written without a journal and without syncs (a
    fill that stops is thrown away: it is written under a partial name)."""
    if postgres:
        store._run("SET maintenance_work_mem = '1GB'")
        found = store._run("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                           "AND indexname NOT IN (SELECT conname FROM pg_constraint)").fetchall()
        drop = [f"DROP INDEX {name}" for name, _ in found]
    else:
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -2000000", "temp_store = MEMORY"):
            store._run(f"PRAGMA {pragma}")
        found = store._run("SELECT name, sql, type FROM sqlite_master WHERE type IN ('index', 'trigger') "
                           "AND sql IS NOT NULL").fetchall()
        drop = [f"DROP {kind.upper()} {name}" for name, _, kind in found]
    with store._transaction():
        for sql in drop:
            store._run(sql)
    return [str(row[1]) for row in found]


def timings(store: Store, query: EventFilter, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds of each run (CPU: the whole query on SQLite,
    the client's share on PostgreSQL; a loaded machine stretches the first, not the second)."""
    page = replace(query, limit=100)
    found = list(store.events(page))  # warm the cache once
    assert found, f"no events for {query}"
    times, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        list(store.events(page))
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return times, cpu


def server_time(store: Any, query: EventFilter) -> str:
    """PostgreSQL's own execution time of the page's id query (EXPLAIN ANALYZE), ms; '-' on SQLite."""
    if not isinstance(store, PostgresStore):
        return "-"
    page = replace(query, limit=100)
    plan = store._plan(page, walk=True)
    order = " ORDER BY e.sort_key DESC" if page.descending else " ORDER BY e.sort_key"
    where, params = list(plan.where), list(plan.params)
    if page.after is not None:
        where.append(f"{'t' if plan.term is not None else 'e'}.sort_key {'<' if page.descending else '>'} ?")
        params.append(page.after)
    sql, values = store._page_ids(plan, where, params, order, 100)
    lines = [row[0] for row in store._run("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql, values).fetchall()]
    return next(line.split(":")[1].split()[0] for line in lines if line.startswith("Execution Time"))


def fill_sqlite(path: str, count: int) -> None:
    """Fill a new SQLite file under a partial name (``NAME.partial.sqlite``) and give it its name when
    complete, so the file at ``path`` is always whole (and reused by later runs)."""
    stem, suffix = os.path.splitext(path)
    partial = f"{stem}.partial{suffix or '.sqlite'}"
    for stale in (partial, partial + "-wal", partial + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)
    started = time.perf_counter()
    store = open_store(partial)
    fill(store, count)
    store.close()
    os.replace(partial, path)
    print(f"sqlite: filled {count} events in {time.perf_counter() - started:.0f} s ({path})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="bench-store.sqlite",
                        help="SQLite file: reused when it exists (kept), else filled (as NAME.partial.sqlite)")
    parser.add_argument("--postgres", help="postgresql:// URL of an empty or filled database")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--postgres-only", action="store_true", help="time only the --postgres database")
    parser.add_argument("--queries", help="comma-separated names of the queries to time (default: all); "
                                          "the baseline is always timed first")
    args = parser.parse_args()
    locations = ([] if args.postgres_only else [args.db]) + ([args.postgres] if args.postgres else [])
    print(f"{'backend':<10} {'query':<28} {'p50 ms':>8} {'p99 ms':>8} {'baseline p99':>13} {'ratio':>6} "
          f"{'goal':>6} {'p99/goal':>9} {'load':>5} {'cpu p50':>7} {'server ms':>9}")
    for location in locations:
        backend = "postgres" if location.startswith("postgres") else "sqlite"
        if backend == "sqlite" and not os.path.exists(location):
            fill_sqlite(location, args.events)
        started = time.perf_counter()
        store = open_store(location)  # migrates a store an earlier eventdesk filled
        print(f"{backend}: opened (schema {store.schema_version()}) in {time.perf_counter() - started:.0f} s",
              flush=True)
        stored = store.count()[1]
        if stored == 0:
            started = time.perf_counter()
            fill(store, args.events)
            print(f"{backend}: filled {args.events} events in {time.perf_counter() - started:.0f} s", flush=True)
        elif stored != args.events:
            raise SystemExit(f"{location}: holds {stored} events, not {args.events}: give an empty database")
        baseline = None
        wanted = set(args.queries.split(",")) if args.queries else set(QUERIES)
        for name, query in QUERIES.items():
            if name not in wanted and query != EventFilter():
                continue
            times, cpu = timings(store, query, args.runs)
            p50, p99 = statistics.median(times), statistics.quantiles(times, n=100)[98]
            baseline = baseline or p99
            print(f"{backend:<10} {name:<28} {p50:8.2f} {p99:8.2f} {baseline:13.2f} {p99 / baseline:6.2f} "
                  f"{GOAL_MS:6.0f} {p99 / GOAL_MS:9.2f} {os.getloadavg()[0]:5.1f} {statistics.median(cpu):7.2f} "
                  f"{server_time(store, query):>9}", flush=True)
        store.close()


if __name__ == "__main__":
    main()
