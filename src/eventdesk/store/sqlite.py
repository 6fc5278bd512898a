"""The embedded SQLite store (the default): one file, WAL, FTS5 over article text, one
transaction per article, and ordered migrations from every earlier schema."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventdesk.errors import StoreError
from eventdesk.store.base import ArticleSource
from eventdesk.store.copies import CopiesStore
from eventdesk.store.reports import fts_phrase_query, source_key
from eventdesk.store.sql import Rows

# Schema 1, as eventdesk 0.1 wrote it: one row per event and article, no mentions.
SCHEMA_1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, published TEXT, language TEXT,
    text TEXT NOT NULL, fingerprint TEXT NOT NULL, input_hash TEXT NOT NULL, record TEXT NOT NULL,
    coded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, date TEXT,
    event TEXT NOT NULL, mode TEXT, cameo TEXT NOT NULL, quad_code INTEGER NOT NULL, goldstein REAL NOT NULL,
    place TEXT, country_code TEXT, lat REAL, lon REAL, confidence REAL NOT NULL, sentence_start INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')), position INTEGER NOT NULL,
    entity_text TEXT NOT NULL, name TEXT NOT NULL, code TEXT, country TEXT, sector TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_event ON events(event);
CREATE INDEX IF NOT EXISTS event_actors_country ON event_actors(country);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles(fingerprint);
"""

# Schema 2: one row per real-world event, one per report of it (mentions), FTS5 over articles.
SCHEMA_2 = """
DROP INDEX events_article; DROP INDEX events_date; DROP INDEX events_event; DROP INDEX event_actors_country;
DROP TABLE event_actors;
ALTER TABLE events RENAME TO events_1;
ALTER TABLE articles ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
CREATE TABLE events (
    id TEXT PRIMARY KEY, match_key TEXT NOT NULL, article_id TEXT NOT NULL, date TEXT, event TEXT NOT NULL,
    mode TEXT, cameo TEXT NOT NULL, quad_code INTEGER NOT NULL, goldstein REAL NOT NULL, place TEXT,
    geonameid INTEGER, country_code TEXT, lat REAL, lon REAL, confidence REAL NOT NULL,
    sentence_start INTEGER NOT NULL, record TEXT NOT NULL, sort_key TEXT NOT NULL, num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL
);
CREATE TABLE mentions (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, date TEXT,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, trigger TEXT NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, confidence REAL NOT NULL, record TEXT NOT NULL
);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')), position INTEGER NOT NULL,
    entity_text TEXT NOT NULL, name TEXT NOT NULL, code TEXT, country TEXT, sector TEXT,
    PRIMARY KEY (event_id, role, position)
);
CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text, tokenize = 'porter unicode61');
CREATE INDEX events_key ON events(match_key, date);
CREATE INDEX events_sort ON events(sort_key);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_event ON events(event, sort_key);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_point ON events(lon, lat);
CREATE INDEX mentions_event ON mentions(event_id, seq);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX event_actors_country ON event_actors(country, event_id);
CREATE INDEX event_actors_code ON event_actors(code, event_id);
"""


# Schema 3: every source of an article, copies recognised across runs (MinHash bands), actor terms.
# Idempotent, because the schema-2 step regroups old rows with the current code, which writes these
# (so ``event_terms`` has its schema-4 columns here; the schema-4 step gives an older one them).
SCHEMA_3 = """
CREATE TABLE IF NOT EXISTS article_sources (
    item_id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source TEXT NOT NULL, url TEXT, site TEXT NOT NULL, title TEXT, published TEXT, fetched TEXT,
    input_hash TEXT NOT NULL, added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_sources_article ON article_sources(article_id);
CREATE TABLE IF NOT EXISTS article_bands (
    hash INTEGER NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands(article_id);
CREATE TABLE IF NOT EXISTS actor_terms (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('n', 'c', 'k')), term TEXT NOT NULL,
    UNIQUE (kind, term)
);
CREATE TABLE IF NOT EXISTS event_terms (
    term_id INTEGER NOT NULL, sort_key TEXT NOT NULL, event_id TEXT NOT NULL,
    event TEXT, cameo TEXT, lon REAL, lat REAL,
    PRIMARY KEY (term_id, sort_key, event_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_terms_event ON event_terms(event_id, term_id);
DROP INDEX IF EXISTS events_sort;
CREATE INDEX IF NOT EXISTS events_walk ON events(sort_key, id, event, cameo, date, lon, lat);
CREATE INDEX IF NOT EXISTS events_cameo_sort ON events(cameo, sort_key);
DROP INDEX IF EXISTS events_cameo;
"""

# Schema 4: an R*Tree over event points (keyed by ``events.num``, kept in step by triggers), and
# ``event_terms`` carrying each event's category, CAMEO code and point (filters.py: walk a term).
SCHEMA_4 = """
CREATE UNIQUE INDEX IF NOT EXISTS events_num ON events(num);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
INSERT INTO events_rtree SELECT num, lon, lon, lat, lat FROM events WHERE lon IS NOT NULL AND lat IS NOT NULL;
CREATE TRIGGER events_numbered AFTER INSERT ON events WHEN new.num IS NULL BEGIN
    UPDATE events SET num = (SELECT coalesce(max(num), 0) + 1 FROM events) WHERE id = new.id;
END;
CREATE TRIGGER events_point_added AFTER INSERT ON events
WHEN new.num IS NOT NULL AND new.lon IS NOT NULL AND new.lat IS NOT NULL BEGIN
    INSERT INTO events_rtree VALUES (new.num, new.lon, new.lon, new.lat, new.lat);
END;
CREATE TRIGGER events_point_changed AFTER UPDATE OF num, lon, lat ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.num;
    INSERT INTO events_rtree SELECT new.num, new.lon, new.lon, new.lat, new.lat
        WHERE new.num IS NOT NULL AND new.lon IS NOT NULL AND new.lat IS NOT NULL;
END;
CREATE TRIGGER events_point_removed AFTER DELETE ON events BEGIN
    DELETE FROM events_rtree WHERE id = old.num;
END;
DROP INDEX IF EXISTS events_point;
CREATE TABLE event_terms_4 (
    term_id INTEGER NOT NULL, sort_key TEXT NOT NULL, event_id TEXT NOT NULL,
    event TEXT, cameo TEXT, lon REAL, lat REAL,
    PRIMARY KEY (term_id, sort_key, event_id)
) WITHOUT ROWID;
INSERT INTO event_terms_4 SELECT t.term_id, t.sort_key, t.event_id, e.event, e.cameo, e.lon, e.lat
    FROM event_terms t JOIN events e ON e.id = t.event_id ORDER BY t.term_id, t.sort_key, t.event_id;
DROP TABLE event_terms;
ALTER TABLE event_terms_4 RENAME TO event_terms;
CREATE INDEX event_terms_event ON event_terms(event_id, term_id);
ANALYZE
"""

# Schema 5: the events of one CAMEO code in sort order, with what a walk checks (filters.py: walk
# the codes), in place of ``events_cameo_sort``.
SCHEMA_5 = """
CREATE INDEX IF NOT EXISTS events_cameo_walk ON events(cameo, sort_key, id, event, lon, lat);
DROP INDEX IF EXISTS events_cameo_sort;
ANALYZE
"""


class SqliteStore(CopiesStore):
    """``SqliteStore.open(path)``; safe to re-run: saving an article replaces its old reports."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self.location = str(path)

    @classmethod
    def open(cls, path: Path) -> SqliteStore:
        try:
            if path.parent != Path():
                path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA busy_timeout=5000")
            store = cls(connection, path)
            store.migrate()
        except sqlite3.Error as err:
            raise StoreError(f"{path}: cannot open the SQLite database ({err})") from None
        return store

    def _run(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Rows:
        return self._db.execute(sql, params)

    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self._db.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: cannot write ({err})") from None
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _index_text(self, article_id: str, title: str | None, text: str) -> None:
        """The article's FTS5 row, whose rowid is ``articles.num`` (numbered here when new)."""
        num = self._db.execute("SELECT num FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        if num is None:
            num = self._db.execute("SELECT coalesce(max(num), 0) + 1 FROM articles").fetchone()[0]
            self._db.execute("UPDATE articles SET num = ? WHERE id = ?", (num, article_id))
        self._db.execute("DELETE FROM articles_fts WHERE rowid = ?", (num,))
        self._db.execute("INSERT INTO articles_fts (rowid, article_id, title, text) VALUES (?, ?, ?, ?)",
                         (num, article_id, title or "", text))

    def _text_condition(self, text: str) -> tuple[str, Any]:
        return "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?", fts_phrase_query(text) or '""'

    def _text_check(self, text: str) -> tuple[str, Any]:
        return ("EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid = a.num)",
                fts_phrase_query(text) or '""')

    def _checked(self, column: str) -> str:
        return "+" + column  # SQLite's way to keep a term from choosing the index

    def _bbox_index(self) -> tuple[str, str]:
        # The R*Tree holds 32-bit floats rounded outwards: overlapping the box finds every point in it.
        inside = ("SELECT r.id FROM events_rtree r WHERE r.max_lon >= ? AND r.max_lat >= ? AND r.min_lon <= ? "
                  "AND r.min_lat <= ?")
        return f"{{a}}.num IN ({inside})", inside

    # ------------------------------------------------------------------ schema

    def schema_version(self) -> int:
        has_meta = self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        if has_meta is None:
            return 0
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return 0 if row is None else int(row[0])

    def migrate(self) -> None:
        """Bring the file to ``SCHEMA_VERSION``, one step per version, each in its own transaction."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer eventdesk (schema {current} > {SCHEMA_VERSION}); "
                             "upgrade eventdesk")
        for version, step in MIGRATIONS[current:]:
            with self._transaction():
                step(self)
                self._db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))

    def schema_1(self) -> None:
        for statement in SCHEMA_1.split(";"):
            if statement.strip():
                self._db.execute(statement)

    def schema_2(self) -> None:
        """Mentions: every schema-1 event becomes a report, grouped again in the order it was coded."""
        for statement in SCHEMA_2.split(";"):
            if statement.strip():
                self._db.execute(statement)
        self._schema_3_tables()
        articles = self._db.execute("SELECT id, source, url, title, text, input_hash FROM articles "
                                    "ORDER BY coded_at, id")
        for article_id, source, url, title, text, digest in articles.fetchall():
            site = source_key(source, url)
            self._db.execute("UPDATE articles SET source_key = ? WHERE id = ?", (site, article_id))
            self._index_text(article_id, title, text)
            self.keep_source(ArticleSource(item_id=article_id, article_id=article_id, source=source, url=url,
                                           site=site, title=title), input_hash=digest)
            old = self._db.execute("SELECT record FROM events_1 WHERE article_id = ? ORDER BY sentence_start, id",
                                   (article_id,)).fetchall()
            touched = {self.attach_mention(article_id, json.loads(r[0])) for r in old}
            for event_id in sorted(touched):
                self.refresh_event(event_id)
        self._db.execute("DROP TABLE events_1")

    def _schema_3_tables(self) -> None:
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(articles)")}
        for column, kind in (("minhash", "BLOB"), ("num", "INTEGER")):
            if column not in columns:
                self._db.execute(f"ALTER TABLE articles ADD COLUMN {column} {kind}")
        self._db.execute("UPDATE articles SET num = rowid WHERE num IS NULL")
        self._db.execute("CREATE UNIQUE INDEX IF NOT EXISTS articles_num ON articles(num)")
        for statement in SCHEMA_3.split(";"):
            if statement.strip():
                self._db.execute(statement)

    def schema_3(self) -> None:
        """Sources, copy detection and actor terms for what schema 2 stored; FTS rows keyed by ``num``."""
        self._schema_3_tables()
        self._db.execute("DELETE FROM articles_fts")
        self._db.execute("INSERT INTO articles_fts (rowid, article_id, title, text) "
                         "SELECT num, id, coalesce(title, ''), text FROM articles")
        self._db.execute("INSERT INTO article_sources (item_id, article_id, source, url, site, title, published, "
                         "input_hash, added_at) SELECT id, id, source, url, source_key, title, published, input_hash, "
                         "coded_at FROM articles WHERE true ON CONFLICT DO NOTHING")
        self.index_terms("1 = 1", [])
        self.index_unindexed_copies()

    def schema_4(self) -> None:
        """Events numbered for the R*Tree of their points; ``event_terms`` rebuilt with event columns."""
        if "num" not in {row[1] for row in self._db.execute("PRAGMA table_info(events)")}:
            self._db.execute("ALTER TABLE events ADD COLUMN num INTEGER")
        self._db.execute("UPDATE events SET num = rowid WHERE num IS NULL")
        for statement in _statements(SCHEMA_4):
            self._db.execute(statement)

    def schema_5(self) -> None:
        """A CAMEO code's events in sort order (``events_cameo_walk``)."""
        for statement in _statements(SCHEMA_5):
            self._db.execute(statement)

    def close(self) -> None:
        self._db.close()


def _statements(script: str) -> Iterator[str]:
    """The statements of a script, whole (a trigger's body holds semicolons)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement


MIGRATIONS: tuple[tuple[int, Callable[[SqliteStore], None]], ...] = (
    (1, SqliteStore.schema_1),
    (2, SqliteStore.schema_2),
    (3, SqliteStore.schema_3),
    (4, SqliteStore.schema_4),
    (5, SqliteStore.schema_5),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
