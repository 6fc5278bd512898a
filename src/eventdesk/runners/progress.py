"""A progress display on stderr for long runs: articles/s and events found."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventdesk.records import CodedArticle


class ArticleProgress:
    """Counts articles and events; ``advance`` after each coded article."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._task = progress.add_task("coding", total=None, rate="", events=0) if progress else None
        self._started = time.monotonic()
        self.articles = 0
        self.events = 0

    def advance(self, coded: CodedArticle) -> None:
        self.events += len(coded.events)
        self.tick()

    def tick(self) -> None:
        """One more item done."""
        self.articles += 1
        if self._progress is not None and self._task is not None:
            rate = self.articles / max(time.monotonic() - self._started, 1e-6)
            self._progress.update(
                self._task, completed=self.articles, rate=f"{rate:.1f} articles/s", events=self.events
            )


@contextmanager
def article_progress(*, enabled: bool | None = None) -> Iterator[ArticleProgress]:
    """Shown when stderr is a terminal (or when ``enabled`` says so)."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield ArticleProgress(None)
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[events]} events"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        yield ArticleProgress(progress)
