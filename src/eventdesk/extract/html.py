"""HTML pages: trafilatura finds the article body and its metadata (title, date through
htmldate, site name, author); figure captions are read from the markup so they can be kept
apart from the body."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from eventdesk.errors import FormatError
from eventdesk.extract.text import Line, normalise_line

MAX_CAPTION_CHARS = 600
_CONTAINERS = ("//article", "//main", "//*[@role='main']")


@dataclass(frozen=True, slots=True)
class Page:
    """What the page gives: body lines (one paragraph each) and figure captions."""

    lines: tuple[Line, ...]
    captions: tuple[str, ...] = ()
    title: str | None = None
    published: dt.date | None = None
    sitename: str | None = None
    author: str | None = None


def read_page(html: str, *, url: str | None, source: str) -> Page:
    """Run trafilatura over ``html``, parsed once (captions are read from the tree before
    trafilatura prunes it). An empty result gives a page with no lines."""
    try:
        tree = load_html(html)
        captions = tuple(find_captions(tree)) if tree is not None else ()
        document = trafilatura.bare_extraction(
            tree if tree is not None else html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            deduplicate=False,
        )
    except (ValueError, TypeError, etree.LxmlError) as err:
        raise FormatError(source, f"unreadable HTML ({type(err).__name__}: {err})") from None
    if not isinstance(document, Document):  # None: nothing found
        return Page(lines=(), captions=captions)
    text = document.text or ""
    lines = tuple(Line(line, index) for index, raw in enumerate(text.split("\n")) if (line := normalise_line(raw)))
    return Page(
        lines=lines,
        captions=captions,
        title=_clean(document.title),
        published=_date(document.date),
        sitename=_clean(document.sitename),
        author=_clean(document.author),
    )


def quiet_html_libraries() -> None:
    """trafilatura and htmldate log a warning for every page they cannot read, which Python
    prints to stderr when the application set up no logging; the stage reports its own
    errors (``InputError``), so their loggers are raised to CRITICAL."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def find_captions(page: str | HtmlElement) -> list[str]:
    """The text of each ``<figcaption>`` in the article (the ``<article>`` or ``<main>``
    element when the page has one, else the whole page), in page order, without repeats."""
    if isinstance(page, HtmlElement):
        root = page
    else:
        try:
            root = lxml.html.fromstring(page.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return []
    scope = root
    for path in _CONTAINERS:
        found = root.xpath(path)
        if found:
            scope = max(found, key=lambda element: len(element.text_content()))
            break
    captions: list[str] = []
    for element in scope.iter("figcaption"):
        text = normalise_line(" ".join(" ".join(element.itertext()).split()))
        if text and len(text) <= MAX_CAPTION_CHARS and text not in captions:
            captions.append(text)
    return captions


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = normalise_line(" ".join(value.split()))
    return text or None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
