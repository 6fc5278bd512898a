"""``eventdesk code`` (the Unix filter) and ``eventdesk run`` (code and store)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from eventdesk.cli import cli
from eventdesk.cli.common import (
    DB_HELP,
    SetupError,
    build_pipeline,
    load_settings,
    model_option,
    open_store_or_fail,
    settings_option,
)
from eventdesk.errors import EventdeskError
from eventdesk.export import coded_article_to_dict, dumps_line
from eventdesk.extract import read_items
from eventdesk.runners import Coder, ProcessCoder, ingest
from eventdesk.runners.progress import article_progress
from eventdesk.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def workers_option(command: F) -> F:
    help_text = "Code in N processes, each loading the model once; same output, same order (default 1)."
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        metavar="N", help=help_text)(command)


@contextmanager
def open_coder(settings: Settings, workers: int) -> Iterator[Coder]:
    """The pipeline in this process, or a pool of ``workers`` processes."""
    if workers == 1:
        yield build_pipeline(settings)
        return
    pool = ProcessCoder(settings, workers=workers)
    try:
        try:
            pool.start()
        except EventdeskError as err:
            raise SetupError(str(err)) from None
        yield pool
    finally:
        pool.close()


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one record a line; json: one indented JSON array.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal).")
@workers_option
@model_option
@settings_option
def code(paths: tuple[str, ...], fmt: str, progress: bool | None, workers: int, model: str | None,
         settings_path: Path | None) -> None:
    """Code articles and write one JSON record per input article, in input order.

    PATHS are JSONL files (one article a line: id, text or html, optional url, title,
    published), .txt/.html files, folders, or - for JSONL on stdin (the default).
    A skipped article still gets its record, with "error" set; the exit code is then 1.

    \b
    Examples:
      eventdesk code examples/hamas-islamic-jihad-coordination.txt
      eventdesk code news.jsonl > coded.jsonl
      echo '{"id": "1", "text": "Police arrested 40 protesters.", "published": "2024-06-25"}' | eventdesk code -
      eventdesk code news.jsonl --workers 4 > coded.jsonl
    """
    settings = load_settings(settings_path, model=model)
    with open_coder(settings, workers) as coder:
        records = _coded_records(coder, settings, paths or ("-",), progress)
        failed = _write_records(records, fmt)
    sys.exit(1 if failed else 0)


def _coded_records(
    coder: Coder, settings: Settings, paths: tuple[str, ...], progress: bool | None
) -> Iterator[dict[str, Any]]:
    with article_progress(enabled=progress) as shown:
        for coded in coder.run(read_items(paths, stdin=sys.stdin, settings=settings.extract)):
            shown.advance(coded)
            if coded.error:
                click.echo(coded.error, err=True)
            yield coded_article_to_dict(coded)


def _write_records(records: Iterator[dict[str, Any]], fmt: str) -> int:
    failed = 0
    out = sys.stdout
    if fmt == "json":
        everything = list(records)
        failed = sum(1 for r in everything if r["error"])
        out.write(json.dumps(everything, ensure_ascii=False, indent=2) + "\n")
        return failed
    for record in records:
        failed += record["error"] is not None
        out.write(dumps_line(record) + "\n")
        out.flush()
    return failed


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
@click.option("--force", is_flag=True, help="Code again even the inputs already stored unchanged.")
@click.option("--skip-duplicates/--keep-duplicates", default=True, show_default=True,
              help="Skip (the default): an article whose text repeats, exactly or nearly, one stored or one "
                   "earlier in the run is not coded, its source is kept with the original. Keep: code and "
                   "store copies as articles of their own.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal).")
@workers_option
@model_option
@settings_option
def run(paths: tuple[str, ...], db: str | None, force: bool, skip_duplicates: bool, progress: bool | None,
        workers: int, model: str | None, settings_path: Path | None) -> None:
    """Code articles and store them with their events in the database.

    Running the same input again stores nothing twice: unchanged inputs are skipped and a
    changed one replaces what was stored for its id. A killed run is resumed by running it again.

    \b
    Examples:
      eventdesk run examples/hamas-islamic-jihad-coordination.txt
      eventdesk run news/ feeds.jsonl --db events.sqlite
      eventdesk run news/ --db events.sqlite --workers 4
      eventdesk run news/ --db postgresql://eventdesk@127.0.0.1:5432/events
      eventdesk run wire-feeds/ --keep-duplicates
    """
    settings = load_settings(settings_path, model=model)
    location = db or str(settings.store.db)  # a URL stays a string: a Path would fold its '//'
    with open_coder(settings, workers) as coder:
        store = open_store_or_fail(location)
        try:
            with article_progress(enabled=progress) as shown:
                items = read_items(paths, stdin=sys.stdin, settings=settings.extract)
                report = ingest(coder, items, store, force=force, dedup=skip_duplicates, on_article=shown.advance)
        finally:
            store.close()
    for error in report.errors:
        click.echo(error, err=True)
    for copy in report.duplicates:
        click.echo(f"{copy.source}: a copy of {copy.original_id}, not coded again", err=True)
    click.echo(
        f"{location}: stored {report.stored} articles with {report.events} events; "
        f"{report.unchanged} unchanged, {len(report.duplicates)} duplicates, {len(report.errors)} skipped",
        err=True,
    )
    sys.exit(1 if report.errors else 0)


