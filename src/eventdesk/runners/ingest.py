"""Code a stream of items into a store, resumably: an item already stored from the same
input is skipped, every article is written in one transaction, and a killed run can simply
be started again. An article that repeats one seen earlier in the run (the same text, or a
near-duplicate such as a wire story reprinted under another id) is coded once: the copy is
not coded or stored, and the report lists it with its source and the id it duplicates."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventdesk import __version__
from eventdesk.dedup.near import NearDuplicateIndex
from eventdesk.errors import InputError
from eventdesk.records import CodedArticle, RawItem
from eventdesk.runners.pool import Coder
from eventdesk.store import Store


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """An item not coded because it repeats ``original_id``, coded earlier in the run."""

    item_id: str
    source: str
    url: str | None
    original_id: str


@dataclass(slots=True)
class IngestReport:
    """Counts for the closing summary; ``errors`` are the one-line reasons of skipped items,
    ``duplicates`` the items that repeat an article coded earlier in the run."""

    stored: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def input_hash(item: RawItem) -> str:
    """What identifies an input: its content and metadata, and the coder's version."""
    digest = hashlib.sha256()
    for part in (__version__, item.text, item.html, item.url, item.title, item.published):
        digest.update(b"\x00" + str(part).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def ingest(
    pipeline: Coder,
    items: Iterable[RawItem | InputError],
    store: Store,
    *,
    force: bool = False,
    dedup: bool = False,
    on_article: Callable[[CodedArticle], None] | None = None,
) -> IngestReport:
    """Code and store every item; returns what happened. ``pipeline`` is a ``Pipeline`` or
    a ``ProcessCoder``: either way the store is written here, in this process, in input order.
    With ``dedup`` an item whose article text repeats, exactly or nearly, one
    coded earlier in the run is skipped and listed in ``report.duplicates``."""
    report = IngestReport()
    hashes: deque[str | None] = deque()
    stream = _first_copies(pipeline, items, report) if dedup else items
    for coded in pipeline.run(_items_to_code(stream, store, hashes, report, force=force)):
        digest = hashes.popleft()
        if coded.error is not None or digest is None:
            report.errors.append(coded.error or f"{coded.source}: not coded")
        else:
            store.save(coded, input_hash=digest)
            report.stored += 1
            report.events += len(coded.events)
        if on_article is not None:
            on_article(coded)
    return report


def _items_to_code(
    items: Iterable[RawItem | InputError],
    store: Store,
    hashes: deque[str | None],
    report: IngestReport,
    *,
    force: bool,
) -> Iterator[RawItem | InputError]:
    """Skip what is already stored; remember each passed item's hash, in order."""
    for item in items:
        if isinstance(item, InputError):
            hashes.append(None)
            yield item
            continue
        digest = input_hash(item)
        if not force and store.has_input(item.id, digest):
            report.unchanged += 1
            continue
        hashes.append(digest)
        yield item


def _first_copies(
    pipeline: Coder, items: Iterable[RawItem | InputError], report: IngestReport
) -> Iterator[RawItem | InputError]:
    """The items whose article is not a copy of an earlier one. Each item is extracted here
    to see its clean text (the pipeline extracts it again); an item that fails extraction
    passes on, so the pipeline reports its error."""
    index = NearDuplicateIndex()
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            text = pipeline.extractor.extract(item).text
        except InputError:
            yield item
            continue
        original = index.add(item.id, text)
        if original is None or original == item.id:
            yield item
        else:
            report.duplicates.append(Duplicate(item_id=item.id, source=item.source, url=item.url, original_id=original))
