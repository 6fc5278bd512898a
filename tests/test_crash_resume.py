"""Crash-safe, resumable ingest: `eventdesk run` killed with SIGKILL at seeded random moments
(once while starting up, then twice after a random number of articles were stored plus a random
delay, i.e. while coding, parsing or writing), then run again to completion, leaves exactly the
database an uninterrupted run leaves.

Real subprocesses on a real SQLite file, and on PostgreSQL (a private server on loopback, from
tests/postgres.py; skipped where none can start); the only differences allowed between the two
databases are ``articles.coded_at`` (the wall-clock time an article was stored) and the gaps a
killed transaction leaves in PostgreSQL's ``mentions.seq`` sequence.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from eventdesk.errors import StoreError
from eventdesk.pipeline import Pipeline
from eventdesk.store import open_store
from tests.postgres import fresh_database, postgres_server

__all__ = ["postgres_server"]  # the fixture used here

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261125
WRITE_KILLS = 2  # besides one kill while the run is still starting up (loading the model)
ACTORS = ("Israeli troops", "Police", "Hamas", "The Egyptian government", "Protesters", "Russian forces")
VERBS = ("raided", "attacked", "met", "criticized", "arrested", "praised")
TARGETS = ("the Jenin camp", "opposition leaders", "Qatari mediators", "students in Cairo",
           "Ukrainian villages", "the United Nations")
WHEN = ("on Monday", "yesterday", "on August 5", "last week")
# Four parser batches (``nlp.batch_size`` 16): after the last kill, two batches are always left to
# code. With 36 (two and a bit) a loaded machine once stored the short last batch inside the kill's
# random delay, and a run that had nothing left to resume failed the test.
ARTICLES = 64

Snapshot = dict[str, list[tuple[Any, ...]]]


def write_articles(path: Path) -> list[str]:
    """ARTICLES short news items, each with a few events; returns their ids."""
    ids = []
    with path.open("w", encoding="utf-8") as out:
        pairs = itertools.cycle(itertools.product(ACTORS, VERBS))
        for i, (actor, verb) in enumerate(itertools.islice(pairs, ARTICLES)):
            text = (
                f"{actor} {verb} {TARGETS[i % 6]} {WHEN[(i + i // 36) % 4]}, officials said. "
                f"The move drew condemnation from {TARGETS[(i + 1) % 6]}. "
                f"Separately, {ACTORS[(i + 2) % 6].lower()} {VERBS[(i + 3) % 6]} {TARGETS[(i + 4) % 6]}."
            )
            item = {"id": f"a{i:02d}", "title": f"Story {i}", "published": f"2024-05-{1 + i % 28:02d}", "text": text}
            out.write(json.dumps(item) + "\n")
            ids.append(item["id"])
    return ids


def start_run(inputs: Path, db: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    # The items share one template, so copy detection would fold most of them into a few stored
    # articles: this test is about resuming, and copies have their own tests (test_ingest_copies.py).
    command = [sys.executable, "-c", "from eventdesk.cli import main; main()",
               "run", "--no-progress", "--keep-duplicates", "--db", db, str(inputs)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stored_articles(db: str) -> int:
    """How many articles a concurrent reader sees now (0 while the database is being created)."""
    if db.startswith("postgresql://"):
        import psycopg

        try:
            with psycopg.connect(db, connect_timeout=2, autocommit=True) as connection:
                row = connection.execute("SELECT count(*) FROM articles").fetchone()
                return int(row[0]) if row else 0
        except psycopg.Error:
            return 0
    if not Path(db).exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def kill_after(process: subprocess.Popen[bytes], db: str, *, new_articles: int, jitter_s: float) -> bool:
    """SIGKILL the run once ``new_articles`` more are stored, plus ``jitter_s``; True if it was
    still running when killed."""
    floor = stored_articles(db)
    while process.poll() is None and stored_articles(db) < floor + new_articles:
        time.sleep(0.002)
    time.sleep(jitter_s)
    if process.poll() is not None:
        return False
    process.send_signal(signal.SIGKILL)
    process.wait()
    return True


# Every stored row but ``articles.coded_at`` (the time of storing) and ``mentions.seq`` (a
# PostgreSQL sequence is not rolled back with a killed transaction, so it may have gaps; the order
# of the mentions, which decides an event's first report, is compared instead).
SNAPSHOT = {
    "articles": "SELECT id, source, url, title, published, language, text, fingerprint, input_hash, record, "
                "source_key FROM articles ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "mentions": "SELECT id, event_id, article_id, date, sentence_start, sentence_end, trigger, trigger_start, "
                "trigger_end, confidence, record FROM mentions ORDER BY seq",
    "event_actors": "SELECT * FROM event_actors ORDER BY event_id, role, position",
}


def snapshot(db: str) -> Snapshot:
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as connection:
            return {name: [tuple(row) for row in connection.execute(sql).fetchall()] for name, sql in SNAPSHOT.items()}
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {name: connection.execute(sql).fetchall() for name, sql in SNAPSHOT.items()}


def finish(process: subprocess.Popen[bytes]) -> str:
    _, stderr = process.communicate(timeout=300)
    message = stderr.decode("utf-8", "replace")
    assert process.returncode == 0, message
    return message


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Where the uninterrupted and the killed runs store: two SQLite files or two new PostgreSQL
    databases on the private loopback server (skipped where none can start)."""
    if request.param == "sqlite":
        return str(tmp_path / "reference.sqlite"), str(tmp_path / "killed.sqlite")
    server = request.getfixturevalue("postgres_server")
    return fresh_database(server), fresh_database(server)


def test_killed_runs_resume_to_the_uninterrupted_database(tmp_path: Path, two_databases: tuple[str, str]) -> None:
    inputs = tmp_path / "news.jsonl"
    ids = write_articles(inputs)
    reference_db, killed_db = two_databases
    reference = start_run(inputs, reference_db)  # runs beside the killed runs
    rng = random.Random(SEED)
    starting = start_run(inputs, killed_db)
    time.sleep(rng.uniform(0.2, 2.0))
    starting.send_signal(signal.SIGKILL)
    starting.wait()
    interrupted = 0
    for _ in range(WRITE_KILLS):
        process = start_run(inputs, killed_db)
        interrupted += kill_after(process, killed_db, new_articles=rng.randint(1, 10), jitter_s=rng.uniform(0, 0.3))
    assert interrupted == WRITE_KILLS, "a run finished before it could be killed"
    assert stored_articles(killed_db) < len(ids)
    summary = finish(start_run(inputs, killed_db))
    finish(reference)
    assert "unchanged" in summary
    expected, resumed = snapshot(reference_db), snapshot(killed_db)
    assert [row[0] for row in expected["articles"]] == ids
    assert expected["events"] and expected["mentions"], "the reference run coded no events"
    assert resumed == expected


def test_an_article_is_stored_whole_or_not_at_all(tmp_path: Path) -> None:
    """What makes a kill inside a save harmless: a save that fails half-way (a real SQLite trigger
    aborts it at the first actor row) leaves no article row, so a resumed run codes it again."""
    pipeline = Pipeline.from_settings()
    coded = pipeline.process_text("Israeli troops raided the Jenin camp on Monday.", id="raid", published="2024-05-07")
    assert coded.events and coded.events[0].actor
    store = open_store(tmp_path / "events.sqlite")
    with sqlite3.connect(tmp_path / "events.sqlite") as connection:
        connection.execute("CREATE TRIGGER fail BEFORE INSERT ON event_actors BEGIN SELECT RAISE(ABORT, 'cut'); END")
    with pytest.raises(StoreError, match=r"cut.*while storing article 'raid'"):
        store.save(coded, input_hash="h")
    assert store.count() == (0, 0) and not store.has_input("raid", "h")
    store.close()
