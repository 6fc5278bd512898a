"""Copies are recognised by default: a wire story saved as a text file in one run and reprinted
in an HTML page in the next is coded and stored once, with both sources (both backends);
``--keep-duplicates`` codes copies as articles of their own; ingest's copy check extracts each
item once for an in-process pipeline."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.extract import Extractor
from eventdesk.records import RawItem
from eventdesk.store import open_store
from tests.conftest import RESOURCES
from tests.postgres import postgres_server, store_location

__all__ = ["postgres_server", "store_location"]  # fixtures used here

NEAR = RESOURCES / "extract" / "near"
WIRE = (NEAR / "wire-ceasefire.txt").read_text(encoding="utf-8")
OTHER = (NEAR / "same-topic.txt").read_text(encoding="utf-8")


def reprint_page(text: str) -> str:
    """The wire story as another outlet's page: its own headline and sign-off, no dateline."""
    paragraphs = [p for p in text.replace("GAZA CITY (Reuters) - ", "").split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<html><head><title>Ceasefire holds in Gaza after Egyptian mediation | Daily Example</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Ceasefire holds in Gaza after Egyptian mediation</h1>"
        f"{body}<p>(Reporting by Nidal al-Mughrabi; Editing by Alex Richardson)</p></article></body></html>"
    )


def folders(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "monday", tmp_path / "tuesday"
    first.mkdir()
    second.mkdir()
    (first / "reuters-ceasefire.txt").write_text(WIRE, encoding="utf-8")
    (second / "daily-example-ceasefire.html").write_text(reprint_page(WIRE), encoding="utf-8")
    (second / "other-story.txt").write_text(OTHER, encoding="utf-8")
    return first, second


def run(*args: str) -> tuple[int, str]:
    ran = CliRunner().invoke(cli, ["run", "--no-progress", *args])
    return ran.exit_code, ran.stderr


def test_a_copy_in_a_later_run_is_stored_once_without_any_option(store_location: str, tmp_path: Path) -> None:
    first, second = folders(tmp_path)
    code, stderr = run("--db", store_location, str(first))
    assert code == 0, stderr
    store = open_store(store_location)
    try:
        articles, events = store.count()
        assert articles == 1 and events > 0
    finally:
        store.close()
    code, stderr = run("--db", store_location, str(second))
    assert code == 0, stderr
    assert "daily-example-ceasefire.html: a copy of reuters-ceasefire, not coded again" in stderr
    assert "stored 1 articles" in stderr and "1 duplicates" in stderr
    store = open_store(store_location)
    try:
        assert store.count()[0] == 2
        assert [s.item_id for s in store.sources("reuters-ceasefire")] == [
            "reuters-ceasefire", "daily-example-ceasefire"]
    finally:
        store.close()
    code, stderr = run("--skip-duplicates", "--db", store_location, str(second))  # the old flag: the default
    assert code == 0 and "stored 0 articles" in stderr and "2 unchanged, 0 duplicates" in stderr


def test_keep_duplicates_codes_a_copy_as_an_article_of_its_own(tmp_path: Path) -> None:
    first, second = folders(tmp_path)
    db = str(tmp_path / "events.sqlite")
    assert run("--db", db, str(first))[0] == 0
    code, stderr = run("--keep-duplicates", "--db", db, str(second))
    assert code == 0 and "stored 2 articles" in stderr and "0 duplicates" in stderr
    store = open_store(db)
    try:
        assert store.count()[0] == 3
        assert len(store.sources("reuters-ceasefire")) == 1
    finally:
        store.close()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_settings()


def test_an_article_kept_for_the_copy_check_is_handed_back_once(extractor: Extractor) -> None:
    item = RawItem(id="wire", source="wire.html", html=reprint_page(WIRE))
    kept = extractor.extract(item, keep=True)
    assert extractor.extract(item) is kept  # the pipeline's extraction: no second pass
    again = extractor.extract(item)
    assert again is not kept and again == kept  # handed back once, then extracted anew
    for number in range(extractor.kept.limit + 5):  # items never asked for again do not pile up
        extractor.extract(RawItem(id=str(number), source=str(number), text=f"{OTHER} {number}"), keep=True)
    assert len(extractor.kept.articles) == extractor.kept.limit
