"""Which place of a sentence is its event's (``eventdesk.events.attach``), and names the places stage finds though
NER mislabels them (``eventdesk.places.geocoder``): real parses, real gazetteer, sentences written for these tests."""

from __future__ import annotations

import pytest

from eventdesk.events.attach import attach_mentions
from eventdesk.events.roles import Tree
from eventdesk.places import Geocoder

from .conftest import ParseText


def place_of(parse_text: ParseText, geocoder: Geocoder, text: str, verb: str) -> str | None:
    parsed = parse_text(text)
    start = text.index(verb)
    anchor = frozenset(t.i for t in parsed.tokens if t.start == start)
    found = attach_mentions(Tree(parsed), parsed.sentences[0], [anchor], geocoder.geocode(parsed), locative=True)[0]
    return None if found is None else found.mention.text


def test_a_country_that_says_whose_something_is_is_not_where(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "Hundreds of students demonstrated outside the US embassy on Friday."
    assert place_of(parse_text, geocoder, text, "demonstrated") is None
    text = "Hundreds of students demonstrated outside the US embassy in Nairobi on Friday."
    assert place_of(parse_text, geocoder, text, "demonstrated") == "Nairobi"


def test_a_reference_point_is_taken_only_when_nothing_else_is(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "A car bomb exploded near a checkpoint in Mahmudiya, south of Baghdad."
    assert place_of(parse_text, geocoder, text, "exploded") == "Mahmudiya"
    text = "Gunmen shot two policemen on a road north of Baghdad on Sunday."
    assert place_of(parse_text, geocoder, text, "shot") == "Baghdad"


def test_a_place_phrase_inside_a_place_phrase_adds_no_depth(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "Police shot dead two suspects in a raid in southern Egypt."
    assert place_of(parse_text, geocoder, text, "shot") == "Egypt"
    text = "Two journalists were captured by soldiers in northern Iraq in April."  # inside the agent
    assert place_of(parse_text, geocoder, text, "captured") == "Iraq"


@pytest.mark.parametrize("text", [
    "Airstrikes killed six people in the eastern districts of Aleppo.",
    "Rebels attacked army positions in the southern part of Aleppo city.",
])
def test_a_place_ner_took_for_a_nationality_is_found_and_placed(parse_text: ParseText, geocoder: Geocoder,
                                                                 text: str) -> None:
    """NER tags "Aleppo" a nationality here; it is the city's own name, after "of" or before "city"."""
    verb = text.split()[1]
    assert place_of(parse_text, geocoder, text, verb) == "Aleppo"


def test_known_places_listed_with_a_toponym_are_toponyms(parse_text: ParseText, geocoder: Geocoder) -> None:
    """NER tags Taftanaz and Kafr Zita people and Binnish a nationality."""
    mentions = geocoder.geocode(parse_text("Rebels shelled the towns of Taftanaz, Kafr Zita and Binnish on Monday."))
    assert [(m.text, m.place is not None and m.place.country_code) for m in mentions] == [
        ("Taftanaz", "SY"), ("Kafr Zita", "SY"), ("Binnish", "SY")]


def test_a_mislabelled_name_that_is_an_organisation_or_person_stays_out(parse_text: ParseText,
                                                                         geocoder: Geocoder) -> None:
    mentions = geocoder.geocode(parse_text("Relations between NATO and Tunisia improved, according to Davis."))
    assert [m.text for m in mentions] == ["Tunisia"]


@pytest.mark.parametrize(("text", "verb", "name"), [
    ("Militants stormed the Kuweires Military Airport on Tuesday.", "stormed", "Kuweires Military Airport"),
    ("Troops captured Jabal Zawiya after heavy fighting.", "captured", "Jabal Zawiya"),
])
def test_a_name_shaped_like_a_place_is_one(parse_text: ParseText, geocoder: Geocoder, text: str, verb: str,
                                           name: str) -> None:
    """NER took them for an organisation and a person; the gazetteer lacks them; their words say they are places."""
    assert place_of(parse_text, geocoder, text, verb) == name


@pytest.mark.parametrize(("text", "verb", "name"), [
    ("Soldiers raided homes in the Balata refugee camp on Monday.", "raided", "Balata"),  # NER: an organisation
    ("Government troops captured Shali on Friday.", "captured", "Shali"),  # NER: a person
    ("A Baghdad mosque was bombed on Friday.", "bombed", "Baghdad"),  # the place of the trigger's subject
])
def test_cued_and_captured_names_and_a_subjects_place(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                      verb: str, name: str) -> None:
    assert place_of(parse_text, geocoder, text, verb) == name
