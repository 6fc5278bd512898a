"""What SQLite and PostgreSQL share: saving an article's reports into events, and reading back.

A backend supplies the connection (``_run``, ``_run_many``, ``_transaction``), its full-text
search (``_index_text``, ``_text_condition``) and its migrations; SQL here uses ``?`` and
only syntax both databases accept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from eventdesk.dedup import fingerprint_text
from eventdesk.dedup.near import band_keys, minhash, signature_bytes
from eventdesk.errors import StoreError
from eventdesk.export import coded_article_to_dict
from eventdesk.records import CodedArticle
from eventdesk.store.base import ArticleSource, EventFilter, Mention, StoredEvent
from eventdesk.store.reports import (
    EVENT_COLUMNS,
    JsonDict,
    event_columns,
    match_key,
    mention_columns,
    neighbour_dates,
    participant_rows,
    source_key,
)

ARTICLE_COLUMNS = ("id", "source", "url", "title", "published", "language", "text", "fingerprint", "input_hash",
                   "record", "coded_at", "source_key")
MENTION_COLUMNS = ("id", "date", "sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end",
                   "confidence")
SOURCE_COLUMNS = ("item_id", "article_id", "source", "url", "site", "title", "published", "fetched", "input_hash",
                  "added_at")
PAGE_ROWS = 1000  # a listing up to this long is found by id first; a longer one streams in batches this long
# The terms an actor or recipient is found by (actor_terms.kind, the event_actors column).
TERMS = (("n", "name"), ("n", "entity_text"), ("c", "code"), ("k", "country"))
SELECT_EVENT = ("SELECT e.id, e.article_id, a.title, e.record, e.num_mentions, e.num_sources, e.num_articles, "
                "e.sort_key, a.url, a.coded_at FROM events e LEFT JOIN articles a ON a.id = e.article_id")


LIKE_ESCAPE = "ESCAPE '\\'"


def containing(text: str) -> str:
    """A LIKE pattern (with ``LIKE_ESCAPE``) for values containing ``text`` as it is: its ``%``,
    ``_`` and backslashes match themselves, not anything."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass(slots=True)
class Plan:
    """How a query finds its events: its conditions and, when a term's events are walked in sort
    order (``event_terms`` by term and sort key), that term (``filters.FilteringStore``)."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    term: int | None = None
    codes: list[str] | None = None  # CAMEO codes whose events are walked each in sort order, then merged


class Rows(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class SqlStore:
    """The shared half of a backend; ``location`` names the database in error messages."""

    location: str

    def _run(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Rows:
        raise NotImplementedError

    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _index_text(self, article_id: str, title: str | None, text: str) -> None:
        """Keep the full-text index in step with ``articles`` (a no-op where the database does it)."""

    def _text_condition(self, text: str) -> tuple[str, Any]:
        """SQL selecting ``articles.id`` matching the words, and its one parameter."""
        raise NotImplementedError

    # ------------------------------------------------------------------ writing

    def save(self, coded: CodedArticle, *, input_hash: str) -> None:
        article = coded.article
        if article is None:
            raise StoreError(f"{coded.source}: an article that was skipped cannot be stored")
        record = coded_article_to_dict(coded)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        row = (coded.id, coded.source, article.url, article.title,
               article.published.isoformat() if article.published else None, article.language, article.text,
               fingerprint_text(article.text), input_hash, json.dumps(record, ensure_ascii=False), now,
               source_key(coded.source, article.url))
        own = ArticleSource(item_id=coded.id, article_id=coded.id, source=coded.source, url=article.url,
                            site=row[-1], title=article.title, published=article.published)
        try:
            with self._transaction():
                self._replace_article(own, row, article.text, record["events"], input_hash=input_hash)
        except StoreError as err:
            raise StoreError(f"{err} while storing article {coded.id!r}; nothing of it was stored") from None

    def _replace_article(self, own: ArticleSource, row: tuple[Any, ...], text: str, events: list[dict[str, Any]],
                         *, input_hash: str) -> None:
        """The article's new row, source and mentions, in place of its old ones (inside a transaction)."""
        article_id = own.article_id
        affected = {r[0] for r in self._run("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?",
                                            (article_id,)).fetchall()}
        self._run("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        self._upsert_article(row)
        self.keep_source(own, input_hash=input_hash)
        self._index_text(article_id, own.title, text)
        self.index_copies(article_id, text)
        for event_json in events:
            affected.add(self.attach_mention(article_id, event_json))
        for event_id in sorted(affected):
            self.refresh_event(event_id)

    def _upsert_article(self, row: tuple[Any, ...]) -> None:
        names = ", ".join(ARTICLE_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLUMNS[1:])
        self._run(f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))}) "
                  f"ON CONFLICT (id) DO UPDATE SET {updates}", row)

    def keep_source(self, source: ArticleSource, *, input_hash: str) -> None:
        """Record (or update) one source of a stored article (``added_at`` orders them)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        row = (source.item_id, source.article_id, source.source, source.url, source.site, source.title,
               source.published and source.published.isoformat(), source.fetched and source.fetched.isoformat(),
               input_hash, now)
        updates = ", ".join(f"{c} = excluded.{c}" for c in SOURCE_COLUMNS[1:])
        self._run(f"INSERT INTO article_sources ({', '.join(SOURCE_COLUMNS)}) VALUES ({', '.join('?' * len(row))}) "
                  f"ON CONFLICT (item_id) DO UPDATE SET {updates}", row)

    def index_copies(self, article_id: str, text: str) -> None:
        """Keep the article's MinHash signature and LSH band keys, so later copies find it."""
        signature = minhash(text)
        self._run("UPDATE articles SET minhash = ? WHERE id = ?", (signature_bytes(signature), article_id))
        self._run("DELETE FROM article_bands WHERE article_id = ?", (article_id,))
        self._run_many("INSERT INTO article_bands (hash, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       [(key, article_id) for key in band_keys(signature)])

    def index_unindexed_copies(self) -> None:
        """Index the articles stored before signatures were kept (a migration's last step)."""
        for article_id, text in self._run("SELECT id, text FROM articles WHERE minhash IS NULL").fetchall():
            self.index_copies(article_id, text)

    def index_terms(self, where: str, params: list[Any]) -> None:
        """Fill ``actor_terms`` and ``event_terms`` from the ``event_actors`` rows ``p`` selected by ``where``
        (``event_terms`` in one statement, sorted by its key: a bulk fill appends to its B-tree)."""
        for kind, column in TERMS:
            self._run(f"INSERT INTO actor_terms (kind, term) SELECT DISTINCT '{kind}', lower(p.{column}) "
                      f"FROM event_actors p WHERE {where} AND p.{column} IS NOT NULL ON CONFLICT DO NOTHING", params)
        found = " UNION ".join(f"SELECT t.id AS term_id, p.event_id FROM event_actors p JOIN actor_terms t "
                               f"ON t.kind = '{kind}' AND t.term = lower(p.{column}) WHERE {where}"
                               for kind, column in TERMS)
        self._run("INSERT INTO event_terms (term_id, sort_key, event_id, event, cameo, lon, lat) "
                  f"SELECT x.term_id, e.sort_key, e.id, e.event, e.cameo, e.lon, e.lat FROM ({found}) x "
                  "JOIN events e ON e.id = x.event_id ORDER BY x.term_id, e.sort_key, e.id ON CONFLICT DO NOTHING",
                  params * len(TERMS))

    def attach_mention(self, article_id: str, record: JsonDict) -> str:
        """Add one report to its event (made if new); returns the event's id. Counts wait for
        ``refresh_event``."""
        key = match_key(record)
        event_id = self._find_event(key, record["date"])
        if event_id is None:
            event_id = self._free_event_id(record["id"])
            columns = ", ".join(("id", "match_key", "article_id", "record", *EVENT_COLUMNS))
            values = (event_id, key, article_id, json.dumps(record, ensure_ascii=False),
                      *event_columns(record, event_id=event_id, article_id=article_id))
            self._run(f"INSERT INTO events ({columns}, num_mentions, num_sources, num_articles) "
                      f"VALUES ({', '.join('?' * len(values))}, 0, 0, 0)", values)
        values = (*mention_columns(record), event_id, article_id, json.dumps(record, ensure_ascii=False))
        columns = ", ".join((*MENTION_COLUMNS, "event_id", "article_id", "record"))
        self._run(f"INSERT INTO mentions ({columns}) VALUES ({', '.join('?' * len(values))})", values)
        return event_id

    def _find_event(self, key: str, date: str | None) -> str | None:
        if date is None:
            row = self._run("SELECT id FROM events WHERE match_key = ? AND date IS NULL ORDER BY id LIMIT 1",
                            (key,)).fetchone()
            return None if row is None else str(row[0])
        days = neighbour_dates(date)
        found = {d: i for i, d in self._run("SELECT id, date FROM events WHERE match_key = ? AND date IN (?, ?, ?) "
                                            "ORDER BY id", (key, *days)).fetchall()[::-1]}
        return next((found[day] for day in days if day in found), None)

    def _free_event_id(self, wanted: str) -> str:
        candidate = wanted
        for attempt in range(1, 1000):
            if self._run("SELECT 1 FROM events WHERE id = ?", (candidate,)).fetchone() is None:
                return candidate
            candidate = f"{wanted}-{hashlib.sha1(f'{wanted}/{attempt}'.encode()).hexdigest()[:6]}"
        raise StoreError(f"{self.location}: no free id for event {wanted!r}")

    def refresh_event(self, event_id: str) -> None:
        """Recount an event's reports and show its first one; an event left without reports goes."""
        first = self._run("SELECT article_id, record FROM mentions WHERE event_id = ? ORDER BY seq LIMIT 1",
                          (event_id,)).fetchone()
        if first is None:
            self._run("DELETE FROM event_terms WHERE event_id = ?", (event_id,))
            self._run("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
            self._run("DELETE FROM events WHERE id = ?", (event_id,))
            return
        counts = self._run("SELECT count(*), (SELECT count(DISTINCT s.site) FROM article_sources s WHERE s.article_id "
                           "IN (SELECT article_id FROM mentions WHERE event_id = ?)), count(DISTINCT m.article_id) "
                           "FROM mentions m WHERE m.event_id = ?", (event_id, event_id)).fetchone()
        record = json.loads(first[1])
        sets = ", ".join(f"{c} = ?" for c in ("article_id", "record", *EVENT_COLUMNS, "num_mentions",
                                               "num_sources", "num_articles"))
        self._run(f"UPDATE events SET {sets} WHERE id = ?",
                  (first[0], first[1], *event_columns(record, event_id=event_id, article_id=first[0]), *counts,
                   event_id))
        self._run("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
        rows = participant_rows(event_id, record)
        if rows:
            self._run_many("INSERT INTO event_actors (event_id, role, position, entity_text, name, code, country, "
                           "sector) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._run("DELETE FROM event_terms WHERE event_id = ?", (event_id,))
        self.index_terms("p.event_id = ?", [event_id])

    # ------------------------------------------------------------------ reading

    def has_input(self, article_id: str, input_hash: str) -> bool:
        row = self._run("SELECT input_hash FROM article_sources WHERE item_id = ?", (article_id,)).fetchone()
        return row is not None and row[0] == input_hash

    def events(self, query: EventFilter) -> Iterator[StoredEvent]:
        """A page (``limit`` up to ``PAGE_ROWS``) is found first by id alone, on the narrow
        ``events_walk`` index, and only its rows are read; a longer listing streams in batches."""
        page = query.limit is not None and query.limit <= PAGE_ROWS
        plan = self._plan(query, walk=page)
        alias = "t" if plan.term is not None else "e"
        where, params = list(plan.where), list(plan.params)
        if query.after is not None:
            where.append(f"{alias}.sort_key {'<' if query.descending else '>'} ?")
            params.append(query.after)
        order = " ORDER BY e.sort_key DESC" if query.descending else " ORDER BY e.sort_key"
        if page:
            assert query.limit is not None
            ids = [r[0] for r in self._run(*self._page_ids(plan, where, params, order, query.limit)).fetchall()]
            if ids:
                yield from self._with_sources(
                    self._run(f"{SELECT_EVENT} WHERE e.id IN ({', '.join('?' * len(ids))}){order}", ids).fetchall())
            return
        condition = " WHERE " + " AND ".join(where) if where else ""
        sql = SELECT_EVENT + condition + order + (" LIMIT ?" if query.limit is not None else "")
        batch: list[Any] = []
        for row in self._run(sql, [*params, query.limit] if query.limit is not None else params):
            batch.append(row)
            if len(batch) == PAGE_ROWS:
                yield from self._with_sources(batch)
                batch = []
        yield from self._with_sources(batch)

    def _page_ids(self, plan: Plan, where: list[str], params: list[Any], order: str,
                  limit: int) -> tuple[str, list[Any]]:
        """SQL (and its parameters) of a page's event ids in order: one term's ``event_terms`` rows,
        the events of each CAMEO code (``events_cameo_walk``, by code and sort key) merged, or the
        events in sort order, checked row by row until the page is full."""
        if plan.term is not None:  # the term's events in sort order, checked on its own rows
            condition = " AND ".join(["t.term_id = ?", *where])
            return (f"SELECT t.event_id FROM event_terms t WHERE {condition}{order.replace('e.', 't.')} LIMIT ?",
                    [plan.term, *params, limit])
        if plan.codes:  # each code's first page, in order from its index; the merge sorts a few hundred
            condition = " AND ".join(["e.cameo = ?", *where])
            arms = " UNION ALL ".join(f"SELECT * FROM (SELECT e.id, e.sort_key FROM events e WHERE {condition}"
                                      f"{order} LIMIT ?) w{n}" for n in range(len(plan.codes)))
            merged = [value for code in plan.codes for value in (code, *params, limit)]
            return f"SELECT e.id FROM ({arms}) e{order} LIMIT ?", [*merged, limit]
        condition = " WHERE " + " AND ".join(where) if where else ""
        return f"SELECT e.id FROM events e{condition}{order} LIMIT ?", [*params, limit]

    def _with_sources(self, rows: list[Any]) -> Iterator[StoredEvent]:
        urls = self._source_urls([row[0] for row in rows])
        for row in rows:
            yield _stored_event(row, source_urls=urls.get(row[0], ()))

    def _source_urls(self, event_ids: list[str]) -> dict[str, tuple[str, ...]]:
        """The URLs of every source of every article reporting each event, in one query."""
        if not event_ids:
            return {}
        found: dict[str, list[str]] = {}
        marks = ", ".join("?" * len(event_ids))
        sql = ("SELECT DISTINCT m.event_id, s.url FROM mentions m "
               "JOIN article_sources s ON s.article_id = m.article_id "
               f"WHERE m.event_id IN ({marks}) AND s.url IS NOT NULL ORDER BY m.event_id, s.url")
        for event_id, url in self._run(sql, event_ids).fetchall():
            found.setdefault(event_id, []).append(url)
        return {event_id: tuple(urls) for event_id, urls in found.items()}

    def event(self, event_id: str) -> StoredEvent | None:
        row = self._run(SELECT_EVENT + " WHERE e.id = ? OR e.id = (SELECT m.event_id FROM mentions m WHERE m.id = ?)",
                        (event_id, event_id)).fetchone()
        if row is None:
            return None
        mentions = self._run(
            f"SELECT m.{', m.'.join(MENTION_COLUMNS)}, m.article_id, a.source_key FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.seq", (row[0],)).fetchall()
        return _stored_event(row, tuple(_mention(m) for m in mentions), self._source_urls([row[0]]).get(row[0], ()))

    def _event_conditions(self, query: EventFilter) -> tuple[list[str], list[Any]]:
        """The WHERE conditions of a filter (``filters.FilteringStore``)."""
        raise NotImplementedError

    def _plan(self, query: EventFilter, *, walk: bool) -> Plan:
        """The conditions, parameters and the actor term to walk (``filters.FilteringStore``)."""
        raise NotImplementedError

    def count(self) -> tuple[int, int]:
        articles = self._run("SELECT count(*) FROM articles").fetchone()[0]
        events = self._run("SELECT count(*) FROM events").fetchone()[0]
        return int(articles), int(events)


def _stored_event(row: Any, mentions: tuple[Mention, ...] = (), source_urls: tuple[str, ...] = ()) -> StoredEvent:
    event_id, article_id, title, record, num_mentions, num_sources, num_articles, key, url, coded_at = row
    return StoredEvent(article_id=article_id, article_title=title, record=json.loads(record), event_id=event_id,
                       num_mentions=int(num_mentions), num_sources=int(num_sources), num_articles=int(num_articles),
                       mentions=mentions, sort_key=key, article_url=url, source_urls=source_urls,
                       coded_at=dt.datetime.fromisoformat(coded_at) if coded_at else None)


def _mention(row: Any) -> Mention:
    mention_id, date, s_start, s_end, trigger, t_start, t_end, confidence, article_id, source = row
    return Mention(id=mention_id, article_id=article_id, source=source,
                   date=dt.date.fromisoformat(date) if date else None, sentence_start=int(s_start),
                   sentence_end=int(s_end), trigger=trigger, trigger_start=int(t_start), trigger_end=int(t_end),
                   confidence=float(confidence))
