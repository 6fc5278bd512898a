"""The author named in a page's markup, when its meta tags and JSON-LD name none.

trafilatura's ``extract_author`` rules — its three author XPath searches, most specific first,
after deleting what its discard list names (comment lists, sidebars, dates, figures …) from a
copy of the tree — applied in one Python pass over the tree with Python regexes, without the
copy: lxml answers each EXSLT ``re:test`` of trafilatura's XPaths by calling Python for every
element it tests, which made the author search about a tenth of the extract stage's time.
The author found is the same (``tests/test_extract_authors.py`` compares them; the same on all
599 eval pages), at about a third of the CPU time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.utils import trim

MAX_AUTHOR_CHARS = 120
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    r"|print|category|meta-date|meta-reviewer"
)
_SPECIFIC_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_SPECIFIC_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
# what an element's class or id must hold to match any of the above: a quick first test
_CUE = re.compile(
    r"[Aa]uthor|[Cc]omment|ProductReviews|sidebar|is-hidden|quote|embedly|article-|print|category|meta-|title|date"
    r"|AuthorName|byl|BBL|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by|journalist-name"
    r"|screenname|writer|[Bb]yline"
)
_NAMED_TAGS = frozenset({"time", "figure", "author"})


def markup_author(tree: HtmlElement) -> str | None:
    """The author named in the markup of ``tree`` (left unchanged), as trafilatura's
    ``extract_author`` finds it, or None."""
    discarded: set[HtmlElement] = set()
    levels: tuple[list[HtmlElement], ...] = ([], [], [])
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str) or (
            tag not in _NAMED_TAGS and _CUE.search(f"{element.get('class')} {element.get('id')}") is None
            and element.get("itemprop") is None and element.get("data-component") is None
            and element.get("rel") is None and element.get("data-testid") is None
        ):
            continue
        if _is_discarded(element, tag):
            discarded.add(element)
        level = _author_level(element, tag)
        if level is not None:
            levels[level].append(element)
    for candidates in levels:
        for element in candidates:
            if element in discarded or any(a in discarded for a in element.iterancestors()):
                continue
            content = trim(" ".join(_kept_text(element, discarded)))
            if content and 2 < len(content) < MAX_AUTHOR_CHARS:
                return normalize_authors(None, content) or None
    return None


def _is_discarded(element: HtmlElement, tag: str) -> bool:
    """trafilatura's ``AUTHOR_DISCARD_XPATHS``: comment lists, sidebars, dates, figures …"""
    if tag in ("time", "figure"):
        return True
    if tag not in _DISCARD_TAGS:
        return "Figure" in (element.get("data-component") or "")
    ident, cls = element.get("id") or "", element.get("class") or ""
    return (
        cls in ("comments", "title", "date") or _DISCARD_ID.search(ident) is not None
        or _DISCARD_CLASS.search(cls) is not None or "Figure" in (element.get("data-component") or "")
    )


def _author_level(element: HtmlElement, tag: str) -> int | None:
    """Which of trafilatura's three ``AUTHOR_XPATHS`` the element matches first, if any."""
    ident, cls, itemprop = element.get("id") or "", element.get("class") or "", element.get("itemprop") or ""
    if tag == "author" or (tag in _SPECIFIC_TAGS and (
        element.get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
        or element.get("data-testid") in ("AuthorCard", "AuthorURL") or _SPECIFIC_CLASS.search(cls) is not None
    )):
        return 0
    if tag in _GENERIC_TAGS and (
        cls in ("byline", "username", "byl", "BBL") or "author" in itemprop
        or _GENERIC_ID.search(ident) is not None or _GENERIC_CLASS.search(cls) is not None
    ):
        return 1
    if ("Byline" in (element.get("data-component") or "") or "author" in itemprop
            or _ANY_ID.search(ident) is not None or _ANY_CLASS.search(cls) is not None):
        return 2
    return None


def _kept_text(element: HtmlElement, discarded: set[HtmlElement]) -> Iterator[str]:
    """``element.itertext()`` (without its own tail) as it reads once the discarded elements
    are deleted, their tails kept."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and child not in discarded:
            yield from _kept_text(child, discarded)
        if child.tail:
            yield child.tail
