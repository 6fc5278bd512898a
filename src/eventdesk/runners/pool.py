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
pickled.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from itertools import islice
from types import TracebackType
from typing import Protocol

from eventdesk.errors import InputError
from eventdesk.extract import Extractor
from eventdesk.pipeline import Pipeline, skipped
from eventdesk.records import CodedArticle, RawItem
from eventdesk.settings import Settings

Batch = Sequence[RawItem | CodedArticle]  # a CodedArticle here is an input already skipped


class Coder(Protocol):
    """What codes a stream in input order: a ``Pipeline`` or a ``ProcessCoder``."""

    @property
    def extractor(self) -> Extractor:
        """The extract stage, for looking at an item's clean text before coding it."""

    def run(self, items: Iterable[RawItem | InputError]) -> Iterator[CodedArticle]: ...


class ProcessCoder:
    """``Pipeline.run`` over ``workers`` processes (started with "spawn": no state is
    inherited, each worker imports eventdesk and loads its own pipeline)."""

    def __init__(
        self,
        settings: Settings,
        *,
        workers: int,
        items_per_task: int | None = None,
        batches_in_flight: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        if items_per_task is not None and items_per_task < 1:
            raise ValueError(f"items_per_task must be at least 1, not {items_per_task}")
        self.settings = settings
        self.extractor = Extractor.from_settings(settings.extract)  # cheap; lets ingest see clean text
        self.workers = workers
        self.items_per_task = items_per_task or max(1, settings.nlp.batch_size // 4)
        self.batches_in_flight = batches_in_flight or 2 * workers
        self._executor: ProcessPoolExecutor | None = None

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
        context = multiprocessing.get_context("spawn")
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
        for batch in _batches(items, self.items_per_task):
            if len(pending) >= self.batches_in_flight:
                yield from pending.popleft().result()
            pending.append(self._executor.submit(code_batch, self.settings, batch))
        while pending:
            yield from pending.popleft().result()


def _batches(items: Iterable[RawItem | InputError], size: int) -> Iterator[list[RawItem | CodedArticle]]:
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield [skipped(item) if isinstance(item, InputError) else item for item in chunk]


# --------------------------------------------------------------------------- in the worker


@cache
def load_pipeline(settings: Settings) -> Pipeline:
    """The worker's pipeline: built on first use, then kept for the life of the process
    (a per-process cache keyed by the settings; the parent never calls this)."""
    return Pipeline.from_settings(settings)


def warm_up(settings: Settings) -> None:
    """Load the worker's pipeline now (run once per worker when the pool starts)."""
    load_pipeline(settings)


def code_batch(settings: Settings, batch: Batch) -> list[CodedArticle]:
    """Code one batch in a worker; inputs already skipped keep their place."""
    coded = iter(load_pipeline(settings).run(item for item in batch if isinstance(item, RawItem)))
    return [next(coded) if isinstance(item, RawItem) else item for item in batch]
