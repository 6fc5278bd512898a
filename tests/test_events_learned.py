"""The learned half of the coder (classifier, training) and announced intentions, on real parses."""

from __future__ import annotations

import json

import pytest

from eventdesk.errors import DataFileError
from eventdesk.events import EventCoder
from eventdesk.events.classifier import NONE, EventClassifier, trigger_features
from eventdesk.events.roles import Tree
from eventdesk.events.training import fit_calibration, fit_softmax, out_of_fold, read_examples, weights_json
from eventdesk.settings import EventSettings

CATEGORIES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.from_settings(EventSettings())


def test_the_examples_cover_every_category_and_no_event():
    examples = read_examples()
    labels = {e.category for e in examples}
    assert labels == CATEGORIES | {NONE}
    for e in examples:
        assert e.text[e.trigger_start:e.trigger_end].strip() and "[" not in e.text


def test_an_example_without_brackets_is_refused(tmp_path):
    path = tmp_path / "ex.tsv"
    path.write_text("category\tmode\tsentence\nASSAULT\t\tGunmen attacked a bus.\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"ex.tsv:2: .*brackets"):
        read_examples(path)


def test_the_packaged_classifier_has_every_class():
    model = EventClassifier.load()
    assert set(model.classes) == CATEGORIES | {NONE}
    assert len(model.weights) > 500


def test_a_broken_weights_file_is_one_line(tmp_path):
    path = tmp_path / "w.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"w\.json"):
        EventClassifier.load(path)


def test_training_is_deterministic_and_learns():
    rows = [["t:attack", "s:gunman"], ["t:attack", "s:army"], ["t:meet", "s:minister"], ["t:meet", "s:envoy"]] * 3
    labels = ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT"] * 3
    first, second = fit_softmax(rows, labels), fit_softmax(rows, labels)
    assert json.dumps(weights_json(first, (1.0, 1.0, 0.0), examples=12)) == \
        json.dumps(weights_json(second, (1.0, 1.0, 0.0), examples=12))
    probs = first.probabilities([["t:attack"], ["t:meet"]])
    assert probs[0][first.classes.index("ASSAULT")] > 0.8 and probs[1][first.classes.index("CONSULT")] > 0.8
    held_out = out_of_fold(rows, labels, folds=3)
    assert all(max(p, key=p.__getitem__) == label for p, label in zip(held_out, labels, strict=True))


def test_calibration_orders_evidence():
    points = [(0.9, 0.9, True)] * 8 + [(0.9, 0.9, False)] * 2 + [(0.3, 0.1, False)] * 8 + [(0.3, 0.1, True)] * 2
    a, b, c = fit_calibration(points)
    assert a * 0.9 + b * 0.9 + c > 0 > a * 0.3 + b * 0.1 + c


def test_the_classifier_tells_a_political_attack_from_a_football_one(parse_text):
    model = EventClassifier.load()

    def probability(text: str, word: str) -> float:
        parsed = parse_text(text)
        token = next(t.i for t in parsed.tokens if t.text == word)
        features = trigger_features(Tree(parsed), parsed.sentences[0], token, pattern="ASSAULT", strength=0.6)
        return model.probability(features, "ASSAULT")

    assert probability("Rebels attacked an army base near the border.", "attacked") > \
        probability("The home side attacked from the first minute and scored a goal.", "attacked")


@pytest.mark.parametrize(("sentence", "category", "cameo"), [
    ("Egypt will host talks between the two sides next week.", "AGREE", "036"),
    ("Israel said it would release the prisoners.", "AGREE", "035"),
    ("The rebels want to attack the capital.", "THREATEN", "138"),
    ("Japan provided humanitarian aid to Sri Lanka.", "AID", "07"),
    ("Troops could attack the town.", "ASSAULT", "19"),
])
def test_an_announced_intention_is_coded_as_the_statement(coder, parse_text, sentence, category, cameo):
    events = coder.code(parse_text(sentence), actors=(), places=(), dates=())
    top = max(events, key=lambda e: e.confidence)
    assert top.type.event == category and top.type.cameo.startswith(cameo)


def test_a_background_event_noun_is_not_a_second_event(coder, parse_text):
    parsed = parse_text("Government troops captured the town after days of heavy fighting.")
    events = coder.code(parsed, actors=(), places=(), dates=())
    assert [e.trigger.text for e in events] == ["captured"]


def test_confidence_is_a_probability_that_follows_evidence(coder, parse_text):
    strong = coder.code(parse_text("Warplanes bombed rebel positions near the town."), actors=(), places=(), dates=())
    assert strong and all(0.0 <= e.confidence <= 1.0 for e in strong)


def test_a_relative_clause_event_is_background_beside_the_main_one(coder, parse_text):
    parsed = parse_text("Russia demanded the return of a helicopter that was seized by the army last week.")
    events = coder.code(parsed, actors=(), places=(), dates=())
    assert [e.type.event for e in events] == ["REQUEST"]
