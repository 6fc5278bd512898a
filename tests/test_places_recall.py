"""Villages, districts and sites that the small NER model tags as people or organisations (or not at all) and the
gazetteer lacks or lists under another spelling, found by the cues of this round, over real parses: place nouns
("the vicinity of X", "the X prison"), names shaped like a place ("X Mosque", "X Quarter"), a name joined across a
hyphen ("Jabal al-Akrad"), and a news spelling of a town's own name ("Quraytayn" for Al Qaryatayn)."""

from __future__ import annotations

import pytest

from eventdesk.places import Geocoder
from eventdesk.places.spelling import own_spelling, skeleton

from .conftest import ParseText


def found(geocoder: Geocoder, parse_text: ParseText, text: str) -> list[str]:
    return [m.text for m in geocoder.geocode(parse_text(text))]


@pytest.mark.parametrize(("text", "name"), [
    ("Militants were seen in the vicinity of Marea late on Sunday.", "Marea"),  # NER: an organisation
    ("The navy seized the island of Hanish al-Saghir after a brief battle.", "Hanish al-Saghir"),  # a person
    ("Government troops advanced on the farms of Al-Mansoura on Monday.", "Al-Mansoura"),
])
def test_a_name_after_a_new_place_noun_and_of_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str,
                                                         name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Two policemen were killed at the Gumbi prison on Friday.", "Gumbi"),  # NER: a person
    ("Gunmen opened fire in the crowded Shorkot market on Tuesday.", "Shorkot"),
    ("The rebels captured the Tell Abyad hill after heavy clashes.", "Tell Abyad"),
])
def test_a_name_before_a_place_noun_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str,
                                               name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_hyphened_modifier_before_a_place_noun_is_no_name(geocoder: Geocoder, parse_text: ParseText) -> None:
    names = found(geocoder, parse_text, "A cameraman was killed outside a U.S.-run prison near Baghdad.")
    assert "Baghdad" in names
    assert not any("U.S.-run" in name for name in names)


@pytest.mark.parametrize(("text", "name"), [
    ("A suicide bomber blew himself up inside the Al-Razi Mosque during prayers.", "Al-Razi Mosque"),
    ("Fighters pushed into the Bani Zaid Quarter overnight.", "Bani Zaid Quarter"),  # NER: nothing
])
def test_a_name_ending_in_a_new_place_head_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str,
                                                      name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_name_is_joined_across_a_hyphen_written_onto_its_next_word(geocoder: Geocoder,
                                                                     parse_text: ParseText) -> None:
    assert "Jabal al-Akrad" in found(geocoder, parse_text, "Warplanes struck Jabal al-Akrad at dawn, killing four.")
    # a preposition before the article is no part of the name: "Wednesday" stays out of it
    names = found(geocoder, parse_text, "Two civilians were killed on Wednesday in al-Thawra areas, south of Damascus.")
    assert "al-Thawra" in names
    assert not any("Wednesday" in name for name in names)


@pytest.mark.parametrize(("text", "name"), [
    ("The Syrian army is now in position to enter Quraytayn from the east.", "Quraytayn"),  # NER: a person
    ("Insurgents launched a second assault on Souran today.", "Souran"),  # a work of art
    ("Government forces are preparing to storm Tadef this week.", "Tadef"),  # an organisation
])
def test_a_news_spelling_of_a_towns_own_name_counts_as_its_name(geocoder: Geocoder, parse_text: ParseText,
                                                                text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_spelling_is_the_same_name_only_with_the_same_consonants(geocoder: Geocoder) -> None:
    assert skeleton("Quraytayn") == skeleton("Al Qaryatayn")
    assert skeleton("Deir Khabiyeh") == skeleton("Deir Khabiye")

    def spelling(name: str, of: str | None = None) -> bool:
        """Whether ``name`` is a spelling of a town's own name (of the town named ``of``, if given:
        the gazetteer also has small towns whose own name is the exonym, such as Bombay, New Zealand)."""
        towns = [e for e in geocoder.gazetteer.entries(name) if e.kind == "city" and of in (None, e.place.name)]
        assert towns, f"the gazetteer has no town {of or name!r} under {name!r}"
        return any(own_spelling(e, name) for e in towns)

    assert spelling("Samarra")  # Sāmarrā’
    assert spelling("Azaz")  # I‘zāz
    assert not spelling("Bombay", of="Mumbai")  # an exonym, not a spelling
    assert not spelling("Peking", of="Beijing")


def test_a_name_described_as_a_town_after_a_comma_is_a_place(geocoder: Geocoder, parse_text: ParseText) -> None:
    names = found(geocoder, parse_text, "Fighters overran Saba al-Dor, a farming town north of Baghdad, last week.")
    assert "Saba al-Dor" in names  # NER: a person
    elder = "The elders met Ahmed Kerrigan, a village elder, on Monday."
    assert "Ahmed Kerrigan" not in found(geocoder, parse_text, elder)  # "village" only says what kind of elder


def test_a_name_after_a_preposition_and_a_direction_word_is_a_place(geocoder: Geocoder,
                                                                     parse_text: ParseText) -> None:
    text = "Two clinics came under attack in eastern Ghouta on Monday."  # NER: an organisation; no gazetteer name
    assert "Ghouta" in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("A fire engulfed the Abuja home of a former minister on Monday.", "Abuja"),  # NER: a person
    ("Grim-faced policemen patrolled the Shinjuku station on Sunday.", "Shinjuku"),  # a nationality
])
def test_a_known_place_before_a_site_noun_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str,
                                                     name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_hospital_is_a_place_only_where_it_is_the_scene(geocoder: Geocoder, parse_text: ParseText) -> None:
    assert "Heart Hospital" in found(geocoder, parse_text, "Militants stormed the Heart Hospital on Wednesday.")
    taken = "The injured boy was taken to Mercy Memorial Hospital on Friday."  # local news: not a toponym in the gold
    assert "Mercy Memorial Hospital" not in found(geocoder, parse_text, taken)


def test_a_big_city_in_another_spelling_before_street_is_a_place(geocoder: Geocoder, parse_text: ParseText) -> None:
    # "Baquba" is one of Baqubah's other spellings: a city of 150,000 people, no person's name on a street sign
    found = [m.text for m in geocoder.geocode(parse_text("A car bomb exploded in a crowded Baquba street on Monday."))]
    assert "Baquba" in found


@pytest.mark.parametrize(("text", "name"), [
    ("Grozny's streets are still heavily patrolled by troops.", "Grozny"),  # NER: a person
    ("Anti-nuclear demonstrators marched on Papeete's main stadium Saturday.", "Papeete"),  # an organisation
    ("The Chechen rebels patrolled Pervomayskaya's perimeter armed with grenade launchers.", "Pervomayskaya"),
])
def test_a_known_place_owning_a_part_of_a_place_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str,
                                                           name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_person_or_firm_owning_a_site_is_no_place(geocoder: Geocoder, parse_text: ParseText) -> None:
    text = "He spent two days at Zara's headquarters in Spain."
    assert "Zara" not in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Jaffna was captured by government forces in December, 1995.", "Jaffna"),  # NER: a person
    ("The second largest, Kisangani was captured last month.", "Kisangani"),  # a nationality
])
def test_a_known_place_a_ground_verb_takes_as_passive_subject_is_a_place(geocoder: Geocoder, parse_text: ParseText,
                                                                         text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("One refugee was shot in the foot in downtown Calais.", "Calais"),  # NER: a person
    ("The 101st captured a canal bridge the next day in nearby Eerde.", "Eerde"),
])
def test_a_known_place_after_a_preposition_and_its_describing_words_is_a_place(geocoder: Geocoder,
                                                                                parse_text: ParseText, text: str,
                                                                                name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize("text", [
    "The Taliban overran the city of Mazar-e-Sharif last month.",
    "Fighting continued in Mazar-i Sharif on Monday.",
])
def test_a_name_ner_cut_at_a_hyphen_is_the_whole_known_name(geocoder: Geocoder, parse_text: ParseText,
                                                            text: str) -> None:
    places = {m.text: m.place.name if m.place else None for m in geocoder.geocode(parse_text(text))}
    assert any(name.startswith("Mazar-") and resolved == "Mazār-e Sharīf" for name, resolved in places.items())


@pytest.mark.parametrize(("text", "name"), [
    ("The guerrillas detonated the landmine at Manigram in Rupandehi district on Sunday.", "Manigram"),
    ("She was murdered at Olangur in Villupuram district.", "Olangur"),  # the district found by its cue noun
])
def test_one_word_at_which_something_happened_in_a_place_is_a_place(geocoder: Geocoder, parse_text: ParseText,
                                                                     text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_longer_name_at_which_something_happened_in_a_place_is_no_place(geocoder: Geocoder,
                                                                          parse_text: ParseText) -> None:
    text = "They were treated at Mercy Memorial Hospital in Urbana and released."
    assert not any("Mercy" in name for name in found(geocoder, parse_text, text))


def test_a_cued_name_begins_where_the_words_before_it_make_a_known_place(geocoder: Geocoder,
                                                                         parse_text: ParseText) -> None:
    # the tagger takes "Deir" for an adjective, so the cued run ("... military airport") starts at "-Zor"
    text = "A commander was killed in clashes in the vicinity of the Deir ez-Zor military airport."
    places = {m.text: m.place.name if m.place else None for m in geocoder.geocode(parse_text(text))}
    assert places.get("Deir ez-Zor") == "Deir ez-Zor" and "-Zor" not in places


@pytest.mark.parametrize(("text", "name"), [
    ("About 6,000 students demonstrated at Alexandria University against the war.", "Alexandria University"),
    ("Protesters gathered at Zuccotti Park on Sunday.", "Zuccotti Park"),
])
def test_a_site_at_which_something_happens_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str,
                                                      name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Insurgents in Srisakorn district detonated a roadside bomb.", "Srisakorn"),  # NER: a nationality, an adjective
    ("Pakistan troops shelled Gagrian and Sawjian area in Poonch district on Sunday.", "Sawjian"),
    ("Gunmen attacked Bama Town early on Wednesday morning.", "Bama Town"),  # a person
])
def test_a_name_before_or_ending_in_a_place_noun_whatever_its_tags_is_a_place(geocoder: Geocoder,
                                                                              parse_text: ParseText, text: str,
                                                                              name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Armed bandits invaded three villages in Maru LGA of Zamfara State.", "Maru LGA"),  # NER: a product
    ("Bodies were strewn in a shopping area of the city's main Khyber Bazaar.", "Khyber Bazaar"),  # a person
    ("The army launched a new assault inside the Al-Malaah Farms of northern Aleppo.", "Al-Malaah Farms"),
])
def test_a_name_ending_in_a_new_place_head_is_a_place_whatever_ner_said(geocoder: Geocoder, parse_text: ParseText,
                                                                        text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Three others were killed in a similar attack in Ishaki, 100 kilometers north of the capital.", "Ishaki"),
    ("There have been protests by residents of Kasumbalesa, about 9 km from Lubumbashi.", "Kasumbalesa"),
])
def test_a_name_said_to_lie_some_distance_from_another_is_a_place(geocoder: Geocoder, parse_text: ParseText,
                                                                  text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


@pytest.mark.parametrize(("text", "name"), [
    ("Qassem was reportedly killed at the battle of Rityan yesterday.", "Rityan"),  # NER: an organisation
    ("At least 53 militants were reportedly killed in the fight for Jaabar.", "Jaabar"),  # a product
])
def test_a_name_fought_over_is_a_place(geocoder: Geocoder, parse_text: ParseText, text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_name_a_distance_is_measured_from_is_a_place(geocoder: Geocoder, parse_text: ParseText) -> None:
    text = "The Syrian Democratic Forces are now within 11 km of Menbeij, the first time since 2013."
    assert "Menbeij" in found(geocoder, parse_text, text)  # NER: a person


def test_names_a_captive_verb_shares_with_a_ground_verb_are_places(geocoder: Geocoder, parse_text: ParseText) -> None:
    text = "Immediately after Tanbour village, the Syrian forces stormed and captured Surjah Kabira and Surjah Saghira."
    names = found(geocoder, parse_text, text)  # NER: two people
    assert "Surjah Kabira" in names and "Surjah Saghira" in names


@pytest.mark.parametrize(("text", "name"), [
    ("Government forces patrolled the streets of a town in the remote Caprivi Strip.", "Caprivi Strip"),  # a person
])
def test_a_name_ending_in_a_designator_is_a_place_whatever_ner_said(geocoder: Geocoder, parse_text: ParseText,
                                                                    text: str, name: str) -> None:
    assert name in found(geocoder, parse_text, text)


def test_a_name_ending_in_a_designator_groups_share_is_no_place_for_that(geocoder: Geocoder,
                                                                          parse_text: ParseText) -> None:
    text = ("Two hours ago, Islamic State militants launched mass-scale attack from multiple axes on Syrian Army "
            "positions in the besieged city of Deir El-Zor.")
    assert "Islamic State" not in found(geocoder, parse_text, text)


def test_a_site_after_at_and_its_describing_words_is_a_place(geocoder: Geocoder, parse_text: ParseText) -> None:
    text = "Several hundred supporters demonstrated at the high-security Dhaka Central Jail on Monday."
    assert "Dhaka Central Jail" in found(geocoder, parse_text, text)
