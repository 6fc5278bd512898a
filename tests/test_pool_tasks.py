"""What travels between the parent and the pool's workers: an article the parent extracted
already is coded by the worker as it is (not extracted a second time), a parent that never
looks at clean text never loads an extractor, and forked workers code what spawned ones do."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from eventdesk.records import RawItem, Section
from eventdesk.runners import ProcessCoder
from eventdesk.runners.pool import load_pipeline
from eventdesk.settings import Settings
from tests.conftest import EXAMPLE_ARTICLE

TEXT = "Police arrested 40 protesters in Nairobi on Monday."
OTHER = "Israeli troops raided Jenin on Tuesday."


@pytest.fixture(scope="module")
def coder() -> Iterator[ProcessCoder]:
    with ProcessCoder(Settings.load(environ={}), workers=1, items_per_task=2) as pool:
        yield pool


def test_a_parent_that_only_codes_never_builds_an_extractor(coder: ProcessCoder) -> None:
    item = RawItem(id="plain", source="plain", text=TEXT, published=dt.date(2024, 6, 25))
    [coded] = coder.run([item])
    assert coded.article is not None and coded.article.text == TEXT
    assert "extractor" not in vars(coder)  # the language model was not loaded in the parent


def test_an_article_the_parent_extracted_travels_with_its_item(coder: ProcessCoder) -> None:
    first = RawItem(id="kept", source="kept", text=TEXT, published=dt.date(2024, 6, 25))
    second = RawItem(id="fresh", source="fresh", text=TEXT, published=dt.date(2024, 6, 25))
    kept = coder.extractor.extract(first, keep=True)
    # What the worker codes is the parent's article: one whose text the item does not have shows it.
    changed = dataclasses.replace(kept, text=OTHER, sections=(Section(kind="body", start=0, end=len(OTHER)),))
    coder.extractor.kept.take(first)
    coder.extractor.kept.keep(first, changed)
    coded = list(coder.run([first, second]))
    assert [c.id for c in coded] == ["kept", "fresh"]
    assert coded[0].article == changed
    assert [e.trigger.text for e in coded[0].events] == ["raided"]  # coded from the parent's text
    assert coded[1].article is not None and coded[1].article.text == TEXT  # extracted by the worker
    assert not coder.extractor.kept.articles  # handed over once, not kept in the parent


def test_forked_workers_code_what_spawned_workers_do(coder: ProcessCoder) -> None:
    items = [RawItem(id=str(n), source=str(n), text=text, published=dt.date(2024, 6, 25))
             for n, text in enumerate([TEXT, OTHER, EXAMPLE_ARTICLE.read_text(encoding="utf-8")])]
    try:
        with ProcessCoder(coder.settings, workers=2, items_per_task=1, start_method="fork") as forked:
            assert "extractor" not in vars(forked)
            assert list(forked.run(items)) == list(coder.run(items))
    finally:
        load_pipeline.cache_clear()  # the pipeline the parent loaded to fork its workers


def test_the_pool_starts_its_workers_by_spawn_or_fork_only() -> None:
    with pytest.raises(ValueError, match="start_method must be 'spawn' or 'fork', not 'forkserver'"):
        ProcessCoder(Settings.load(environ={}), workers=2, start_method="forkserver")  # type: ignore[arg-type]
