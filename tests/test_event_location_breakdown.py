"""``eval event-location``'s breakdown of outcomes: gold none or place against what was attached, and the NER label
of gold places the places stage did not find. Hand-made gold rows, the real pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from eventdesk.evaluate.event_location import (
    OUTCOMES,
    evaluate_event_locations,
    format_location_scores,
    location_scores_to_dict,
)
from eventdesk.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def row(text: str, verb: str, *places: str) -> dict[str, Any]:
    def span(word: str) -> dict[str, Any]:
        start = text.index(word)
        return {"start": start, "end": start + len(word), "text": word}
    return {"text": text, "verb": span(verb), "locations": [span(p) for p in places]}


def test_every_outcome_is_counted_once(pipeline: Pipeline) -> None:
    rows = [
        row("Government forces shelled Aleppo on Monday.", "shelled", "Aleppo"),  # right
        row("Rebels shelled the village on Monday.", "shelled"),  # none, none
        row("Troops stormed a checkpoint in Kabul on Monday.", "stormed"),  # gold none, a place attached
        row("Troops stormed a checkpoint in Kabul near the old mill.", "stormed", "old mill"),  # not found
        row("Soldiers raided the hideout of the gang on Monday.", "raided", "hideout"),  # not found, none
    ]
    scores = evaluate_event_locations(pipeline, rows)
    assert sum(scores.outcomes.values()) == scores.examples == 5
    assert scores.outcomes["place / right"] == 1 and scores.outcomes["none / none"] == 1
    assert scores.outcomes["none / place"] == 1
    assert scores.outcomes["place / wrong, not found"] + scores.outcomes["place / none, not found"] == 2
    assert sum(scores.missed.values()) == 2
    text = format_location_scores("gold", scores)
    assert all(label in text for _, label in OUTCOMES) and "gold spans not found, by NER label" in text
    record = location_scores_to_dict(scores)
    assert sum(record["outcomes"].values()) == 5 and sum(record["missed_by_label"].values()) == 2
