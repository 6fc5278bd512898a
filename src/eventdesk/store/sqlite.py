"""The embedded SQLite store (the default): one file, WAL, one transaction per article."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventdesk.dedup import fingerprint_text
from eventdesk.errors import StoreError
from eventdesk.export import coded_article_to_dict
from eventdesk.records import CodedArticle, Event, Participant
from eventdesk.store.base import EventFilter, StoredEvent

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    record TEXT NOT NULL,
    coded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date TEXT,
    event TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    quad_code INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    place TEXT,
    country_code TEXT,
    lat REAL,
    lon REAL,
    confidence REAL NOT NULL,
    sentence_start INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    entity_text TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    country TEXT,
    sector TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_event ON events(event);
CREATE INDEX IF NOT EXISTS event_actors_country ON event_actors(country);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles(fingerprint);
"""


class SqliteStore:
    """``SqliteStore.open(path)``; safe to re-run: saving an article replaces its old rows."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path) -> SqliteStore:
        try:
            if path.parent != Path():
                path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(SCHEMA)
            _check_version(connection, path)
        except sqlite3.Error as err:
            raise StoreError(f"{path}: cannot open the SQLite database ({err})") from None
        return cls(connection, path)

    def save(self, coded: CodedArticle, *, input_hash: str) -> None:
        article = coded.article
        if article is None:
            raise StoreError(f"{coded.source}: an article that was skipped cannot be stored")
        record = coded_article_to_dict(coded)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM events WHERE article_id = ?", (coded.id,))
            self._db.execute(
                "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (coded.id, coded.source, article.url, article.title,
                 article.published.isoformat() if article.published else None, article.language,
                 article.text, fingerprint_text(article.text), input_hash,
                 json.dumps(record, ensure_ascii=False), now),
            )
            for event, event_json in zip(coded.events, record["events"], strict=True):
                self._insert_event(coded.id, event, event_json)
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot store article {coded.id!r} ({err})") from None

    def _insert_event(self, article_id: str, event: Event, event_json: dict[str, Any]) -> None:
        loc = event.event_loc
        self._db.execute(
            "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event.id, article_id, event.date.isoformat() if event.date else None, event.type.event,
             event.type.mode, event.type.cameo, event.type.quad_code, event.type.goldstein,
             loc.resolved_place or loc.extracted_place if loc else None, loc.country_code if loc else None,
             loc.lat if loc else None, loc.lon if loc else None, event.confidence, event.sentence.start,
             json.dumps(event_json, ensure_ascii=False)),
        )
        for role, participants in (("actor", event.actor), ("recipient", event.recipient)):
            self._insert_participants(event.id, role, participants)

    def _insert_participants(self, event_id: str, role: str, participants: tuple[Participant, ...]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO event_actors VALUES (?,?,?,?,?,?,?,?)",
            [(event_id, role, position, p.entity_text, p.actor.name, p.actor.code, p.actor.country, p.actor.sector)
             for position, p in enumerate(participants)],
        )

    def has_input(self, article_id: str, input_hash: str) -> bool:
        row = self._db.execute("SELECT input_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None and row[0] == input_hash

    def events(self, query: EventFilter) -> Iterator[StoredEvent]:
        sql, params = _event_query(query)
        for article_id, title, url, coded_at, record in self._db.execute(sql, params):
            yield StoredEvent(article_id=article_id, article_title=title, record=json.loads(record), article_url=url,
                              coded_at=dt.datetime.fromisoformat(coded_at) if coded_at else None)

    def count(self) -> tuple[int, int]:
        articles = self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = self._db.execute("SELECT count(*) FROM events").fetchone()[0]
        return int(articles), int(events)

    def close(self) -> None:
        self._db.close()


def _event_query(query: EventFilter) -> tuple[str, list[Any]]:
    """Build the filtered SELECT; every value is a bound parameter."""
    where: list[str] = []
    params: list[Any] = []
    if query.event:
        where.append("e.event = ?")
        params.append(query.event.upper())
    if query.since:
        where.append("e.date >= ?")
        params.append(query.since.isoformat())
    if query.article_id:
        where.append("e.article_id = ?")
        params.append(query.article_id)
    if query.country:
        where.append("EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = e.id AND p.country = ?)")
        params.append(query.country.upper())
    if query.actor:
        where.append(
            "EXISTS (SELECT 1 FROM event_actors p WHERE p.event_id = e.id AND "
            "(lower(p.name) LIKE ? OR lower(p.entity_text) LIKE ? OR upper(p.code) = ?))"
        )
        needle = f"%{query.actor.lower()}%"
        params.extend([needle, needle, query.actor.upper()])
    sql = ("SELECT e.article_id, a.title, a.url, a.coded_at, e.record"
           " FROM events e JOIN articles a ON a.id = e.article_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date IS NULL, e.date, e.article_id, e.sentence_start, e.id"
    if query.limit is not None:
        sql += " LIMIT ?"
        params.append(query.limit)
    return sql, params


def _check_version(connection: sqlite3.Connection, path: Path) -> None:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    elif int(row[0]) > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer eventdesk (schema {row[0]} > {SCHEMA_VERSION}); upgrade eventdesk"
        )
