"""Building the app: configuration, the service behind the routes, docs served from local files."""

from __future__ import annotations

import hmac
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from eventdesk.api.errors import install_error_handlers
from eventdesk.api.guards import install_guards
from eventdesk.pipeline import Pipeline
from eventdesk.settings import Settings
from eventdesk.store import Store, open_store

T = TypeVar("T")

DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>eventdesk API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>
"""
DOCS_INIT = 'window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"});\n'


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiConfig:
    """``store``: a SQLite path or ``postgresql://`` URL; ``token``: the write token (None: no writes);
    ``public_reads``: False to require the token for reads too; ``max_body_bytes``: larger request
    bodies get 413; ``cors_origins``: the browser origins allowed to call (none: CORS closed)."""

    store: str
    token: str | None = None
    public_reads: bool = True
    max_body_bytes: int = 21_000_000
    cors_origins: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def from_settings(cls, settings: Settings, *, store: str | None = None,
                      environ: dict[str, str] | None = None) -> ApiConfig:
        """The token from ``$EVENTDESK_API_TOKEN``, else the settings file's ``api.token``."""
        env = os.environ if environ is None else environ
        token = env.get("EVENTDESK_API_TOKEN") or settings.api.token or None
        return cls(store=store or str(settings.store.db), token=token, public_reads=settings.api.public_reads,
                   max_body_bytes=settings.api.max_body_bytes,
                   cors_origins=tuple(settings.api.cors_origins.replace(",", " ").split()), settings=settings)


class Service:
    """The store and the (lazily loaded) pipeline behind the routes. Writes go one at a time
    through the main connection; reads run in parallel, each worker thread on its own
    connection (SQLite in WAL mode and PostgreSQL both serve concurrent readers)."""

    def __init__(self, config: ApiConfig) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._pipeline: Pipeline | None = None
        self._local = threading.local()
        self._readers: list[Store] = []

    def open(self) -> None:
        self._store = open_store(self.config.store)

    def close(self) -> None:
        with self._lock:
            for store in [*self._readers, *([self._store] if self._store is not None else [])]:
                store.close()
            self._readers.clear()
            self._store = None

    def read(self, call: Callable[[Store], T]) -> T:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            with self._lock:
                if self._store is None:
                    raise HTTPException(503, "the store is not open")
                store = open_store(self.config.store)
                self._readers.append(store)
            self._local.store = store
        return call(store)

    def write(self, call: Callable[[Pipeline, Store], T]) -> T:
        with self._locked() as store:
            if self._pipeline is None:
                self._pipeline = Pipeline.from_settings(self.config.settings)
            return call(self._pipeline, store)

    @contextmanager
    def _locked(self) -> Iterator[Store]:
        with self._lock:
            if self._store is None:
                raise HTTPException(503, "the store is not open")
            yield self._store

    def check_token(self, request: Request, *, for_write: bool) -> None:
        """401 without a bearer token, 403 with a wrong one; reads pass when public."""
        if not for_write and self.config.public_reads:
            return
        if self.config.token is None:
            raise HTTPException(403, "writes are disabled: no API token is set (EVENTDESK_API_TOKEN)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(401, "an API token is required (Authorization: Bearer TOKEN)",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.encode(), self.config.token.encode()):
            raise HTTPException(403, "the API token is wrong")


def create_app(config: ApiConfig) -> FastAPI:
    """The app over one store; it opens the store at startup and closes it at shutdown."""
    from eventdesk import __version__
    from eventdesk.api.browsing import router as browsing_router
    from eventdesk.api.routes import router
    from eventdesk.web import mount_dashboard

    service = Service(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.open()
        try:
            yield
        finally:
            service.close()

    app = FastAPI(title="eventdesk", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political events coded from news (PLOVER/CAMEO/ACLED), one event across many "
                              "reports. Errors: `{\"error\": {status, title, detail}}`.")
    app.state.service = service
    install_error_handlers(app)
    install_guards(app, max_body_bytes=config.max_body_bytes, cors_origins=config.cors_origins)
    app.include_router(router)
    app.include_router(browsing_router)
    _mount_docs(app)
    mount_dashboard(app)
    return app


def _mount_docs(app: FastAPI) -> None:
    import swagger_ui_bundle

    app.mount("/docs/assets", StaticFiles(directory=Path(swagger_ui_bundle.swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> HTMLResponse:
        return HTMLResponse(DOCS_INIT, media_type="application/javascript")
