"""Event locations (``eventdesk.events.attach``) over real parses: demonyms, the main-place fallback."""

from __future__ import annotations

import pytest

from eventdesk.events.attach import attach_mentions, event_location, main_place
from eventdesk.events.roles import Tree
from eventdesk.places import Geocoder
from eventdesk.settings import PlaceSettings

from .conftest import ParseText


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(PlaceSettings())


def attach(parse_text: ParseText, geocoder: Geocoder, text: str, verb: str, sentence: int = -1):  # type: ignore[no-untyped-def]
    parsed = parse_text(text)
    places = geocoder.geocode(parsed)
    chosen = parsed.sentences[sentence]
    start = text.index(verb, chosen.start)
    anchor = frozenset(t.i for t in parsed.tokens if t.start == start)
    return attach_mentions(Tree(parsed), chosen, [anchor], places, locative=True)[0]


def test_a_demonym_is_not_the_event_location(parse_text: ParseText, geocoder: Geocoder) -> None:
    assert attach(parse_text, geocoder, "Syrian troops shelled the village.", "shelled") is None


def test_the_place_under_a_locative_preposition_wins(parse_text: ParseText, geocoder: Geocoder) -> None:
    found = attach(parse_text, geocoder, "Syrian troops shelled rebels in Idlib, officials in Damascus said.",
                   "shelled")
    assert found is not None and found.mention.text == "Idlib"


def test_a_sentence_naming_no_place_gets_none_and_the_main_place_is_coarser(parse_text: ParseText,
                                                                           geocoder: Geocoder) -> None:
    text = "Protesters gathered in Khartoum on Monday. Police later fired tear gas at the crowd in Khartoum."
    assert attach(parse_text, geocoder, "Protesters gathered in Khartoum. Police fired tear gas.", "fired") is None
    parsed = parse_text(text)
    main = main_place(Tree(parsed), geocoder.geocode(parsed))
    assert main is not None and main.text == "Khartoum" and main.start == text.index("Khartoum")
    assert event_location(main, fallback=True).precision == 2
    assert event_location(main).precision == 1


def test_the_direct_object_place_and_the_most_specific_place(parse_text: ParseText, geocoder: Geocoder) -> None:
    found = attach(parse_text, geocoder, "Government forces shelled Aleppo on Monday.", "shelled")
    assert found is not None and found.mention.text == "Aleppo"
    found = attach(parse_text, geocoder, "A bomb exploded in Baghdad's neighborhood of Karrada, in Iraq.", "exploded")
    assert found is not None and found.mention.text != "Iraq"
