"""Throughput on one machine, on the same texts in one run: spaCy alone (the baseline: the model as
its package ships it, ``nlp.pipe`` over the articles' texts), our spaCy part (``Parser.parse_many``:
the model as ``load_pipeline`` sets it up, and the copy into records), the whole pipeline in 1
process and in 2 worker processes (spawned, the default, and forked from a parent that loaded the
pipeline once), and the pipeline on Spark in local mode.

    PYTHONPATH=src .venv/bin/python bench/throughput.py [--articles N] [--workers 2] [--repeat 3] [--no-spark]

Prints articles/s, sentences/s, peak resident memory per worker (the largest: ``getrusage`` in
process, ``VmHWM`` of each pool worker, which for a forked worker includes the pages it shares),
each run's ratio to the baseline, and the load average when the run ended. On a
shared machine wall-clock ratios move with the other jobs, so the two in-process runs also show
their CPU seconds and the ratio of those (the fairer comparison of the pipeline with spaCy),
and each of the runs but Spark's is repeated (``--repeat``; the in-process runs interleaved) and
reported by its best wall-clock and best CPU time: other jobs only ever add time. The pool rows
also give their sentences/s per worker, and their CPU seconds are those of the whole run, the parent's (reading
``/proc/self``: its threads included) plus every worker's (``/proc/PID/stat``), with the parent's
share of them: what the two cores had to do, whichever process did it. Every row with CPU seconds
gives them per 1,000 sentences too.
Model loading is left out of the timed part of the runs but Spark's (each pool worker loads
before the clock starts); the Spark run includes what a Spark job pays: one pipeline load per
partition and the job's own scheduling, but not the JVM's start. Texts:
../shared/corpus/wikinews_politics when present, else the example article.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline_speed import load_items

from eventdesk.nlp import load_pipeline
from eventdesk.pipeline import Pipeline
from eventdesk.records import RawItem
from eventdesk.runners import ProcessCoder
from eventdesk.runners.pool import StartMethod
from eventdesk.settings import Settings


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    name: str
    seconds: float
    peak_mb: float | None  # the largest resident set of one worker
    cpu_s: float | None = None  # CPU seconds: this process's, or a pool's parent and workers together
    parent_cpu_s: float | None = None  # a pool's parent process alone
    workers: int = 1
    load: float = field(default_factory=lambda: os.getloadavg()[0])  # 1-minute load average at the end


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def measure_here(name: str, work: Callable[[], object], *, peak: bool) -> Measure:
    """A run in this process: wall-clock and CPU seconds."""
    cpu = time.process_time()
    seconds = timed(work)
    return Measure(name=name, seconds=seconds, cpu_s=time.process_time() - cpu, peak_mb=peak_mb() if peak else None)


def best(runs: list[Measure]) -> Measure:
    """The best wall-clock and the best CPU time of repeated runs (others' jobs only add time)."""
    cpu = [m.cpu_s for m in runs if m.cpu_s is not None]
    return Measure(name=runs[0].name, seconds=min(m.seconds for m in runs), peak_mb=runs[-1].peak_mb,
                   cpu_s=min(cpu) if cpu else None, workers=runs[0].workers, load=runs[-1].load)


def process_cpu_s(pid: int) -> float:
    """User plus system CPU seconds of a live process (Linux ``/proc``; all its threads)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()  # the name, in parentheses, may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_peak_mb(pid: int) -> float:
    """The peak resident memory of a live process (``VmHWM``; for a forked worker this counts the
    pages it shares with the parent and its sibling too)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024  # kB


def measure_pool_once(coder: ProcessCoder, items: list[RawItem], worker_pids: list[int]) -> Measure:
    """One pool run: wall-clock, and CPU seconds of the parent and of the workers."""
    workers_before = sum(process_cpu_s(pid) for pid in worker_pids)
    parent_before = process_cpu_s(os.getpid())
    seconds = timed(lambda: list(coder.run(items)))
    parent = process_cpu_s(os.getpid()) - parent_before
    workers = sum(process_cpu_s(pid) for pid in worker_pids) - workers_before
    return Measure(name=f"pipeline, {coder.workers} workers", seconds=seconds, peak_mb=None, cpu_s=parent + workers,
                   parent_cpu_s=parent, workers=coder.workers)


def measure_pool(settings: Settings, items: list[RawItem], workers: int, *, repeat: int,
                 start_method: StartMethod = "spawn") -> Measure:
    coder = ProcessCoder(settings, workers=workers, start_method=start_method)
    coder.start()  # every worker loads its pipeline before the clock starts
    worker_pids = [child.pid for child in multiprocessing.active_children() if child.pid is not None]
    try:
        runs = [measure_pool_once(coder, items, worker_pids) for _ in range(repeat)]
        peak = max(process_peak_mb(pid) for pid in worker_pids)
    finally:
        coder.close()
    cheapest = min(runs, key=lambda m: m.cpu_s or 0.0)  # the parent's share of the run that took least CPU
    name = runs[0].name + (", fork" if start_method == "fork" else "")
    return Measure(name=name, seconds=min(m.seconds for m in runs), peak_mb=peak,
                   cpu_s=cheapest.cpu_s, parent_cpu_s=cheapest.parent_cpu_s, workers=workers, load=runs[-1].load)


def measure_spark(settings: Settings, items: list[RawItem], workers: int) -> Measure | str:
    try:
        from eventdesk.runners.spark import code_on_spark, spark_session
    except ImportError:
        return "pyspark not installed (pip install eventdesk[spark])"
    if shutil.which("java") is None:
        return "Java not installed"
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    folder = Path(tempfile.mkdtemp(prefix="eventdesk-bench-"))
    try:
        source = folder / "news.jsonl"
        source.write_text("".join(_jsonl_line(item) + "\n" for item in items), encoding="utf-8")
        with spark_session(master=f"local[{workers}]") as spark:
            seconds = timed(lambda: code_on_spark(spark, str(source), str(folder / "out"), settings=settings,
                                                  partitions=workers))
            peaks = spark.sparkContext.parallelize(range(workers), workers).map(lambda _: peak_mb()).collect()
        return Measure(name=f"Spark local[{workers}]", seconds=seconds, peak_mb=max(peaks), workers=workers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _jsonl_line(item: RawItem) -> str:
    published = item.published.isoformat() if item.published else None
    return json.dumps({"id": item.id, "text": item.text, "title": item.title, "published": published})


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each of the first three; the best counts")
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    settings = Settings.load()
    pipeline = Pipeline.from_settings(settings)
    items = load_items(args.articles)
    articles = [pipeline.extractor.extract(item) for item in items]
    parsed = list(pipeline.parser.parse_many(articles))  # warm-up, and the sentence count
    sentences = sum(len(p.sentences) for p in parsed)
    shipped = load_pipeline(settings.nlp.model, as_shipped=True)
    texts = [article.text for article in articles]
    list(shipped.pipe(texts, batch_size=settings.nlp.batch_size))  # warm-up
    baseline: list[Measure] = []
    ours: list[Measure] = []
    one: list[Measure] = []
    for _ in range(args.repeat):  # interleaved, so a burst of other jobs hits all alike
        baseline.append(measure_here("spaCy alone (baseline)",
                                     lambda: list(shipped.pipe(texts, batch_size=settings.nlp.batch_size)), peak=False))
        ours.append(measure_here("our spaCy part", lambda: list(pipeline.parser.parse_many(articles)), peak=False))
        one.append(measure_here("pipeline, 1 process", lambda: list(pipeline.run(items)), peak=True))
    runs: list[Measure | tuple[str, str]] = [best(baseline), best(ours), best(one)]
    runs += [measure_pool(settings, items, args.workers, repeat=args.repeat, start_method=method)
             for method in ("spawn", "fork")]
    spark = None if args.no_spark else measure_spark(settings, items, args.workers)
    if spark is not None:
        runs.append(spark if isinstance(spark, Measure) else (f"Spark local[{args.workers}]", spark))
    print(f"{len(items)} articles, {sentences} sentences; model {pipeline.parser.model_name}; {os.cpu_count()} cores; "
          f"best of {args.repeat}")
    print_table(runs, articles=len(items), sentences=sentences)


def print_table(runs: list[Measure | tuple[str, str]], *, articles: int, sentences: int) -> None:
    baseline = next(m for m in runs if isinstance(m, Measure))
    print(f"{'run':<26} {'seconds':>8} {'articles/s':>11} {'sentences/s':>12} {'peak MB/worker':>15} "
          f"{'vs baseline':>12} {'CPU s':>6} {'CPU vs baseline':>16} {'load':>5} {'sentences/s/worker':>19} "
          f"{'CPU s/1k sentences':>19} {'parent CPU':>11}")
    for run in runs:
        if not isinstance(run, Measure):
            print(f"{run[0]:<26} skipped: {run[1]}")
            continue
        peak = "-" if run.peak_mb is None else f"{run.peak_mb:.0f}"
        cpu = "-" if run.cpu_s is None else f"{run.cpu_s:.2f}"
        cpu_ratio = "-" if run.cpu_s is None or baseline.cpu_s is None else f"{baseline.cpu_s / run.cpu_s:.2f}x"
        print(f"{run.name:<26} {run.seconds:>8.2f} {articles / run.seconds:>11.1f} {sentences / run.seconds:>12.1f} "
              f"{peak:>15} {baseline.seconds / run.seconds:>11.2f}x {cpu:>6} {cpu_ratio:>16} {run.load:>5.1f} "
              f"{sentences / run.seconds / run.workers:>19.1f} {_per_thousand(run.cpu_s, sentences):>19} "
              f"{_share(run.parent_cpu_s, run.cpu_s):>11}")


def _per_thousand(cpu_s: float | None, sentences: int) -> str:
    return "-" if cpu_s is None else f"{1000 * cpu_s / sentences:.2f}"


def _share(part: float | None, whole: float | None) -> str:
    return "-" if part is None or not whole else f"{part / whole:.1%}"


if __name__ == "__main__":
    main()
