"""Throughput of ``eventdesk export`` per format against reading the events from the store alone.

    .venv/bin/python bench/export_speed.py [--events N]

Codes a few real sentences once, stores copies of them (new article and event ids) until the
database holds about N events, then times each format writing every event to a file. Prints a
table: seconds, events/s, and each format's time as a ratio to the baseline (iterating
``store.events()`` without writing anything).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import tempfile
import time
from pathlib import Path

from eventdesk.export.files import EXPORT_FORMATS, export_to_path
from eventdesk.pipeline import Pipeline
from eventdesk.records import CodedArticle, RawItem
from eventdesk.store import EventFilter, open_store

SENTENCES = (
    "Israeli troops raided the Jenin refugee camp on Monday, the Palestinian health ministry said.",
    "Egypt and Qatar held talks with Hamas in Cairo on Tuesday about a ceasefire.",
    "Thousands of protesters demonstrated in Nairobi on Tuesday against tax increases.",
    "Police fired tear gas at protesters in Lagos on Wednesday.",
    "Russian forces shelled the Ukrainian city of Kharkiv on Thursday, killing three civilians.",
)


def build_database(path: Path, events: int) -> int:
    pipeline = Pipeline.from_settings()
    coded = [pipeline.process(RawItem(id=f"s{i}", source=f"<s{i}>", text=text, published=dt.date(2024, 5, 7),
                                      url=f"https://news.example.org/{i}"))
             for i, text in enumerate(SENTENCES)]
    store = open_store(path)
    copy = 0
    while store.count()[1] < events:
        for article in coded:
            store.save(_renamed(article, copy), input_hash=str(copy))
        copy += 1
    total = store.count()[1]
    store.close()
    return total


def _renamed(coded: CodedArticle, copy: int) -> CodedArticle:
    events = tuple(dataclasses.replace(e, id=f"{e.id}-{copy}") for e in coded.events)
    return dataclasses.replace(coded, id=f"{coded.id}-{copy}", events=events)


def time_format(db: Path, fmt: str | None, out: Path) -> float:
    store = open_store(db)
    start = time.perf_counter()
    if fmt is None:
        for _ in store.events(EventFilter()):
            pass
    else:
        export_to_path(store.events(EventFilter()), fmt, out / f"events.{fmt}")  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "events.sqlite"
        total = build_database(db, args.events)
        baseline = time_format(db, None, Path(tmp))
        print(f"{total} events; baseline: read from the store without writing")
        print(f"{'format':<10}{'seconds':>10}{'events/s':>12}{'ratio':>8}")
        print(f"{'(read)':<10}{baseline:>10.2f}{total / baseline:>12.0f}{1.0:>8.2f}")
        for fmt in EXPORT_FORMATS:
            elapsed = time_format(db, fmt, Path(tmp))
            print(f"{fmt:<10}{elapsed:>10.2f}{total / elapsed:>12.0f}{elapsed / baseline:>8.2f}")


if __name__ == "__main__":
    main()
