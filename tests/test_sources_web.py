"""URLs and feeds through ``read_items``, against a real HTTP server on loopback serving
tests/resources/extract/web (``{BASE}`` in a served file becomes the server's address)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventdesk.errors import FormatError, InputError
from eventdesk.extract import Extractor, read_items
from eventdesk.extract.web import USER_AGENT, fetch, new_client
from eventdesk.records import RawItem
from eventdesk.settings import ExtractSettings
from tests.conftest import RESOURCES

WEB = RESOURCES / "extract" / "web"
TYPES = {".html": "text/html; charset=utf-8", ".rss": "application/rss+xml", ".xml": "application/xml"}


class Handler(BaseHTTPRequestHandler):
    agents: list[str] = []  # noqa: RUF012 - the test reads what the server saw

    def do_GET(self) -> None:
        Handler.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/moved":
            self._send(301, b"", "text/html", location=f"{base}/gaza.html")
        elif self.path == "/loop":
            self._send(302, b"", "text/html", location=f"{base}/loop")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, b"<p>late</p>", "text/html")
        elif self.path == "/report.pdf":
            self._send(200, b"%PDF-1.4 binary", "application/pdf")
        elif self.path == "/huge.html":
            self._send(200, b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
        elif self.path == "/error":
            self._send(500, b"oops", "text/plain")
        else:
            file = WEB / self.path.lstrip("/")
            if not file.is_file():
                self._send(404, b"not here", "text/plain")
                return
            body = file.read_bytes().replace(b"{BASE}", base.encode())
            self._send(200, body, TYPES.get(file.suffix, "application/octet-stream"))

    def _send(self, status: int, body: bytes, media_type: str, *, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_politely_and_extracted(base: str) -> None:
    (item,) = list(read_items([f"{base}/gaza.html"]))
    assert isinstance(item, RawItem)
    assert item.id == item.source == f"{base}/gaza.html" and item.html and "Egyptian-mediated" in item.html
    assert Handler.agents[-1] == USER_AGENT and "eventdesk" in USER_AGENT
    article = Extractor.from_settings().extract(item)
    assert article.text.startswith("An Egyptian-mediated ceasefire") and article.published == dt.date(2022, 8, 8)


def test_redirects_are_followed_and_the_final_url_kept(base: str) -> None:
    (item,) = list(read_items([f"{base}/moved"]))
    assert isinstance(item, RawItem) and item.id == f"{base}/moved" and item.url == f"{base}/gaza.html"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/error", "HTTP 500 Internal Server Error"),
        ("/report.pdf", "not an HTML page (application/pdf)"),
        ("/loop", "too many redirects (more than 5)"),
        ("/huge.html", "page too large (300007 bytes; the limit is 100000, settings extract.max_input_bytes)"),
    ],
)
def test_http_failures_are_one_line_and_reading_goes_on(base: str, path: str, problem: str) -> None:
    settings = ExtractSettings(max_input_bytes=100_000)
    error, item = list(read_items([f"{base}{path}", f"{base}/tunis.html"], settings=settings))
    assert isinstance(error, InputError) and str(error) == f"{base}{path}: {problem}"
    assert isinstance(item, RawItem) and item.id == f"{base}/tunis.html"


def test_a_timeout_is_one_line(base: str) -> None:
    with new_client(timeout_s=0.3) as client, pytest.raises(InputError) as caught:
        fetch(f"{base}/slow", client=client, max_bytes=1000)
    assert str(caught.value) == f"{base}/slow: timed out (no answer within 0.3s)"


def test_a_connection_failure_is_one_line() -> None:
    (error,) = list(read_items(["http://127.0.0.1:9/nothing"]))
    assert isinstance(error, InputError)
    assert str(error).startswith("http://127.0.0.1:9/nothing: cannot fetch (ConnectError")


def test_a_feed_url_yields_its_items_each_page_fetched(base: str) -> None:
    items = list(read_items([f"{base}/news.rss"]))
    assert all(isinstance(i, RawItem) for i in items)
    gaza, tunis, doha = (i for i in items if isinstance(i, RawItem))
    assert (gaza.id, gaza.source) == ("levant-wire-gaza-ceasefire", f"{base}/gaza.html")
    assert gaza.published == dt.date(2022, 8, 8) and gaza.html and "Islamic Jihad" in gaza.html
    assert gaza.title == "Egypt brokers Gaza ceasefire after three days of fighting"
    assert tunis.html and tunis.url == f"{base}/tunis.html"
    # the page is gone (404): the item's own description stands in for it
    assert doha.html is None and doha.text is not None
    assert doha.text.startswith("Negotiators from both sides met in Doha")
    article = Extractor.from_settings().extract(doha)
    assert article.text.endswith("The talks are expected to last three days.")
    assert article.published == dt.date(2022, 8, 9)


def test_a_feed_file_falls_back_to_item_content() -> None:
    path = RESOURCES / "extract" / "inline.atom"
    ambush, empty = list(read_items([str(path)]))
    assert isinstance(ambush, RawItem) and ambush.id == "urn:sahel-monitor:ambush-mopti"
    assert ambush.text is not None and ambush.text.startswith("Gunmen ambushed an army patrol near Mopti")
    assert ambush.published == dt.date(2023, 3, 1)
    assert isinstance(empty, FormatError) and str(empty) == f"{path}#2: feed item with neither a link nor content"


def test_a_feed_that_is_an_html_page_is_one_line(base: str, tmp_path: Path) -> None:
    (error,) = list(read_items([str(WEB / "fake-feed.xml")]))
    assert isinstance(error, FormatError) and str(error) == f"{WEB / 'fake-feed.xml'}: not a feed (HTML page)"
    (served,) = list(read_items([f"{base}/fake-feed.xml"]))
    assert isinstance(served, FormatError) and str(served) == f"{base}/fake-feed.xml: not a feed (HTML page)"
    garbage = tmp_path / "broken.rss"
    garbage.write_bytes(b"\x00\x01 not xml at all")
    (bad,) = list(read_items([str(garbage)]))
    assert isinstance(bad, FormatError) and str(bad).startswith(f"{garbage}: not an RSS or Atom feed")
