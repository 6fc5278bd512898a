"""``eventdesk eval``: score eventdesk against gold JSONL."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from eventdesk.cli import cli
from eventdesk.cli.common import SetupError, build_pipeline, load_settings, model_option, settings_option
from eventdesk.errors import EventdeskError
from eventdesk.evaluate import evaluate_events
from eventdesk.evaluate.dates import date_scores_to_dict, evaluate_dates, format_date_scores
from eventdesk.evaluate.event_location import (
    evaluate_event_locations,
    format_location_scores,
    location_scores_to_dict,
)
from eventdesk.evaluate.events import read_gold
from eventdesk.evaluate.extraction import (
    eventdesk_system,
    format_extraction_scores,
    read_gold_pages,
    score_system,
    trafilatura_system,
)
from eventdesk.evaluate.places import evaluate_places, format_place_scores, place_scores_to_dict
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


def _read_rows(gold: Path, limit: int | None) -> list[dict[str, Any]]:
    try:
        return list(read_gold(gold, limit=limit))
    except EventdeskError as err:
        raise SetupError(str(err)) from None


def _geo_command(name: str, summary: str, examples: str) -> Callable[[Callable[..., None]], click.Command]:
    """The shared options of ``eval places|dates|event-location``."""

    def decorate(function: Callable[..., None]) -> click.Command:
        function.__doc__ = f"{summary}\n\n\b\nExamples:\n{examples}"
        for option in (
            click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
            click.option("--limit", type=click.IntRange(min=1), help="Score only the first N rows."),
            click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
            click.option("--progress/--no-progress", default=None,
                         help="Progress on stderr (default: when it is a terminal)."),
            model_option,
            settings_option,
        ):
            function = option(function)
        return evaluate.command(name=name)(function)

    return decorate


def _run_geo(gold: Path, limit: int | None, fmt: str, progress: bool | None, model: str | None,
             settings_path: Path | None, score: Callable[..., Any], text: Callable[[str, Any], str],
             as_dict: Callable[[Any], dict[str, Any]]) -> None:
    pipeline = build_pipeline(load_settings(settings_path, model=model))
    rows = _read_rows(gold, limit)
    with article_progress(enabled=progress) as shown:
        scores = score(pipeline, rows, on_example=shown.tick)
    click.echo(json.dumps(as_dict(scores), indent=2) if fmt == "json" else text(str(gold), scores))


@_geo_command("places", "Find and resolve the toponyms of every gold text: recognition P/R/F1 and resolution\n"
              "within 161 km (given the gold spans, and end to end).",
              "  eventdesk eval places ../shared/eval/geo/gwn/dev.jsonl\n"
              "  eventdesk eval places ../shared/eval/geo/lgl/dev.jsonl --format json")
def eval_places(gold: Path, limit: int | None, fmt: str, progress: bool | None, model: str | None,
                settings_path: Path | None) -> None:
    _run_geo(gold, limit, fmt, progress, model, settings_path, evaluate_places, format_place_scores,
             place_scores_to_dict)


@_geo_command("dates", "Resolve the time expressions of every gold text against its publication date:\n"
              "share found and date value accuracy.",
              "  eventdesk eval dates ../shared/eval/entities_timex/gum_news/dev.jsonl")
def eval_dates(gold: Path, limit: int | None, fmt: str, progress: bool | None, model: str | None,
               settings_path: Path | None) -> None:
    _run_geo(gold, limit, fmt, progress, model, settings_path, evaluate_dates, format_date_scores,
             date_scores_to_dict)


@_geo_command("event-location", "Score event locations: the place attached to each gold verb (event_location\n"
              "gold), or, on ACLED notes, event-date accuracy and location within 50 km.",
              "  eventdesk eval event-location ../shared/eval/events/event_location/dev.jsonl\n"
              "  eventdesk eval event-location ../shared/eval/events/acled_sample/dev.jsonl --limit 500")
def eval_event_location(gold: Path, limit: int | None, fmt: str, progress: bool | None, model: str | None,
                        settings_path: Path | None) -> None:
    _run_geo(gold, limit, fmt, progress, model, settings_path, evaluate_event_locations, format_location_scores,
             location_scores_to_dict)
