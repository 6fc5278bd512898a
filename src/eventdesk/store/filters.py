"""How an ``EventFilter`` becomes SQL that answers a page of 100 in milliseconds on a million events.

Events are listed by ``sort_key`` (one indexed column), so a filter is cheap when matching
events are common: the database walks the sort index and checks each event until the page is
full. It is slow when they are rare: the walk passes most of the table. So each filter with an
index of its own (actor names and codes, countries, full text, bounding box, CAMEO code or
prefix, an article) is first *counted* up to ``drive_limit`` (2,000) through that index, and
the page is planned from the counts:

- **drive**: the filter with the fewest matches, when fewer than the limit, selects the
  candidate events (``e.id IN (...)``) and every other filter is checked on those few, which
  the database then sorts;
- **walk a term**: else, when an actor or a country is one term (a code, a country, a single
  name), the walk follows ``event_terms`` by that term and sort key — only that term's events,
  in order — and checks the category, CAMEO code, dates and box on the columns ``event_terms``
  copies from each event, without reading the event (so actor + category + box, each common
  but rare together, costs one index range);
- **walk the CAMEO codes**: else, when a CAMEO code or prefix covers a few distinct codes, each
  code's events are read in sort order (``events_cameo_walk``, which covers the checked columns)
  up to a page each, and the few hundred ids merged;
- **walk the events**: else the walk follows the sort index (``events_event`` for a category)
  and checks each event.

Actor names, entity texts, codes and countries are looked up in ``actor_terms`` (one row per
distinct lower-cased term; on PostgreSQL a pg_trgm index serves the substring match) and
``event_terms`` (term → event, with the event's sort key, category, CAMEO code and point).
Date ranges become a range of the sort key itself (which starts with the date; undated last).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventdesk.store.base import EventFilter
from eventdesk.store.sql import Plan, SqlStore

WALKED = {"a": "t", "id": "t.event_id"}  # a condition's columns on the walked term's rows
EVENTS = {"a": "e", "id": "e.id"}  # ... on the events table


@dataclass(slots=True)
class Filter:
    """One filter of a query: its per-event check and, when it has an index, how to drive from it.

    SQL uses ``{a}`` for the alias holding the event's columns and ``{id}`` for its id."""

    check: str
    params: list[Any]
    drive: str | None = None  # a condition selecting the candidates through the filter's own index
    count: str | None = None  # SQL whose rows (counted up to the limit) are the candidates
    term: int | None = None  # the one actor term whose events can be walked in order
    codes: tuple[str, str] | None = None  # a CAMEO range whose codes' events can be walked in order
    limit: int | None = None  # drives below this many matches (else ``drive_limit``)


class FilteringStore(SqlStore):
    """``SqlStore`` whose event filters are planned by how many events each matches."""

    drive_limit = 2_000  # a filter matching fewer events than this drives the query
    walk_codes = 32  # a CAMEO code or prefix with at most this many codes is walked code by code
    box_drive_factor = 1.0  # the box drives below this many times ``drive_limit`` matches

    def _text_check(self, text: str) -> tuple[str, Any]:
        """A condition on the article ``a`` true when it holds every word, and its parameter."""
        raise NotImplementedError

    def _driven(self, subquery: str) -> str:
        """``{id}`` among the (few) ids the subquery selects, looked up one by one."""
        return f"{{id}} IN ({subquery})"

    def _checked(self, column: str) -> str:
        """A column as a per-event check that must not pick an index (SQLite: ``+column``)."""
        return column

    def _bbox_check(self) -> str:
        """The exact bounding-box test on ``{a}``, four parameters: min lon, min lat, max lon, max lat;
        no index serves it (the spatial index is the drive's), so it is checked along the walk."""
        return "{a}.lon >= ? AND {a}.lat >= ? AND {a}.lon <= ? AND {a}.lat <= ?"

    def _bbox_index(self) -> tuple[str, str]:
        """(a condition on ``{a}`` selecting the events in the box by the spatial index, SQL of their
        rows to count), each with the four box parameters."""
        raise NotImplementedError

    def _event_conditions(self, query: EventFilter) -> tuple[list[str], list[Any]]:
        """The WHERE conditions of a filter; every value is a bound parameter."""
        plan = self._plan(query, walk=False)
        return plan.where, plan.params

    def _plan(self, query: EventFilter, *, walk: bool) -> Plan:
        """Drive from the rarest indexed filter when it is rare enough, else walk one actor term's
        events (``walk``), else check every filter on each event."""
        filters = self._filters(query)
        if any(f.check == "1 = 0" for f in filters):
            return Plan(where=["1 = 0"])
        counted = [(self._count(f), n, f) for n, f in enumerate(filters) if f.count is not None]
        rare = min(((c, n, f) for c, n, f in counted if c < self._limit(f)), default=None,
                   key=lambda found: found[:2])
        driver = rare[2] if rare else None
        walked = next((f for f in filters if f.term is not None), None) if walk and driver is None else None
        coded = next((f for f in filters if f.codes is not None), None) if walk and driver is None else None
        plan = Plan(term=walked.term if walked else None,
                    codes=self._codes(coded.codes) if coded and coded.codes and not walked else None)
        names = WALKED if walked else EVENTS
        for f in filters:
            if f is walked:
                continue
            plan.where.append((f.drive if f is driver and f.drive else f.check).format(**names))
            plan.params.extend(f.params)
        return plan

    def _filters(self, query: EventFilter) -> list[Filter]:
        filters = [Filter(check, list(values)) for check, values in (
            ("{a}.event = ?", query.event and (query.event.upper(),)),
            ("{a}.sort_key >= ? AND {a}.sort_key < '~'", query.since and (query.since.isoformat(),)),
            ("{a}.sort_key < ?", query.until and (query.until.isoformat() + "}",)),
        ) if values]
        if query.cameo and query.cameo.strip():
            low, high = _prefix_range(query.cameo.strip())
            column = self._checked("{a}.cameo")
            filters.append(Filter(f"{column} >= ? AND {column} < ?", [low, high],
                                  drive=self._driven("SELECT c.id FROM events c WHERE c.cameo >= ? AND c.cameo < ?"),
                                  count="SELECT 1 FROM events c WHERE c.cameo >= ? AND c.cameo < ?",
                                  codes=(low, high)))
        if query.article_id:
            filters.append(Filter("{id} IN (SELECT m.event_id FROM mentions m WHERE m.article_id = ?)",
                                  [query.article_id], count="SELECT 1 FROM mentions m WHERE m.article_id = ?"))
        if query.actor:
            filters.append(self._term_filter("(kind = 'n' AND term LIKE ? ESCAPE '!') OR (kind = 'c' AND "
                                             "term = lower(?))",
                                             ["%" + _escape_like(query.actor.lower()) + "%", query.actor]))
        if query.country:
            filters.append(self._term_filter("kind = 'k' AND term = lower(?)", [query.country]))
        if query.bbox is not None:
            drive, count = self._bbox_index()
            filters.append(Filter(self._bbox_check(), list(query.bbox), drive=drive, count=count,
                                  limit=int(self.drive_limit * self.box_drive_factor)))
        if query.text:
            filters.append(self._text_filter(query.text))
        return filters

    def _term_filter(self, match: str, values: list[Any]) -> Filter:
        ids = [int(r[0]) for r in self._run(f"SELECT id FROM actor_terms WHERE {match}", values).fetchall()]
        if not ids:
            return Filter("1 = 0", [])
        marks = ", ".join("?" * len(ids))
        return Filter(f"EXISTS (SELECT 1 FROM event_terms x WHERE x.event_id = {{id}} AND x.term_id IN ({marks}))",
                      ids, drive=self._driven(f"SELECT x.event_id FROM event_terms x WHERE x.term_id IN ({marks})"),
                      count=f"SELECT 1 FROM event_terms x WHERE x.term_id IN ({marks})",
                      term=ids[0] if len(ids) == 1 else None)

    def _text_filter(self, text: str) -> Filter:
        articles, value = self._text_condition(text)
        check, _ = self._text_check(text)  # the same words as the search's
        return Filter("EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id "
                      f"WHERE m.event_id = {{id}} AND {check})", [value],
                      drive=self._driven(f"SELECT m.event_id FROM mentions m WHERE m.article_id IN ({articles})"),
                      count=articles)

    def _codes(self, codes: tuple[str, str]) -> list[str] | None:
        """The distinct CAMEO codes in the range, one index probe each (a loose index scan), when there
        are at most ``walk_codes`` of them: a page walks each one's events in order and merges them."""
        low, high = codes
        sql = ("WITH RECURSIVE c (code) AS (SELECT (SELECT cameo FROM events WHERE cameo >= ? AND cameo < ? "
               "ORDER BY cameo LIMIT 1) UNION ALL SELECT (SELECT cameo FROM events WHERE cameo > c.code AND cameo < ? "
               "ORDER BY cameo LIMIT 1) FROM c WHERE c.code IS NOT NULL) "
               f"SELECT code FROM c WHERE code IS NOT NULL LIMIT {int(self.walk_codes) + 1}")
        found = [str(row[0]) for row in self._run(sql, [low, high, high]).fetchall()]
        return found if 0 < len(found) <= self.walk_codes else None

    def _limit(self, found: Filter) -> int:
        return self.drive_limit if found.limit is None else found.limit

    def _count(self, found: Filter) -> int:
        """How many rows the filter's index gives, counted up to its drive limit."""
        row = self._run(f"SELECT count(*) FROM ({found.count} LIMIT {int(self._limit(found))}) few",
                        found.params).fetchone()
        return int(row[0])


def _prefix_range(prefix: str) -> tuple[str, str]:
    """``[prefix, next prefix)``: the codes that start with it, as an index range."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _escape_like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
