"""The store interface and the query record shared by every backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventdesk.errors import StoreError
from eventdesk.records import CodedArticle


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """What ``eventdesk events`` and the API filter on; None means no filter."""

    actor: str | None = None  # name, code or text of the actor or recipient (case-insensitive)
    event: str | None = None  # PLOVER category, e.g. ASSAULT
    country: str | None = None  # ISO alpha-3 of the actor or recipient
    since: dt.date | None = None  # events dated on or after
    article_id: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredEvent:
    """An event as read back: its PLOVER record plus the article it came from."""

    article_id: str
    article_title: str | None
    record: dict[str, Any]
    article_url: str | None = None
    coded_at: dt.datetime | None = None  # when the article was coded and stored (UTC)


class Store(Protocol):
    """Every backend passes the same tests (tests/test_store.py)."""

    def save(self, coded: CodedArticle, *, input_hash: str) -> None:
        """Store an article and its events, replacing what was stored for the same id."""

    def has_input(self, article_id: str, input_hash: str) -> bool:
        """True when this exact input was already coded and stored (a rerun skips it)."""

    def events(self, query: EventFilter) -> Iterator[StoredEvent]: ...

    def count(self) -> tuple[int, int]:
        """(articles, events) stored."""

    def close(self) -> None: ...


def open_store(location: str | Path) -> Store:
    """Open (creating if needed) the store at a SQLite path or a ``postgresql://`` URL."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError(f"{text}: PostgreSQL support is not installed in this version (use a SQLite path)")
    from eventdesk.store.sqlite import SqliteStore

    return SqliteStore.open(Path(text))
