"""Score the dates stage against normalised time expressions (GUM news JSONL).

A gold row has ``text``, ``published`` (ISO date) and ``timex: [{start, end, tag, value}]``.
Scored: the gold ``date`` expressions with a value (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).
A gold date is *found* when a mention of the stage overlaps it, and *right* when that mention's
value (or, for a range the gold splits in two, its ``end_value``), written at the gold's
granularity, equals the gold value. Precision: the share of the
stage's mentions that overlap any gold time expression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from eventdesk.evaluate.places import gold_article, iso_date
from eventdesk.pipeline import Pipeline
from eventdesk.records import DateMention


@dataclass(slots=True)
class DateScores:
    documents: int = 0
    gold: int = 0  # gold dates with a value
    found: int = 0
    right: int = 0
    mentions: int = 0
    mentions_on_gold: int = 0

    @property
    def value_accuracy(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def found_share(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.mentions_on_gold / self.mentions if self.mentions else 0.0


def written_at(value: dt.date | None, granularity: int) -> str | None:
    """A date as ``YYYY-MM-DD`` (10), ``YYYY-MM`` (7) or ``YYYY`` (4)."""
    return None if value is None else value.isoformat()[:granularity]


def evaluate_dates(pipeline: Pipeline, gold: Iterable[dict[str, Any]], *,
                   on_example: Callable[[], None] | None = None) -> DateScores:
    """Resolve the time expressions of every gold row's text against its publication date."""
    rows = list(gold)
    articles = [gold_article(row, n, published=iso_date(row.get("published") or row.get("date")))
                for n, row in enumerate(rows)]
    scores = DateScores()
    for row, parsed in zip(rows, pipeline.parser.parse_many(articles), strict=True):
        scores.documents += 1
        mentions = pipeline.dates.resolve(parsed)
        timex = row.get("timex", [])
        scores.mentions += len(mentions)
        scores.mentions_on_gold += sum(any(_overlaps(t, m) for t in timex) for m in mentions)
        for expression in timex:
            value = expression.get("value")
            if expression.get("tag") != "date" or not isinstance(value, str) or len(value) not in (4, 7, 10):
                continue
            scores.gold += 1
            found = [m for m in mentions if _overlaps(expression, m)]
            scores.found += bool(found)
            scores.right += any(value in (written_at(m.value, len(value)), written_at(m.end_value, len(value)))
                                for m in found)
        if on_example is not None:
            on_example()
    return scores


def _overlaps(gold: dict[str, Any], mention: DateMention) -> bool:
    return int(gold["start"]) < mention.end and mention.start < int(gold["end"])


def format_date_scores(name: str, scores: DateScores) -> str:
    return "\n".join([
        f"{name}",
        f"{'documents':<40} {scores.documents:>8}",
        f"{'gold dates with a value':<40} {scores.gold:>8}",
        f"{'found (a mention overlaps)':<40} {scores.found_share:>8.3f}",
        f"{'date value accuracy':<40} {scores.value_accuracy:>8.3f}",
        f"{'mentions on a gold expression':<40} {scores.precision:>8.3f}   ({scores.mentions} mentions)",
    ])


def date_scores_to_dict(scores: DateScores) -> dict[str, Any]:
    return {"documents": scores.documents, "gold_dates": scores.gold, "found": round(scores.found_share, 4),
            "value_accuracy": round(scores.value_accuracy, 4), "precision": round(scores.precision, 4)}
