"""Event locations (``eventdesk.events.attach``) over real parses: demonyms, the main-place fallback."""

from __future__ import annotations

import pytest

from eventdesk.events.attach import FALLBACK, attach_mentions, event_location
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


def test_a_sentence_naming_no_place_takes_the_articles_main_place(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "Protesters gathered in Khartoum on Monday. Police later fired tear gas at the crowd."
    found = attach(parse_text, geocoder, text, "fired")
    assert found is not None and found.depth == FALLBACK and found.mention.text == "Khartoum"
    location = event_location(found.mention, fallback=True)
    assert location.precision == 2 and location.resolved_place == "Khartoum"
    assert event_location(found.mention).precision == 1
