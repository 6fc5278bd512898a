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
from typing import Any, Protocol

from eventdesk.dedup import fingerprint_text
from eventdesk.errors import StoreError
from eventdesk.export import coded_article_to_dict
from eventdesk.records import CodedArticle
from eventdesk.store.base import EventFilter, Mention, StoredEvent
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
SELECT_EVENT = ("SELECT e.id, e.article_id, a.title, e.record, e.num_mentions, e.num_sources, e.num_articles, "
                "e.sort_key, a.url, a.coded_at FROM events e LEFT JOIN articles a ON a.id = e.article_id")


LIKE_ESCAPE = "ESCAPE '\\'"


def containing(text: str) -> str:
    """A LIKE pattern (with ``LIKE_ESCAPE``) for values containing ``text`` as it is: its ``%``,
    ``_`` and backslashes match themselves, not anything."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
        try:
            with self._transaction():
                self._replace_article(coded.id, row, article.title, article.text, record["events"])
        except StoreError as err:
            raise StoreError(f"{err} while storing article {coded.id!r}; nothing of it was stored") from None

    def _replace_article(self, article_id: str, row: tuple[Any, ...], title: str | None, text: str,
                         events: list[dict[str, Any]]) -> None:
        """The article's new row and mentions, in place of its old ones (inside a transaction)."""
        affected = {r[0] for r in self._run("SELECT DISTINCT event_id FROM mentions WHERE article_id = ?",
                                            (article_id,)).fetchall()}
        self._run("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        self._upsert_article(row)
        self._index_text(article_id, title, text)
        for event_json in events:
            affected.add(self.attach_mention(article_id, event_json))
        for event_id in sorted(affected):
            self.refresh_event(event_id)

    def _upsert_article(self, row: tuple[Any, ...]) -> None:
        names = ", ".join(ARTICLE_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLUMNS[1:])
        self._run(f"INSERT INTO articles ({names}) VALUES ({', '.join('?' * len(row))}) "
                  f"ON CONFLICT (id) DO UPDATE SET {updates}", row)

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
            self._run("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
            self._run("DELETE FROM events WHERE id = ?", (event_id,))
            return
        counts = self._run("SELECT count(*), count(DISTINCT a.source_key), count(DISTINCT m.article_id) "
                           "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?",
                           (event_id,)).fetchone()
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

    # ------------------------------------------------------------------ reading

    def has_input(self, article_id: str, input_hash: str) -> bool:
        row = self._run("SELECT input_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None and row[0] == input_hash

    def events(self, query: EventFilter) -> Iterator[StoredEvent]:
        where, params = self._event_conditions(query)
        if query.after is not None:
            where.append("e.sort_key < ?" if query.descending else "e.sort_key > ?")
            params.append(query.after)
        sql = SELECT_EVENT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY e.sort_key DESC" if query.descending else " ORDER BY e.sort_key"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit)
        for row in self._run(sql, params).fetchall():
            yield _stored_event(row)

    def event(self, event_id: str) -> StoredEvent | None:
        row = self._run(SELECT_EVENT + " WHERE e.id = ? OR e.id = (SELECT m.event_id FROM mentions m WHERE m.id = ?)",
                        (event_id, event_id)).fetchone()
        if row is None:
            return None
        mentions = self._run(
            f"SELECT m.{', m.'.join(MENTION_COLUMNS)}, m.article_id, a.source_key FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? ORDER BY m.seq", (row[0],)).fetchall()
        return _stored_event(row, tuple(_mention(m) for m in mentions))

    def _event_conditions(self, query: EventFilter) -> tuple[list[str], list[Any]]:
        """The WHERE conditions of a filter; every value is a bound parameter."""
        where: list[str] = []
        params: list[Any] = []
        simple = (("e.event = ?", query.event and query.event.upper()),
                  ("e.date >= ?", query.since and query.since.isoformat()),
                  ("e.date <= ?", query.until and query.until.isoformat()),
                  ("e.cameo LIKE ?", query.cameo and query.cameo.strip().replace("%", "").replace("_", "") + "%"),
                  ("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.article_id = ?)", query.article_id),
                  ("EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = e.id AND p.country = ?)",
                   query.country and query.country.upper()))
        for condition, value in simple:
            if value:
                where.append(condition)
                params.append(value)
        if query.actor:
            where.append("EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = e.id AND "
                         f"(lower(p.name) LIKE ? {LIKE_ESCAPE} OR lower(p.entity_text) LIKE ? {LIKE_ESCAPE} "
                         "OR upper(p.code) = ?))")
            needle = containing(query.actor.lower())
            params.extend([needle, needle, query.actor.upper()])
        if query.bbox is not None:
            where.append("e.lon >= ? AND e.lat >= ? AND e.lon <= ? AND e.lat <= ?")
            params.extend(query.bbox)
        if query.text:
            articles, value = self._text_condition(query.text)
            where.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.article_id IN ({articles}))")
            params.append(value)
        return where, params

    def count(self) -> tuple[int, int]:
        articles = self._run("SELECT count(*) FROM articles").fetchone()[0]
        events = self._run("SELECT count(*) FROM events").fetchone()[0]
        return int(articles), int(events)


def _stored_event(row: Any, mentions: tuple[Mention, ...] = ()) -> StoredEvent:
    event_id, article_id, title, record, num_mentions, num_sources, num_articles, key, url, coded_at = row
    return StoredEvent(article_id=article_id, article_title=title, record=json.loads(record), event_id=event_id,
                       num_mentions=int(num_mentions), num_sources=int(num_sources), num_articles=int(num_articles),
                       mentions=mentions, sort_key=key, article_url=url,
                       coded_at=dt.datetime.fromisoformat(coded_at) if coded_at else None)


def _mention(row: Any) -> Mention:
    mention_id, date, s_start, s_end, trigger, t_start, t_end, confidence, article_id, source = row
    return Mention(id=mention_id, article_id=article_id, source=source,
                   date=dt.date.fromisoformat(date) if date else None, sentence_start=int(s_start),
                   sentence_end=int(s_end), trigger=trigger, trigger_start=int(t_start), trigger_end=int(t_end),
                   confidence=float(confidence))
