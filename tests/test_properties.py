"""Property-based tests (hypothesis): any text extracts or fails with an ``InputError`` and its
offsets are valid; any anchor resolves dates consistently; any coded article validates against
the output schema and every offset in it points into its text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eventdesk.dates import resolve_expression
from eventdesk.errors import InputError
from eventdesk.export import coded_article_to_dict
from eventdesk.extract import Extractor
from eventdesk.extract.extractor import PARAGRAPH_BREAK
from eventdesk.pipeline import Pipeline
from eventdesk.records import Article, RawItem

SCHEMA = json.loads((Path(__file__).parents[1] / "src/eventdesk/schema/coded-article.schema.json").read_text())
NEWS_WORDS = (
    "Police", "arrested", "40", "protesters", "in", "Tunis", "on", "Monday", "Hamas", "Israel", "attacked",
    "yesterday", "said", '"', "“", "”", ",", ".", "\n", "\n\n", "the", "talks", "Egypt", "Qatar", "met", "troops",
    "raided", "Gaza", "last week", "on August 5", "READ:", "Photo:", "(AFP)", "—", "They", "both movements",
    "condemned", "Reuters", "GAZA CITY", "next month", "Oct. 23", "will", "not", "The government", "rejected",
)
news_text = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=6)), max_size=50).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text)
any_date = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
modern_date = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_settings()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def check_sections(article: Article) -> None:
    text = article.text
    assert text.strip()
    previous_end = 0
    for section in article.sections:
        assert previous_end <= section.start <= section.end <= len(text)
        assert text[section.start:section.end].strip()
        previous_end = section.end
    assert PARAGRAPH_BREAK.join(text[s.start:s.end] for s in article.sections) == text


@FAST
@given(text=any_text, title=st.none() | st.text(max_size=40))
def test_any_text_extracts_with_valid_offsets_or_fails_with_an_input_error(
    extractor: Extractor, text: str, title: str | None
) -> None:
    try:
        article = extractor.extract(RawItem(id="p", source="<p>", text=text, title=title))
    except InputError as err:
        assert "\n" not in str(err) and str(err).startswith("<p>: ")
        return
    check_sections(article)
    assert article.title is None or (article.title.strip() == article.title and "\n" not in article.title)


@FAST
@given(html=st.text(max_size=300).map(lambda body: f"<html><body><p>{body}</p></body></html>"))
def test_any_page_extracts_with_valid_offsets_or_fails_with_an_input_error(extractor: Extractor, html: str) -> None:
    try:
        article = extractor.extract(RawItem(id="p", source="<p>", html=html))
    except InputError as err:
        assert "\n" not in str(err)
        return
    check_sections(article)


@FAST
@given(anchor=modern_date)
def test_yesterday_and_tomorrow_are_one_day_from_the_anchor(anchor: dt.date) -> None:
    yesterday = resolve_expression("They met yesterday.", anchor=anchor)
    tomorrow = resolve_expression("They will meet tomorrow.", anchor=anchor, tense="future")
    assert yesterday is not None and yesterday.value == anchor - dt.timedelta(days=1)
    assert tomorrow is not None and tomorrow.value == anchor + dt.timedelta(days=1)
    assert yesterday.precision == tomorrow.precision == "day"


@FAST
@given(anchor=modern_date, weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                    "Saturday", "Sunday"]))
def test_a_bare_weekday_in_the_past_is_within_the_week_before(anchor: dt.date, weekday: str) -> None:
    mention = resolve_expression(f"Police raided the camp on {weekday}.", anchor=anchor)
    assert mention is not None and mention.value is not None
    assert anchor - dt.timedelta(days=7) <= mention.value <= anchor
    assert mention.value.strftime("%A") == weekday


PHRASES = ("last week", "next week", "last month", "next month", "last year", "this year", "a year earlier",
           "two days ago", "three weeks later", "on August 5", "in March", "on Oct. 23", "last weekend",
           "from May 3 to May 9", "in the 1990s", "in early 2021", "on 12 February 2020", "between June and July")


@FAST
@given(anchor=any_date, phrase=st.sampled_from(PHRASES), tense=st.sampled_from(["past", "present", "future"]))
def test_any_anchor_resolves_to_a_consistent_period_or_none(anchor: dt.date, phrase: str, tense: Any) -> None:
    mention = resolve_expression(f"They met {phrase}.", anchor=anchor, tense=tense)
    assume(mention is not None)
    assert mention is not None and f"They met {phrase}."[mention.start:mention.end] == mention.text
    if mention.value is None:
        return
    match mention.precision:
        case "week":
            assert mention.value.weekday() == 0
        case "month":
            assert mention.value.day == 1
        case "year":
            assert (mention.value.month, mention.value.day) == (1, 1)
    assert mention.end_value is None or mention.end_value >= mention.value


def offsets(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in a coded record that carries character offsets."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield path, node
        for key, value in node.items():
            yield from offsets(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from offsets(value, f"{path}[{index}]")


@SLOW
@given(text=news_text, published=st.none() | any_date)
def test_any_coded_article_validates_and_its_offsets_point_into_its_text(
    pipeline: Pipeline, text: str, published: dt.date | None
) -> None:
    try:
        coded = pipeline.process(RawItem(id="p", source="<p>", text=text, published=published))
    except InputError:
        return
    record = coded_article_to_dict(coded)
    jsonschema.validate(record, SCHEMA)
    body = record["text"]
    for where, span in offsets({key: value for key, value in record.items() if key != "sections"}):
        assert 0 <= span["start"] <= span["end"] <= len(body), where
        if isinstance(span.get("text"), str):
            assert body[span["start"]:span["end"]] == span["text"], where


def test_a_skipped_article_validates_too(pipeline: Pipeline) -> None:
    coded = next(pipeline.run([RawItem(id="e", source="<e>", text="   ")]))
    jsonschema.validate(coded_article_to_dict(coded), SCHEMA)
