"""Article bodies split into chunks: the paragraphs trafilatura left out.

Some sites cut the article body into several sibling containers of one class (an ad or a
newsletter box between them: ``<div class="body__container">`` × 5); trafilatura keeps the
one it scores best and drops the others. ``add_missing_chunks`` finds the container class
holding most of the paragraphs trafilatura kept and, when the page has more than one
container of that class, puts back their other paragraphs, each after the kept line it
follows in the page. A run of at least ``MIN_ADDED`` paragraphs is needed: one or two stray
paragraphs are more often a teaser than a lost chunk.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from lxml.html import HtmlElement

MIN_WORDS = 8  # a paragraph shorter than this is neither matched nor added
MIN_ADDED = 3  # fewer missing paragraphs than this: the extraction is left alone
MAX_DEPTH = 3  # the container is the nearest ancestor with a class, at most this far up
MAX_PARAGRAPHS = 1000  # a page with more is not searched (the matching is paragraphs × kept text)
_WORDS = re.compile(r"\w+")

Signature = tuple[str, str]


def add_missing_chunks(tree: HtmlElement, lines: Sequence[str]) -> list[str]:
    """``lines`` (trafilatura's output, one paragraph a line) with the paragraphs of the
    article's other chunks put back in page order; ``lines`` unchanged when there are none."""
    kept_keys = [_key(line) for line in lines]
    kept = " ".join(kept_keys)
    paragraphs = [(p, key) for p in tree.iter("p") if (key := _key(p.text_content())).count(" ") + 1 >= MIN_WORDS]
    if len(paragraphs) > MAX_PARAGRAPHS:
        return list(lines)
    found = Counter(sig for p, key in paragraphs if key in kept and (sig := _signature(p)) is not None)
    if not found:
        return list(lines)
    signature = found.most_common(1)[0][0]
    if sum(1 for element in tree.iter(signature[0]) if element.get("class") == signature[1]) < 2:
        return list(lines)
    added: dict[int, list[str]] = {}
    after, count = -1, 0
    for p, key in paragraphs:
        if key in kept:
            after = max(after, _line_of(key, kept_keys, start=max(after, 0)))
        elif _signature(p) == signature:
            added.setdefault(after, []).append(" ".join(p.text_content().split()))
            count += 1
    if count < MIN_ADDED:
        return list(lines)
    merged = list(added.get(-1, []))
    for index, line in enumerate(lines):
        merged.append(line)
        merged.extend(added.get(index, []))
    return merged


def _signature(paragraph: HtmlElement) -> Signature | None:
    """The tag and class of the paragraph's container (the nearest ancestor with a class)."""
    for depth, ancestor in enumerate(paragraph.iterancestors()):
        if depth >= MAX_DEPTH:
            return None
        css = ancestor.get("class")
        if css:
            return (str(ancestor.tag), css)
    return None


def _line_of(key: str, keys: Sequence[str], *, start: int) -> int:
    """The index of the first kept line (from ``start``) holding ``key``; -1 when none."""
    for index in range(start, len(keys)):
        if key in keys[index]:
            return index
    for index in range(start):
        if key in keys[index]:
            return index
    return -1


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
