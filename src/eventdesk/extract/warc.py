"""WARC and WARC.gz files (warcio): every ``response`` record whose payload is HTML becomes
one item, its target URI as id and url, its WARC-Date as the date of last resort. A record
larger than the cap is one error and reading goes on; a truncated or corrupt file ends with
one error after the records read before the damage."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from eventdesk.errors import DecodeError, EmptyInputError, FormatError, InputError
from eventdesk.records import RawItem

WARC_SUFFIXES = (".warc.gz", ".warc")
_HTML_TYPES = ("text/html", "application/xhtml+xml")

DecodeHtml = Callable[[bytes], str]


def read_warc(path: Path, *, limit: int, decode: DecodeHtml) -> Iterator[RawItem | InputError]:
    """The HTML responses in the file at ``path``, in file order."""
    source = str(path)
    if path.stat().st_size == 0:
        yield EmptyInputError(source, "empty file")
        return
    number = 0
    with path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                if record.format != "warc":
                    yield FormatError(source, f"not a WARC file (record {number + 1} is not a WARC record)")
                    return
                number += 1
                item = _item_of(record, f"{source}:{number}", limit=limit, decode=decode)
                if item is not None:
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, _Truncated) as err:
            problem = " ".join(str(err).split())[:200] or type(err).__name__
            complete = number - isinstance(err, _Truncated)
            yield DecodeError(source, f"truncated or corrupt WARC after record {complete} ({problem})")


class _Truncated(Exception):
    """A record's block ends before its declared Content-Length."""


def _item_of(record: ArcWarcRecord, where: str, *, limit: int, decode: DecodeHtml) -> RawItem | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    item_id = uri or record.rec_headers.get_header("WARC-Record-ID") or where
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    data = record.content_stream().read(limit + 1)
    if getattr(record.raw_stream, "limit", 0) > 0 and len(data) <= limit:
        raise _Truncated("a record ends before its declared length")
    if len(data) > limit:
        return InputError(where, f"record too large (over {limit} bytes, settings extract.max_input_bytes)",
                          item_id=item_id)
    try:
        html = decode(data)
    except UnicodeDecodeError as err:
        return DecodeError(where, f"undecodable bytes at byte {err.start} (not UTF-8)", item_id=item_id)
    return RawItem(id=item_id, source=where, html=html, url=uri, fetched=_warc_date(record))


def _warc_date(record: ArcWarcRecord) -> dt.date | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
