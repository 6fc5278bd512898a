"""A place the gazetteer lacks, in an article that names no known place: its extracted text is kept with no
point, attached to its event, exported with null resolved fields (schema-valid) and stored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from eventdesk.events.attach import attach_mentions, event_location
from eventdesk.events.roles import Tree
from eventdesk.export import coded_article_to_dict
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.store import EventFilter, open_store

from .conftest import ParseText

SCHEMA = json.loads((Path(__file__).parents[1] / "src/eventdesk/schema/coded-article.schema.json").read_text())
TEXT = "Gunmen attacked the village of Ngurbuwa on Monday, killing four farmers, witnesses said."
KNOWN = "Gunmen attacked the village of Ngurbuwa in Borno on Monday, killing four farmers, witnesses said."


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def test_an_unknown_name_with_no_known_place_is_kept_without_a_point(pipeline: Pipeline,
                                                                      parse_text: ParseText) -> None:
    parsed = parse_text(TEXT)
    (mention,) = pipeline.places.geocode(parsed)
    assert (mention.text, mention.place) == ("Ngurbuwa", None)
    anchor = frozenset(t.i for t in parsed.tokens if t.text == "attacked")
    found = attach_mentions(Tree(parsed), parsed.sentences[0], [anchor], [mention], locative=True)[0]
    assert found is not None and found.mention is mention
    location = event_location(mention)
    assert (location.extracted_place, location.resolved_place, location.lat, location.lon) == (
        "Ngurbuwa", None, None, None)
    assert TEXT[location.start:location.end] == "Ngurbuwa"


def test_beside_a_known_place_the_unknown_name_takes_its_point(pipeline: Pipeline, parse_text: ParseText) -> None:
    mentions = pipeline.places.geocode(parse_text(KNOWN))
    unknown = next(m for m in mentions if m.text == "Ngurbuwa")
    assert unknown.place is not None and unknown.place.country_code == "NG"


def test_the_unresolved_event_location_is_exported_and_stored(pipeline: Pipeline, tmp_path: Path) -> None:
    item = RawItem(id="ngurbuwa", source="<ngurbuwa>", published=dt.date(2024, 5, 7), text=TEXT)
    coded = pipeline.process(item)
    record = coded_article_to_dict(coded)
    jsonschema.validate(record, SCHEMA)
    assert [(p["text"], p["lat"], p["name"]) for p in record["places"]] == [("Ngurbuwa", None, None)]
    attacks = [e for e in record["events"] if e["event_loc"] is not None]
    assert attacks and all(e["event_loc"]["extracted_place"] == "Ngurbuwa" and e["event_loc"]["lat"] is None
                           for e in attacks)
    store = open_store(str(tmp_path / "events.db"))
    store.save(coded, input_hash="ngurbuwa")
    stored = list(store.events(EventFilter()))
    store.close()
    assert stored and {e.record["event_loc"]["extracted_place"] for e in stored} == {"Ngurbuwa"}
    assert all(e.record["event_loc"]["lat"] is None for e in stored)
