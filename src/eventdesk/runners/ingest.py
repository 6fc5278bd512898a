"""Code a stream of items into a store, resumably: an item already stored from the same
input is skipped, every article is written in one transaction, and a killed run can simply
be started again."""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from eventdesk import __version__
from eventdesk.errors import InputError
from eventdesk.records import CodedArticle, RawItem
from eventdesk.runners.pool import Coder
from eventdesk.store import Store


@dataclass(slots=True)
class IngestReport:
    """Counts for the closing summary; ``errors`` are the one-line reasons of skipped items."""

    stored: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


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
    on_article: Callable[[CodedArticle], None] | None = None,
) -> IngestReport:
    """Code and store every item; returns what happened. ``pipeline`` is a ``Pipeline`` or
    a ``ProcessCoder``: either way the store is written here, in this process, in input order."""
    report = IngestReport()
    hashes: deque[str | None] = deque()
    for coded in pipeline.run(_items_to_code(items, store, hashes, report, force=force)):
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
