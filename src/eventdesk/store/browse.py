"""Listings and counts over a store (articles, actors, statistics), shared by both backends."""

from __future__ import annotations

import json
from typing import Any

from eventdesk.store.base import (
    ActorCount,
    ActorLink,
    ArticleSummary,
    DayCount,
    EventFilter,
    EventStats,
    StoredArticle,
)
from eventdesk.store.filters import FilteringStore
from eventdesk.store.sql import LIKE_ESCAPE, containing


class BrowsingStore(FilteringStore):
    """``FilteringStore`` plus the listings the HTTP API serves."""

    def articles(self, *, text: str | None = None, after: str | None = None, limit: int = 100) -> list[ArticleSummary]:
        where: list[str] = []
        params: list[Any] = []
        if text:
            articles, value = self._text_condition(text)
            where.append(f"a.id IN ({articles})")
            params.append(value)
        if after is not None:
            where.append("a.id > ?")
            params.append(after)
        sql = ("SELECT a.id, a.source, a.url, a.title, a.published, a.coded_at, "
               "(SELECT count(*) FROM mentions m WHERE m.article_id = a.id) FROM articles a")
        sql += (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.id LIMIT ?"
        rows = self._run(sql, [*params, limit]).fetchall()
        return [ArticleSummary(id=r[0], source=r[1], url=r[2], title=r[3], published=r[4], coded_at=r[5],
                               num_mentions=int(r[6])) for r in rows]

    def actors(self, *, name: str | None = None, limit: int = 100) -> list[ActorCount]:
        sql = "SELECT p.name, p.code, p.country, count(DISTINCT p.event_id) AS n FROM event_actors p"
        params: list[Any] = []
        if name:
            sql += f" WHERE lower(p.name) LIKE ? {LIKE_ESCAPE} OR upper(p.code) = ?"
            params.extend([containing(name.lower()), name.upper()])
        sql += " GROUP BY p.name, p.code, p.country ORDER BY n DESC, p.name LIMIT ?"
        rows = self._run(sql, [*params, limit]).fetchall()
        return [ActorCount(name=r[0], code=r[1], country=r[2], num_events=int(r[3])) for r in rows]

    def stats(self, query: EventFilter) -> EventStats:
        where, params = self._event_conditions(query)
        condition = " WHERE " + " AND ".join(where) if where else ""

        def grouped(column: str) -> list[tuple[Any, int]]:
            sql = (f"SELECT {column}, count(*) FROM events e{condition} GROUP BY {column} "
                   f"ORDER BY {column} IS NULL, {column}")
            return [(key, int(n)) for key, n in self._run(sql, params).fetchall()]

        by_day = grouped("e.date")
        articles = int(self._run("SELECT count(*) FROM articles").fetchone()[0])
        return EventStats(
            articles=articles, events=sum(n for _, n in by_day),
            by_day=tuple((day or "undated", n) for day, n in by_day),
            by_category=tuple(grouped("e.event")),
            by_country=tuple((country or "unknown", n) for country, n in grouped("e.country_code")),
            by_quad_class=tuple((int(quad), n) for quad, n in grouped("e.quad_code")),
        )

    def article(self, article_id: str) -> StoredArticle | None:
        row = self._run("SELECT id, source, url, title, published, language, text, record, coded_at FROM articles "
                        "WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return StoredArticle(id=row[0], source=row[1], url=row[2], title=row[3], published=row[4], language=row[5],
                             text=row[6], record=json.loads(row[7]), coded_at=row[8])

    def timeline(self, query: EventFilter) -> list[DayCount]:
        where, params = self._event_conditions(query)
        condition = " WHERE " + " AND ".join(where) if where else ""
        rows = self._run(f"SELECT e.date, e.quad_code, count(*) FROM events e{condition} "
                         "GROUP BY e.date, e.quad_code ORDER BY e.date IS NULL, e.date, e.quad_code", params).fetchall()
        return [DayCount(day=r[0], quad_class=int(r[1]), num_events=int(r[2])) for r in rows]

    def links(self, query: EventFilter, *, limit: int = 200) -> list[ActorLink]:
        where, params = self._event_conditions(query)
        condition = " AND " + " AND ".join(where) if where else ""
        sql = ("SELECT s.name, s.code, t.name, t.code, e.quad_code, count(DISTINCT e.id) AS n FROM events e "
               "JOIN event_actors s ON s.event_id = e.id AND s.role = 'actor' "
               "JOIN event_actors t ON t.event_id = e.id AND t.role = 'recipient' "
               f"WHERE s.name <> t.name{condition} GROUP BY s.name, s.code, t.name, t.code, e.quad_code "
               "ORDER BY n DESC, s.name, t.name, e.quad_code LIMIT ?")
        rows = self._run(sql, [*params, limit]).fetchall()
        return [ActorLink(actor=r[0], actor_code=r[1], recipient=r[2], recipient_code=r[3], quad_class=int(r[4]),
                          num_events=int(r[5])) for r in rows]
