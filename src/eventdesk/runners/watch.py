"""Poll RSS/Atom feeds and ingest the items not seen before.

    >>> state = WatchState.load(Path("events.sqlite.watch.json"))
    >>> with Watcher(coder=pipeline, store=store, state=state, max_bytes=limit) as watcher:
    ...     polls = watcher.poll(["https://example.org/news.rss"])

Each poll fetches every feed with a conditional GET (``If-None-Match`` / ``If-Modified-Since``
from the last answer), keeps the entries whose id and link are not in the feed's seen list,
fetches their pages (``feed_items``, as ``eventdesk run`` does) and stores them with ``ingest``.
A feed that fails (an HTTP error, a timeout, an HTML page instead of a feed) is one
``FeedPoll.problem`` line and the other feeds are polled as usual; it is tried again next poll.
An item that cannot be coded is not marked seen, so it is tried again too. The seen ids and the
validators live in a small JSON file (``WatchState``), saved after every feed, so a restarted
watch goes on where it stopped; the store itself also skips an unchanged item stored before.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType

import httpx

from eventdesk.errors import EventdeskError, InputError
from eventdesk.extract.feeds import FeedEntry, feed_items, parse_feed
from eventdesk.extract.web import fetch, new_client, page_item, require_html
from eventdesk.records import CodedArticle, RawItem
from eventdesk.runners.ingest import ingest
from eventdesk.runners.pool import Coder
from eventdesk.store import Store

MAX_SEEN = 10_000  # ids remembered per feed, newest kept; a feed lists far fewer at a time
STATE_VERSION = 1


class WatchStateError(EventdeskError):
    """The watch state file cannot be read or written."""


class WatchStopped(EventdeskError):
    """Raised by a poll when the stop event is set: the current article is stored, no more."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    """What a feed's last successful poll left: its HTTP validators and the entries seen."""

    etag: str | None = None
    last_modified: str | None = None
    seen: tuple[str, ...] = ()  # entry ids and links, oldest first


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedPoll:
    """One feed in one poll: ``problem`` is the feed's one-line error, ``errors`` its items'."""

    feed: str
    new: int = 0
    stored: int = 0
    events: int = 0
    not_modified: bool = False
    problem: str | None = None
    errors: tuple[str, ...] = ()


@dataclass(slots=True)
class WatchState:
    """The seen entries and validators of every feed, kept in a JSON file at ``path``."""

    path: Path
    feeds: dict[str, FeedState] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WatchState:
        """The state saved at ``path``; an empty state when there is no file yet."""
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            feeds = {url: FeedState(etag=f.get("etag"), last_modified=f.get("last_modified"),
                                    seen=tuple(str(s) for s in f.get("seen", ())))
                     for url, f in data["feeds"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise WatchStateError(f"{path}: not a readable watch state file ({type(err).__name__}: {err})") from None
        return cls(path, feeds)

    def get(self, feed: str) -> FeedState:
        return self.feeds.get(feed, FeedState())

    def update(self, feed: str, state: FeedState) -> None:
        """Keep ``state`` for ``feed`` and write the file (atomically: a kill leaves the old one)."""
        self.feeds[feed] = replace(state, seen=state.seen[-MAX_SEEN:])
        data = {"version": STATE_VERSION,
                "feeds": {url: {"etag": f.etag, "last_modified": f.last_modified, "seen": list(f.seen)}
                          for url, f in self.feeds.items()}}
        partial = self.path.with_name(self.path.name + ".partial")
        try:
            partial.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as err:
            raise WatchStateError(f"{self.path}: cannot write the watch state ({err.strerror or err})") from None


def state_path_for(db: str | Path) -> Path:
    """Where the state of a watch into ``db`` is kept: beside a SQLite file, else in the
    working folder (a PostgreSQL URL)."""
    if str(db).startswith(("postgresql:", "postgres:")):
        return Path("eventdesk-watch.json")
    path = Path(db)
    return path.with_name(path.name + ".watch.json")


class Watcher:
    """Polls feeds into a store through a coder (a ``Pipeline`` or a ``ProcessCoder``)."""

    def __init__(self, *, coder: Coder, store: Store, state: WatchState, max_bytes: int,
                 stop: threading.Event | None = None, client: httpx.Client | None = None) -> None:
        self.coder = coder
        self.store = store
        self.state = state
        self.max_bytes = max_bytes
        self.stop = stop or threading.Event()
        self._client = client or new_client()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._client.close()

    def poll(self, feeds: Sequence[str]) -> list[FeedPoll]:
        """Poll each feed once, in order. Raises ``WatchStopped`` when stopped meanwhile."""
        return [self.poll_feed(feed) for feed in feeds if not self._stopping()]

    def poll_feed(self, feed: str) -> FeedPoll:
        """Fetch one feed and store its new entries' items."""
        known = self.state.get(feed)
        try:
            answer = self._fetch_feed(feed, known)
            if answer is None:
                return FeedPoll(feed=feed, not_modified=True)
            data, validators = answer
            entries = parse_feed(data, source=feed)
        except InputError as err:
            return FeedPoll(feed=feed, problem=str(err))
        seen = set(known.seen)
        new = [e for e in entries if e.id not in seen and (e.link is None or e.link not in seen)]
        done, poll = self._store_entries(feed, new)
        if len(done) < len(new):  # an item failed: no validators, so the next poll sees it again
            validators = FeedState()
        self.state.update(feed, FeedState(etag=validators.etag, last_modified=validators.last_modified,
                                          seen=(*known.seen, *_keys(new, done))))
        return poll

    def _store_entries(self, feed: str, entries: list[FeedEntry]) -> tuple[set[str], FeedPoll]:
        """Ingest the entries' items; returns the ids stored (or stored before) and the counts.
        When stopped, the ids stored so far are marked seen before ``WatchStopped`` goes up."""
        stored: set[str] = set()
        failed: set[str] = set()

        def after(coded: CodedArticle) -> None:
            (failed if coded.error else stored).add(coded.id)
            if self.stop.is_set():
                raise WatchStopped("stopped")

        items = feed_items(entries, source=feed, fetch_page=self._page)
        try:
            report = ingest(self.coder, items, self.store, on_article=after)
        except WatchStopped:
            known = self.state.get(feed)
            self.state.update(feed, replace(known, seen=(*known.seen, *_keys(entries, stored))))
            raise
        done = {e.id for e in entries} - failed
        return done, FeedPoll(feed=feed, new=len(entries), stored=report.stored, events=report.events,
                              errors=tuple(report.errors))

    def _page(self, url: str) -> RawItem:
        return page_item(require_html(fetch(url, client=self._client, max_bytes=self.max_bytes)))

    def _fetch_feed(self, feed: str, known: FeedState) -> tuple[bytes, FeedState] | None:
        """The feed's bytes and validators, or None when the server says it has not changed."""
        headers = {"If-None-Match": known.etag} if known.etag else {}
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        try:
            with self._client.stream("GET", feed, headers=headers) as response:
                if response.status_code == httpx.codes.NOT_MODIFIED:
                    return None
                if response.status_code >= 400:
                    raise InputError(feed, f"HTTP {response.status_code} {response.reason_phrase or 'error'}")
                data = _read_capped(response.iter_bytes(), feed, self.max_bytes)
                validators = FeedState(etag=response.headers.get("etag"),
                                       last_modified=response.headers.get("last-modified"))
        except httpx.TimeoutException:
            raise InputError(feed, "timed out") from None
        except httpx.HTTPError as err:
            raise InputError(feed, f"cannot fetch ({type(err).__name__}: {err})") from None
        return data, validators

    def _stopping(self) -> bool:
        if self.stop.is_set():
            raise WatchStopped("stopped")
        return False


def _keys(entries: Iterable[FeedEntry], ids: set[str]) -> list[str]:
    """The seen-list keys (id and link) of the entries whose id is in ``ids``."""
    return [key for e in entries if e.id in ids for key in (e.id, e.link) if key]


def _read_capped(chunks: Iterable[bytes], feed: str, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise InputError(feed, f"feed too large (over {max_bytes} bytes, settings extract.max_input_bytes)")
        parts.append(chunk)
    return b"".join(parts)


def watch(feeds: Sequence[str], watcher: Watcher, *, every_s: float, max_polls: int | None = None,
          on_poll: Callable[[int, list[FeedPoll]], None] | None = None) -> int:
    """Poll every ``every_s`` seconds until ``max_polls`` polls are done or the watcher's stop
    event is set (a signal handler sets it); returns the number of polls made. The wait
    between polls ends at once when stopped; a poll in progress stops after its current article."""
    polls = 0
    while not watcher.stop.is_set():
        try:
            result = watcher.poll(feeds)
        except WatchStopped:
            break
        polls += 1
        if on_poll is not None:
            on_poll(polls, result)
        if max_polls is not None and polls >= max_polls:
            break
        watcher.stop.wait(every_s)
    return polls
