"""Shared fixtures: the real spaCy pipeline, loaded once, and real inputs from ../shared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from eventdesk.nlp import Parser
from eventdesk.places import Geocoder
from eventdesk.places.gazetteer import Gazetteer
from eventdesk.records import Article, ParsedArticle, Place, Section
from eventdesk.settings import NlpSettings, PlaceSettings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESOURCES = Path(__file__).parent / "resources"
EXAMPLE_ARTICLE = ROOT / "examples" / "hamas-islamic-jihad-coordination.txt"

ParseText = Callable[..., ParsedArticle]


@pytest.fixture(scope="session")
def parser() -> Parser:
    return Parser.from_settings(NlpSettings())


def make_article(text: str, *, published: dt.date | str | None = None, id: str = "test") -> Article:
    """An article of one body section, as a stage test's hand-built input."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return Article(
        id=id,
        source=f"<{id}>",
        text=text,
        sections=(Section(kind="body", start=0, end=len(text)),),
        published=published,
        language="en",
    )


@pytest.fixture(scope="session")
def parse_text(parser: Parser) -> ParseText:
    """``parse_text("Text.", published="2022-08-23")`` -> ParsedArticle from real spaCy."""

    def parse(text: str, *, published: dt.date | str | None = None, id: str = "test") -> ParsedArticle:
        return parser.parse(make_article(text, published=published, id=id))

    return parse


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    """The places stage with its default settings, loaded once per test process."""
    return Geocoder.from_settings(PlaceSettings())


@pytest.fixture(scope="session")
def gazetteer(geocoder: Geocoder) -> Gazetteer:
    return geocoder.gazetteer


def resolve_names(parse_text: ParseText, geocoder: Geocoder, text: str, *names: str) -> dict[str, Place]:
    """The places the stage resolves the given names of ``text`` to (each name's first occurrence), by name; a name
    it puts nowhere is left out."""
    parsed = parse_text(text)
    spans = [(text.index(name), text.index(name) + len(name)) for name in names]
    return {m.text: m.place for m in geocoder.resolve(parsed, spans) if m.place is not None}


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test cleanly where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared not laid beside the project)")
    return path
