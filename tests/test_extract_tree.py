"""The page tree the extract stage hands to trafilatura: parsed like trafilatura's own
``load_html`` (with C-level element classes) and pruned of what trafilatura's cleaning deletes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

from eventdesk.extract.html import parse_html, prune_tree
from eventdesk.extract.text import decode_html
from tests.conftest import RESOURCES, shared_path

PAGES = sorted((RESOURCES / "extract").glob("*.html"))


def body(tree: HtmlElement, *, fast: bool) -> str:
    document = trafilatura.bare_extraction(tree, fast=fast, favor_precision=fast, include_comments=False)
    return (document.text or "") if isinstance(document, Document) else ""


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_parsed_and_pruned_tree_gives_trafilatura_the_same_body(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    theirs, ours = load_html(html), parse_html(html)
    assert theirs is not None and ours is not None
    assert ours.text_content() == theirs.text_content()
    expected = body(theirs, fast=True), body(theirs, fast=False)
    prune_tree(ours)
    assert (body(ours, fast=True), body(ours, fast=False)) == expected
    assert expected[0]


def test_eval_pages_give_trafilatura_the_same_fast_body() -> None:
    """The first 15 scrapinghub pages (real news pages with navigation, footers, scripts)."""
    pages = sorted(shared_path("eval", "extraction", "scrapinghub", "pages").glob("*.html.gz"))[:15]
    changed = []
    for page in pages:
        html = decode_html(gzip.decompress(page.read_bytes()), errors="replace")
        theirs, ours = load_html(html), parse_html(html)
        assert theirs is not None and ours is not None
        prune_tree(ours)
        if body(ours, fast=True) != body(theirs, fast=True):
            changed.append(page.name)
    assert changed == []


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "plain words, no markup at all",
        "<p>one paragraph, no page around it</p>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared in XML.</p></body></html>',
        "<!DOCTYPE html><html><head><title>T</title></head><body><p>A page.</p></body></html>",
        "<html/>\n<body><p>A self-closed html tag.</p></body>",
    ],
)
def test_parse_html_accepts_and_refuses_what_load_html_does(html: str) -> None:
    theirs, ours = load_html(html), parse_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None and theirs is not None:
        assert ours.text_content() == theirs.text_content()


def test_parsed_elements_are_html_elements_with_their_methods() -> None:
    tree = parse_html(
        "<html><body><form action='/search'><label>Name</label><input name='q'></form>"
        "<p>Text <b>bold</b></p></body></html>"
    )
    assert tree is not None
    assert all(isinstance(element, HtmlElement) for element in tree.iter())
    paragraph = tree.find(".//p")
    assert paragraph is not None and paragraph.text_content() == "Text bold"
    paragraph.drop_tag()
    assert "Text bold" in tree.text_content()


def test_prune_tree_drops_hidden_and_navigation_parts_but_keeps_tails_and_json_ld() -> None:
    tree = parse_html(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<nav><a href='/'>Home</a></nav>"
        "<script>var x = 1;</script>"
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
        "<p>First <svg><text>icon</text></svg>after the icon.</p>"
        "<aside>Most read</aside>tail of the aside"
        "<footer>Copyright</footer></body></html>"
    )
    assert tree is not None
    prune_tree(tree)
    assert [element.tag for element in tree.iter("script")] == ["script"]
    assert tree.find(".//script").get("type") == "application/ld+json"  # type: ignore[union-attr]
    for tag in ("head", "style", "nav", "svg", "aside", "footer"):
        assert tree.find(f".//{tag}") is None, tag
    text = tree.text_content()
    assert "First after the icon." in text
    assert "tail of the aside" in text
    assert "Most read" not in text and "Copyright" not in text and "Home" not in text
