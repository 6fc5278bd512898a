"""A page's publication day, from the cheapest trustworthy source that has one, unless what
the page shows its reader says otherwise.

Sources, in this order (docs/ingest.md gives the measurements behind it):

1. a full date in the URL's path (``/2023/11/08/``, ``/2023-11-08-``);
2. the page's declared publication date: meta tags (``article:published_time``,
   ``datePublished``, ``dc.date``, ``sailthru.date`` …, in page order), then JSON-LD
   ``datePublished``, then an element with ``itemprop="datePublished"``;
3. htmldate's quick search (original date, not its modified one);
4. htmldate's extensive search run from its own pieces, with ``writtendates.py`` where htmldate
   would call dateparser (``text_search_day``): dateparser is never loaded;
5. the first ``<time datetime>``.

The first source with a plausible day gives it, with one exception: when the URL has no date
and the day written in the page's header (the first date written out in the text after the
``<h1>``, where news pages show the byline) differs from the winner, and the text search (4)
reads that same day, the header day wins: two readings of what the reader sees outweigh the
page's metadata, which often carries a first version's or a template's date.

A declared timestamp's day is the day as written, in the timestamp's own offset; except that a
timestamp in UTC (``Z``, ``+00:00``) on a page whose other timestamps carry a local offset
(``-05:00``) is read in that offset: ``2023-11-09T02:11:03+00:00`` on a page that also writes
``2023-11-08T21:11:03-05:00`` was published on the 8th. Days before 1995 or after today are
placeholders, not dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from copy import deepcopy

import htmldate
from dateutil import parser as date_parser
from htmldate.core import date_candidates, examine_text, has_plausible_candidates, search_page, serialize
from htmldate.extractors import FREE_TEXT_EXPRESSIONS, discard_unwanted, try_date_expr_opts
from htmldate.settings import CLEANING_LIST, MAX_SEGMENT_LEN, MIN_SEGMENT_LEN
from htmldate.utils import Extractor, clean_html
from htmldate.validators import get_max_date, get_min_date
from lxml.html import HtmlElement

from eventdesk.extract.writtendates import written_days

PUBLISHED_TAGS = frozenset(
    {"article:published_time", "og:article:published_time", "og:published_time", "published_time",
     "datepublished", "date.published", "article.published", "pubdate", "publishdate", "publish-date",
     "publish_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created",
     "dcterms.created", "date", "parsely-pub-date", "sailthru.date", "article:post_date",
     "citation_publication_date", "citation_date", "original-publish-date"}
)
MIN_DAY = dt.date(1995, 1, 1)  # older "publication" dates on news pages are placeholders
HEADER_CHARS = 1000  # the text after the <h1> searched for the byline's date
_UNSHOWN = frozenset({"script", "style", "noscript", "template"})
_ISO = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{1,2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_JSON_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_JSON_DATES = re.compile(r'"date\w*"\s*:\s*"([^"]{8,40})"')
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)")


def find_published(tree: HtmlElement, *, url: str | None, today: dt.date | None = None) -> dt.date | None:
    """The publication day of the page ``tree`` (left unchanged), ``url`` its address; None when
    no source gives a plausible one. The first source with a day gives it, unless the page's
    visible header day (``header_day``) differs and the text search reads the same day: two
    readings of what the reader sees then outweigh the page's metadata."""
    latest = today or dt.date.today()
    day = url_day(url)
    if day is not None and MIN_DAY <= day <= latest:
        return day
    day, source = _first_source_day(tree, url=url, latest=latest)
    if source not in ("declared", "htmldate"):  # the text search ran and gave this day, or none
        return day
    shown = header_day(tree, latest=latest)
    if shown is not None and shown != day and text_search_day(tree, latest=latest) == shown:
        return shown
    return day


def _first_source_day(tree: HtmlElement, *, url: str | None, latest: dt.date) -> tuple[dt.date | None, str]:
    """The day of the first of the declared date, htmldate's quick search, the text search and
    the first ``<time>`` that has a plausible one, and which source gave it."""
    offset = local_offset(tree)
    for value in declared_published(tree):
        day = stamp_day(value, local_offset=offset)
        if day is not None and MIN_DAY <= day <= latest:
            return day, "declared"
    found = htmldate.find_date(tree, url=url, original_date=True, extensive_search=False,
                               max_date=latest.isoformat())
    day = stamp_day(found) if isinstance(found, str) else None
    if day is not None and MIN_DAY <= day <= latest:
        return day, "htmldate"
    day = text_search_day(tree, latest=latest)
    if day is not None and MIN_DAY <= day <= latest:
        return day, "text"
    for element in tree.iter("time"):
        day = stamp_day(element.get("datetime"), local_offset=offset)
        if day is not None and MIN_DAY <= day <= latest:
            return day, "time"
    return None, "none"


def header_day(tree: HtmlElement, *, latest: dt.date) -> dt.date | None:
    """The first plausible date written out (``writtendates.py``) in the text that follows the
    page's first ``<h1>``, where news pages show the byline: the text and tail of each element
    after it in document order (scripts and styles but their tails skipped), up to
    ``HEADER_CHARS`` characters."""
    heading = next(tree.iter("h1"), None)
    if heading is None:
        return None
    parts, size = [heading.tail or ""], len(heading.tail or "")
    for element in _following(heading):
        shown = isinstance(element.tag, str) and element.tag not in _UNSHOWN
        text = f"{element.text or ''} {element.tail or ''}" if shown else element.tail or ""
        parts.append(text)
        size += len(text)
        if size >= HEADER_CHARS:
            break
    return next((day for day in written_days(" ".join(parts)) if MIN_DAY <= day <= latest), None)


def _following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``element`` and its descendants, in document order."""
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()
        node = node.getparent()


def text_search_day(tree: HtmlElement, *, latest: dt.date) -> dt.date | None:
    """htmldate's extensive search with our month-name reader (``writtendates.py``) in place of
    its last resort, dateparser: every element that may hold a date, then the page's free text
    segment by segment (the earliest date), then htmldate's patterns over the page's markup."""
    options = Extractor(False, get_max_date(latest.isoformat()), get_min_date(MIN_DAY.isoformat()), True, "%Y-%m-%d")
    try:
        search_tree = discard_unwanted(clean_html(deepcopy(tree), CLEANING_LIST))
    except ValueError:
        return None
    elements = date_candidates(search_tree, True)
    for element in elements if has_plausible_candidates(elements) else ():
        for text in (element.text_content(), element.get("title", "")):
            day = _text_day(examine_text(text, options), text, latest)
            if day is not None:
                return day
    earliest: dt.date | None = None
    for segment in FREE_TEXT_EXPRESSIONS(search_tree):
        segment = segment.strip()
        if MIN_SEGMENT_LEN < len(segment) < MAX_SEGMENT_LEN:
            day = _text_day(try_date_expr_opts(segment, options), segment, latest)
            earliest = day if earliest is None or (day is not None and day < earliest) else earliest
    if earliest is not None:
        return earliest
    found = search_page(serialize(search_tree), options)
    return stamp_day(found) if isinstance(found, str) else None


def _text_day(found: str | None, text: str, latest: dt.date) -> dt.date | None:
    if found is not None:
        return stamp_day(found)
    return next((day for day in written_days(text[:MAX_SEGMENT_LEN]) if MIN_DAY <= day <= latest), None)


def url_day(url: str | None) -> dt.date | None:
    """The date written in the URL's path (year, month, day), if it has one."""
    found = _URL_DATE.search(url or "")
    if found is None:
        return None
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def declared_published(tree: HtmlElement) -> Iterator[str]:
    """The page's publication-date declarations: meta tags in page order, JSON-LD
    ``datePublished``, then ``itemprop="datePublished"`` elements."""
    for meta in tree.iter("meta"):
        name = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if name in PUBLISHED_TAGS and meta.get("content"):
            yield str(meta.get("content"))
    for script in _json_ld(tree):
        yield from _JSON_PUBLISHED.findall(script)
    for element in tree.xpath("//*[@itemprop='datePublished']"):
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value:
            yield str(value).strip()


def local_offset(tree: HtmlElement) -> int | None:
    """Minutes east of UTC of the first timestamp on the page written with a local (non-UTC)
    offset, in meta tags, JSON-LD dates or ``<time datetime>``; None when there is none."""
    values: list[str] = [str(meta.get("content") or "") for meta in tree.iter("meta")]
    for script in _json_ld(tree):
        values.extend(_JSON_DATES.findall(script))
    values.extend(str(element.get("datetime") or "") for element in tree.iter("time"))
    for value in values:
        found = _ISO.match(value)
        if found and found[6] and (minutes := _offset_minutes(found[6])):
            return minutes
    return None


def stamp_day(value: str | None, *, local_offset: int | None = None) -> dt.date | None:
    """The day of a date or timestamp as written (ISO 8601, or a form such as
    ``Tue, Sep 15 2020 10:01:41 EDT``); a UTC timestamp is first moved to ``local_offset``
    (minutes east of UTC) when given. None when ``value`` is no date."""
    if not value:
        return None
    found = _ISO.match(value)
    if found is None:
        return _parsed_day(value)
    try:
        day = dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    if found[4] is None or found[6] is None or local_offset is None or _offset_minutes(found[6]) != 0:
        return day
    moment = dt.datetime.combine(day, dt.time(int(found[4]) % 24, int(found[5]) % 60))
    return (moment + dt.timedelta(minutes=local_offset)).date()


def _parsed_day(value: str) -> dt.date | None:
    if len(value) > 60 or not _YEAR.search(value):
        return None
    try:
        day: dt.date = date_parser.parse(value, ignoretz=True).date()  # the day as written
    except (ValueError, OverflowError, TypeError):
        return None
    return day


def _offset_minutes(written: str) -> int:
    if written == "Z":
        return 0
    digits = written[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4])
    return -minutes if written.startswith("-") else minutes


def _json_ld(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iter("script"):
        if str(script.get("type") or "").casefold() == "application/ld+json" and script.text:
            yield script.text
