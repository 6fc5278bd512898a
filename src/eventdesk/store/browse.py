"""Listings and counts over a store (articles, actors, statistics), shared by both backends."""

from __future__ import annotations

from typing import Any

from eventdesk.store.base import ActorCount, ArticleSummary, EventFilter, EventStats
from eventdesk.store.filters import FilteringStore


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
            sql += " WHERE lower(p.name) LIKE ? OR upper(p.code) = ?"
            params.extend([f"%{name.lower()}%", name.upper()])
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
