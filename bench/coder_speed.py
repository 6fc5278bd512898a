"""Sentences/s of the event coder alone and of the whole pipeline, against spaCy alone.

    PYTHONPATH=src .venv/bin/python bench/coder_speed.py [--articles N]

Prints a table: the baseline (spaCy parsing alone), the event coder alone on parsed articles
with the other stages' mentions already found (patterns + classifier), the event coder without
the classifier (patterns alone), the stages after parsing (dates, places, actors, quotes, events)
and the whole pipeline, each with sentences/s and its ratio to the baseline. Texts as in
bench/pipeline_speed.py (../shared/corpus/wikinews_politics when present, else the example).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from pipeline_speed import load_items

from eventdesk.events import EventCoder
from eventdesk.events.lexicon import read_domain_words
from eventdesk.events.ontology import CodeTables
from eventdesk.pipeline import Pipeline
from eventdesk.records import ParsedArticle


def timed(work: Callable[[], object], repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        work()
    return (time.perf_counter() - started) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    args = parser.parse_args()
    pipeline = Pipeline.from_settings()
    patterns_only = EventCoder.from_lexicon_only(pipeline.settings.events, CodeTables.load(),
                                                 off_domain=read_domain_words())
    items = load_items(args.articles)
    parsed = list(pipeline.parser.parse_many([pipeline.extractor.extract(item) for item in items]))
    sentences = sum(len(p.sentences) for p in parsed)
    inputs = [(p, pipeline.code_parsed(p)) for p in parsed]

    def code_with(coder: EventCoder) -> Callable[[], object]:
        def work() -> list[object]:
            return [coder.code(p, actors=c.actors, places=c.places, dates=c.dates, quotes=c.quotes) for p, c in inputs]
        return work

    def after_parsing(articles: list[ParsedArticle]) -> Callable[[], object]:
        return lambda: [pipeline.code_parsed(p) for p in articles]

    runs = {
        "spaCy alone (baseline)": timed(lambda: list(pipeline.parser.parse_many(p.article for p in parsed))),
        "event coder (patterns+model)": timed(code_with(pipeline.events), repeat=3),
        "event coder (patterns only)": timed(code_with(patterns_only), repeat=3),
        "all stages after parsing": timed(after_parsing(parsed)),
        "whole pipeline": timed(lambda: list(pipeline.run(items))),
    }
    baseline = runs["spaCy alone (baseline)"]
    print(f"{len(items)} articles, {sentences} sentences; model {pipeline.parser.model_name}")
    print(f"{'run':<30} {'seconds':>8} {'sentences/s':>12} {'vs baseline':>12}")
    for name, seconds in runs.items():
        print(f"{name:<30} {seconds:>8.3f} {sentences / seconds:>12.1f} {baseline / seconds:>11.2f}x")


if __name__ == "__main__":
    main()
