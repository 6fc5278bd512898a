"""How an ``EventFilter`` becomes SQL that answers a page of 100 in milliseconds on a million events.

Events are listed by ``sort_key`` (one indexed column), so a filter is cheap when matching
events are common: the database walks the sort index and checks each event until the page is
full. It is slow when they are rare: the walk passes most of the table. So each filter with an
index of its own (actor names and codes, countries, full text, bounding box) is first *counted*
up to ``drive_limit`` (2,000) through that index:

- fewer matches than that: the filter *drives* — ``e.id IN (the matching events)`` — and the
  database sorts those few;
- more, and one actor term (a code, a country, a name): the walk follows ``event_terms`` by
  that term and sort key, which visits only that term's events, in order;
- more, and several terms: the filter is a per-event check (``EXISTS``) on the walk.

Actor names, entity texts, codes and countries are looked up in ``actor_terms`` (one row per
distinct lower-cased term; on PostgreSQL a pg_trgm index serves the substring match) and
``event_terms`` (term → event, with the event's sort key). Date ranges become a range of the
sort key itself.
"""

from __future__ import annotations

from typing import Any

from eventdesk.store.base import EventFilter
from eventdesk.store.sql import SqlStore


class FilteringStore(SqlStore):
    """``SqlStore`` whose event filters are planned by how many events each matches."""

    drive_limit = 2_000  # a filter matching fewer events than this drives the query

    def _text_check(self, text: str) -> tuple[str, Any]:
        """A condition on the article ``a`` true when it holds every word, and its parameter."""
        raise NotImplementedError

    def _driven(self, subquery: str) -> str:
        """``e.id`` among the (few) ids the subquery selects, looked up one by one."""
        return f"e.id IN ({subquery})"

    def _bbox_condition(self, alias: str) -> str:
        """The bounding-box test on an events alias, four parameters: min lon, min lat, max lon, max lat."""
        return f"{alias}.lon >= ? AND {alias}.lat >= ? AND {alias}.lon <= ? AND {alias}.lat <= ?"

    def _event_conditions(self, query: EventFilter) -> tuple[list[str], list[Any]]:
        """The WHERE conditions of a filter; every value is a bound parameter."""
        where, params, _ = self._plan(query, walk=False)
        return where, params

    def _plan(self, query: EventFilter, *, walk: bool) -> tuple[list[str], list[Any], int | None]:
        """The conditions, their parameters, and (``walk``) the one actor term whose events to walk
        in sort order (``event_terms`` by term and sort key) instead of walking every event."""
        where: list[str] = []
        params: list[Any] = []
        simple = (("e.event = ?", query.event and query.event.upper()),
                  ("e.date >= ? AND e.sort_key >= ?", query.since and (query.since.isoformat(),) * 2),
                  ("e.date <= ? AND e.sort_key < ?", query.until and (query.until.isoformat(),
                                                                       query.until.isoformat() + "}")),
                  ("e.cameo >= ? AND e.cameo < ?", _prefix_range(query.cameo)),
                  ("e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id = ?)", query.article_id and
                   (query.article_id,)))
        for condition, values in simple:
            if values:
                where.append(condition)
                params.extend(values if isinstance(values, tuple) else (values,))
        walked: int | None = None
        if query.actor:
            walked = self._term_condition(where, params, "(kind = 'n' AND term LIKE ? ESCAPE '!') OR (kind = 'c' AND "
                                          "term = lower(?))", ["%" + _escape_like(query.actor.lower()) + "%",
                                                               query.actor], walk=walk)
        if query.country:
            walked = self._term_condition(where, params, "kind = 'k' AND term = lower(?)", [query.country],
                                          walk=walk and walked is None) or walked
        if query.bbox is not None:
            self._bbox(where, params, query.bbox)
        if query.text:
            self._text(where, params, query.text)
        return where, params, walked

    def _term_condition(self, where: list[str], params: list[Any], match: str, values: list[Any], *,
                        walk: bool) -> int | None:
        """Add the condition; return the term id instead when its events are to be walked."""
        ids = [int(r[0]) for r in self._run(f"SELECT id FROM actor_terms WHERE {match}", values).fetchall()]
        if not ids:
            where.append("1 = 0")
            return None
        marks = ", ".join("?" * len(ids))
        if self._few(f"SELECT 1 FROM event_terms WHERE term_id IN ({marks})", ids):
            where.append(self._driven(f"SELECT event_id FROM event_terms WHERE term_id IN ({marks})"))
        elif walk and len(ids) == 1:
            return ids[0]
        else:
            where.append(f"EXISTS (SELECT 1 FROM event_terms t WHERE t.event_id = e.id AND t.term_id IN ({marks}))")
        params.extend(ids)
        return None

    def _bbox(self, where: list[str], params: list[Any], bbox: tuple[float, float, float, float]) -> None:
        if self._few(f"SELECT 1 FROM events b WHERE {self._bbox_condition('b')}", list(bbox)):
            where.append(self._driven(f"SELECT b.id FROM events b WHERE {self._bbox_condition('b')}"))
        else:
            where.append(self._bbox_condition("e"))
        params.extend(bbox)

    def _text(self, where: list[str], params: list[Any], text: str) -> None:
        articles, value = self._text_condition(text)
        if self._few(articles, [value]):
            where.append(self._driven(f"SELECT m.event_id FROM mentions m WHERE m.article_id IN ({articles})"))
        else:
            check, value = self._text_check(text)
            where.append("EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id "
                         f"WHERE m.event_id = e.id AND {check})")
        params.append(value)

    def _few(self, sql: str, params: list[Any]) -> bool:
        """True when the query has fewer than ``drive_limit`` rows (counted no further)."""
        row = self._run(f"SELECT count(*) FROM ({sql} LIMIT {int(self.drive_limit)}) few", params).fetchone()
        return int(row[0]) < self.drive_limit


def _prefix_range(prefix: str | None) -> tuple[str, str] | None:
    """``[prefix, next prefix)``: the codes that start with it, as an index range."""
    cleaned = (prefix or "").strip()
    if not cleaned:
        return None
    return cleaned, cleaned[:-1] + chr(ord(cleaned[-1]) + 1)


def _escape_like(text: str) -> str:
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")
