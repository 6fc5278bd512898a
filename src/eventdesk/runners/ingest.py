"""Code a stream of items into a store, resumably: an item already stored from the same
input is skipped, every article is written in one transaction, and a killed run can simply
be started again. With ``dedup`` (the default), an article that repeats one stored earlier (by this run or
another; the same text, or a near-duplicate such as a wire story reprinted under another id)
is coded once: the copy is not coded again, its source (URL, site, dates) is kept with the
original's, and the report lists it with the id it duplicates."""

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
from eventdesk.store import ArticleSource, Store
from eventdesk.store.reports import source_key


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    """An item not coded because it repeats ``original_id``, coded earlier (in this run or another)."""

    item_id: str
    source: str
    url: str | None
    original_id: str


@dataclass(slots=True)
class IngestReport:
    """Counts for the closing summary; ``errors`` are the one-line reasons of skipped items,
    ``duplicates`` the items that repeat an article coded earlier."""

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
    dedup: bool = True,
    on_article: Callable[[CodedArticle], None] | None = None,
) -> IngestReport:
    """Code and store every item; returns what happened. ``pipeline`` is a ``Pipeline`` or
    a ``ProcessCoder``: either way the store is written here, in this process, in input order.
    With ``dedup`` (the default) an item whose article text repeats, exactly or nearly, one stored
    (by this run or an earlier one) is not coded: its source is added to the original's sources
    and it is listed in ``report.duplicates``; ``dedup=False`` codes copies as articles of their own."""
    report = IngestReport()
    hashes: deque[str | None] = deque()
    copies = _Copies(pipeline, store, report) if dedup else None
    for coded in pipeline.run(_items_to_code(items, store, hashes, report, force=force, copies=copies)):
        digest = hashes.popleft()
        if coded.error is not None or digest is None:
            report.errors.append(coded.error or f"{coded.source}: not coded")
        else:
            store.save(coded, input_hash=digest)
            report.stored += 1
            report.events += len(coded.events)
        if on_article is not None:
            on_article(coded)
    if copies is not None:
        copies.keep_pending()
    return report


def _items_to_code(
    items: Iterable[RawItem | InputError],
    store: Store,
    hashes: deque[str | None],
    report: IngestReport,
    *,
    force: bool,
    copies: _Copies | None,
) -> Iterator[RawItem | InputError]:
    """Skip what is already stored, and copies; remember each passed item's hash, in order."""
    for item in items:
        if isinstance(item, InputError):
            hashes.append(None)
            yield item
            continue
        digest = input_hash(item)
        if not force and store.has_input(item.id, digest):
            report.unchanged += 1
            continue
        if copies is not None and copies.is_copy(item, digest):
            continue
        hashes.append(digest)
        yield item


@dataclass(slots=True)
class _Copies:
    """Recognises copies: of stored articles (``Store.find_copy``) and of articles seen earlier in
    this run, which may not be stored yet (a ``NearDuplicateIndex``); a copy of one of those is
    added to its sources once the run has stored it."""

    pipeline: Coder
    store: Store
    report: IngestReport
    index: NearDuplicateIndex = field(default_factory=NearDuplicateIndex)
    pending: list[tuple[ArticleSource, str]] = field(default_factory=list)

    def is_copy(self, item: RawItem, digest: str) -> bool:
        """True (and the copy kept or queued) when the item repeats another article. Each item is
        extracted here to see its clean text (kept, so an in-process pipeline does not extract it
        again); one that fails extraction is not a copy, so the pipeline reports its error. A
        changed input whose article is stored is coded again (its new text replaces the old)."""
        if self.store.article(item.id) is not None:
            return False
        try:
            article = self.pipeline.extractor.extract(item, keep=True)
        except InputError:
            return False
        original = self.store.find_copy(article.text)
        if original is None:
            original = self.index.add(item.id, article.text)
        if original is None or original == item.id:
            return False
        self.pipeline.extractor.kept.take(item)  # not coded: nothing will ask for it again
        copy = ArticleSource(item_id=item.id, article_id=original, source=item.source, url=item.url,
                             site=source_key(item.source, item.url), title=article.title,
                             published=article.published, fetched=item.fetched)
        self.report.duplicates.append(Duplicate(item_id=item.id, source=item.source, url=item.url,
                                                original_id=original))
        if not self.store.add_copy(copy, input_hash=digest):
            self.pending.append((copy, digest))
        return True

    def keep_pending(self) -> None:
        """Add the copies of articles stored later in the run (one that failed keeps nothing)."""
        for copy, digest in self.pending:
            self.store.add_copy(copy, input_hash=digest)
