"""HTML pages: trafilatura finds the article body and its metadata (title, date through
htmldate, site name, author); figure captions are read from the markup so they can be kept
apart from the body.

The page is parsed once (``parse_html``); captions and metadata read the whole tree, then
``prune_tree`` drops what trafilatura's cleaning would delete anyway, and trafilatura (which
works on its own copy) and the chunk check (``chunks.py``) share the smaller tree.
trafilatura runs in its fast mode (no second and third extraction by readability and jusText
to compare with) favouring precision, without comments, and in full when that finds little.
docs/ingest.md gives the measurements behind these choices."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import is_dubious_html, repair_faulty_html

from eventdesk.errors import FormatError
from eventdesk.extract.chunks import add_missing_chunks
from eventdesk.extract.metadata import read_metadata
from eventdesk.extract.text import Line, normalise_line

MAX_CAPTION_CHARS = 600
FALLBACK_CHARS = 250  # a shorter fast extraction is done again in full
# trafilatura's parser options; set up here once and never changed after
_PARSER = etree.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
# trafilatura's MANUALLY_CLEANED without form (kept when it holds the text), math (read
# first), figure (a table's) and script (JSON-LD is kept): deleted by its cleaning anyway
PRUNED_ELEMENTS = (
    "aside", "embed", "fencedframe", "footer", "head", "iframe", "menu", "object", "applet", "audio",
    "canvas", "map", "picture", "svg", "video", "area", "blink", "button", "datalist", "dialog", "frame",
    "frameset", "fieldset", "link", "input", "label", "legend", "marquee", "menuitem", "nav", "noindex",
    "noscript", "optgroup", "option", "output", "param", "progress", "rp", "rt", "rtc", "select", "source",
    "style", "track", "textarea", "time", "use",
)
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
    """Run trafilatura over ``html``, parsed once (captions and metadata are read from the
    tree; trafilatura prunes its own copy). An empty result gives a page with no lines."""
    try:
        tree = parse_html(html)
        if tree is None:
            return Page(lines=())
        captions = tuple(find_captions(tree))
        metadata = read_metadata(tree, url=url)
        prune_tree(tree)
        text = run_trafilatura(tree, url=url, fast=True)
        if len(text) < FALLBACK_CHARS:  # the full extraction, with its readability/jusText fallbacks
            text = max(text, run_trafilatura(tree, url=url, fast=False), key=len)
        raw_lines = add_missing_chunks(tree, text.split("\n")) if text else []
    except (ValueError, TypeError, etree.LxmlError) as err:
        raise FormatError(source, f"unreadable HTML ({type(err).__name__}: {err})") from None
    lines = tuple(Line(line, index) for index, raw in enumerate(raw_lines) if (line := normalise_line(raw)))
    return Page(
        lines=lines,
        captions=captions,
        title=_clean(metadata.title),
        published=metadata.published,
        sitename=_clean(metadata.sitename),
        author=_clean(metadata.author),
    )


def run_trafilatura(tree: HtmlElement, *, url: str | None, fast: bool) -> str:
    """The body text: trafilatura's fast mode favours precision; the full mode (the fallback
    for a short or empty result) keeps its default balance."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=fast,
        include_comments=False,
        include_images=False,
        deduplicate=False,
    )
    return (document.text or "") if isinstance(document, Document) else ""


def parse_html(html: str) -> HtmlElement | None:
    """The page's tree, as trafilatura's ``load_html`` makes it (its repairs, its parser
    options) but with lxml's C-level element classes: lxml.html's own parser asks a Python
    method for the class of every element the code touches (about 1,500 a page through
    trafilatura) — and parsed from UTF-8 bytes, which trafilatura tries second. None when
    ``html`` does not parse to a page."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    try:  # UTF-8 bytes: libxml2 reads them a quarter faster than a str, into the same tree
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except etree.ParserError:  # nothing to parse
        return None
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        return None
    return tree


def prune_tree(tree: HtmlElement) -> None:
    """Drop, in place and at C speed, the elements trafilatura's own cleaning deletes first
    (scripts but JSON-LD, styles, navigation, footers …), so that its XPath passes and tree
    copies work on a smaller tree; their tail text stays."""
    for script in list(tree.iter("script")):
        if str(script.get("type") or "").casefold() != "application/ld+json":
            script.drop_tree()
    etree.strip_elements(tree, *PRUNED_ELEMENTS, with_tail=False)


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
