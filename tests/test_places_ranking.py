"""Resolution in context (``eventdesk.places.ranking``) and the small towns of the gazetteer, on real
gazetteer entries and real spaCy parses."""

from __future__ import annotations

from eventdesk.places import Gazetteer, Geocoder
from eventdesk.places.gazetteer import ALTERNATES_MIN_POPULATION, Entry
from eventdesk.places.ranking import Context, Toponym, focus, rank
from eventdesk.records import Place

from .conftest import ParseText, resolve_names


def test_small_towns_are_found_by_their_own_name_and_looked_up_the_same_way_twice(gazetteer: Gazetteer) -> None:
    first = gazetteer.lookup("Brattleboro")
    assert [(p.country_code, p.admin1) for p in first] == [("US", "VT")]
    assert first[0].population < ALTERNATES_MIN_POPULATION
    assert gazetteer.lookup("Brattleboro") == first
    assert gazetteer.lookup("brattleboro") == first


def test_a_small_town_joins_the_big_ones_under_a_shared_name(gazetteer: Gazetteer) -> None:
    trentons = gazetteer.lookup("Trenton")
    assert trentons[0].admin1 == "NJ"  # the biggest first
    assert any(p.population < ALTERNATES_MIN_POPULATION for p in trentons)


def test_a_name_the_gazetteer_lacks_is_placed_at_the_articles_focus(parse_text: ParseText,
                                                                    geocoder: Geocoder) -> None:
    text = "A fire broke out on Frenchmen Street in New Orleans on Friday, near the French Quarter of New Orleans."
    found = resolve_names(parse_text, geocoder, text, "Frenchmen Street", "New Orleans")
    assert found["Frenchmen Street"].name == "New Orleans" and found["Frenchmen Street"].admin1 == "LA"


def test_new_york_beside_albany_is_the_city(parse_text: ParseText, geocoder: Geocoder) -> None:
    found = resolve_names(parse_text, geocoder, "The mayor of New York met officials in Albany.", "New York", "Albany")
    assert found["New York"].name == "New York City" and found["New York"].feature_class == "P"


def test_a_town_near_a_place_named_unambiguously_wins_over_a_bigger_namesake(gazetteer: Gazetteer) -> None:
    """Spatial minimality alone: the neighbour is in another state, so no province or country share differs."""
    springfields = tuple(e for e in gazetteer.entries("Springfield") if e.place.admin1 in ("MA", "MO"))
    assert springfields[0].place.admin1 == "MO"  # bigger: the context-free favourite
    toponym = Toponym(0, 11, "Springfield", springfields)
    neighbour = Place(name="Enfield", geonameid=None, lat=41.976, lon=-72.592, country_code="US", admin1="CT")
    alone = Context.from_readings([(toponym, springfields)])
    assert rank(toponym, alone)[0][1].place.admin1 == "MO"
    beside = Context.from_readings([(toponym, springfields),
                                    (Toponym(16, 23, "Enfield", ()), (Entry(neighbour, "city"),))])
    assert rank(toponym, beside)[0][1].place.admin1 == "MA"


def test_focus_is_the_most_named_town_of_the_most_named_province_of_the_main_country(
        gazetteer: Gazetteer) -> None:
    def reading(name: str, admin1: str) -> tuple[Toponym, Entry]:
        entry = next(e for e in gazetteer.entries(name) if e.place.admin1 == admin1 and e.kind == "city")
        return Toponym(0, len(name), name, (entry,)), entry

    readings = [reading("Paris", "TX"), reading("Dallas", "TX"), reading("Dallas", "TX"), reading("Chicago", "IL")]
    place = focus(readings, "US")
    assert place is not None and place.name == "Dallas"
    assert focus(readings, "FR") is None


def test_a_village_gives_way_to_a_town_twenty_times_its_size_of_the_same_name(parse_text: ParseText,
                                                                             geocoder: Geocoder) -> None:
    """"Jenin" is a Polish hamlet's own name and the English name of the West Bank city of Janin."""
    text = "Troops raided the Jenin refugee camp on Monday."
    place = resolve_names(parse_text, geocoder, text, "Jenin")["Jenin"]
    assert place.country_code == "PS" and place.population > 20_000


def test_a_village_keeps_its_name_when_the_article_names_its_province(parse_text: ParseText,
                                                                       geocoder: Geocoder) -> None:
    """Franklin, Louisiana (7,000 people) shares a name with Columbus, Ohio (an alternate name, 900,000): an
    article naming other Louisiana towns means the Louisiana one."""
    text = "The parade in Franklin drew crowds from Lafayette, Baton Rouge and New Orleans."
    place = resolve_names(parse_text, geocoder, text, "Franklin", "Lafayette", "Baton Rouge", "New Orleans")["Franklin"]
    assert (place.country_code, place.admin1) == ("US", "LA")
