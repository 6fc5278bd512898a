"""Train the event classifier from the project's own labelled sentences, deterministically.

    PYTHONPATH=src .venv/bin/python scripts/train_event_classifier.py [--out PATH]

Reads src/eventdesk/data/events/classifier_examples.tsv, parses it with the default spaCy model,
fits the logistic regression (eventdesk.events.training), fits the confidence calibration on
out-of-fold probabilities and the pattern coder's events on the same sentences, and writes
src/eventdesk/data/events/classifier.json. Same examples and model, same file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from eventdesk.actors import ActorResolver
from eventdesk.dates import DateResolver
from eventdesk.events import EventCoder
from eventdesk.events.classifier import trigger_features
from eventdesk.events.lexicon import read_domain_words
from eventdesk.events.ontology import CodeTables
from eventdesk.events.roles import Tree
from eventdesk.events.training import fit_calibration, fit_softmax, out_of_fold, read_examples, weights_json
from eventdesk.extract import Extractor
from eventdesk.nlp import Parser
from eventdesk.pipeline import Pipeline
from eventdesk.places import Geocoder
from eventdesk.quotes import QuoteFinder
from eventdesk.records import Event, ParsedArticle, RawItem
from eventdesk.settings import Settings

OUT = Path(__file__).resolve().parents[1] / "src" / "eventdesk" / "data" / "events" / "classifier.json"


def pattern_pipeline() -> Pipeline:
    """The pipeline with the pattern coder alone (no classifier: the weights are being made)."""
    settings = Settings()
    events = EventCoder.from_lexicon_only(settings.events, CodeTables.load(), off_domain=read_domain_words())
    return Pipeline(settings=settings, extractor=Extractor.from_settings(settings.extract),
                    parser=Parser.from_settings(settings.nlp), dates=DateResolver.from_settings(settings.dates),
                    places=Geocoder.from_settings(settings.places), actors=ActorResolver.from_settings(settings.actors),
                    quotes=QuoteFinder.from_settings(settings.quotes), events=events)


def features_of(parsed: ParsedArticle, start: int, events: Sequence[Event]) -> list[str]:
    """The features at the marked trigger, with the pattern coder's reading of it (if any)."""
    tree = Tree(parsed)
    token = next(t for t in parsed.tokens if t.start <= start < t.end)
    sentence = parsed.sentences[token.sentence]
    reading = next((e for e in events if e.trigger.start <= start < e.trigger.end), None)
    if reading is None:
        return trigger_features(tree, sentence, token.i, pattern=None)
    return trigger_features(tree, sentence, token.i, pattern=reading.type.event,
                            strength=reading.confidence)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    examples = read_examples()
    pipeline = pattern_pipeline()
    articles = [pipeline.extractor.extract(RawItem(id=str(n), source="examples", text=e.text))
                for n, e in enumerate(examples)]
    parsed = list(pipeline.parser.parse_many(articles))
    coded = [[e for e in pipeline.code_parsed(p).events if not e.negated] for p in parsed]
    rows = [features_of(p, e.trigger_start, c) for p, e, c in zip(parsed, examples, coded, strict=True)]
    labels = [e.category for e in examples]
    held_out = out_of_fold(rows, labels)
    points = []
    for e, events, probs in zip(examples, coded, held_out, strict=True):
        for event in events:
            points.append((event.confidence, probs.get(event.type.event, 0.0), event.type.event == e.category))
    calibration = fit_calibration(points)
    fitted = fit_softmax(rows, labels)
    data = weights_json(fitted, calibration, examples=len(examples))
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    right = sum(max(probs, key=probs.__getitem__) == label for probs, label in zip(held_out, labels, strict=True))
    print(f"{len(examples)} examples, {len(fitted.features)} features, {len(data['weights'])} kept; "
          f"out-of-fold accuracy {right / len(labels):.3f}; {len(points)} coder events for calibration "
          f"(a, b, c) = {calibration}; wrote {args.out}")


if __name__ == "__main__":
    main()
