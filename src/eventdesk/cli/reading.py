"""``eventdesk events``: read stored events back."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from eventdesk.cli import cli
from eventdesk.cli.common import DB_HELP, load_settings, open_store_or_fail, settings_option
from eventdesk.export import dumps_line
from eventdesk.export.rows import print_table, stored_event_json, stored_event_row, write_csv
from eventdesk.store import EventFilter, StoredEvent


@cli.command()
@click.option("--db", help=DB_HELP)
@click.option("--actor", help="Actor or recipient name, text or code (e.g. Hamas, ISR, ISRMIL).")
@click.option("--event", "event", help="PLOVER category, e.g. ASSAULT.")
@click.option("--country", help="ISO alpha-3 country of the actor or recipient, e.g. ISR.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events dated on or after (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@settings_option
def events(db: str | None, actor: str | None, event: str | None, country: str | None, since: dt.datetime | None,
           limit: int | None, fmt: str, settings_path: Path | None) -> None:
    """Read stored events back, filtered, as a table, PLOVER JSONL or CSV.

    \b
    Examples:
      eventdesk events --db events.sqlite
      eventdesk events --actor Hamas --event AGREE --format jsonl
      eventdesk events --country ISR --since 2022-08-01 --format csv > israel.csv
    """
    settings = load_settings(settings_path, db=db)
    query = EventFilter(actor=actor, event=event, country=country, since=since.date() if since else None, limit=limit)
    store = open_store_or_fail(settings.store.db, must_exist=True)
    try:
        _print_events(store.events(query), fmt)
    finally:
        store.close()


def _print_events(found: Iterator[StoredEvent], fmt: str) -> None:
    if fmt == "jsonl":
        for stored in found:
            click.echo(dumps_line(stored_event_json(stored)))
        return
    rows = (stored_event_row(stored) for stored in found)
    if fmt == "csv":
        write_csv(rows, sys.stdout)
    else:
        count = print_table(rows, sys.stdout)
        click.echo(f"{count} events", err=True)

