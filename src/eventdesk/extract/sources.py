"""``read_items``: input paths to a stream of ``RawItem`` records, one ``InputError`` for each
bad line or file, in input order, reading on after every error.

Inputs: ``-`` (JSONL on standard input), ``.jsonl`` / ``.jsonl.gz`` (one article a line:
``id``, ``text`` or ``html``, optional ``url``, ``title``, ``published``), ``.txt`` / ``.text``
(scraped text), ``.html`` / ``.htm`` (a saved page), ``.rss`` / ``.atom`` / ``.xml`` (a feed:
each item's page is fetched), ``.warc`` / ``.warc.gz`` (the HTML responses), an ``http(s)://``
URL (a page, or a feed), or a folder (those files, recursively, in sorted order). A text or
HTML file's id is its name without the extension; a page's is its URL.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO

from eventdesk.errors import DecodeError, EmptyInputError, FormatError, InputError
from eventdesk.extract.feeds import FEED_SUFFIXES, feed_items, parse_feed
from eventdesk.extract.text import decode_html, decode_text
from eventdesk.extract.warc import WARC_SUFFIXES, read_warc
from eventdesk.extract.web import WebReader, is_url
from eventdesk.records import RawItem
from eventdesk.settings import ExtractSettings

JSONL_SUFFIXES = (".jsonl.gz", ".jsonl")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = JSONL_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES
STDIN = "-"
_CHUNK = 1 << 16
MAX_GZIP_RATIO = 400  # inflated / compressed bytes: news 3-10, identical lines ~110, a bomb ~1,000
_GZIP_RATIO_AFTER = 1 << 22  # judged once this many bytes are inflated


def read_items(
    paths: Sequence[str], *, stdin: TextIO | None = None, settings: ExtractSettings | None = None
) -> Iterator[RawItem | InputError]:
    """Yield each input's items (or the ``InputError`` of a bad line or file) in order.
    ``settings.max_input_bytes`` bounds a file, a fetched page, a WARC record and a JSONL line."""
    limit = (settings or ExtractSettings()).max_input_bytes
    web = WebReader(max_bytes=limit)
    try:
        for name in paths:
            if name == STDIN:
                yield from _read_jsonl_lines(
                    _stdin_lines(stdin if stdin is not None else sys.stdin, limit), "<stdin>", limit
                )
            elif is_url(name):
                yield from web.read_url(name)
            else:
                yield from _read_path(Path(name), limit, web)
    finally:
        web.close()


def _read_path(path: Path, limit: int, web: WebReader) -> Iterator[RawItem | InputError]:
    if path.is_dir():
        for file in _files_under(path):
            yield from _read_file(file, limit, web)
    elif path.exists():
        yield from _read_file(path, limit, web)
    else:
        yield InputError(str(path), "no such file or folder")


def _files_under(folder: Path) -> list[Path]:
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.name.lower().endswith(SUFFIXES)
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _read_file(path: Path, limit: int, web: WebReader) -> Iterator[RawItem | InputError]:
    source = str(path)
    lower = path.name.lower()
    try:
        if lower.endswith(JSONL_SUFFIXES):
            yield from _read_jsonl_file(path, limit)
        elif lower.endswith(WARC_SUFFIXES):
            yield from read_warc(path, limit=limit, decode=decode_html)
        elif lower.endswith(FEED_SUFFIXES):
            yield from _read_feed_file(path, limit, web)
        elif lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
            yield _read_document(path, limit)
        else:
            yield FormatError(source, f"unsupported file type (expected one of {', '.join(SUFFIXES)})")
    except OSError as err:
        yield InputError(source, f"cannot read ({err.strerror or err})")


def _read_document(path: Path, limit: int) -> RawItem | InputError:
    source = str(path)
    item_id = _stem(path)
    size = path.stat().st_size
    if size > limit:
        return InputError(
            source,
            f"file too large ({size} bytes; the limit is {limit}, settings extract.max_input_bytes)",
            item_id=item_id,
        )
    data = path.read_bytes()
    if not data.strip():
        return EmptyInputError(source, "empty file", item_id=item_id)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodeError(source, "binary file, not text", item_id=item_id)
    is_html = path.name.lower().endswith(HTML_SUFFIXES)
    try:
        text = decode_html(data) if is_html else decode_text(data)
    except UnicodeDecodeError as err:
        return DecodeError(source, f"undecodable bytes at byte {err.start} (not UTF-8)", item_id=item_id)
    if is_html:
        return RawItem(id=item_id, source=source, html=text)
    return RawItem(id=item_id, source=source, text=text)


def _read_feed_file(path: Path, limit: int, web: WebReader) -> Iterator[RawItem | InputError]:
    source = str(path)
    size = path.stat().st_size
    if size > limit:
        yield InputError(source, f"file too large ({size} bytes; the limit is {limit}, extract.max_input_bytes)")
        return
    try:
        entries = parse_feed(path.read_bytes(), source=source)
    except InputError as err:
        yield err
        return
    yield from feed_items(entries, source=source, fetch_page=web.page)


def _stem(path: Path) -> str:
    lower = path.name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


# --------------------------------------------------------------------------- JSONL


def _read_jsonl_file(path: Path, limit: int) -> Iterator[RawItem | InputError]:
    source = str(path)
    if path.stat().st_size == 0:
        yield EmptyInputError(source, "empty file")
        return
    if not path.name.lower().endswith(".gz"):
        with path.open("rb") as stream:
            yield from _read_jsonl_lines(_bounded_lines(stream, limit), source, limit)
        return
    with path.open("rb") as raw, gzip.GzipFile(fileobj=raw, mode="rb") as inflated:
        try:
            yield from _read_jsonl_lines(_bounded_lines(_BombGuard(inflated, raw, source), limit), source, limit)
        except (gzip.BadGzipFile, EOFError, zlib.error) as err:
            yield DecodeError(source, f"not a readable gzip file ({err})")
        except DecodeError as err:
            yield err


@dataclass(frozen=True, slots=True)
class _BombGuard:
    """Reads lines from a gzip file, and stops with a ``DecodeError`` once it has inflated to
    more than ``MAX_GZIP_RATIO`` times the compressed bytes read (news JSONL inflates 3 to 10
    times; a gzip bomb about 1,000 times), so a bomb costs seconds, not minutes."""

    inflated: gzip.GzipFile
    raw: BinaryIO
    source: str

    def readline(self, size: int = -1, /) -> bytes:
        line = self.inflated.readline(size)
        position = self.inflated.tell()
        if position > _GZIP_RATIO_AFTER and position > MAX_GZIP_RATIO * self.raw.tell():
            raise DecodeError(
                self.source, f"inflates to over {MAX_GZIP_RATIO} times its size (a gzip bomb?); read no further"
            )
        return line


def _read_jsonl_lines(
    lines: Iterator[tuple[int, bytes | None]], source: str, limit: int
) -> Iterator[RawItem | InputError]:
    seen_any = False
    for number, line in lines:
        where = f"{source}:{number}"
        if line is None:
            yield InputError(where, f"line too long (over {limit} bytes, settings extract.max_input_bytes)")
            continue
        if not line.strip():
            continue
        seen_any = True
        yield parse_jsonl_line(line, where)
    if not seen_any and source != "<stdin>":
        yield EmptyInputError(source, "empty file (no JSON lines)")


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _bounded_lines(stream: _LineReader, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, each read up to ``limit`` bytes; a longer line is skipped to its end
    and given as None."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def parse_jsonl_line(line: bytes, where: str) -> RawItem | InputError:
    """One JSONL line to a ``RawItem``, or the ``InputError`` saying what is wrong with it."""
    try:
        text = line.decode("utf-8-sig" if line.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as err:
        return DecodeError(where, f"undecodable bytes at byte {err.start} of the line (not UTF-8)")
    try:
        record = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        return FormatError(where, f"bad JSON ({err.msg.removesuffix(' at')} at column {err.colno})")
    except RecursionError:
        return FormatError(where, "bad JSON (nested too deeply)")
    if not isinstance(record, dict):
        return FormatError(where, f"not a JSON object (a {type(record).__name__})")
    return _item_of(record, where)


def _item_of(record: dict[str, Any], where: str) -> RawItem | InputError:
    raw_id = record.get("id")
    if raw_id is None or raw_id == "" or isinstance(raw_id, bool) or not isinstance(raw_id, str | int | float):
        return FormatError(
            where,
            "missing id" if raw_id in (None, "") else f"id must be a string or number, not {type(raw_id).__name__}",
        )
    item_id = str(raw_id)
    fields: dict[str, str | None] = {}
    for key in ("text", "html", "url", "title"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return FormatError(where, f"{key} must be a string, not {type(value).__name__}", item_id=item_id)
        fields[key] = value
    if fields["text"] is None and fields["html"] is None:
        return FormatError(where, "neither text nor html", item_id=item_id)
    published = record.get("published")
    date = None
    if published not in (None, ""):
        date = parse_published(published)
        if date is None:
            return FormatError(
                where, f"bad published date {published!r} (expected an ISO date or datetime)", item_id=item_id
            )
    html = fields["html"]
    return RawItem(
        id=item_id,
        source=where,
        text=None if html is not None else fields["text"],
        html=html,
        url=fields["url"] or None,
        title=(fields["title"] or "").strip() or None,
        published=date,
    )


def parse_published(value: object) -> dt.date | None:
    """An ISO date ("2022-08-23") or datetime ("2022-08-23T11:26:00Z") as a date."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("z", "Z")).date()
    except ValueError:
        return None


def _stdin_lines(stream: TextIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Standard input's lines: from its byte buffer when it has one (the real stdin), else
    from the text stream itself (a ``StringIO`` in tests)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from _bounded_lines(buffer, limit)
        return
    for number, line in enumerate(stream, start=1):
        data = line.encode("utf-8", errors="surrogateescape")
        yield number, (data if len(data) <= limit else None)
