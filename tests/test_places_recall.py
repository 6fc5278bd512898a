"""Villages, districts and sites that the small NER model tags as people or organisations (or not at all) and the
gazetteer lacks or lists under another spelling, found by the cues of this round, over real parses: place nouns
("the vicinity of X", "the X prison"), names shaped like a place ("X Mosque", "X Quarter"), a name joined across a
hyphen ("Jabal al-Akrad"), and a news spelling of a town's own name ("Quraytayn" for Al Qaryatayn)."""

from __future__ import annotations

import pytest

from eventdesk.places import Geocoder
from eventdesk.settings import PlaceSettings

from .conftest import ParseText


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(PlaceSettings())


def found(geocoder: Geocoder, parse_text: ParseText, text: str) -> list[str]:
    return [m.text for m in geocoder.geocode(parse_text(text))]


def test_a_name_is_joined_across_a_hyphen_written_onto_its_next_word(geocoder: Geocoder,
                                                                     parse_text: ParseText) -> None:
    assert "Jabal al-Akrad" in found(geocoder, parse_text, "Warplanes struck Jabal al-Akrad at dawn, killing four.")
    # a preposition before the article is no part of the name: "Wednesday" stays out of it
    names = found(geocoder, parse_text, "Two civilians were killed on Wednesday in al-Thawra areas, south of Damascus.")
    assert "al-Thawra" in names
    assert not any("Wednesday" in name for name in names)
