"""Throughput of the pipeline against spaCy alone, on the same texts in one run.

    .venv/bin/python bench/pipeline_speed.py [--articles N]

Prints a table: articles/s, sentences/s and words/s for spaCy alone (the baseline: the model as
its package ships it, ``nlp.pipe`` over the articles' texts), our spaCy part (``Parser.parse_many``:
the model as ``load_pipeline`` sets it up, and the copy into records), the stages after parsing
alone (the coder: dates, places, actors, quotes, events on parsed articles) and the whole
pipeline, with each one's ratio to the baseline. Texts: ../shared/corpus/wikinews_politics when
present, else the example article repeated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

from eventdesk.nlp import load_pipeline
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews_politics" / "articles.jsonl"
EXAMPLE = ROOT / "examples" / "hamas-islamic-jihad-coordination.txt"


def load_items(count: int) -> list[RawItem]:
    if CORPUS.exists():
        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()][:count]
        return [RawItem(id=r["id"], source=r["id"], text=r["text"], title=r["title"],
                        published=dt.date.fromisoformat(r["published"])) for r in rows]
    text = EXAMPLE.read_text(encoding="utf-8")
    return [RawItem(id=str(n), source=str(n), text=text) for n in range(count)]


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    pipeline = Pipeline.from_settings()
    items = load_items(args.articles)
    articles = [pipeline.extractor.extract(item) for item in items]
    parsed = list(pipeline.parser.parse_many(articles))  # warm-up, and the coder's input
    sentences = sum(len(p.sentences) for p in parsed)
    words = sum(len(a.text.split()) for a in articles)
    shipped = load_pipeline(pipeline.settings.nlp.model, as_shipped=True)
    texts = [article.text for article in articles]
    batch_size = pipeline.settings.nlp.batch_size
    list(shipped.pipe(texts, batch_size=batch_size))  # warm-up
    runs = {
        "spaCy alone (baseline)": timed(lambda: list(shipped.pipe(texts, batch_size=batch_size))),
        "our spaCy part (parse_many)": timed(lambda: list(pipeline.parser.parse_many(articles))),
        "coder alone (after parsing)": timed(lambda: [pipeline.code_parsed(p) for p in parsed]),
        "whole pipeline": timed(lambda: list(pipeline.run(items))),
    }
    baseline = runs["spaCy alone (baseline)"]
    print(f"{len(items)} articles, {sentences} sentences, {words} words; model {pipeline.parser.model_name}")
    print(f"{'run':<30} {'seconds':>8} {'articles/s':>11} {'sentences/s':>12} {'words/s':>9} {'vs baseline':>12}")
    for name, seconds in runs.items():
        print(f"{name:<30} {seconds:>8.2f} {len(items) / seconds:>11.1f} {sentences / seconds:>12.1f} "
              f"{words / seconds:>9.0f} {baseline / seconds:>11.2f}x")


if __name__ == "__main__":
    main()
