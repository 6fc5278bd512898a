"""RSS and Atom feeds (feedparser): each item's link is fetched for the full page, and the
item's own content or summary is the fallback when there is no link or the fetch fails.
A "feed" that is really an HTML page is one ``FormatError``."""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from eventdesk.errors import FormatError, InputError
from eventdesk.records import RawItem

FEED_SUFFIXES = (".rss", ".atom", ".xml")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE | re.DOTALL)

_BREAKS = re.compile(r"<\s*(?:/p|br\s*/?|/div|/li|/h\d)\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")

PageFetcher = Callable[[str], RawItem]


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One feed item: its id, link, title, date and inline content (HTML or text)."""

    id: str
    link: str | None
    title: str | None
    published: dt.date | None
    content: str | None


def looks_like_feed(data: bytes) -> bool:
    """An XML document whose root is rss, feed or rdf:RDF (sniffed from the first bytes)."""
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(data: bytes, *, source: str) -> list[FeedEntry]:
    """The feed's entries. Raises ``FormatError`` for an HTML page or anything not a feed."""
    if _HTML_START.match(data[:4096]):
        raise FormatError(source, "not a feed (HTML page)")
    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=True)
    if not parsed.version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__}: {problem})" if problem else ""
        raise FormatError(source, f"not an RSS or Atom feed{detail}")
    return [_entry(raw, number, source) for number, raw in enumerate(parsed.entries, start=1)]


def _entry(raw: Any, number: int, source: str) -> FeedEntry:
    link = raw.get("link") or None
    if link is not None and not link.lower().startswith(("http://", "https://")):
        link = None  # feedparser makes a link of an id such as "urn:..."
    contents = raw.get("content") or []
    content = contents[0].get("value") if contents else None
    return FeedEntry(
        id=str(raw.get("id") or link or f"{source}#{number}"),
        link=link,
        title=(raw.get("title") or "").strip() or None,
        published=_date(raw.get("published_parsed") or raw.get("updated_parsed")),
        content=content or raw.get("summary") or None,
    )


def _date(value: time.struct_time | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None


def feed_items(
    entries: list[FeedEntry], *, source: str, fetch_page: PageFetcher | None
) -> Iterator[RawItem | InputError]:
    """One item per entry: the fetched page at its link, else its inline content."""
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#{number}"
        fetched: RawItem | InputError | None = None
        if entry.link and fetch_page is not None:
            try:
                fetched = fetch_page(entry.link)
            except InputError as err:
                fetched = err
        if isinstance(fetched, RawItem):
            yield RawItem(
                id=entry.id, source=fetched.source, html=fetched.html, text=fetched.text,
                url=fetched.url, title=entry.title, published=entry.published,
            )
        elif entry.content:
            yield RawItem(
                id=entry.id, source=entry.link or where, text=_as_text(entry.content), url=entry.link,
                title=entry.title, published=entry.published,
            )
        elif fetched is not None:
            fetched.item_id = entry.id
            yield fetched
        else:
            yield FormatError(where, "feed item with neither a link nor content", item_id=entry.id)


def _as_text(content: str) -> str:
    """Inline content (an HTML fragment or text) as plain text, a paragraph a block."""
    spaced = _BREAKS.sub("\n\n", content)
    return html.unescape(_TAGS.sub("", spaced)).strip()
