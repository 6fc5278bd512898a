"""Where coded articles and their events are kept.

``Store`` is the small interface every backend implements; ``open_store`` picks one from a
path or URL: SQLite (``sqlite.py``, the embedded default) or PostgreSQL (``postgres.py``).
An event reported by several articles is stored once, with every report as a ``Mention``.
"""

from eventdesk.store.base import (
    ActorCount,
    ActorLink,
    ArticleSource,
    ArticleSummary,
    DayCount,
    EventFilter,
    EventStats,
    Mention,
    Store,
    StoredArticle,
    StoredEvent,
    is_database_url,
    open_store,
)

__all__ = ["ActorCount", "ActorLink", "ArticleSource", "ArticleSummary", "DayCount", "EventFilter", "EventStats",
           "Mention", "Store", "StoredArticle", "StoredEvent", "is_database_url", "open_store"]
