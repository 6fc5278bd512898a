"""Near-duplicate articles: MinHash/LSH finds wire copies reprinted under another id, and
ingest codes such a copy once and reports it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventdesk.dedup.near import NearDuplicateIndex, shingle_hashes, similarity
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ingest
from eventdesk.runners.ingest import Duplicate
from eventdesk.store import open_store
from tests.conftest import RESOURCES

NEAR = RESOURCES / "extract" / "near"
WIRE = (NEAR / "wire-ceasefire.txt").read_text(encoding="utf-8")

REPRINT = (
    "Ceasefire holds in Gaza after Egyptian mediation\n\n"
    + WIRE.replace('"', "\u201c", 1).replace("ceasefire,\"", "ceasefire,\u201d").replace("GAZA CITY (Reuters) - ", "")
    + "\n\n(Reporting by Nidal al-Mughrabi; Editing by Alex Richardson)"
)

SAME_TOPIC = (NEAR / "same-topic.txt").read_text(encoding="utf-8")


def test_a_reprint_with_its_own_headline_and_sign_off_is_a_duplicate() -> None:
    index = NearDuplicateIndex()
    assert index.add("reuters-1", WIRE) is None
    assert index.add("yahoo-7", REPRINT) == "reuters-1"
    assert len(index) == 1  # the copy is not indexed: later copies point at the first


def test_an_exact_copy_differing_only_in_spacing_and_case_is_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("a", WIRE)
    assert index.add("b", "  " + WIRE.upper().replace("\n\n", "\n") + "  ") == "a"


def test_another_story_on_the_same_events_is_not_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("reuters-1", WIRE)
    assert index.add("ap-3", SAME_TOPIC) is None
    assert len(index) == 2


def test_signature_similarity_estimates_jaccard() -> None:
    index = NearDuplicateIndex()
    first, second = shingle_hashes(WIRE), shingle_hashes(REPRINT)
    jaccard = len(first & second) / len(first | second)
    estimate = similarity(index.signature(WIRE), index.signature(REPRINT))
    assert abs(estimate - jaccard) < 0.1
    assert similarity(index.signature(WIRE), index.signature(SAME_TOPIC)) < 0.2
    assert index.signature("") == index.signature("   ")


def test_a_short_text_still_gets_a_signature() -> None:
    index = NearDuplicateIndex()
    assert index.add("one", "Talks resumed.") is None
    assert index.add("two", "Talks resumed!") == "one"
    assert index.add("three", "Talks collapsed.") is None


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings()


def test_ingest_codes_a_wire_copy_once_and_reports_it(pipeline: Pipeline, tmp_path: Path) -> None:
    day = dt.date(2022, 8, 8)
    items = [
        RawItem(id="reuters-1", source="feeds/reuters.jsonl:1", text=WIRE, published=day),
        RawItem(id="yahoo-7", source="feeds/yahoo.jsonl:4", url="https://news.example/yahoo-7", text=REPRINT,
                published=day),
        RawItem(id="ap-3", source="feeds/ap.jsonl:2", text=SAME_TOPIC, published=day),
    ]
    store = open_store(tmp_path / "events.sqlite")
    try:
        report = ingest(pipeline, items, store, dedup=True)
        assert report.stored == 2 and store.count()[0] == 2
        assert report.duplicates == [
            Duplicate(item_id="yahoo-7", source="feeds/yahoo.jsonl:4", url="https://news.example/yahoo-7",
                      original_id="reuters-1")
        ]
        assert [source.item_id for source in store.sources("reuters-1")] == ["reuters-1", "yahoo-7"]
        again = ingest(pipeline, items, store, dedup=False)  # the copy is stored, as a source: unchanged
        assert again.stored == 0 and again.unchanged == 3 and not again.duplicates
    finally:
        store.close()
