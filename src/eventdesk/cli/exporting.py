"""``eventdesk export``: stored events as CSV, PLOVER JSONL, Parquet, GDELT or ACLED-style files."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import cast

import click

from eventdesk.cli import cli
from eventdesk.cli.common import DB_HELP, SetupError, load_settings, open_store_or_fail, settings_option
from eventdesk.errors import EventdeskError
from eventdesk.export.files import EXPORT_FORMATS, TEXT_FORMATS, ExportFormat, export_to_path, export_to_stream
from eventdesk.store import EventFilter


@cli.command("export")
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv (flat rows), jsonl (PLOVER records), parquet (typed), gdelt (GDELT 2.0 event TSV), "
                   "acled (ACLED-style CSV, events with an ACLED type only).")
@click.option("--output", "-o", required=True,
              help="File to write (replaced once complete), or - for stdout (text formats only).")
@click.option("--actor", help="Actor or recipient name, text or code (e.g. Hamas, ISR, ISRMIL).")
@click.option("--event", "event", help="PLOVER category, e.g. ASSAULT.")
@click.option("--country", help="ISO alpha-3 country of the actor or recipient, e.g. ISR.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events dated on or after (YYYY-MM-DD).")
@settings_option
def export(db: str | None, fmt: str, output: str, actor: str | None, event: str | None, country: str | None,
           since: dt.datetime | None, settings_path: Path | None) -> None:
    """Export stored events, filtered, to a file in one of five formats (docs/export.md).

    \b
    Examples:
      eventdesk export --db events.sqlite --format parquet --output events.parquet
      eventdesk export --format gdelt --country ISR --output israel.export.CSV
      eventdesk export --format acled --since 2024-01-01 --output - | head
      eventdesk export --format jsonl --actor Hamas --output hamas.jsonl
    """
    if output == "-" and fmt not in TEXT_FORMATS:
        raise click.UsageError(f"--format {fmt} is binary: give --output a file, not -")
    settings = load_settings(settings_path, db=db)
    query = EventFilter(actor=actor, event=event, country=country, since=since.date() if since else None)
    store = open_store_or_fail(settings.store.db, must_exist=True)
    try:
        found = store.events(query)
        if output == "-":
            count = export_to_stream(found, cast(ExportFormat, fmt), sys.stdout)
        else:
            count = export_to_path(found, cast(ExportFormat, fmt), Path(output))
    except OSError as err:
        raise SetupError(f"{output}: cannot write the export ({err.strerror or err})") from None
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    finally:
        store.close()
    if output != "-":
        click.echo(f"{count} events written to {output} ({fmt})", err=True)
