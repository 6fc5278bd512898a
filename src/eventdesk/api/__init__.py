"""The HTTP API (FastAPI): read events, mentions, articles, actors and counts; ingest articles.

``create_app(ApiConfig(store="events.sqlite", token="..."))`` builds the app; ``eventdesk serve``
runs it with uvicorn. Every error has one JSON shape (``errors.py``).
"""

from eventdesk.api.app import ApiConfig, create_app

__all__ = ["ApiConfig", "create_app"]
