"""Where coded articles and their events are kept.

``Store`` is the small interface every backend implements; ``open_store`` picks one from a
path or URL (SQLite, the embedded default; PostgreSQL arrives with its own module).
"""

from eventdesk.store.base import EventFilter, Store, StoredEvent, open_store

__all__ = ["EventFilter", "Store", "StoredEvent", "open_store"]
