"""``eventdesk eval``: score eventdesk against gold JSONL."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from eventdesk.cli import cli
from eventdesk.cli.common import SetupError, build_pipeline, load_settings, model_option, settings_option
from eventdesk.errors import EventdeskError
from eventdesk.evaluate import evaluate_events
from eventdesk.evaluate.events import read_gold
from eventdesk.evaluate.extraction import (
    eventdesk_system,
    format_extraction_scores,
    read_gold_pages,
    score_system,
    trafilatura_system,
)
from eventdesk.evaluate.report import format_scores, scores_to_dict
from eventdesk.extract import Extractor
from eventdesk.runners.progress import article_progress


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
    pipeline = build_pipeline(load_settings(settings_path, model=model))
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


@evaluate.command(name="extraction")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N pages of each gold set.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@settings_option
def eval_extraction(folder: Path, limit: int | None, fmt: str, settings_path: Path | None) -> None:
    """Extract every gold page with eventdesk and with plain trafilatura, and score both.

    FOLDER holds gold sets (folders with truth.jsonl and pages/ID.html.gz). Body: the
    scrapinghub benchmark's shingle F1 (4-grams of \\w+ tokens, precision and recall averaged
    over pages); title and publication date: exact match where the gold gives them.

    \b
    Examples:
      eventdesk eval extraction ../shared/eval/extraction
      eventdesk eval extraction ../shared/eval/extraction/scrapinghub --format json
      eventdesk eval extraction ../shared/eval/extraction/htmldate --limit 100
    """
    settings = load_settings(settings_path)
    try:
        pages = read_gold_pages(folder, limit=limit)
        extractor = Extractor.from_settings(settings.extract)
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    scores = [
        score_system("eventdesk", eventdesk_system(extractor), pages),
        score_system("trafilatura", trafilatura_system, pages),
    ]
    if fmt == "json":
        click.echo(json.dumps([asdict(s) | {"pages_per_second": s.pages_per_second} for s in scores], indent=2))
    else:
        click.echo(f"{folder}\n{format_extraction_scores(scores)}")
