"""Scoring article extraction: ``eventdesk eval extraction DIR``.

``DIR`` holds one or more gold sets, each a folder with ``truth.jsonl`` (``id``, ``url``, and
the gold ``text``, ``title`` or ``date``, null where the set gives none) and ``pages/ID.html.gz``.
Every page is extracted by eventdesk and by plain trafilatura (default settings), and both
are scored the same way:

- **body**: the scrapinghub article-extraction-benchmark's shingle matching — multisets of
  4-grams of ``\\w+`` tokens, true/false positives and false negatives normalised per page,
  precision and recall averaged over pages, F1 from the two averages;
- **title** and **date**: exact match (the date to the day), over the pages whose gold has one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from eventdesk.errors import EventdeskError, InputError
from eventdesk.extract import Extractor
from eventdesk.extract.extractor import body_text
from eventdesk.extract.text import decode_html
from eventdesk.records import RawItem

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPage:
    """One gold page: its HTML and whatever the set gives as truth."""

    id: str
    gold_set: str
    html: str
    url: str | None
    text: str | None
    title: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Extracted:
    """What a system made of one page."""

    body: str
    title: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SystemScores:
    """One system's scores over the pages; a ``*_pages`` of 0 means the gold gives none."""

    name: str
    pages: int
    body_pages: int
    body_precision: float
    body_recall: float
    body_f1: float
    title_pages: int
    title_correct: int
    date_pages: int
    date_correct: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


Shingles = Counter[tuple[str, ...]]
PageCounts = tuple[float, float, float]
System = Callable[[GoldPage], Extracted]


def shingles(text: str, n: int = SHINGLE_SIZE) -> Shingles:
    """The multiset of n-grams of ``\\w+`` tokens (a shorter text is one shorter shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match_shingles(true: str, pred: str) -> PageCounts:
    """(tp, fp, fn) over the two multisets, normalised to sum to 1 (all 0 for two empty texts)."""
    gold, found = shingles(true), shingles(pred)
    tp = float(sum((gold & found).values()))
    fp = float(sum((found - gold).values()))
    fn = float(sum((gold - found).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall(counts: Sequence[PageCounts]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, as the benchmark does, and their F1."""
    precisions = [_ratio(tp, fp, fn, fp) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fp, fn, fn) for tp, fp, fn in counts if tp + fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _ratio(tp: float, fp: float, fn: float, miss: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + miss) if tp + miss else 0.0


# --------------------------------------------------------------------------- gold


def read_gold_pages(folder: Path, *, limit: int | None = None) -> list[GoldPage]:
    """Every gold page of every set under ``folder`` (a set is a folder with truth.jsonl),
    or the first ``limit`` of each set."""
    truths = sorted(folder.rglob("truth.jsonl")) if folder.is_dir() else []
    if not truths:
        raise EventdeskError(f"{folder}: no gold set (a folder with truth.jsonl and pages/)")
    pages: list[GoldPage] = []
    for truth in truths:
        pages.extend(islice(_read_set(truth), limit))
    return pages


def _read_set(truth: Path) -> Iterable[GoldPage]:
    gold_set = truth.parent.name
    for number, line in enumerate(truth.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            page_id = str(row["id"])
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise EventdeskError(f"{truth}:{number}: bad gold row ({err})") from None
        path = truth.parent / "pages" / f"{page_id}.html.gz"
        try:
            html = decode_html(gzip.decompress(path.read_bytes()), errors="replace")
        except (OSError, EOFError, UnicodeDecodeError) as err:
            raise EventdeskError(f"{path}: unreadable gold page ({err})") from None
        date = row.get("date")  # a string, or null (one set writes NaN for "none")
        yield GoldPage(
            id=page_id,
            gold_set=gold_set,
            html=html,
            url=row.get("url"),
            text=row.get("text"),
            title=row.get("title"),
            published=dt.date.fromisoformat(date[:10]) if isinstance(date, str) and date else None,
        )


# --------------------------------------------------------------------------- systems


def eventdesk_system(extractor: Extractor) -> System:
    """eventdesk's extract stage: the body paragraphs of the clean article (captions apart)."""

    def extract(page: GoldPage) -> Extracted:
        try:
            article = extractor.extract(RawItem(id=page.id, source=page.id, html=page.html, url=page.url))
        except InputError:
            return Extracted(body="", title=None, published=None)
        return Extracted(
            body=body_text(article.text, article.sections),
            title=article.title,
            published=article.published,
        )

    return extract


def trafilatura_system(page: GoldPage) -> Extracted:
    """Plain trafilatura, default settings, metadata on (its date comes from htmldate)."""
    document = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if not isinstance(document, Document):
        return Extracted(body="", title=None, published=None)
    published = None
    if document.date:
        try:
            published = dt.date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    return Extracted(body=document.text or "", title=document.title, published=published)


def score_system(name: str, system: System, pages: Sequence[GoldPage]) -> SystemScores:
    """Run ``system`` over every page and score what it found."""
    body: list[PageCounts] = []
    titles = [0, 0]
    dates = [0, 0]
    started = time.perf_counter()
    for page in pages:
        found = system(page)
        if page.text is not None:
            body.append(match_shingles(page.text, found.body))
        if page.title is not None:
            titles[0] += 1
            titles[1] += _same_title(page.title, found.title)
        if page.published is not None:
            dates[0] += 1
            dates[1] += found.published == page.published
    seconds = time.perf_counter() - started
    precision, recall, f1 = precision_recall(body)
    return SystemScores(
        name=name, pages=len(pages), body_pages=len(body), body_precision=precision, body_recall=recall,
        body_f1=f1, title_pages=titles[0], title_correct=titles[1], date_pages=dates[0], date_correct=dates[1],
        seconds=seconds,
    )


def _same_title(gold: str, found: str | None) -> bool:
    return found is not None and " ".join(gold.split()) == " ".join(found.split())


def format_extraction_scores(scores: Sequence[SystemScores]) -> str:
    """One row per system: body P/R/F1, title and date exact match, pages/s."""
    lines = [f"{'system':<14} {'body P':>7} {'body R':>7} {'body F1':>8} {'title':>7} {'date':>7} {'pages/s':>8}"]
    for s in scores:
        title = f"{s.title_correct / s.title_pages:.3f}" if s.title_pages else "n/a"
        date = f"{s.date_correct / s.date_pages:.3f}" if s.date_pages else "n/a"
        lines.append(
            f"{s.name:<14} {s.body_precision:>7.3f} {s.body_recall:>7.3f} {s.body_f1:>8.3f} "
            f"{title:>7} {date:>7} {s.pages_per_second:>8.1f}"
        )
    if scores:
        first = scores[0]
        lines.append(
            f"pages: {first.pages} ({first.body_pages} with gold body, {first.title_pages} with gold title, "
            f"{first.date_pages} with gold date)"
        )
    return "\n".join(lines)
