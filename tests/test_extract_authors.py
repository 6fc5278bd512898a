"""The author read from a page's markup: the same as trafilatura's ``extract_author`` (whose
EXSLT regex XPaths ``authors.py`` replaces), on made-up pages and on real ones."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from eventdesk.extract.authors import markup_author
from eventdesk.extract.html import parse_html
from eventdesk.extract.text import decode_html
from tests.conftest import shared_path

RESOURCES = Path(__file__).parent / "resources" / "extract"
BODY = "<p>Police arrested 40 protesters in the capital on Monday, witnesses said.</p>"


def page(markup: str) -> str:
    return f"<html><head><title>News</title></head><body><article>{markup}{BODY}</article></body></html>"


@pytest.mark.parametrize(
    ("markup", "author"),
    [
        ('<a rel="author" href="/jane">Jane Doe</a>', "Jane Doe"),
        ('<span class="author-name">Jane Doe</span><div class="byline">By John Roe</div>', "Jane Doe"),
        ('<div class="byline">By John Roe</div>', "John Roe"),
        ('<p id="postAuthor">Amira Haddad</p>', "Amira Haddad"),
        ('<section class="c-Byline"><span>Amira Haddad</span></section>', "Amira Haddad"),
        # in a comment list, a figure or a <time>: not the article's author
        ('<div class="comments"><span class="author">Troll Account</span></div>', None),
        ('<figure><figcaption class="author">Photo Person</figcaption></figure>', None),
        ('<div class="byline">By Jane Doe <span class="date">8 May 2024</span> in Gaza</div>', "Jane Doe"),
        ("<p>No author here.</p>", None),
    ],
)
def test_markup_author(markup: str, author: str | None) -> None:
    tree = parse_html(page(markup))
    assert tree is not None
    assert markup_author(tree) == author
    assert markup_author(tree) == extract_author(load_html(page(markup)))


def test_the_same_author_as_trafilatura_on_the_test_pages() -> None:
    for path in sorted(RESOURCES.glob("*.html")):
        tree = parse_html(path.read_text(encoding="utf-8"))
        assert tree is not None
        assert markup_author(tree) == extract_author(tree), path.name


def test_the_same_author_as_trafilatura_on_real_pages() -> None:
    folder = shared_path("eval", "extraction")
    files = sorted(folder.rglob("*.html.gz"))[::10]  # 60 of the 599 pages, every set
    found = 0
    for path in files:
        tree = parse_html(decode_html(gzip.decompress(path.read_bytes()), errors="replace"))
        if tree is None:
            continue
        expected = extract_author(tree)
        found += expected is not None
        assert markup_author(tree) == expected, path.name
    assert found >= 10  # the comparison covers pages with an author, not only pages without
