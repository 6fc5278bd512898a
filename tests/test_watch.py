"""``eventdesk watch`` against feeds served on loopback by a real HTTP server whose feeds change
between polls: new items appear, one feed answers 500 and then recovers, one is an HTML page.
Only new items are fetched and stored, nothing twice, across polls and across restarts."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.cli.watch import Interval, stop_on_signals
from eventdesk.pipeline import Pipeline
from eventdesk.runners.watch import FeedPoll, Watcher, WatchState, WatchStateError, state_path_for, watch
from eventdesk.settings import Settings
from eventdesk.store import Store, open_store
from tests.conftest import shared_path

ARTICLES = 4


@dataclass
class Site:
    """What the server serves: real Wikinews articles as pages, and feeds that change with the
    number of times they were asked for; ``hits`` counts every request by path."""

    base: str = ""
    articles: list[dict[str, str]] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)

    def answer(self, path: str, etag: str | None) -> tuple[int, str, bytes, dict[str, str]]:
        self.hits[path] += 1
        n = self.hits[path]
        if path.startswith("/articles/"):
            row = self.articles[int(path.removeprefix("/articles/").removesuffix(".html")) - 1]
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip())
            page = f"<html><head><title>{html.escape(row['title'])}</title></head><body><article>" \
                   f"<h1>{html.escape(row['title'])}</h1>{paragraphs}</article></body></html>"
            return 200, "text/html; charset=utf-8", page.encode(), {}
        if path == "/a.rss":  # two items, then a third on top; an ETag from the second answer on
            if n > 1 and etag == '"a2"':
                return 304, "application/rss+xml", b"", {}
            return 200, "application/rss+xml", self._rss([3, 1, 2] if n > 1 else [1, 2]), \
                ({"ETag": '"a2"'} if n > 1 else {})
        if path == "/b.atom":  # a server error first, then one item
            if n == 1:
                return 500, "text/plain", b"oops", {}
            return 200, "application/atom+xml", self._atom([4]), {}
        if path == "/c.rss":  # a page, not a feed
            return 200, "text/html", b"<!DOCTYPE html><html><body><p>Our feeds moved.</p></body></html>", {}
        return 404, "text/plain", b"not here", {}

    def _rss(self, numbers: list[int]) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(self.articles[k - 1]['title'])}</title><guid>item-{k}</guid>"
            f"<link>{self.base}/articles/{k}.html</link>"
            f"<pubDate>{_rfc822(self.articles[k - 1]['published'])}</pubDate></item>"
            for k in numbers
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>A</title>{items}</channel></rss>'.encode()

    def _atom(self, numbers: list[int]) -> bytes:
        entries = "".join(
            f"<entry><title>{html.escape(self.articles[k - 1]['title'])}</title><id>item-{k}</id>"
            f'<link href="{self.base}/articles/{k}.html"/><updated>{self.articles[k - 1]["published"]}T12:00:00Z'
            f"</updated></entry>"
            for k in numbers
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>B</title>'
                f"<id>b</id><updated>2020-01-01T00:00:00Z</updated>{entries}</feed>").encode()


def _rfc822(day: str) -> str:
    return dt.date.fromisoformat(day).strftime("%a, %d %b %Y 12:00:00 +0000")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, media_type, body, headers = site.answer(self.path, self.headers.get("If-None-Match"))
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def articles() -> list[dict[str, str]]:
    corpus = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    return sorted(rows, key=lambda r: len(r["text"]))[:ARTICLES]


@pytest.fixture
def site(articles: list[dict[str, str]]) -> Iterator[Site]:
    site = Site(articles=articles)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "events.sqlite")
    yield store
    store.close()


def mentions(folder: Path) -> int:
    with sqlite3.connect(folder / "events.sqlite") as connection:
        return int(connection.execute("SELECT count(*) FROM mentions").fetchone()[0])


def feeds(site: Site) -> list[str]:
    return [f"{site.base}/a.rss", f"{site.base}/b.atom", f"{site.base}/c.rss"]


def counts(polls: list[FeedPoll]) -> list[tuple[int, int, bool, str | None]]:
    return [(p.new, p.stored, p.not_modified, p.problem) for p in polls]


def test_polls_store_only_new_items_and_survive_feed_errors(
    site: Site, pipeline: Pipeline, store: Store, tmp_path: Path
) -> None:
    state = WatchState.load(tmp_path / "events.sqlite.watch.json")
    a, b, c = feeds(site)
    html_error = f"{c}: not a feed (HTML page)"
    with Watcher(coder=pipeline, store=store, state=state, max_bytes=1_000_000) as watcher:
        first, second, third = (watcher.poll(feeds(site)) for _ in range(3))
    assert counts(first) == [(2, 2, False, None), (0, 0, False, f"{b}: HTTP 500 Internal Server Error"),
                             (0, 0, False, html_error)]
    assert counts(second) == [(1, 1, False, None), (1, 1, False, None), (0, 0, False, html_error)]
    assert counts(third) == [(0, 0, True, None), (0, 0, False, None), (0, 0, False, html_error)]
    assert all(site.hits[f"/articles/{k}.html"] == 1 for k in range(1, ARTICLES + 1))  # each page fetched once
    stored_events = sum(p.events for poll in (first, second, third) for p in poll)
    assert stored_events > 0 and store.count()[0] == ARTICLES and mentions(tmp_path) == stored_events
    assert {s.id for s in store.articles()} == {f"item-{k}" for k in range(1, ARTICLES + 1)}

    restarted = WatchState.load(tmp_path / "events.sqlite.watch.json")  # a new process: state from the file
    assert restarted.get(a).etag == '"a2"' and "item-4" in restarted.get(b).seen
    with Watcher(coder=pipeline, store=store, state=restarted, max_bytes=1_000_000) as watcher:
        again = watcher.poll([a, b])
    assert counts(again) == [(0, 0, True, None), (0, 0, False, None)]
    assert store.count()[0] == ARTICLES and mentions(tmp_path) == stored_events


def test_watch_command_polls_every_second_and_saves_what_it_saw(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    runner = CliRunner()
    result = runner.invoke(cli, ["watch", *feeds(site), "--every", "1s", "--max-polls", "3", "--db", str(db)])
    assert result.exit_code == 1, result.output  # the feeds that failed
    lines = result.stderr.splitlines()
    assert lines.count(f"{site.base}/b.atom: HTTP 500 Internal Server Error") == 1
    assert lines.count(f"{site.base}/c.rss: not a feed (HTML page)") == 3
    assert any(line.startswith("poll 1: 3 feeds, 2 new items, stored 2 articles with ") for line in lines)
    assert any(line.startswith("poll 2: 3 feeds, 2 new items, stored 2 articles with ") for line in lines)
    assert "poll 3: 3 feeds, 0 new items, stored 0 articles with 0 events; 1 feeds failed" in lines
    assert f"{db}: done after 3 polls; state in {db}.watch.json" in lines
    saved = json.loads(state_path_for(db).read_text(encoding="utf-8"))["feeds"]  # what a restart reads
    assert saved[f"{site.base}/a.rss"]["etag"] == '"a2"'
    assert [s for s in saved[f"{site.base}/b.atom"]["seen"] if s.startswith("item-")] == ["item-4"]
    assert all(site.hits[f"/articles/{k}.html"] == 1 for k in range(1, ARTICLES + 1))


def test_the_stop_event_ends_the_wait_between_polls_at_once(
    site: Site, pipeline: Pipeline, store: Store, tmp_path: Path
) -> None:
    stop = threading.Event()
    polled: list[int] = []
    with Watcher(coder=pipeline, store=store, state=WatchState(tmp_path / "state.json"), max_bytes=1_000_000,
                 stop=stop) as watcher:
        timer = threading.Timer(0.5, stop.set)
        timer.start()
        polls = watch([f"{site.base}/b.atom"], watcher, every_s=3600, on_poll=lambda n, _: polled.append(n))
    assert polls == 1 and polled == [1]  # returned after the timer, not after an hour
    with Watcher(coder=pipeline, store=store, state=WatchState(tmp_path / "state.json"), max_bytes=1_000_000,
                 stop=stop) as watcher:
        assert watch([f"{site.base}/b.atom"], watcher, every_s=3600) == 0  # stopped before the first poll


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_set_the_stop_event(number: signal.Signals) -> None:
    stop = threading.Event()
    before = signal.getsignal(number)
    with stop_on_signals(stop):
        os.kill(os.getpid(), number)
        assert stop.wait(5)
    assert signal.getsignal(number) == before


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("1.5h", 5400), ("1d", 86400)])
def test_intervals(text: str, seconds: float) -> None:
    assert Interval().convert(text, None, None) == seconds


@pytest.mark.parametrize("text", ["15", "0s", "-1m", "soon", "1w"])
def test_bad_intervals_are_usage_errors(text: str) -> None:
    result = CliRunner().invoke(cli, ["watch", "http://127.0.0.1:9/a.rss", "--every", text])
    assert result.exit_code == 2 and "is not an interval such as 30s, 15m or 1h" in result.output


def test_a_corrupt_state_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite.watch.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(WatchStateError, match=r"watch\.json: not a readable watch state file"):
        WatchState.load(path)


def test_the_command_stops_cleanly_on_sigterm_while_waiting(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    command = [sys.executable, "-c", "from eventdesk.cli import main; main()", "watch", f"{site.base}/a.rss",
               "--every", "1h", "--db", str(db)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    guard = threading.Timer(240, process.kill)  # a hung watch fails the test instead of hanging it
    guard.start()
    try:
        assert process.stderr is not None
        lines = []
        while not any(line.startswith("poll 1:") for line in lines) and (line := process.stderr.readline()):
            lines.append(line.rstrip("\n"))
        process.send_signal(signal.SIGTERM)  # during the hour's wait
        rest = process.communicate(timeout=60)[1].splitlines()
    finally:
        guard.cancel()
    assert process.returncode == 0, lines + rest
    assert "poll 1: 1 feeds, 2 new items, stored 2 articles" in lines[-1]
    assert rest[-1] == f"{db}: stopped after 1 polls; state in {db}.watch.json"
