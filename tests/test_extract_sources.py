"""``read_items``: files, folders and standard input to ``RawItem`` records, with one
``InputError`` per bad line or file and reading going on after it."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import shutil
from pathlib import Path

import pytest

from eventdesk.errors import DecodeError, EmptyInputError, FormatError, InputError
from eventdesk.extract import Extractor, read_items
from eventdesk.records import RawItem
from eventdesk.settings import ExtractSettings
from tests.conftest import EXAMPLE_ARTICLE, RESOURCES

EXTRACT = RESOURCES / "extract"
MIXED = EXTRACT / "mixed.jsonl"


def describe(outcome: RawItem | InputError) -> str:
    if isinstance(outcome, InputError):
        return f"{type(outcome).__name__}: {outcome}"
    return f"{outcome.id} @ {outcome.source}"


def test_jsonl_with_bad_lines_names_each_and_reads_on() -> None:
    outcomes = list(read_items([str(MIXED)]))
    m = str(MIXED)
    assert [describe(o) for o in outcomes] == [
        f"a1 @ {m}:1",
        f"a2 @ {m}:2",
        f"FormatError: {m}:3: bad JSON (Unterminated string starting at column 22)",
        f"FormatError: {m}:4: missing id",
        f"FormatError: {m}:5: neither text nor html",
        f"FormatError: {m}:7: bad published date 'yesterday' (expected an ISO date or datetime)",
        f"FormatError: {m}:8: not a JSON object (a list)",
        f"8 @ {m}:9",
        f"FormatError: {m}:10: text must be a string, not int",
        f"a10 @ {m}:11",
    ]
    first, second = outcomes[0], outcomes[1]
    assert isinstance(first, RawItem) and isinstance(second, RawItem)
    assert first.title == "Ceasefire holds" and first.url == "https://news.example.org/a1"
    assert first.published == dt.date(2022, 8, 8) and first.html is None
    assert second.published == dt.date(2022, 8, 9) and second.title is None
    html_item = outcomes[7]
    assert isinstance(html_item, RawItem) and html_item.html and html_item.text is None
    for error in outcomes:
        if isinstance(error, InputError):
            assert "\n" not in str(error)
    bad_date = outcomes[5]
    assert isinstance(bad_date, InputError) and bad_date.item_id == "a7"


def test_text_and_html_files_take_their_name_as_id() -> None:
    outcomes = list(read_items([str(EXAMPLE_ARTICLE), str(EXTRACT / "tunis-protest.html")]))
    text_item, html_item = outcomes
    assert isinstance(text_item, RawItem) and isinstance(html_item, RawItem)
    assert text_item.id == "hamas-islamic-jihad-coordination" and text_item.source == str(EXAMPLE_ARTICLE)
    assert text_item.text is not None and text_item.text.startswith("Creating new perspectives")
    assert html_item.id == "tunis-protest" and html_item.html is not None and html_item.text is None


def test_folder_is_read_recursively_in_sorted_order() -> None:
    folder = EXTRACT / "inbox"
    outcomes = list(read_items([str(folder)]))
    assert [describe(o) for o in outcomes] == [
        f"j1 @ {folder / 'a-batch.jsonl'}:1",
        f"j2 @ {folder / 'a-batch.jsonl'}:2",
        f"b-pelosi @ {folder / 'b-pelosi.txt'}",
        f"c-rally @ {folder / 'nested' / 'c-rally.htm'}",
    ]


def test_stdin_is_jsonl() -> None:
    stdin = io.StringIO('{"id": "s1", "text": "Talks resumed."}\nnot json\n\n{"id": "s3", "html": "<p>Hi</p>"}\n')
    outcomes = list(read_items(["-"], stdin=stdin))
    assert [describe(o) for o in outcomes] == [
        "s1 @ <stdin>:1",
        "FormatError: <stdin>:2: bad JSON (Expecting value at column 1)",
        "s3 @ <stdin>:4",
    ]


def test_stdin_bytes_buffer_is_read_too() -> None:
    raw = io.BytesIO('{"id": "s1", "text": "Café talks."}\n'.encode() + b'{"id": "s2", "text": "\xff"}\n')
    stdin = io.TextIOWrapper(raw, encoding="utf-8")
    outcomes = list(read_items(["-"], stdin=stdin))
    assert describe(outcomes[0]) == "s1 @ <stdin>:1"
    assert isinstance(outcomes[1], DecodeError) and str(outcomes[1]).startswith("<stdin>:2: undecodable bytes")


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wb") as stream:
        stream.write(MIXED.read_bytes())
    outcomes = list(read_items([str(path)]))
    assert len(outcomes) == 10
    assert describe(outcomes[0]) == f"a1 @ {path}:1"
    assert isinstance(outcomes[2], FormatError) and str(outcomes[2]).startswith(f"{path}:3: bad JSON")
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"this is not gzip at all")
    (error,) = list(read_items([str(broken)]))
    assert isinstance(error, DecodeError) and str(error).startswith(f"{broken}: not a readable gzip file")


def test_empty_files(tmp_path: Path) -> None:
    empty_jsonl = tmp_path / "empty.jsonl"
    empty_jsonl.write_bytes(b"")
    blank_text = tmp_path / "blank.txt"
    blank_text.write_text("  \n\n  \n", encoding="utf-8")
    outcomes = list(read_items([str(EXTRACT / "empty.txt"), str(empty_jsonl), str(blank_text)]))
    assert all(isinstance(o, EmptyInputError) for o in outcomes)
    assert [str(o) for o in outcomes] == [
        f"{EXTRACT / 'empty.txt'}: empty file",
        f"{empty_jsonl}: empty file",
        f"{blank_text}: empty file",
    ]


def test_binary_and_undecodable_files(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 talks in Tunis.".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("Talks resumed in Tunis.", encoding="utf-8")
    outcomes = list(read_items([str(binary), str(latin), str(good)]))
    assert isinstance(outcomes[0], DecodeError) and str(outcomes[0]) == f"{binary}: binary file, not text"
    assert (
        isinstance(outcomes[1], DecodeError) and str(outcomes[1]) == f"{latin}: undecodable bytes at byte 3 (not UTF-8)"
    )
    assert describe(outcomes[2]) == f"good @ {good}"


def test_html_in_a_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9</p></body></html>'.encode("latin-1")
    )
    (item,) = list(read_items([str(page)]))
    assert isinstance(item, RawItem) and item.html is not None and "Caf\u00e9" in item.html


def test_oversized_inputs_are_refused_without_reading_them(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"id": "x", "text": "' + "a" * 200 + '"}\n{"id": "y", "text": "short"}\n', encoding="utf-8")
    outcomes = list(read_items([str(big), str(lines)], settings=ExtractSettings(max_input_bytes=100)))
    assert [type(o).__name__ for o in outcomes] == ["InputError", "InputError", "RawItem"]
    assert str(outcomes[0]) == f"{big}: file too large (500 bytes; the limit is 100, settings extract.max_input_bytes)"
    assert str(outcomes[1]).startswith(f"{lines}:1: line too long")
    assert describe(outcomes[2]) == f"y @ {lines}:2"


def test_missing_and_unsupported_paths(tmp_path: Path) -> None:
    other = tmp_path / "notes.md"
    other.write_text("# notes", encoding="utf-8")
    outcomes = list(read_items([str(tmp_path / "nope.txt"), str(other)]))
    assert str(outcomes[0]) == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert isinstance(outcomes[1], FormatError) and "unsupported file type" in str(outcomes[1])


def test_read_then_extract_end_to_end(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(EXTRACT / "inbox", folder)
    shutil.copy(EXAMPLE_ARTICLE, folder / "z-example.txt")
    extractor = Extractor.from_settings(ExtractSettings())
    articles = [extractor.extract(item) for item in read_items([str(folder)]) if isinstance(item, RawItem)]
    assert [a.id for a in articles] == ["j1", "j2", "b-pelosi", "c-rally", "z-example"]
    assert articles[-1].title == "Hamas and Islamic Jihad agree on coordination of anti-colonial struggle"
    assert articles[3].text.startswith("Several thousand opposition supporters rallied in Sfax")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-08-23", dt.date(2022, 8, 23)),
        ("2022-08-23T23:30:00+02:00", dt.date(2022, 8, 23)),
        ("2022-08-23 11:26", dt.date(2022, 8, 23)),
        ("2022-13-01", None),
        ("23/08/2022", None),
        ("", None),
    ],
)
def test_published_values(value: str, expected: dt.date | None) -> None:
    from eventdesk.extract.sources import parse_published

    assert parse_published(value) == expected
