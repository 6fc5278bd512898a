"""Rank the candidate places of an article's toponyms in the article's context.

A candidate's score (:func:`_score`) is its context-free prior (population, kind: country / capital /
division / region, own name vs alternate name; see :attr:`Entry.prior`) plus what the other toponyms
of the article say:

- the article's **main country** (the country most of the other names are in) and each country's share;
- the share of the other names in the candidate's **province** (admin1);
- **spatial minimality**: how near the candidate (a town or province under its own name) lies to the
  nearest place named unambiguously elsewhere in the article (a town, province or region, not a
  country), so "Middletown" beside "Newburgh" is the New York one;
- "Town, State" / "Town, Country" pairs restrict the town to places inside the container;
- among the readings in the best one's country, the provinces the other names *could* lie in (each name's
  vote split among its readings' provinces): towns and US counties named in several states are read in
  the state they share ("New London", "Mount Pleasant", "Winfield": Iowa).

A US county (the sources name it with its state but give it no point) is placed at the town of its state
the article names most, else at its state's point.

Context is built in two passes: first from the names unambiguous as to country, then from every name's
first reading; a name never counts as its own context. Weights were fixed by hand on the aggregate of
the geo dev sets, never per example.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventdesk.places.gazetteer import Entry, normalize_name
from eventdesk.records import Place

W_MAIN_COUNTRY = 1.2
W_COUNTRY_SHARE = 1.0
W_SAME_ADMIN1 = 1.6
W_POSSIBLE_ADMIN1 = 4.0
W_METRO_CITY = 1.5
W_NEAR = 1.2  # a candidate at another name's reading; falls off linearly to 0 at NEAR_KM
NEAR_KM = 250.0
W_DWARFED = 0.3  # a village beside a same-named town DWARFING_RATIO times its size loses its own-name bonus
SMALL_TOWN = 15_000
DWARFING_RATIO = 20
KM_PER_DEGREE = 111.2


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    forced: tuple[Entry, ...] = ()


def apply_containers(text: str, toponyms: list[Toponym]) -> None:
    """"Paris, Texas" / "Tehran, Iran" / "Dubbo (New South Wales)": restrict the town to places inside the state
    or country after it."""
    for town, container in itertools.pairwise(toponyms):
        if text[town.end:container.start].strip() not in (",", "("):
            continue
        pairs = [(t, c) for c in container.entries if c.kind in ("country", "division")
                 for t in town.entries if t.place is not c.place and inside(t, c)]
        if pairs:
            town.forced = tuple(dict.fromkeys(t for t, _ in pairs))
            container.forced = tuple(dict.fromkeys(c for _, c in pairs))


def inside(entry: Entry, container: Entry) -> bool:
    """The entry's place lies in the container's country, or in its province."""
    return lies_in(entry.place, container.place)


def lies_in(place: Place, outer: Place) -> bool:
    """``place`` lies in ``outer``: in its country (``outer`` has no province: a country), or in its province."""
    return place.country_code == outer.country_code and (outer.admin1 is None or outer.admin1 == place.admin1)


def choices(toponym: Toponym) -> tuple[Entry, ...]:
    return toponym.forced or toponym.entries


@dataclass(slots=True)
class Context:
    """What the article's toponyms say about where it is: counts of countries and of provinces (one vote
    per distinct name), and the points of the names read as towns, provinces or regions."""

    countries: Counter[str] = field(default_factory=Counter)
    provinces: Counter[tuple[str, str]] = field(default_factory=Counter)
    voters: dict[str, tuple[str | None, tuple[str, str] | None]] = field(default_factory=dict)
    points: dict[str, Place] = field(default_factory=dict)  # name -> its one place, where it is a town or province
    # name -> the provinces any of its town or province readings lie in (one name may have several)
    possible_provinces: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)

    @classmethod
    def from_readings(cls, readings: Sequence[tuple[Toponym, tuple[Entry, ...]]]) -> Context:
        context = cls()
        for toponym, entries in readings:
            key = normalize_name(toponym.text)
            if len(entries) == 1 and entries[0].kind in ("city", "division", "region") and not entries[0].demonym:
                context.points.setdefault(key, entries[0].place)
            codes = {e.place.country_code for e in entries}
            if key in context.voters or len(codes) != 1 or None in codes:
                continue
            code = codes.pop()
            provinces = {(e.place.country_code or "", e.place.admin1 or "") for e in entries if e.kind != "country"}
            province = provinces.pop() if len(provinces) == 1 else None
            if province is not None and not province[1]:
                province = None
            context.voters[key] = (code, province)
            context.countries[code or ""] += 1
            if province is not None:
                context.provinces[province] += 1
        return context

    def add_possible_provinces(self, toponyms: Sequence[Toponym]) -> None:
        for toponym in toponyms:
            provinces = frozenset((e.place.country_code, e.place.admin1) for e in choices(toponym)
                                  if e.kind in ("city", "division", "county") and not e.demonym
                                  and e.place.country_code and e.place.admin1)
            if provinces:
                self.possible_provinces.setdefault(normalize_name(toponym.text), provinces)

    def possible_shares(self, toponym: Toponym) -> dict[tuple[str, str], float]:
        """Province -> share of the article's other town, province or county names that could lie in it, each
        name's vote split among its provinces: "New London" beside "Mount Pleasant" and "Winfield", each the
        name of towns in several states, is the Iowa one, the one state all three have a town of."""
        own = normalize_name(toponym.text)
        others = [provinces for key, provinces in self.possible_provinces.items() if key != own]
        shares: dict[tuple[str, str], float] = {}
        for provinces in others:
            for province in provinces:
                shares[province] = shares.get(province, 0.0) + 1 / len(provinces) / len(others)
        return shares

    def main_country(self) -> str | None:
        counted = [(n, code) for code, n in self.countries.items() if code and n > 0]
        return max(counted)[1] if counted else None

    def shares(self, toponym: Toponym, place_country: str | None, province: tuple[str, str] | None,
               ) -> tuple[float, float, bool]:
        """(share of the other names in this country, share in this province, is it the main country)."""
        own_country, own_province = self.voters.get(normalize_name(toponym.text), (None, None))
        countries = self.countries.copy()
        provinces = self.provinces.copy()
        if own_country is not None:
            countries[own_country] -= 1
        if own_province is not None:
            provinces[own_province] -= 1
        total = sum(countries.values())
        if not total or place_country is None:
            return 0.0, 0.0, False
        main = max(countries.items(), key=lambda kv: kv[1])[0]
        province_share = provinces[province] / total if province is not None else 0.0
        return countries[place_country] / total, province_share, place_country == main and countries[main] > 0

    def nearest_km(self, toponym: Toponym, place: Place) -> float | None:
        """Distance from ``place`` to the nearest reading of another name of the article."""
        own = normalize_name(toponym.text)
        distances = [km(place, other) for key, other in self.points.items() if key != own and other is not place]
        return min(distances, default=None)


def km(a: Place, b: Place) -> float:
    """Approximate distance (equirectangular; good enough below a few hundred km)."""
    dlat = a.lat - b.lat
    dlon = (a.lon - b.lon + 180.0) % 360.0 - 180.0
    dlon *= math.cos(math.radians((a.lat + b.lat) / 2))
    return KM_PER_DEGREE * math.hypot(dlat, dlon)


def rank(toponym: Toponym, context: Context) -> list[tuple[float, Entry]]:
    candidates = choices(toponym)
    scored = sorted(((_score(e, toponym, candidates, context), e) for e in candidates), key=lambda pair: -pair[0])
    return _within_country(scored, toponym, context)


def _within_country(scored: list[tuple[float, Entry]], toponym: Toponym, context: Context,
                    ) -> list[tuple[float, Entry]]:
    """Among the readings of the best one's country and kind, the provinces the article's other names could lie
    in decide too. This never moves a name to another country or kind (a capital stays), nor to a town a
    twentieth the size of the best reading (Boston, Mass., not the village in New York)."""
    if not scored or scored[0][1].kind not in ("city", "division") or scored[0][1].capital:
        return scored
    best = scored[0][1]
    floor = best.place.population / DWARFING_RATIO
    shares = context.possible_shares(toponym)
    peers = [(score + W_POSSIBLE_ADMIN1 * shares.get(_province(entry), 0.0), entry)
             for score, entry in scored if entry.kind == best.kind and entry.place.population >= floor
             and entry.place.country_code == best.place.country_code and entry.place.admin1]
    if len(peers) < 2:
        return scored
    rest = [pair for pair in scored if all(pair[1] is not e for _, e in peers)]
    return sorted(peers, key=lambda pair: -pair[0]) + rest


def _province(entry: Entry) -> tuple[str, str]:
    return entry.place.country_code or "", entry.place.admin1 or ""


def _score(entry: Entry, toponym: Toponym, candidates: Sequence[Entry], context: Context) -> float:
    """Prior + context. A toponym's own name never counts as its own context."""
    place = entry.place
    province = (place.country_code or "", place.admin1) if place.admin1 and entry.kind != "country" else None
    country_share, province_share, is_main = context.shares(toponym, place.country_code, province)
    score = entry.prior
    score += W_MAIN_COUNTRY * is_main + W_COUNTRY_SHARE * country_share + W_SAME_ADMIN1 * province_share
    if entry.kind in ("city", "division") and entry.primary and len(candidates) > 1:
        near = context.nearest_km(toponym, place)
        if near is not None:
            score += W_NEAR * max(0.0, 1.0 - near / NEAR_KM)
    if entry.kind == "city" and not province_share and _dwarfed(place, candidates):
        score -= W_DWARFED
    if entry.kind == "city" and place.population >= 1_000_000 and any(  # "New York": the city, not the state
        e.kind == "division" and e.place.country_code == place.country_code and e.place.admin1 == place.admin1
        for e in candidates
    ):
        score += W_METRO_CITY
    return score


def _dwarfed(place: Place, candidates: Sequence[Entry]) -> bool:
    """A village whose name is another candidate's English name, that town many times its size: "Jenin"
    is the West Bank city (Janin, 35,000 people) before the Polish hamlet of that name. (Not asked when the
    article names other places in the village's province: "Franklin" among New Orleans streets.)"""
    return place.population < SMALL_TOWN and any(
        e.kind == "city" and e.place.population >= DWARFING_RATIO * max(place.population, 1) for e in candidates)


def resolve_all(toponyms: Sequence[Toponym]) -> tuple[list[tuple[Entry, float]], Context]:
    """Each toponym's best reading and its confidence (0.95 for a name with one candidate place, else
    0.5 + 0.5 * tanh(best - runner-up), at most 0.99), and the final context."""
    context = Context.from_readings([(t, choices(t)) for t in toponyms])  # pass 1: the unambiguous names
    context.add_possible_provinces(toponyms)
    first = [rank(t, context)[0][1] for t in toponyms]
    points = context.points  # spatial context: only the names with one candidate place, in both passes
    context = Context.from_readings([(t, (e,)) for t, e in zip(toponyms, first, strict=True)])  # pass 2
    context.points = points
    context.add_possible_provinces(toponyms)
    out = []
    for toponym in toponyms:
        scored = rank(toponym, context)
        best_score, best = scored[0]
        runner_up = next((s for s, e in scored[1:] if e.place is not best.place), None)
        confidence = 0.95 if runner_up is None else 0.5 + 0.5 * math.tanh(best_score - runner_up)
        out.append((best, round(min(confidence, 0.99), 3)))
    return _place_counties(out), context


def _place_counties(chosen: list[tuple[Entry, float]]) -> list[tuple[Entry, float]]:
    """A county (its sources give it no point; its place is its state's) goes to the town of its state the
    article names most, first named on a tie: "Henry County" beside "Paris" (Tenn.) is at Paris, a local
    paper's county seat or a town in it, well inside 161 km; with no such town it stays at the state's point."""
    towns = Counter(id(e.place) for e, _ in chosen if e.kind == "city")
    by_id = {id(e.place): e.place for e, _ in chosen if e.kind == "city"}
    placed: dict[int, Place] = {}  # one record per county in the article, as the gazetteer keeps one per place
    out = []
    for entry, confidence in chosen:
        county = entry.place
        if entry.kind == "county" and id(county) not in placed:
            inside = [n for n in towns if by_id[n].country_code == county.country_code
                      and by_id[n].admin1 == county.admin1]
            town = by_id[max(inside, key=lambda n: towns[n])] if inside else None  # max keeps the first of equals
            placed[id(county)] = county if town is None else dataclasses.replace(county, lat=town.lat, lon=town.lon)
        out.append((entry._replace(place=placed[id(county)]) if entry.kind == "county" else entry, confidence))
    return out


def focus(readings: Sequence[tuple[Toponym, Entry]], main_country: str | None) -> Place | None:
    """Where the article is, finer than its country: in the main country, the town named most often in its
    most-named province (else that province). A name the gazetteer lacks (a street, a county, a suburb) is
    most likely there."""
    inside = [(t, e) for t, e in readings if e.place.country_code == main_country and not e.demonym
              and e.kind in ("city", "division", "region") and e.place.admin1]
    if not inside:
        return None
    provinces = Counter(e.place.admin1 for _, e in inside)
    province, _ = provinces.most_common(1)[0]
    towns = Counter(id(e.place) for _, e in inside if e.place.admin1 == province and e.kind == "city")
    by_id = {id(e.place): e.place for _, e in inside}
    if towns:
        return by_id[towns.most_common(1)[0][0]]
    return next(e.place for _, e in inside if e.place.admin1 == province)
