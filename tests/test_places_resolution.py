"""Toponym resolution rules of issue 5's margin round (the "EU" alias of the gazetteer), on real sentences, real
spaCy parses and the real gazetteer."""

from __future__ import annotations

import pytest

from eventdesk.places import Gazetteer, Geocoder
from eventdesk.records import Place
from eventdesk.settings import PlaceSettings

from .conftest import ParseText


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(PlaceSettings())


@pytest.fixture(scope="module")
def gazetteer(geocoder: Geocoder) -> Gazetteer:
    return geocoder.gazetteer


def resolve(parse_text: ParseText, geocoder: Geocoder, text: str, *names: str) -> dict[str, Place]:
    parsed = parse_text(text)
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    return {m.text: m.place for m in geocoder.resolve(parsed, spans) if m.place is not None}


def test_the_eu_is_europe_not_the_french_town_of_eu(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "The EU and Syria are engaged in a tug-of-war over a ship, European Union diplomats said."
    found = resolve(parse_text, geocoder, text, "EU", "European Union")
    assert found["EU"].name == "Europe" and found["EU"].country_code is None
    assert found["European Union"] is found["EU"]
