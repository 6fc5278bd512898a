"""Extraction speed, single process: eventdesk's extract stage against plain trafilatura on
the same pages in one run.

    .venv/bin/python bench/extraction_speed.py [--pages N] [--repeat R]

Prints pages/s and MB/s for plain trafilatura (the baseline: ``trafilatura.extract``,
default settings), trafilatura with metadata (``bare_extraction``, default settings) and
eventdesk's whole extract stage (parsing, metadata, trafilatura, captions, the cleaning layer,
language id), and the floor of any stage built on trafilatura (the page parsed and pruned as the
stage does, then trafilatura's fast mode on the tree, the stage's first step: nothing else), with
each one's ratio to the baseline, by the clock (wall) and by the CPU time
of this process (what to read on a machine shared with other jobs), with the load average
before and after. The systems take turns page by page (the order rotating from page to page),
so a change of load during the run falls on all of them alike and their ratio holds. Every
run is warmed up on a few pages first (dateparser, which trafilatura's own metadata search
uses, builds its regexes on first use). Pages:
../shared/eval/extraction (every gold page) (or ``--gold DIR``) when present, else the test
pages in tests/resources/extract repeated.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from eventdesk.errors import InputError
from eventdesk.extract import Extractor
from eventdesk.extract.html import parse_html, prune_tree, run_trafilatura
from eventdesk.extract.text import decode_html
from eventdesk.records import RawItem

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "extraction"
RESOURCES = ROOT / "tests" / "resources" / "extract"


def load_pages(count: int, gold: Path) -> list[str]:
    files = sorted(gold.rglob("*.html.gz")) if gold.exists() else []
    if files:
        return [decode_html(gzip.decompress(f.read_bytes()), errors="replace") for f in files[:count]]
    local = [decode_html(f.read_bytes()) for f in sorted(RESOURCES.glob("*.html"))]
    return (local * (count // max(1, len(local)) + 1))[:count]


def interleaved(systems: dict[str, Callable[[int], object]], pages: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Each system's (wall seconds, CPU seconds) over ``pages`` pages, the systems taking turns
    on each page in an order rotating from page to page; the fastest of ``repeat`` runs."""
    names = list(systems)
    best = {name: (float("inf"), float("inf")) for name in names}
    for _ in range(repeat):
        totals = dict.fromkeys(names, (0.0, 0.0))
        for page in range(pages):
            shift = page % len(names)
            for name in names[shift:] + names[:shift]:
                wall, cpu = time.perf_counter(), time.process_time()
                systems[name](page)
                wall_total, cpu_total = totals[name]
                totals[name] = (wall_total + time.perf_counter() - wall, cpu_total + time.process_time() - cpu)
        best = {name: min(best[name], totals[name]) for name in names}
    return best


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument("--gold", type=Path, default=GOLD, help=f"folder of *.html.gz pages (default: {GOLD})")
    args = parser.parse_args()
    pages = load_pages(args.pages, args.gold)
    items = [RawItem(id=str(n), source=str(n), html=html) for n, html in enumerate(pages)]
    extractor = Extractor.from_settings()
    megabytes = sum(len(p.encode("utf-8")) for p in pages) / 1e6

    def ours(page: int) -> None:
        with contextlib.suppress(InputError):  # an empty page counts like any other
            extractor.extract(items[page])

    def baseline(page: int) -> None:
        trafilatura.extract(pages[page])

    def with_metadata(page: int) -> None:
        trafilatura.bare_extraction(pages[page], with_metadata=True)

    def floor(page: int) -> None:
        tree = parse_html(pages[page])
        if tree is not None:
            prune_tree(tree)
            run_trafilatura(tree, url=None, fast=True)  # the stage's own call, options and all

    systems: dict[str, Callable[[int], object]] = {
        "trafilatura.extract (baseline)": baseline,
        "trafilatura bare_extraction": with_metadata,
        "eventdesk extract stage": ours,
        "floor: parse + fast trafilatura": floor,
    }
    interleaved(systems, min(5, len(pages)), 1)  # warm-up: dateparser builds its regexes on first use
    before = load_average()
    runs = interleaved(systems, len(pages), args.repeat)
    wall0, cpu0 = runs["trafilatura.extract (baseline)"]
    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, one process; load average {before} before, "
          f"{load_average()} after")
    print(f"{'run':<32} {'wall s':>7} {'pages/s':>8} {'MB/s':>6} {'ratio':>6} {'CPU s':>7} {'pages/s':>8} {'ratio':>6}")
    for name, (wall, cpu) in runs.items():
        print(f"{name:<32} {wall:>7.2f} {len(pages) / wall:>8.1f} {megabytes / wall:>6.2f} {wall0 / wall:>5.2f}x "
              f"{cpu:>7.2f} {len(pages) / cpu:>8.1f} {cpu0 / cpu:>5.2f}x")


if __name__ == "__main__":
    main()
