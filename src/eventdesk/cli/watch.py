"""``eventdesk watch``: poll RSS/Atom feeds and store the items not seen before."""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import click

from eventdesk.cli import cli
from eventdesk.cli.coding import open_coder, workers_option
from eventdesk.cli.common import DB_HELP, SetupError, load_settings, model_option, open_store_or_fail, settings_option
from eventdesk.errors import EventdeskError
from eventdesk.runners.watch import FeedPoll, Watcher, WatchState, state_path_for, watch

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")


class Interval(click.ParamType[float]):
    """A duration such as ``30s``, ``15m``, ``1h`` or ``1d``, as seconds."""

    name = "INTERVAL"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, int | float):
            return float(value)
        match = _INTERVAL.match(str(value).lower())
        if match is None or float(match[1]) <= 0:
            self.fail(f"{value!r} is not an interval such as 30s, 15m or 1h", param, ctx)
        return float(match[1]) * _UNITS[match[2]]


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop`` (the watch ends after the current article); a second
    SIGINT interrupts at once."""

    def handle(number: int, frame: FrameType | None) -> None:
        if stop.is_set() and number == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@cli.command("watch")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@click.option("--every", "every_s", type=Interval(), default="15m", show_default=True,
              help="Time between polls: 30s, 15m, 1h, 1d.")
@click.option("--db", help=DB_HELP)
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON file of the items already seen (default: beside the database, DB.watch.json).")
@click.option("--once", is_flag=True, help="Poll once and exit (e.g. from cron).")
@click.option("--max-polls", type=click.IntRange(min=1), metavar="N", help="Exit after N polls.")
@workers_option
@model_option
@settings_option
def watch_feeds(feeds: tuple[str, ...], every_s: float, db: str | None, state_path: Path | None, once: bool,
                max_polls: int | None, workers: int, model: str | None, settings_path: Path | None) -> None:
    """Poll RSS/Atom feeds and code and store the items not seen before, until stopped.

    Every poll fetches each feed (conditionally: an unchanged feed costs one short answer),
    fetches the pages of its new items and stores them as `eventdesk run` does. The items seen
    are remembered in a state file, so a restarted watch stores nothing twice. A feed that
    fails is reported in one line and tried again next poll; the other feeds go on. Ctrl-C or
    SIGTERM stops after the current article. Exit code 1 when some feed or item failed.

    \b
    Examples:
      eventdesk watch https://www.theguardian.com/world/rss --every 15m --db events.sqlite
      eventdesk watch https://example.org/a.rss https://example.org/b.atom --every 30s --max-polls 10
      eventdesk watch https://example.org/a.rss --once --db events.sqlite   # from cron
    """
    settings = load_settings(settings_path, model=model, db=db)
    try:
        state = WatchState.load(state_path or state_path_for(settings.store.db))
    except EventdeskError as err:
        raise SetupError(str(err)) from None
    stop = threading.Event()
    failures = 0

    def report(number: int, polls: list[FeedPoll]) -> None:
        nonlocal failures
        failures += _print_poll(number, polls)

    with open_coder(settings, workers) as coder:
        store = open_store_or_fail(settings.store.db)
        try:
            with Watcher(coder=coder, store=store, state=state, max_bytes=settings.extract.max_input_bytes,
                         stop=stop) as watcher, stop_on_signals(stop):
                polls = watch(feeds, watcher, every_s=every_s, max_polls=1 if once else max_polls, on_poll=report)
        except EventdeskError as err:
            raise SetupError(str(err)) from None
        finally:
            store.close()
    ended = "stopped" if stop.is_set() else "done"
    click.echo(f"{settings.store.db}: {ended} after {polls} polls; state in {state.path}", err=True)
    sys.exit(1 if failures else 0)


def _print_poll(number: int, polls: list[FeedPoll]) -> int:
    """One line per failed feed or item, then the poll's summary; returns the failures."""
    failures = 0
    for poll in polls:
        for line in ((poll.problem,) if poll.problem else ()) + poll.errors:
            click.echo(line, err=True)
            failures += 1
    new = sum(p.new for p in polls)
    stored = sum(p.stored for p in polls)
    events = sum(p.events for p in polls)
    failed = sum(p.problem is not None for p in polls)
    click.echo(f"poll {number}: {len(polls)} feeds, {new} new items, stored {stored} articles with {events} events; "
               f"{failed} feeds failed", err=True)
    return failures
