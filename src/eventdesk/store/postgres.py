"""The PostgreSQL store (psycopg 3): the same tables and rules as SQLite, full-text search by a
GIN index over ``to_tsvector('english', text)``, and its own ordered migrations.

PostgreSQL support began at schema 2, so its first step creates schema 2 directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from eventdesk.errors import StoreError
from eventdesk.store.browse import BrowsingStore
from eventdesk.store.sql import Rows

try:
    import psycopg
except ImportError:  # pragma: no cover - the extra is not installed
    psycopg = None  # type: ignore[assignment]

SCHEMA_2 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, published TEXT, language TEXT,
    text TEXT NOT NULL, fingerprint TEXT NOT NULL, input_hash TEXT NOT NULL, record TEXT NOT NULL,
    coded_at TEXT NOT NULL, source_key TEXT NOT NULL DEFAULT ''
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, match_key TEXT NOT NULL, article_id TEXT NOT NULL, date TEXT, event TEXT NOT NULL,
    mode TEXT, cameo TEXT NOT NULL, quad_code INTEGER NOT NULL, goldstein DOUBLE PRECISION NOT NULL, place TEXT,
    geonameid BIGINT, country_code TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    confidence DOUBLE PRECISION NOT NULL, sentence_start INTEGER NOT NULL, record TEXT NOT NULL,
    sort_key TEXT COLLATE "C" NOT NULL, num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL
);
CREATE TABLE mentions (
    seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, date TEXT,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, trigger TEXT NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, confidence DOUBLE PRECISION NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')), position INTEGER NOT NULL,
    entity_text TEXT NOT NULL, name TEXT NOT NULL, code TEXT, country TEXT, sector TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX articles_fingerprint ON articles(fingerprint);
CREATE INDEX articles_text ON articles USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || text));
CREATE INDEX events_key ON events(match_key, date);
CREATE INDEX events_sort ON events(sort_key);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_event ON events(event, sort_key);
CREATE INDEX events_cameo ON events(cameo text_pattern_ops);
CREATE INDEX events_point ON events(lon, lat);
CREATE INDEX mentions_event ON mentions(event_id, seq);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX event_actors_country ON event_actors(country, event_id);
CREATE INDEX event_actors_code ON event_actors(code, event_id)
"""


class PostgresStore(BrowsingStore):
    """``PostgresStore.open("postgresql://user@host:port/db")``."""

    def __init__(self, connection: Any, url: str) -> None:
        self._db = connection
        self.location = url

    @classmethod
    def open(cls, url: str) -> PostgresStore:
        if psycopg is None:
            raise StoreError(f"{url}: PostgreSQL needs psycopg (pip install 'eventdesk[postgres]')")
        try:
            connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"{url}: cannot connect to PostgreSQL ({_one_line(err)})") from None
        store = cls(connection, url)
        store.migrate()
        return store

    def _run(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Rows:
        cursor: Rows = self._db.execute(sql.replace("?", "%s"), params)
        return cursor

    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            with self._db.transaction():
                yield
        except psycopg.Error as err:
            raise StoreError(f"{self.location}: cannot write ({_one_line(err)})") from None

    def _text_condition(self, text: str) -> tuple[str, Any]:
        return ("SELECT id FROM articles WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) "
                "@@ plainto_tsquery('english', ?)", " ".join(re.findall(r"\w+", text)))  # words, as SQLite

    # ------------------------------------------------------------------ schema

    def schema_version(self) -> int:
        if self._db.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
            return 0
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return 0 if row is None else int(row[0])

    def migrate(self) -> None:
        """Bring the database to ``SCHEMA_VERSION``, one step per version, each in a transaction."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.location}: written by a newer eventdesk (schema {current} > {SCHEMA_VERSION}); "
                             "upgrade eventdesk")
        with self._transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(4242)")  # two processes never migrate at once
            current = self.schema_version()
            for version, step in MIGRATIONS:
                if version > current:
                    step(self)
                    self._db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', %s) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))

    def schema_2(self) -> None:
        for statement in SCHEMA_2.split(";"):
            self._db.execute(statement)

    def close(self) -> None:
        self._db.close()


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())


MIGRATIONS: tuple[tuple[int, Callable[[PostgresStore], None]], ...] = ((2, PostgresStore.schema_2),)
SCHEMA_VERSION = MIGRATIONS[-1][0]
