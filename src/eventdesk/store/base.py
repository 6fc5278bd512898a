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
    event_id: str = ""  # the stored event's id (the id of its first mention)
    num_mentions: int = 1
    num_sources: int = 1
    num_articles: int = 1
    mentions: tuple[Mention, ...] = ()


class Store(Protocol):
    """Every backend passes the same tests (tests/test_store*.py)."""

    def save(self, coded: CodedArticle, *, input_hash: str) -> None:
        """Store an article and its mentions, replacing what was stored for the same id."""

    def has_input(self, article_id: str, input_hash: str) -> bool:
        """True when this exact input was already coded and stored (a rerun skips it)."""

    def events(self, query: EventFilter) -> Iterator[StoredEvent]: ...

    def event(self, event_id: str) -> StoredEvent | None:
        """One event (by its id or any of its mentions' ids) with every mention, or None."""

    def count(self) -> tuple[int, int]:
        """(articles, events) stored."""

    def schema_version(self) -> int: ...

    def close(self) -> None: ...


def open_store(location: str | Path) -> Store:
    """Open (creating or migrating if needed) the store at a SQLite path or a ``postgresql://`` URL."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        from eventdesk.store.postgres import PostgresStore

        return PostgresStore.open(text)
    from eventdesk.store.sqlite import SqliteStore

    return SqliteStore.open(Path(text))
