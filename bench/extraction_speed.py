"""Extraction speed, single process: eventdesk's extract stage against plain trafilatura on
the same pages in one run.

    .venv/bin/python bench/extraction_speed.py [--pages N] [--repeat R]

Prints pages/s and MB/s for plain trafilatura (the baseline: ``trafilatura.extract``,
default settings), trafilatura with metadata (``bare_extraction``, what eventdesk calls) and
eventdesk's whole extract stage (trafilatura, captions, the cleaning layer, language id),
with each one's ratio to the baseline. Pages: ../shared/eval/extraction (every gold page)
(or ``--gold DIR``) when present, else the test pages in tests/resources/extract repeated.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from eventdesk.errors import InputError
from eventdesk.extract import Extractor
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


def timed(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


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

    def ours() -> None:
        for item in items:
            with contextlib.suppress(InputError):  # an empty page counts like any other
                extractor.extract(item)

    runs = {
        "trafilatura.extract (baseline)": timed(lambda: [trafilatura.extract(p) for p in pages], args.repeat),
        "trafilatura bare_extraction": timed(
            lambda: [trafilatura.bare_extraction(p, with_metadata=True) for p in pages], args.repeat),
        "eventdesk extract stage": timed(ours, args.repeat),
    }
    baseline = runs["trafilatura.extract (baseline)"]
    print(f"{len(pages)} pages, {megabytes:.1f} MB of HTML, one process")
    print(f"{'run':<32} {'seconds':>8} {'pages/s':>8} {'MB/s':>6} {'vs baseline':>12}")
    for name, seconds in runs.items():
        print(f"{name:<32} {seconds:>8.2f} {len(pages) / seconds:>8.1f} {megabytes / seconds:>6.2f} "
              f"{baseline / seconds:>11.2f}x")


if __name__ == "__main__":
    main()
