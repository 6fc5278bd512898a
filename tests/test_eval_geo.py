"""``eventdesk eval places|dates|event-location``: scoring on hand-made gold rows and on the dev sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.evaluate.dates import evaluate_dates
from eventdesk.evaluate.event_location import evaluate_event_locations
from eventdesk.evaluate.places import distance_km, evaluate_places
from eventdesk.pipeline import Pipeline

from .conftest import shared_path


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def span(text: str, word: str) -> dict[str, Any]:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word, "name": word}


def test_distance_km_of_known_pairs() -> None:
    assert distance_km(0, 0, 0, 0) == 0
    assert 340 < distance_km(51.5074, -0.1278, 48.8566, 2.3522) < 345  # London-Paris
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)


def test_places_scores_recognition_and_resolution(pipeline: Pipeline) -> None:
    text = "Protesters gathered in Tehran, Iranian media said, while Ohio stayed calm."
    gold = [
        {**span(text, "Tehran"), "lat": 35.69, "lon": 51.42},
        {**span(text, "Iranian"), "lat": 32.0, "lon": 53.0},
        {**span(text, "Ohio"), "lat": 0.0, "lon": 0.0},  # deliberately wrong point: resolution misses it
    ]
    scores = evaluate_places(pipeline, [{"id": "x", "text": text, "places": gold}])
    assert scores.recognition.tp == 3 and scores.recognition.fp == 0 and scores.recognition.fn == 0
    assert (scores.gold_spans, scores.within_given_spans) == (3, 2)
    assert (scores.matched, scores.within_matched) == (3, 2)


def test_places_non_toponym_types_count_as_false_positives(pipeline: Pipeline) -> None:
    text = "Officials in Cairo spoke."
    gold = [{**span(text, "Cairo"), "lat": None, "lon": None, "type": "Non_Toponym"}]
    scores = evaluate_places(pipeline, [{"text": text, "places": gold}])
    assert (scores.recognition.tp, scores.recognition.fp, scores.recognition.fn) == (0, 1, 0)


def test_dates_value_accuracy(pipeline: Pipeline) -> None:
    text = "The ceasefire began on Friday. Talks had started in March 2014."
    gold = {"text": text, "published": "2015-05-18", "timex": [
        {**span(text, "Friday"), "tag": "date", "value": "2015-05-15"},
        {**span(text, "March 2014"), "tag": "date", "value": "2014-03"},
        {**span(text, "March 2014"), "tag": "date", "value": "2014-04"},  # a wrong gold value: not right
    ]}
    scores = evaluate_dates(pipeline, [gold])
    assert (scores.gold, scores.found, scores.right) == (3, 3, 2)


def test_event_location_spans(pipeline: Pipeline) -> None:
    located = "Government forces shelled Aleppo on Monday, officials in Damascus said."
    nowhere = "Rebels shelled the village on Monday."
    rows = [
        {"text": located, "verb": span(located, "shelled"), "locations": [span(located, "Aleppo")]},
        {"text": nowhere, "verb": span(nowhere, "shelled"), "locations": []},
    ]
    scores = evaluate_event_locations(pipeline, rows)
    assert (scores.examples, scores.right, scores.predicted, scores.predicted_right) == (2, 2, 1, 1)


def test_event_location_acled_notes(pipeline: Pipeline) -> None:
    note = "On 13 January 2022, military forces shelled the town of Kharkiv, killing two civilians."
    row = {"text": note, "date": "2022-01-13", "lat": 49.99, "lon": 36.23}
    scores = evaluate_event_locations(pipeline, [row])
    assert scores.acled and scores.dates_scored == 1 and scores.examples == 1
    assert scores.date_accuracy == 1.0
    assert scores.accuracy == 1.0


@pytest.mark.parametrize(("command", "name", "row"), [
    ("places", "gold.jsonl", {"text": "Clashes in Tripoli, Libya.", "places": [
        {"start": 11, "end": 18, "name": "Tripoli", "lat": 32.88, "lon": 13.19}]}),
    ("dates", "gold.jsonl", {"text": "It rained on Friday.", "published": "2015-05-18", "timex": [
        {"start": 13, "end": 19, "tag": "date", "value": "2015-05-15"}]}),
    ("event-location", "gold.jsonl", {"text": "Troops shelled Aleppo.", "verb": {"start": 7, "end": 14},
                                      "locations": [{"start": 15, "end": 21}]}),
])
def test_cli_eval_prints_text_and_json(tmp_path: Path, command: str, name: str, row: dict[str, Any]) -> None:
    gold = tmp_path / name
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(cli, ["eval", command, str(gold), "--no-progress"])
    assert text.exit_code == 0, text.output
    assert str(gold) in text.output
    as_json = runner.invoke(cli, ["eval", command, str(gold), "--format", "json", "--no-progress"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)


def test_cli_eval_bad_gold_is_one_line_exit_2(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "places", str(gold), "--no-progress"])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output


def test_dev_sets_score_in_range(pipeline: Pipeline) -> None:
    """A few rows of each real dev set go through end to end (aggregate numbers: docs/where-and-when.md)."""
    rows = [json.loads(line) for line in shared_path("eval", "geo", "lgl", "dev.jsonl").open()][:5]
    places = evaluate_places(pipeline, rows)
    assert places.gold_spans > 0 and 0.5 < places.recognition.f1 <= 1.0
    rows = [json.loads(line) for line in shared_path("eval", "events", "event_location", "dev.jsonl").open()][:40]
    assert 0.5 < evaluate_event_locations(pipeline, rows).accuracy <= 1.0
