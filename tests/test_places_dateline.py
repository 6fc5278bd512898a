"""The dateline's place as an event's fallback location: resolved by the places stage in the article's context,
taken before the article's main place, one precision step coarser, with an empty span (the cleaner cut the
dateline from the text). Real pages through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.extract.datelines import dateline_place_name
from eventdesk.pipeline import Pipeline
from eventdesk.records import CodedArticle, RawItem

from .conftest import ParseText

EXTRACT = Path(__file__).parent / "resources" / "extract"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def page(pipeline: Pipeline, name: str) -> CodedArticle:
    path = EXTRACT / name
    return pipeline.process(RawItem(id=path.stem, source=str(path), html=path.read_text(encoding="utf-8")))


def test_events_a_page_does_not_place_take_its_dateline_town_coarser(pipeline: Pipeline) -> None:
    coded = page(pipeline, "tunis-protest.html")
    assert coded.article is not None and coded.article.dateline == "TUNIS (Reuters)"
    located = [e.event_loc for e in coded.events if e.event_loc is not None]
    in_text = [loc for loc in located if not loc.fallback]
    fallback = [loc for loc in located if loc.fallback]
    assert in_text and fallback, [e.trigger.text for e in coded.events]
    assert all(loc.extracted_place == "TUNIS" and loc.resolved_place == "Tunis" and loc.country_code == "TN"
               and loc.precision == 2 and loc.start == loc.end == 0 for loc in fallback)
    assert all(loc.precision == 1 and coded.article.text[loc.start:loc.end] == loc.extracted_place for loc in in_text)


def test_the_dateline_comes_before_the_articles_main_place(pipeline: Pipeline) -> None:
    """The Gaza page names the Gaza Strip and Israel more often than Gaza City; its dateline is Gaza City."""
    coded = page(pipeline, "gaza-ceasefire.html")
    fallback = [e.event_loc for e in coded.events if e.event_loc is not None and e.event_loc.fallback]
    assert fallback and {(loc.extracted_place, loc.resolved_place) for loc in fallback} == {("GAZA CITY", "Gaza")}


def test_a_text_with_a_dateline_and_no_place_in_its_sentences(pipeline: Pipeline) -> None:
    coded = pipeline.process(RawItem(id="kabul", source="<kabul>", text=(
        "KABUL (Reuters) — Gunmen attacked a police checkpoint overnight, killing four officers, officials said on "
        "Tuesday. The Taliban denied involvement.")))
    attacked = [e for e in coded.events if e.trigger.text == "attacked"]
    assert attacked and attacked[0].event_loc is not None
    loc = attacked[0].event_loc
    assert (loc.resolved_place, loc.country_code, loc.precision, loc.fallback) == ("Kabul", "AF", 2, True)


def test_a_dateline_region_resolves_its_town_and_an_unknown_name_gives_none(pipeline: Pipeline,
                                                                          parse_text: ParseText) -> None:
    parsed = parse_text("Soldiers raided a refugee camp before dawn on Tuesday.")
    places = pipeline.places.geocode(parsed)
    nablus = pipeline.places.locate_name(parsed, dateline_place_name("NABLUS, West Bank, May 3 (AP)"), places)
    assert nablus is not None and nablus.place.country_code == "PS" and nablus.place.feature_class == "P"
    assert (nablus.text, nablus.start, nablus.end) == ("NABLUS, West Bank", 0, 0)
    assert pipeline.places.locate_name(parsed, "Qwxzzy", places) is None
    assert pipeline.places.locate_name(parsed, dateline_place_name("(CNN)"), places) is None


def test_an_event_location_without_a_point_gives_way_to_the_dateline(pipeline: Pipeline) -> None:
    """A village the gazetteer lacks, in a text naming no known place, has no point; the dateline's town has one."""
    text = "Gunmen attacked the village of Ngurbuwa on Monday, killing four farmers, witnesses said."
    plain = pipeline.process(RawItem(id="plain", source="<plain>", text=text))
    (unresolved,) = [e.event_loc for e in plain.events if e.trigger.text == "attacked" and e.event_loc is not None]
    assert (unresolved.extracted_place, unresolved.lat, unresolved.fallback) == ("Ngurbuwa", None, False)
    dated = pipeline.process(RawItem(id="dated", source="<dated>", text=f"MAIDUGURI, Nigeria (Reuters) — {text}"))
    assert dated.article is not None and dated.article.dateline is not None
    (location,) = [e.event_loc for e in dated.events if e.trigger.text == "attacked" and e.event_loc is not None]
    assert (location.resolved_place, location.country_code, location.fallback, location.start, location.end) == (
        "Maiduguri", "NG", True, 0, 0)
    assert location.lat is not None and location.precision == 2
