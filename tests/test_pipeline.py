"""End to end: the example article and the Wikinews corpus through the one entry point."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from eventdesk.export import coded_article_to_dict
from eventdesk.extract import read_items
from eventdesk.pipeline import Pipeline
from eventdesk.records import CodedArticle, Event, RawItem
from tests.conftest import EXAMPLE_ARTICLE, shared_path

SCHEMA = json.loads((Path(__file__).parents[1] / "src/eventdesk/schema/coded-article.schema.json").read_text())


def validate(record: dict[str, Any]) -> None:
    jsonschema.validate(record, SCHEMA)
    text = record["text"] or ""
    for key in ("entities", "places", "dates", "quotes"):
        for item in record[key]:
            assert text[item["start"] : item["end"]] == item["text"], (key, item)
    for event in record["events"]:
        info = event["text_info"]
        assert text[info["start"] : info["end"]] == info["sentence"]
        trigger = info["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        for role in ("actor", "recipient"):
            value = event[role]
            for entity in value if isinstance(value, list) else [value] if value else []:
                assert text[entity["start"] : entity["end"]] == entity["entity_text"]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


@pytest.fixture(scope="session")
def example(pipeline: Pipeline) -> CodedArticle:
    (item,) = list(read_items([str(EXAMPLE_ARTICLE)]))
    assert isinstance(item, RawItem)
    return pipeline.process(item)


def names(participants: Any) -> set[str]:
    return {p.actor.name for p in participants}


def events_of(coded: CodedArticle, category: str) -> list[Event]:
    return [e for e in coded.events if e.type.event == category]


def test_example_article_metadata_and_clean_text(example: CodedArticle) -> None:
    article = example.article
    assert article is not None
    assert article.title == "Hamas and Islamic Jihad agree on coordination of anti-colonial struggle"
    assert article.published == dt.date(2022, 8, 23)
    assert "Creating new perspectives" not in article.text
    assert "READ:" not in article.text and "Meshaal" not in article.text and "Quran recitation" not in article.text
    assert article.text.startswith("The Palestinian Islamic Resistance Movement, Hamas")
    captions = [s for s in article.sections if s.kind == "caption"]
    assert len(captions) == 1
    caption_text = article.text[captions[0].start : captions[0].end]
    assert caption_text.startswith("Ziyad an-Nehhale") and "Anadolu" not in caption_text
    assert any("Anadolu Agency" in credit for credit in article.credits)
    validate(coded_article_to_dict(example))


def test_example_agreement_between_both_movements(example: CodedArticle) -> None:
    agreements = events_of(example, "AGREE") + events_of(example, "COOPERATE")
    assert any({"Hamas", "Palestinian Islamic Jihad"} <= names(e.actor) for e in agreements)
    assert any("enhancing joint action" in e.sentence.text for e in agreements)


def test_example_caption_attacks_by_israel_on_gaza(example: CodedArticle) -> None:
    (assault,) = [e for e in events_of(example, "ASSAULT") if e.trigger.text.startswith("attacks") and not e.historical]
    assert names(assault.actor) == {"Israel"}
    assert assault.date == dt.date(2022, 8, 5)
    assert assault.event_loc is not None and assault.event_loc.extracted_place.endswith("Gaza Strip")
    assert assault.event_loc.country_code == "PS"
    caption = next(s for s in example.article.sections if s.kind == "caption")  # type: ignore[union-attr]
    assert caption.start <= assault.sentence.start < caption.end


def test_example_ceasefire_between_israel_and_islamic_jihad(example: CodedArticle) -> None:
    ceasefires = [e for e in events_of(example, "RETREAT") if e.type.mode == "ceasefire"]
    assert ceasefires
    parties = names(ceasefires[0].actor) | names(ceasefires[0].recipient)
    assert {"Israel", "Palestinian Islamic Jihad"} <= parties
    assert ceasefires[0].date == dt.date(2022, 8, 7)  # "yesterday" against the caption's August 08, 2022


def test_example_thanks_to_arab_and_muslim_nations(example: CodedArticle) -> None:
    thanks = [e for e in events_of(example, "SUPPORT") if e.trigger.text == "thanked"]
    assert thanks and {"Hamas", "Palestinian Islamic Jihad"} <= names(thanks[0].actor)
    assert any("Arab" in p.entity_text for p in thanks[0].recipient)


def test_example_quotes_attributed_to_both_leaderships(example: CodedArticle) -> None:
    statement = [q for q in example.quotes if q.text.startswith(("We will continue", "The Joint Operations Room"))]
    assert len(statement) == 2
    for quote in statement:
        assert quote.speaker is not None and quote.speaker.text == "the leaders of both movements"
        assert {a.name for a in quote.speaker_actors} == {"Hamas", "Palestinian Islamic Jihad"}


def test_example_inserts_and_tagline_yield_no_event(example: CodedArticle) -> None:
    for event in example.events:
        assert "Al-Aqsa Mosque" not in event.sentence.text or event.historical or "anniversary" in event.sentence.text
        assert "escalating" not in event.sentence.text


def wikinews(path: Path) -> Iterator[RawItem]:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield RawItem(id=row["id"], source=f"{path.name}:{row['id']}", text=row["text"], title=row["title"],
                      url=row["url"], published=dt.date.fromisoformat(row["published"]))


@pytest.fixture(scope="session")
def corpus(pipeline: Pipeline) -> dict[str, list[CodedArticle]]:
    folder = shared_path("corpus", "wikinews_politics")
    return {name: list(pipeline.run(wikinews(folder / f"{name}.jsonl"))) for name in ("articles", "negatives")}


def test_wikinews_corpus_codes_without_a_crash_and_validates(corpus: dict[str, list[CodedArticle]]) -> None:
    for coded in corpus["articles"] + corpus["negatives"]:
        assert coded.error is None, coded.error
        validate(coded_article_to_dict(coded))


def test_political_articles_yield_events_and_negatives_few(corpus: dict[str, list[CodedArticle]]) -> None:
    def share_with_events(articles: list[CodedArticle]) -> float:
        return sum(bool(c.events) for c in articles) / len(articles)

    def events_per_kiloword(articles: list[CodedArticle]) -> float:
        words = sum(len(c.article.text.split()) for c in articles if c.article)
        return 1000 * sum(len(c.events) for c in articles) / words

    assert share_with_events(corpus["articles"]) >= 0.8
    assert events_per_kiloword(corpus["negatives"]) < 0.6 * events_per_kiloword(corpus["articles"])
