"""Names that the words before them mark as places whatever NER said (``Geocoder._cued_names``), over real parses:
a name NER took for a nationality after "the town of", a name with an opening quote mark or an Arabic article
written onto it, and a settlement."""

from __future__ import annotations

import pytest

from eventdesk.places import Geocoder

from .conftest import ParseText


@pytest.mark.parametrize(("text", "name"), [
    ("The army shelled the town of Rastan in central Syria.", "Rastan"),  # NER: a nationality
    ("Troops stormed the village of ‘Ayishah, where they were confronted.", "‘Ayishah"),
    ("Gunmen killed five in the town of al-Wafa west of Homs.", "al-Wafa"),
    ("Settlers live in the West Bank settlement of Elon Moreh, home to a rabbi.", "Elon Moreh"),  # NER: an org
])
def test_a_name_after_a_place_noun_and_of_is_a_place(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                     name: str) -> None:
    assert name in [m.text for m in geocoder.geocode(parse_text(text))]


@pytest.mark.parametrize("text", [
    "Over 200 victims demonstrated in the Indian capital Friday demanding a probe.",
    "Rebel Serbs captured a Muslim village Saturday and battled troops.",
])
def test_a_day_after_a_place_noun_is_not_a_place(parse_text: ParseText, geocoder: Geocoder, text: str) -> None:
    assert not any(m.text in ("Friday", "Saturday") for m in geocoder.geocode(parse_text(text)))


@pytest.mark.parametrize(("text", "name"), [
    ("Rebels shelled Aleppo's eastern districts.", "Aleppo"),  # NER: a person
    ("Soldiers patrolled Tbilisi's main thoroughfare.", "Tbilisi"),
])
def test_a_known_city_right_after_a_verb_that_strikes_ground_is_a_place(parse_text: ParseText, geocoder: Geocoder,
                                                                        text: str, name: str) -> None:
    assert name in [m.text for m in geocoder.geocode(parse_text(text))]
