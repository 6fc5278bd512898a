"""The store interface and the records shared by every backend.

A stored *event* is one real-world event; each article that reports it adds a *mention*
(GDELT's Mentions table): ``num_mentions``, ``num_sources`` and ``num_articles`` count them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventdesk.records import CodedArticle


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """What ``eventdesk events`` and the API filter on; None means no filter."""

    actor: str | None = None  # name, code or text of the actor or recipient (case-insensitive)
    event: str | None = None  # PLOVER category, e.g. ASSAULT
    country: str | None = None  # ISO alpha-3 of the actor or recipient
    since: dt.date | None = None  # events dated on or after
    until: dt.date | None = None  # events dated on or before
    cameo: str | None = None  # CAMEO code or its prefix, e.g. 19 or 190
    text: str | None = None  # words that must all occur in a reporting article (full-text search)
    article_id: str | None = None  # events with a mention in this article
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    after: str | None = None  # a ``StoredEvent.sort_key``: only events listed after it (keyset paging)
    descending: bool = False  # newest first
    limit: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One article's report of an event: where the evidence is and how sure the coder was."""

    id: str  # the event id the coder gave it in this article
    article_id: str
    source: str  # the source key: the URL's host, else the input path
    date: dt.date | None
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    confidence: float


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    """An event as read back: the PLOVER record of its first report, the article it came from,
    and how often it was reported (``mentions`` is filled only when asked for)."""

    article_id: str
    article_title: str | None
    record: dict[str, Any]
    article_url: str | None = None
    coded_at: dt.datetime | None = None  # when the article was coded and stored (UTC)
    event_id: str = ""  # the stored event's id (the id of its first mention)
    num_mentions: int = 1
    num_sources: int = 1
    num_articles: int = 1
    mentions: tuple[Mention, ...] = ()
    sort_key: str = ""  # where the event is in the listing; pass as ``EventFilter.after`` for the next page
    source_urls: tuple[str, ...] = ()  # every URL it was reported at, copies of its articles included


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSource:
    """One copy of a stored article as it arrived: the article's own input, or a duplicate of it
    (the same text, or nearly, from another outlet or another run) that was not coded again."""

    item_id: str  # the input's id (``RawItem.id``)
    article_id: str  # the stored article it is a copy of (its own id for the original)
    source: str  # where it came from: path, ``path:line`` or URL
    url: str | None
    site: str  # who published it: the URL's host without ``www.``, else the input path
    title: str | None = None
    published: dt.date | None = None
    fetched: dt.date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleSummary:
    """An article as listed: its metadata and how many reports of events it holds."""

    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    coded_at: str
    num_mentions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorCount:
    """A canonical actor and in how many stored events it is actor or recipient."""

    name: str
    code: str | None
    country: str | None
    num_events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EventStats:
    """Counts of stored events: in all, and by day, PLOVER category, country and QuadClass."""

    articles: int
    events: int
    by_day: tuple[tuple[str, int], ...]
    by_category: tuple[tuple[str, int], ...]
    by_country: tuple[tuple[str, int], ...]
    by_quad_class: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredArticle:
    """An article as stored: its clean text (every offset points into it) and its coded record
    (docs/output-format.md: ``events`` holds this article's own reports, with their offsets)."""

    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    text: str
    record: dict[str, Any]
    coded_at: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DayCount:
    """How many stored events of one QuadClass fall on one day (``day`` None: undated)."""

    day: str | None
    quad_class: int
    num_events: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorLink:
    """Who did something to whom: events of one QuadClass with this actor and this recipient."""

    actor: str
    actor_code: str | None
    recipient: str
    recipient_code: str | None
    quad_class: int
    num_events: int


class Store(Protocol):
    """Every backend passes the same tests (tests/test_store*.py)."""

    def save(self, coded: CodedArticle, *, input_hash: str) -> None:
        """Store an article and its mentions, replacing what was stored for the same id."""

    def has_input(self, article_id: str, input_hash: str) -> bool:
        """True when this exact input was already stored, as an article or a copy (a rerun skips it)."""

    def find_copy(self, text: str) -> str | None:
        """The stored article this text repeats, exactly or nearly (MinHash/LSH), else None."""

    def add_copy(self, copy: ArticleSource, *, input_hash: str) -> bool:
        """Keep a duplicate's source on the article it copies (recounting its events' sources);
        False when that article is not stored."""

    def sources(self, article_id: str) -> list[ArticleSource]:
        """Every source of a stored article, its own first."""

    def events(self, query: EventFilter) -> Iterator[StoredEvent]: ...

    def event(self, event_id: str) -> StoredEvent | None:
        """One event (by its id or any of its mentions' ids) with every mention, or None."""

    def count(self) -> tuple[int, int]:
        """(articles, events) stored."""

    def articles(self, *, text: str | None = None, after: str | None = None, limit: int = 100) -> list[ArticleSummary]:
        """Articles by id (after the id ``after``), those containing every word of ``text`` when given."""

    def actors(self, *, name: str | None = None, limit: int = 100) -> list[ActorCount]:
        """Actors by number of events, most first; ``name`` filters on a part of the name or code."""

    def stats(self, query: EventFilter) -> EventStats:
        """Counts of the events the filter selects (its ``after``, ``limit`` and order ignored)."""

    def article(self, article_id: str) -> StoredArticle | None:
        """One article with its text and coded record, or None."""

    def timeline(self, query: EventFilter) -> list[DayCount]:
        """Counts of the events the filter selects by day and QuadClass, by day (undated last)."""

    def links(self, query: EventFilter, *, limit: int = 200) -> list[ActorLink]:
        """Actor → recipient pairs of the events the filter selects, by number of events, most first."""

    def schema_version(self) -> int: ...

    def close(self) -> None: ...


def is_database_url(location: str | Path) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL, False for a SQLite file path."""
    return str(location).startswith(("postgresql://", "postgres://"))


def open_store(location: str | Path) -> Store:
    """Open (creating or migrating if needed) the store at a SQLite path or a ``postgresql://`` URL."""
    text = str(location)
    if is_database_url(text):
        from eventdesk.store.postgres import PostgresStore

        return PostgresStore.open(text)
    from eventdesk.store.sqlite import SqliteStore

    return SqliteStore.open(Path(text))
