"""WARC files and hostile inputs: each bad input is one line naming it and the problem, the
run goes on, and memory stays bounded."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import resource
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventdesk.errors import DecodeError, InputError
from eventdesk.extract import Extractor, read_items
from eventdesk.records import RawItem
from eventdesk.settings import ExtractSettings
from tests.conftest import RESOURCES

EXTRACT = RESOURCES / "extract"


def write_warc(path: Path, *, gzipped: bool) -> None:
    """A real WARC: two HTML responses, a PDF response, a request record and a 404."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        gaza = (EXTRACT / "gaza-ceasefire.html").read_bytes()
        pages = [
            ("https://levant.example/gaza", "text/html; charset=utf-8", "200 OK", gaza),
            ("https://levant.example/report.pdf", "application/pdf", "200 OK", b"%PDF-1.4"),
            ("https://levant.example/gone", "text/html", "404 Not Found", b"<p>gone</p>"),
            ("https://maghreb.example/tunis", "text/html", "200 OK", (EXTRACT / "tunis-protest.html").read_bytes()),
        ]
        for uri, media_type, status, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", media_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2022-08-09T12:00:00Z"},
            )
            writer.write_record(record)
        request = writer.create_warc_record("https://levant.example/gaza", "request", payload=io.BytesIO(b"GET /"))
        writer.write_record(request)


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_html_responses_become_items(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, gzipped=gzipped)
    items = list(read_items([str(path)]))
    assert [i.id for i in items if isinstance(i, RawItem)] == ["https://levant.example/gaza", "https://maghreb.example/tunis"]
    gaza = items[0]
    assert isinstance(gaza, RawItem) and gaza.url == "https://levant.example/gaza" and gaza.source == f"{path}:1"
    assert gaza.fetched == dt.date(2022, 8, 9) and gaza.published is None
    extractor = Extractor.from_settings()
    assert extractor.extract(gaza).published == dt.date(2022, 8, 8)  # the page's own date comes first


def test_truncated_warc_gz_yields_what_it_read_then_one_line(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, gzipped=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    outcomes = list(read_items([str(cut), str(EXTRACT / "senate-vote.txt")]))
    errors = [o for o in outcomes if isinstance(o, InputError)]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{cut}: truncated or corrupt WARC after record")
    assert "\n" not in str(errors[0])
    assert isinstance(outcomes[0], RawItem) and outcomes[0].id == "https://levant.example/gaza"
    assert isinstance(outcomes[-1], RawItem) and outcomes[-1].id == "senate-vote"


def test_a_warc_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "noise.warc"
    path.write_bytes(b"this is not a web archive\n" * 10)
    (error,) = list(read_items([str(path)]))
    assert isinstance(error, InputError) and str(error) == f"{path}: not a WARC file (record 1 is not a WARC record)"


def test_truncated_gzip_jsonl_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = b"".join(b'{"id": "%d", "text": "Talks resumed in Doha on day %d."}\n' % (n, n) for n in range(2000))
    data = gzip.compress(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    outcomes = list(read_items([str(path)]))
    assert all(isinstance(o, RawItem) for o in outcomes[:-1]) and len(outcomes) > 100
    assert isinstance(outcomes[-1], DecodeError) and str(outcomes[-1]).startswith(f"{path}: not a readable gzip file")


def test_a_50_mb_page_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as stream:
        stream.write(b"<html><body>")
        stream.seek(50_000_000)
        stream.write(b"</body></html>")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error, item = list(read_items([str(path), str(EXTRACT / "senate-vote.txt")]))
    assert isinstance(error, InputError) and str(error) == (
        f"{path}: file too large (50000014 bytes; the limit is 20000000, settings extract.max_input_bytes)"
    )
    assert isinstance(item, RawItem)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 20_000  # KiB: the page was never loaded


def test_deeply_nested_html_is_extracted_or_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    text = "<p>Police arrested forty protesters in the capital on Monday, officials said.</p>"
    path.write_text("<html><body>" + "<div>" * 100_000 + text + "</div>" * 100_000 + "</body></html>")
    (item,) = list(read_items([str(path)]))
    assert isinstance(item, RawItem)
    try:
        article = Extractor.from_settings().extract(item)
    except InputError as err:
        assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
    else:
        assert "Police arrested forty protesters" in article.text


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("latin1.html", "<html><body><p>Caf\u00e9 owners protested in Li\u00e8ge.</p></body></html>".encode("latin-1"),
         "undecodable bytes at byte 18 (not UTF-8)"),
        ("binary.txt", bytes(range(256)) * 40, "binary file, not text"),
        ("empty.html", b"  \n ", "empty file"),
    ],
)
def test_undecodable_binary_and_empty_files(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (error,) = list(read_items([str(path)]))
    assert isinstance(error, InputError) and str(error) == f"{path}: {problem}"


def test_a_declared_charset_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "declared.html"
    html = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>Caf\u00e9 owners protested in Li\u00e8ge.</p></body></html>"
    )
    path.write_bytes(html.encode("latin-1"))
    (item,) = list(read_items([str(path)]))
    assert isinstance(item, RawItem) and item.html is not None and "Li\u00e8ge" in item.html


def test_record_over_the_cap_in_a_warc_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzipped=True)
    outcomes = list(read_items([str(path)], settings=ExtractSettings(max_input_bytes=2_600)))
    errors = [str(o) for o in outcomes if isinstance(o, InputError)]
    assert errors == [f"{path}:4: record too large (over 2600 bytes, settings extract.max_input_bytes)"]
