"""``eventdesk serve``: the HTTP API over a store, with uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from eventdesk.cli import cli
from eventdesk.cli.common import SetupError, load_settings, settings_option


@cli.command()
@click.option("--db", help="SQLite file or postgresql:// URL (default: $EVENTDESK_DB, else ./eventdesk.sqlite).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@settings_option
def serve(db: str | None, host: str, port: int, settings_path: Path | None) -> None:
    """Serve the events over HTTP: the dashboard at /, the API at /events, /events/{id}, /articles,
    /actors, /stats, /timeline, /network, its docs at /docs.

    Reads are public unless the settings say otherwise; POST /articles needs the token from
    $EVENTDESK_API_TOKEN or the settings file (`api.token`), sent as `Authorization: Bearer TOKEN`.

    \b
    Examples:
      eventdesk serve --db events.sqlite
      EVENTDESK_API_TOKEN=secret eventdesk serve --host 0.0.0.0 --port 8080
      eventdesk serve --db postgresql://eventdesk@127.0.0.1:5432/events
    """
    try:
        import uvicorn

        from eventdesk.api import ApiConfig, create_app
    except ImportError as err:
        missing = err.name
        raise SetupError(f"the HTTP API needs its extra: pip install 'eventdesk[api]' ({missing} is missing)") from None
    settings = load_settings(settings_path)
    config = ApiConfig.from_settings(settings, store=db)
    click.echo(f"eventdesk API on http://{host}:{port}/ (dashboard: /, docs: /docs) over {config.store}", err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")
