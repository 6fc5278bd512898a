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


@pytest.mark.parametrize(("text", "names"), [
    ("Government troops entered Tell Ahmar Kabir on Monday after a week of fighting.", ["Tell Ahmar Kabir"]),
    ("Rebel units are currently storming Al-Mazraah after a night of shelling.", ["Al-Mazraah"]),
    ("Soldiers patrolled Bakassi Gari overnight and the governor urged calm.", ["Bakassi Gari"]),  # NER: a person
    ("Militants were reportedly shelling Nubbol and Zahraa, two besieged enclaves.", ["Nubbol", "Zahraa"]),
])
def test_the_object_of_a_verb_that_takes_only_ground_is_a_place(parse_text: ParseText, geocoder: Geocoder,
                                                                text: str, names: list[str]) -> None:
    found = [m.text for m in geocoder.geocode(parse_text(text))]
    assert all(name in found for name in names), found


@pytest.mark.parametrize(("text", "name"), [
    ("Troops captured Hamas fighters near the border.", "Hamas"),
    ("The Swiss crew captured the Louis Vuitton Trophy after a close race.", "Louis Vuitton Trophy"),
    ("Police captured Marcello Troiani after a chase through the suburbs.", "Marcello Troiani"),
])
def test_what_capture_also_takes_is_no_place(parse_text: ParseText, geocoder: Geocoder, text: str, name: str) -> None:
    assert not any(name in m.text or m.text in name for m in geocoder.geocode(parse_text(text)))


@pytest.mark.parametrize(("text", "names"), [
    ("Gunmen raided the Kolo and Sabra villages at dawn.", ["Kolo", "Sabra"]),
    ("The army targeted both the Al-Hamra and Minyan suburbs of the city.", ["Al-Hamra", "Minyan"]),
    ("In villages like Cailaco and Manapa, soldiers burned down houses.", ["Cailaco", "Manapa"]),
    ("Militias raided towns such as Bula Marer and Qoryoley last week.", ["Bula Marer", "Qoryoley"]),
])
def test_names_a_plural_place_noun_covers_are_places(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                     names: list[str]) -> None:
    found = [m.text for m in geocoder.geocode(parse_text(text))]
    assert all(name in found for name in names), found


def test_a_name_taken_for_a_nationality_before_a_place_noun_is_a_place(parse_text: ParseText,
                                                                       geocoder: Geocoder) -> None:
    found = [m.text for m in geocoder.geocode(parse_text("The shooting took place at Surainaka village."))]
    assert "Surainaka" in found


@pytest.mark.parametrize("text", [
    "The neighbouring Hindu village had protested for a week.",
    "A judge was shot dead after he left a Sunni mosque following evening prayers.",
])
def test_a_faith_before_a_place_noun_is_no_place(parse_text: ParseText, geocoder: Geocoder, text: str) -> None:
    assert not any(m.text in ("Hindu", "Sunni") for m in geocoder.geocode(parse_text(text)))


def test_a_hospital_named_after_a_preposition_and_the_is_a_place(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "Security forces caught a man trying to detonate his vest inside the Al-Razi Hospital."
    assert "Al-Razi Hospital" in [m.text for m in geocoder.geocode(parse_text(text))]


@pytest.mark.parametrize(("text", "name"), [
    ("ISIS shelled the Tiyas airbase with artillery on Sunday.", "Tiyas"),
    ("Fighters were killed in the battle for the Kweyris air base.", "Kweyris"),  # NER: a person
])
def test_a_name_before_a_modified_cue_noun_is_a_place(parse_text: ParseText, geocoder: Geocoder, text: str,
                                                      name: str) -> None:
    assert name in [m.text for m in geocoder.geocode(parse_text(text))]
