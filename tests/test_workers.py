"""``--workers N``: N processes give the bytes of one process, in input order, and ``run`` stores
the same events from the parent process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.errors import ModelError
from eventdesk.runners import ProcessCoder
from eventdesk.settings import Settings
from tests.conftest import EXAMPLE_ARTICLE, shared_path

ARTICLES = 5  # a few real articles, enough for several batches per worker


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Real Wikinews articles with a bad line among them, the example article, and parser
    batches of 4 (settings): one process parses the texts four at a time, while the pool hands
    its workers tasks of one item (a quarter of a batch), so the two cut the stream differently
    and the workers take turns many times."""
    corpus = shared_path("corpus", "wikinews_politics", "articles.jsonl")
    folder = tmp_path_factory.mktemp("workers")
    lines = corpus.read_text(encoding="utf-8").splitlines()[:ARTICLES]
    lines.insert(3, "{not json")
    jsonl = folder / "news.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = folder / "settings.toml"
    settings.write_text("[nlp]\nbatch_size = 4\n", encoding="utf-8")
    return ["--settings", str(settings), str(jsonl), str(EXAMPLE_ARTICLE)]


@pytest.fixture(scope="module")
def one_worker(inputs: list[str]) -> str:
    result = CliRunner().invoke(cli, ["code", "--workers", "1", *inputs])
    assert result.exit_code == 1, result.output  # the bad line is skipped
    return result.stdout


def test_code_with_two_workers_writes_the_bytes_of_one(inputs: list[str], one_worker: str) -> None:
    result = CliRunner().invoke(cli, ["code", "--workers", "2", *inputs])
    assert result.exit_code == 1, result.output
    assert result.stdout == one_worker
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == ARTICLES + 2
    assert records[3]["error"] and records[3]["id"].endswith("news.jsonl:4")
    assert records[-1]["id"] == EXAMPLE_ARTICLE.stem and records[-1]["events"]
    assert sum(len(r["events"]) for r in records) > ARTICLES


def test_run_with_two_workers_stores_the_same_events_in_input_order(
    inputs: list[str], one_worker: str, tmp_path: Path
) -> None:
    db = tmp_path / "events.sqlite"
    result = CliRunner().invoke(cli, ["run", "--workers", "2", "--db", str(db), *inputs])
    assert result.exit_code == 1, result.output
    assert f"stored {ARTICLES + 1} articles" in result.stderr
    coded = [json.loads(line) for line in one_worker.splitlines()]
    expected_ids = [r["id"] for r in coded if not r["error"]]
    expected_events = sorted(e["id"] for r in coded for e in r["events"])
    with sqlite3.connect(db) as connection:
        stored_ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY rowid")]
        stored_events = sorted(row[0] for row in connection.execute("SELECT id FROM mentions"))
    assert stored_ids == expected_ids  # written by the parent, in input order
    assert stored_events == expected_events  # every coded event is stored as a report (mention)


def test_a_setup_error_in_the_workers_is_raised_when_the_pool_starts() -> None:
    settings = Settings.load(environ={"EVENTDESK_MODEL": "no_such_spacy_pipeline"})
    with pytest.raises(ModelError, match="no_such_spacy_pipeline"), ProcessCoder(settings, workers=1):
        pass


def test_the_pool_cuts_tasks_of_a_quarter_batch_unless_told() -> None:
    settings = Settings.load(environ={})
    assert ProcessCoder(settings, workers=2).items_per_task == max(1, settings.nlp.batch_size // 4)
    assert ProcessCoder(settings, workers=2, items_per_task=7).items_per_task == 7
    with pytest.raises(ValueError, match="items_per_task must be at least 1, not 0"):
        ProcessCoder(settings, workers=2, items_per_task=0)
