"""A page's title, author, site name and publication date, read from the parsed tree.

trafilatura's ``extract_metadata`` in the parts eventdesk uses (meta tags, then JSON-LD, then
the page's own markup; the author from the markup through ``authors.py``) and the publication
day (``pubdate.py``), without its categories, tags and licence searches, which cost about a
fifth of the extract stage's time and which no record holds.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.metadata import (
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)

from eventdesk.extract.authors import markup_author
from eventdesk.extract.pubdate import find_published

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
        author=meta.author or markup_author(tree),
        sitename=_sitename(meta.sitename or extract_sitename(tree), page_url),
        published=find_published(tree, url=page_url),
    )


def _sitename(name: str | None, url: str | None) -> str | None:
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name or None
    found = _HOST.match(url or "")
    return found.group(1) if found else None
