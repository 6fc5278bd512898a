"""A page's title, author, site name and publication date, read from the parsed tree.

trafilatura's ``extract_metadata`` in the parts eventdesk uses (meta tags, then JSON-LD, then
the page's own markup; htmldate for the date), without its categories, tags and licence
searches, which cost about a fifth of the extract stage's time and which no record holds.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

import htmldate
from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

PUBLISHED_TAGS = frozenset(
    {"article:published_time", "og:article:published_time", "datepublished", "date.published", "pubdate",
     "publishdate", "publish-date", "dc.date.issued", "dcterms.issued", "parsely-pub-date"}
)
MODIFIED_TAGS = frozenset(
    {"article:modified_time", "og:updated_time", "datemodified", "date.modified", "lastmod", "last-modified",
     "dcterms.modified"}
)
MIN_DAY = dt.date(1995, 1, 1)  # older "publication" dates on news pages are placeholders
_JSON_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_JSON_MODIFIED = re.compile(r'"dateModified"\s*:\s*"([^"]{10,40})"')
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMetadata:
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    published: dt.date | None = None


def read_metadata(tree: HtmlElement, *, url: str | None) -> PageMetadata:
    """The metadata of the page ``tree`` (left unchanged). ``url`` is the page's address
    when known (htmldate reads dates in URLs; the page's canonical link is used otherwise)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a handle or a single word: not a name
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as err:  # malformed JSON-LD
        _LOG.debug("JSON-LD metadata skipped: %s", err)
    page_url = meta.url or extract_url(tree, url) or url
    return PageMetadata(
        title=meta.title or extract_title(tree),
        author=meta.author or extract_author(tree),
        sitename=_sitename(meta.sitename or extract_sitename(tree), page_url),
        published=find_published(tree, url=page_url),
    )


def find_published(tree: HtmlElement, *, url: str | None) -> dt.date | None:
    """htmldate's date (the original before a modified one, its extensive search included,
    never after today); but where that is a day the page declares as its modified date
    (``article:modified_time``, JSON-LD ``dateModified``) and it declares another as its
    published date (``article:published_time``, ``datePublished``), the published one."""
    found = parse_day(htmldate.find_date(tree, url=url, **date_search()))
    if found is None:
        return None
    published, modified = _declared_days(tree)
    if found in modified and found not in published:
        earlier = [day for day in published if MIN_DAY <= day < found]
        return earlier[0] if earlier else found
    return found


def _declared_days(tree: HtmlElement) -> tuple[list[dt.date], set[dt.date]]:
    """The days of the page's publication-date tags (meta tags first, in page order) and of
    its modification-date tags."""
    published: list[str] = []
    modified: list[str] = []
    for meta in tree.iter("meta"):
        name = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if name in PUBLISHED_TAGS:
            published.append(str(meta.get("content") or ""))
        elif name in MODIFIED_TAGS:
            modified.append(str(meta.get("content") or ""))
    for script in tree.iter("script"):
        if str(script.get("type") or "").casefold() == "application/ld+json" and script.text:
            published.extend(_JSON_PUBLISHED.findall(script.text))
            modified.extend(_JSON_MODIFIED.findall(script.text))
    return [d for v in published if (d := parse_day(v))], {d for v in modified if (d := parse_day(v))}


def date_search() -> dict[str, Any]:
    """htmldate's settings, also given to trafilatura when it reads the metadata itself."""
    return {"original_date": True, "extensive_search": True, "max_date": dt.date.today().isoformat()}


def parse_day(value: str | None) -> dt.date | None:
    """The day of an ISO date or date-time string; None when there is none."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sitename(name: str | None, url: str | None) -> str | None:
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    found = _HOST.match(url or "")
    return found.group(1) if found else None
