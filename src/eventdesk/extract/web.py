"""Fetching pages over HTTP(S) with httpx: timeouts, a size cap, redirects and a polite user
agent that names eventdesk. Every failure is one ``InputError`` naming the URL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from eventdesk import __version__
from eventdesk.errors import DecodeError, FormatError, InputError
from eventdesk.extract.feeds import feed_items, looks_like_feed, parse_feed
from eventdesk.extract.text import decode_html
from eventdesk.records import RawItem

USER_AGENT = f"eventdesk/{__version__} (news event coder; +https://github.com/eventdesk/eventdesk)"
TIMEOUT_S = 20.0  # connect, read and write, each
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


def is_url(name: str) -> bool:
    """``http://`` and ``https://`` inputs are fetched; everything else is a path."""
    return name.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A fetched page: the URL asked for, the URL it ended at, its media type and bytes."""

    url: str
    final_url: str
    media_type: str
    data: bytes

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES

    @property
    def is_feed(self) -> bool:
        return self.media_type in FEED_TYPES


def new_client(*, timeout_s: float = TIMEOUT_S) -> httpx.Client:
    """One client per run: connection reuse, redirects followed, eventdesk's user agent."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout_s),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"},
    )


def fetch(url: str, *, client: httpx.Client, max_bytes: int) -> Fetched:
    """GET ``url``, reading at most ``max_bytes``. Raises ``InputError`` for an HTTP error
    status, a timeout, a connection failure, too many redirects or a body over the cap."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise InputError(url, f"HTTP {response.status_code} {reason}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, _too_large(int(declared), max_bytes))
            data = _read_capped(response, url, max_bytes)
            media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(url=url, final_url=str(response.url), media_type=media_type, data=data)
    except httpx.TimeoutException:
        raise InputError(url, f"timed out (no answer within {client.timeout.read}s)") from None
    except httpx.TooManyRedirects:
        raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except httpx.HTTPError as err:
        raise InputError(url, f"cannot fetch ({type(err).__name__}: {err})") from None


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, _too_large(size, max_bytes, at_least=True))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    over = "over " if at_least else ""
    return f"page too large ({over}{size} bytes; the limit is {limit}, settings extract.max_input_bytes)"


def require_html(page: Fetched) -> Fetched:
    """``page`` when it is HTML (or untyped), else a ``FormatError`` naming its type."""
    if page.is_html or not page.media_type:
        return page
    raise FormatError(page.url, f"not an HTML page ({page.media_type})")


class WebReader:
    """Reads URLs for ``read_items``: a page becomes one item, a feed its items (each link
    fetched in turn). The HTTP client is opened on first use; ``close`` releases it."""

    def __init__(self, *, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._client: httpx.Client | None = None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str) -> Fetched:
        if self._client is None:
            self._client = new_client()
        return fetch(url, client=self._client, max_bytes=self._max_bytes)

    def page(self, url: str) -> RawItem:
        """The HTML page at ``url`` as an item (raises ``InputError``)."""
        return page_item(require_html(self.get(url)))

    def read_url(self, url: str) -> Iterator[RawItem | InputError]:
        """A page's item, or a feed's items; one ``InputError`` when the URL fails."""
        try:
            fetched = self.get(url)
            if fetched.is_feed or (not fetched.is_html and looks_like_feed(fetched.data)):
                entries = parse_feed(fetched.data, source=url)
            else:
                yield page_item(require_html(fetched))
                return
        except InputError as err:
            yield err
            return
        yield from feed_items(entries, source=url, fetch_page=self.page)


def page_item(page: Fetched) -> RawItem:
    """A fetched HTML page as an item: its URL (the one asked for) as id, the final URL as url."""
    try:
        html = decode_html(page.data)
    except UnicodeDecodeError as err:
        raise DecodeError(page.url, f"undecodable bytes at byte {err.start} (not UTF-8)", item_id=page.url) from None
    return RawItem(id=page.url, source=page.url, html=html, url=page.final_url)
