"""The places stage: gazetteer lookups and geocoding of real sentences (real spaCy parses)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventdesk.errors import DataFileError
from eventdesk.places import Gazetteer
from eventdesk.places.gazetteer import normalize_name
from eventdesk.places.gazetteer_build import GazetteerBuilder
from eventdesk.records import ParsedArticle, PlaceMention

from .conftest import EXAMPLE_ARTICLE, make_article


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def find(mentions: tuple[PlaceMention, ...], text: str) -> PlaceMention:
    hits = [m for m in mentions if m.text == text]
    assert hits, f"{text!r} not found in {[m.text for m in mentions]}"
    return hits[0]


# ---------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize(
    ("name", "country", "geonameid"),
    [
        ("Tehran", "IR", 112931),
        ("Jerusalem", "IL", 281184),
        ("jerusalem", "IL", 281184),  # case-insensitive
        ("Gaza", "PS", 281133),
        ("Iran", "IR", 130758),
        ("the United States", "US", 6252001),
        ("U.S.", "US", 6252001),
        ("Ky.", "US", 6254925),  # AP state abbreviation -> Kentucky
        ("Calif.", "US", 5332921),
        ("N.Y.", "US", 5128638),
        ("Kyiv", "UA", 703448),
        ("Kiev", "UA", 703448),  # exonym
        ("Bogota", "CO", 3688689),  # diacritic-insensitive: Bogotá
        ("Ho Chi Minh City", "VN", 1566083),
    ],
)
def test_lookup_finds_the_best_known_place_first(gazetteer, name, country, geonameid):
    best = gazetteer.lookup(name)[0]
    assert (best.country_code, best.geonameid) == (country, geonameid)


@pytest.mark.parametrize(
    ("name", "country", "feature_class", "lat", "lon"),
    [
        ("Gaza Strip", "PS", "L", 31.42, 34.36),
        ("West Bank", "PS", "L", 31.95, 35.25),
        ("Crimea", "UA", "L", 45.3, 34.4),
        ("Darfur", "SD", "L", 13.0, 24.5),
        ("Idlib province", "SY", "A", 35.9, 36.6),
        ("Balochistan", "PK", "A", 28.5, 65.5),
        ("Tigray", "ET", "A", 13.9, 39.0),
        ("Al-Aqsa Mosque", "IL", "S", 31.776, 35.236),
    ],
)
def test_regions_and_divisions_are_in_the_gazetteer(gazetteer, name, country, feature_class, lat, lon):
    place = gazetteer.lookup(name)[0]
    assert (place.country_code, place.feature_class) == (country, feature_class)
    assert km(place.lat, place.lon, lat, lon) < 200


def test_ambiguous_names_keep_every_candidate(gazetteer):
    assert {p.country_code for p in gazetteer.lookup("Tripoli")} >= {"LY", "LB"}
    assert {(p.country_code, p.feature_class) for p in gazetteer.lookup("Georgia")} >= {("GE", "A"), ("US", "A")}
    assert gazetteer.lookup("Zzyzxqv") == ()


def test_country_by_iso2_or_iso3(gazetteer):
    iran = gazetteer.country("IRN")
    assert iran is not None and iran is gazetteer.country("ir")
    assert (iran.name, iran.feature_class, iran.geonameid) == ("Iran", "A", 130758)
    assert km(iran.lat, iran.lon, 32.0, 53.0) < 50
    assert gazetteer.country("QQ") is None


def test_every_country_has_a_point(gazetteer):
    import pycountry

    missing = [c.alpha_2 for c in pycountry.countries if gazetteer.country(c.alpha_2) is None]
    assert missing == []


def test_normalize_name_folds_case_diacritics_dots_and_articles():
    assert normalize_name("Bogotá") == normalize_name("BOGOTA") == "bogota"
    assert normalize_name("the Gaza Strip") == "gaza strip"
    assert normalize_name("Al‑Aqsa  Mosque") == normalize_name("al-aqsa mosque")
    assert normalize_name("Côte d’Ivoire") == "cote d'ivoire"


def test_extra_gazetteer_files_are_loaded(tmp_path: Path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "name\talt_names\tgeonameid\tlat\tlon\tcountry_code\tadmin1\tfeature_class\tpopulation\n"
        "Zaatari Camp\tZaatari refugee camp\t\t32.29\t36.32\tJO\t\tL\t80000\n",
        encoding="utf-8",
    )
    # its own cache folder: an index per set of extra files, not one per test run in the user's cache
    place = Gazetteer.load([extra], cache_dir=tmp_path).lookup("Zaatari refugee camp")[0]
    assert (place.name, place.country_code, place.geonameid) == ("Zaatari Camp", "JO", None)


def test_a_malformed_extra_file_names_its_line(tmp_path: Path):
    extra = tmp_path / "bad.tsv"
    extra.write_text("name\talt_names\tgeonameid\tlat\tlon\tcountry_code\tadmin1\tfeature_class\tpopulation\n"
                     "Nowhere\t\t\tnorth\t36\tJO\t\tL\t0\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.tsv:2: bad gazetteer row"):
        Gazetteer.load([extra], cache_dir=tmp_path)


# ---------------------------------------------------------------------- geocoding


@pytest.fixture(scope="module")
def geocode(parser, geocoder):
    def run(text: str) -> tuple[PlaceMention, ...]:
        parsed: ParsedArticle = parser.parse(make_article(text))
        mentions = geocoder.geocode(parsed)
        for mention in mentions:
            assert text[mention.start:mention.end] == mention.text
            assert 0.0 <= mention.confidence <= 1.0
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)
        return mentions

    return run


# (sentence, toponym, country, geonameid or None, (lat, lon) or None)
CASES = [
    # ambiguity resolved by the article's other places
    ("The president flew to Paris for talks with French officials at the Elysee.", "Paris", "FR", 2988507, None),
    ("He grew up in Paris, Texas, a small town near Dallas.", "Paris", "US", 4717560, None),
    ("Clashes in Tripoli killed ten people, Lebanese officials in Beirut said.", "Tripoli", "LB", 266826, None),
    ("Militias clashed in Tripoli, near Misrata and Benghazi, as Libya's crisis deepened.", "Tripoli", "LY", 2210247,
     None),
    ("Georgia's president met European envoys in Tbilisi on Monday.", "Georgia", "GE", 614540, None),
    ("Voters in Atlanta, Savannah and across Georgia went to the polls.", "Georgia", "US", 4197000, None),
    ("Washington imposed new sanctions on Moscow on Friday.", "Washington", "US", 4140963, None),
    # abbreviations and "Town, State"
    ("The plant in Louisville, Ky., employs 4,000 workers.", "Ky.", "US", 6254925, None),
    ("The plant in Louisville, Ky., employs 4,000 workers.", "Louisville", "US", 4299276, None),
    ("Firefighters in Fresno, Calif., battled the blaze.", "Calif.", "US", 5332921, None),
    # countries and multi-word names
    ("Talks between Iran and the U.S. resumed in Vienna.", "Iran", "IR", 130758, None),
    ("Talks between Iran and the U.S. resumed in Vienna.", "U.S.", "US", 6252001, None),
    ("She moved from New York City to Ho Chi Minh City in 2019.", "New York City", "US", 5128581, None),
    ("She moved from New York City to Ho Chi Minh City in 2019.", "Ho Chi Minh City", "VN", 1566083, None),
    # regions that are not cities
    ("Israeli airstrikes hit the Gaza Strip overnight.", "Gaza Strip", "PS", None, (31.42, 34.36)),
    ("Syrian government forces shelled Idlib province on Sunday.", "Idlib province", "SY", None, (35.9, 36.6)),
    ("Fighting continued in the Donbas and in Crimea.", "Donbas", "UA", None, (48.0, 38.0)),
    ("Aid convoys reached Darfur and Tigray last week.", "Darfur", "SD", None, (13.0, 24.5)),
    ("Settlers entered the Al-Aqsa Mosque compound in Jerusalem.", "Jerusalem", "IL", 281184, None),
    # cities NER takes for organisations or people: a big city, a cue noun, a locative preposition
    ("Paramilitary troops patrolled the streets of the southern port of Karachi on Tuesday.", "Karachi", "PK", None,
     (24.86, 67.01)),
    ("Police commandos will patrol the skies over Dhaka during the summit.", "Dhaka", "BD", None, (23.71, 90.41)),
    ("Dozens of people demonstrated outside the police headquarters in the capital Grozny.", "Grozny", "RU", None,
     (43.31, 45.69)),
    # a known place after a direction word, whatever NER said (here: a language)
    ("Airstrikes pounded rebel positions in southern Aleppo.", "Aleppo", "SY", None, (36.20, 37.16)),
]


@pytest.mark.parametrize(("sentence", "toponym", "country", "geonameid", "point"), CASES)
def test_geocode_real_sentences(geocode, sentence, toponym, country, geonameid, point):
    mention = find(geocode(sentence), toponym)
    assert mention.place.country_code == country
    if geonameid is not None:
        assert mention.place.geonameid == geonameid
    if point is not None:
        assert km(mention.place.lat, mention.place.lon, *point) <= 50


@pytest.mark.parametrize(
    ("sentence", "not_places"),
    [
        ("Mr. Smith said March would be busy for Chase Bank.", {"March", "Chase"}),  # capitalised, not places
        ("Islamic Jihad in Palestine said its fighters were ready.", {"Palestine"}),  # part of an organisation
        ("The New York Times reported the story.", {"New York"}),
    ],
)
def test_non_places_are_not_toponyms(geocode, sentence, not_places):
    texts = {m.text for m in geocode(sentence)}
    assert not texts & not_places, texts


def test_ambiguity_lowers_confidence(geocode):
    tripoli = find(geocode("Clashes in Tripoli killed ten people, Lebanese officials in Beirut said."), "Tripoli")
    tehran = find(geocode("Protesters gathered in Tehran."), "Tehran")
    assert tripoli.confidence < tehran.confidence


def test_example_article(parser, geocoder):
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    mentions = geocoder.geocode(parser.parse(make_article(text)))
    by_text = {m.text: m.place for m in mentions}
    assert by_text["Gaza Strip"].country_code == "PS" and by_text["Gaza Strip"].feature_class == "L"
    assert by_text["Tehran"].geonameid == 112931
    assert (by_text["Iran"].country_code, by_text["Iran"].feature_class) == ("IR", "A")
    assert by_text["Israel"].country_code == "IL"  # also where Israel is an actor: the events stage decides roles
    assert by_text["Jerusalem"].geonameid == 281184
    assert by_text["Gaza"].geonameid == 281133
    assert "Palestine" not in by_text  # "Islamic Jihad in Palestine" is an organisation
    assert by_text["Egyptian"].country_code == "EG"  # demonyms are toponyms, as in the geo gold sets


def test_resolve_given_spans(parser, geocoder):
    text = "Officials in Tripoli and Beirut disagreed."
    parsed = parser.parse(make_article(text))
    spans = [(text.index(name), text.index(name) + len(name)) for name in ("Tripoli", "Beirut")]
    tripoli, _beirut = geocoder.resolve(parsed, spans)
    assert tripoli.place.country_code == "LB"


def test_the_places_stage_does_not_import_spacy():
    import ast

    for path in Path(__file__).resolve().parents[1].joinpath("src", "eventdesk", "places").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(m.split(".")[0] == "spacy" or m.startswith("eventdesk.nlp") for m in modules), path


@pytest.mark.parametrize(
    ("sentence", "demonym", "country", "feature_class"),
    [
        ("Syrian and Iranian officials met Egyptian mediators.", "Syrian", "SY", "A"),
        ("Syrian and Iranian officials met Egyptian mediators.", "Egyptian", "EG", "A"),
        ("Thousands of Palestinians marched on Friday.", "Palestinians", "PS", "A"),
        ("European leaders met in Brussels.", "European", None, "L"),
    ],
)
def test_demonyms_are_toponyms_of_their_country(geocode, sentence, demonym, country, feature_class):
    mention = find(geocode(sentence), demonym)
    assert (mention.place.country_code, mention.place.feature_class) == (country, feature_class)


def test_a_demonym_alone_is_not_a_place_name(geocode):
    """Only a NORP entity is read as a demonym: "Chinese" the language is no toponym."""
    assert "Chinese" not in {m.text for m in geocode("The report was written in Chinese and translated.")}


def test_a_demonym_pointing_nowhere_is_a_data_file_error(tmp_path: Path):
    bad = tmp_path / "demonyms.tsv"
    bad.write_text("demonym\tkind\ttarget\nAtlantean\tcountry\tXX\n", encoding="utf-8")
    builder = GazetteerBuilder()
    with pytest.raises(DataFileError, match=r"demonyms\.tsv:2"):
        builder._load_demonyms(bad)


def test_lower_case_machine_transliterations_are_not_names(gazetteer):
    # GeoNames lists "tarin" and "talin" among Tallinn's alternate names; a news text's "Tarin Kot" is not Tallinn
    assert all(place.name != "Tallinn" for place in gazetteer.lookup("Tarin"))
    assert gazetteer.lookup("Tallin")[0].name == "Tallinn"  # a written alternate (capitalised) is kept
