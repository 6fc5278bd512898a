"""Toponym resolution rules of issue 5's margin round (``eventdesk.places.ranking``, the US counties and the
"EU" alias of the gazetteer), on real sentences, real spaCy parses and the real gazetteer."""

from __future__ import annotations

from eventdesk.evaluate.places import distance_km
from eventdesk.places import Gazetteer, Geocoder

from .conftest import ParseText, resolve_names


def test_the_gazetteer_knows_a_us_county_by_the_states_that_have_one(gazetteer: Gazetteer) -> None:
    walkers = gazetteer.entries("Walker County")
    assert {e.kind for e in walkers} == {"county"}
    assert {e.place.admin1 for e in walkers} == {"AL", "GA", "TX"}
    assert {e.place.feature_class for e in walkers} == {"A"}


def test_towns_named_in_several_states_are_read_in_the_state_they_share(parse_text: ParseText,
                                                                      geocoder: Geocoder) -> None:
    """New London, Mount Pleasant and Winfield each name towns in several states (the biggest in Connecticut,
    South Carolina and Kansas); Iowa has all three."""
    text = ("The New London school board met on Monday with parents from Mount Pleasant and Winfield about "
            "sharing a superintendent.")
    found = resolve_names(parse_text, geocoder, text, "New London", "Mount Pleasant", "Winfield")
    assert {name: (place.country_code, place.admin1) for name, place in found.items()} == {
        "New London": ("US", "IA"), "Mount Pleasant": ("US", "IA"), "Winfield": ("US", "IA")}


def test_a_county_names_the_state_of_the_town_beside_it(parse_text: ParseText, geocoder: Geocoder) -> None:
    """Rochester is the New York city by size; Olmsted County (Minnesota's only) makes it Minnesota's."""
    text = "A Rochester man was charged Tuesday in Olmsted County District Court with burglary."
    found = resolve_names(parse_text, geocoder, text, "Rochester", "Olmsted County")
    assert (found["Rochester"].country_code, found["Rochester"].admin1) == ("US", "MN")
    county = found["Olmsted County"]
    assert county.admin1 == "MN" and county.feature_class == "A"
    assert (county.lat, county.lon) == (found["Rochester"].lat, found["Rochester"].lon)  # at its town


def test_a_county_named_in_several_states_follows_the_town_of_the_article(parse_text: ParseText,
                                                                          geocoder: Geocoder) -> None:
    """Paris is the French capital and a town in several US states; Henry County is in ten. Together they are
    the Tennessee town and its county, placed at the town."""
    text = "Henry County deputies arrested a Paris man on Friday after a chase on U.S. 641 north of Paris."
    found = resolve_names(parse_text, geocoder, text, "Henry County", "Paris")
    assert (found["Paris"].country_code, found["Paris"].admin1) == ("US", "TN")
    assert found["Henry County"].admin1 == "TN"
    assert distance_km(found["Henry County"].lat, found["Henry County"].lon,
                       found["Paris"].lat, found["Paris"].lon) == 0.0


def test_a_county_with_no_town_of_its_state_in_the_article_is_at_its_states_point(
        parse_text: ParseText, geocoder: Geocoder, gazetteer: Gazetteer) -> None:
    text = "Olmsted County commissioners approved the new budget on Tuesday."
    county = resolve_names(parse_text, geocoder, text, "Olmsted County")["Olmsted County"]
    minnesota = gazetteer.division("US", "MN")
    assert minnesota is not None and (county.lat, county.lon) == (minnesota.lat, minnesota.lon)


def test_the_eu_is_europe_not_the_french_town_of_eu(parse_text: ParseText, geocoder: Geocoder) -> None:
    text = "The EU and Syria are engaged in a tug-of-war over a ship, European Union diplomats said."
    found = resolve_names(parse_text, geocoder, text, "EU", "European Union")
    assert found["EU"].name == "Europe" and found["EU"].country_code is None
    assert found["European Union"] is found["EU"]


def test_a_county_that_shares_its_name_with_a_town_of_its_state_is_at_that_town(
        parse_text: ParseText, geocoder: Geocoder, gazetteer: Gazetteer) -> None:
    """Eight states have an Orange County; beside California it is the one around the city of Orange."""
    text = "Orange County supervisors in California voted on Tuesday to close two beaches."
    county = resolve_names(parse_text, geocoder, text, "Orange County", "California")["Orange County"]
    orange = next(p for p in gazetteer.lookup("Orange") if (p.country_code, p.admin1) == ("US", "CA"))
    assert county.admin1 == "CA" and (county.lat, county.lon) == (orange.lat, orange.lon)
