"""Code a stream in N local processes, with the output of one process, in input order.

    >>> with ProcessCoder(settings, workers=4) as coder:
    ...     for coded in coder.run(read_items(paths)):
    ...         ...

Each worker process builds one ``Pipeline`` from the ``Settings`` (the model and every
dictionary loaded once per worker, never pickled) and codes the tasks it is handed with
``Pipeline.run``. A task is a few items (``items_per_task``, by default a quarter of
``settings.nlp.batch_size``), not a whole parser batch: with batches of 16, 40 articles make
three tasks and one of two workers codes 24 of them while the other waits; with tasks of 4 the
two finish within 4 articles of each other. The records do not depend on the cut: a spaCy CNN
pipeline analyses each text alone (no state crosses texts within a batch), and the tests
compare the pool's bytes with one process parsing whole batches (a transformer pipeline pads
its batches: give it ``items_per_task=settings.nlp.batch_size``). The parent reads the input,
hands out tasks, keeps a bounded number in flight and yields the results in input order. Items
that were already ``InputError`` when read never travel: the parent turns them into their
skipped record. Raw items go to the workers and coded records come back: no spaCy object is
pickled. An item whose article the parent has already extracted (``ingest``'s copy check
extracts every item with ``keep=True``) travels with that article, which the worker's pipeline
takes instead of extracting the item a second time (extraction is about a fortieth of the
coding's CPU). The parent's own extractor (its language model) is loaded on first use only:
``eventdesk code`` never needs it.

Where the CPU of a pool goes (``bench/throughput.py``, 40 articles, 2 workers): the parent takes
about 1 % of the run (handing out raw items, unpickling about 12 KB of records per article);
the rest is the workers' coding, spaCy four fifths of it.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache, cached_property
from itertools import islice
from types import TracebackType
from typing import Literal, Protocol

from eventdesk.errors import InputError
from eventdesk.extract import Extractor
from eventdesk.pipeline import Pipeline, skipped
from eventdesk.records import Article, CodedArticle, RawItem
from eventdesk.settings import Settings

# One task's inputs, in order: an item to code (with the article the parent already extracted
# from it, if any), or an input already skipped (its record).
Task = tuple[RawItem, Article | None] | CodedArticle
Batch = Sequence[Task]
StartMethod = Literal["spawn", "fork"]


class Coder(Protocol):
    """What codes a stream in input order: a ``Pipeline`` or a ``ProcessCoder``."""

    @property
    def extractor(self) -> Extractor:
        """The extract stage, for looking at an item's clean text before coding it."""

    def run(self, items: Iterable[RawItem | InputError]) -> Iterator[CodedArticle]: ...


class ProcessCoder:
    """``Pipeline.run`` over ``workers`` processes. Started with "spawn" (the default) no state
    is inherited: each worker imports eventdesk and loads its own pipeline. With
    ``start_method="fork"`` (POSIX only) the parent loads the pipeline once and the workers are
    forked from it: they share the memory pages of the model's weights and of every table no
    one writes to, and the pool starts in the time of one load. It did not make two workers on
    two cores clearly cheaper (less CPU in 4 of 8 idle runs, more in 3: docs/scaling.md), so
    spawn stays the default. The executor forks all its workers at start, before its own
    threads exist; fork only from a parent whose other threads (if any) hold no lock the
    workers need."""

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int,
        items_per_task: int | None = None,
        batches_in_flight: int | None = None,
        start_method: StartMethod = "spawn",
    ) -> None:
        if start_method not in ("spawn", "fork"):
            raise ValueError(f"start_method must be 'spawn' or 'fork', not {start_method!r}")
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if items_per_task is not None and items_per_task < 1:
            raise ValueError(f"items_per_task must be at least 1, not {items_per_task}")
        self.settings = settings
        self.workers = workers
        self.items_per_task = items_per_task or max(1, settings.nlp.batch_size // 4)
        self.batches_in_flight = batches_in_flight or 2 * workers
        self.start_method = start_method
        self._executor: ProcessPoolExecutor | None = None

    @cached_property
    def extractor(self) -> Extractor:
        """The parent's extract stage, built on first use: ``ingest`` looks at each item's
        clean text with it (and the article it keeps travels to the worker)."""
        return Extractor.from_settings(self.settings.extract)

    def __enter__(self) -> ProcessCoder:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and load a pipeline in each; a setup error (a missing model, a
        bad data file) is raised here, before any item is coded."""
        if self._executor is not None:
            return
        if self.start_method == "fork":
            load_pipeline(self.settings)  # here, once: every forked worker starts with it
        context = multiprocessing.get_context(self.start_method)
        self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        loads = [self._executor.submit(warm_up, self.settings) for _ in range(self.workers)]
        for load in loads:
            load.result()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def run(self, items: Iterable[RawItem | InputError]) -> Iterator[CodedArticle]:
        """Code a stream in input order, like ``Pipeline.run``."""
        self.start()
        assert self._executor is not None
        pending: deque[Future[list[CodedArticle]]] = deque()
        for batch in self._batches(items):
            if len(pending) >= self.batches_in_flight:
                yield from pending.popleft().result()
            pending.append(self._executor.submit(code_batch, self.settings, batch))
        while pending:
            yield from pending.popleft().result()

    def _batches(self, items: Iterable[RawItem | InputError]) -> Iterator[list[Task]]:
        stream = iter(items)
        while chunk := list(islice(stream, self.items_per_task)):
            yield [skipped(item) if isinstance(item, InputError) else (item, self._kept(item)) for item in chunk]

    def _kept(self, item: RawItem) -> Article | None:
        """The article the parent extracted from this item already, if any (taken: kept once)."""
        extractor = self.__dict__.get("extractor")  # never built, nothing kept
        return extractor.kept.take(item) if isinstance(extractor, Extractor) else None


# --------------------------------------------------------------------------- in the worker


@cache
def load_pipeline(settings: Settings) -> Pipeline:
    """The worker's pipeline: built on first use, then kept for the life of the process
    (a per-process cache keyed by the settings; the parent calls this only to fork workers
    that start with it loaded)."""
    return Pipeline.from_settings(settings)


def warm_up(settings: Settings) -> None:
    """Load the worker's pipeline now (run once per worker when the pool starts)."""
    load_pipeline(settings)


def code_batch(settings: Settings, batch: Batch) -> list[CodedArticle]:
    """Code one batch in a worker; inputs already skipped keep their place. An article the
    parent extracted is handed to the pipeline's extractor, which returns it for its item."""
    pipeline = load_pipeline(settings)
    items = [task for task in batch if not isinstance(task, CodedArticle)]
    for item, article in items:
        if article is not None:
            pipeline.extractor.kept.keep(item, article)
    coded = iter(pipeline.run(item for item, _ in items))
    return [task if isinstance(task, CodedArticle) else next(coded) for task in batch]
