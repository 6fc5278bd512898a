"""The command line: exit codes, stdin/stdout, formats, the store round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from tests.conftest import EXAMPLE_ARTICLE

GOOD = {"id": "a1", "text": "Police arrested 40 protesters in Nairobi on Monday.", "published": "2024-06-25"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_code_reads_jsonl_on_stdin_and_keeps_order(runner: CliRunner) -> None:
    lines = [json.dumps(GOOD), json.dumps({**GOOD, "id": "a2", "text": "Rebels attacked an army base."})]
    result = runner.invoke(cli, ["code", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2"]
    assert records[0]["published"] == "2024-06-25"
    assert any(e["event"] == "COERCE" for e in records[0]["events"])


def test_code_skips_a_bad_line_with_one_line_error_and_exit_1(runner: CliRunner) -> None:
    lines = [json.dumps(GOOD), "{not json", json.dumps({**GOOD, "id": "a3"})]
    result = runner.invoke(cli, ["code"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3 and records[1]["error"] and records[0]["error"] is None and records[2]["error"] is None
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and ":2" in errors[0]


def test_code_a_text_file_as_json_array(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["code", "--format", "json", str(EXAMPLE_ARTICLE)])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.stdout)
    assert record["title"].startswith("Hamas and Islamic Jihad agree")
    assert record["events"]


def test_run_then_events_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    first = runner.invoke(cli, ["run", "--db", str(db), str(EXAMPLE_ARTICLE)])
    again = runner.invoke(cli, ["run", "--db", str(db), str(EXAMPLE_ARTICLE)])
    assert first.exit_code == 0 and again.exit_code == 0, first.output
    assert "stored 1 articles" in first.stderr and "1 unchanged" in again.stderr

    table = runner.invoke(cli, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "Israel" in table.stdout and "ASSAULT" in table.stdout

    jsonl = runner.invoke(cli, ["events", "--db", str(db), "--actor", "Hamas", "--format", "jsonl"])
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert records and all("Hamas" in json.dumps(r) for r in records)

    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["events", "--db", str(db), "--event", "ASSAULT",
                                                                 "--country", "ISR", "--format", "csv"]).stdout)))
    assert rows and all(r["event"] == "ASSAULT" and "ISR" in (r["actor_country"] + r["recipient_country"])
                        for r in rows)
    late = runner.invoke(cli, ["events", "--db", str(db), "--since", "2030-01-01", "--format", "jsonl"])
    assert late.exit_code == 0 and late.stdout == ""


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(cli, ["events", "--db", str(tmp_path / "missing.sqlite")]).exit_code == 2
    assert runner.invoke(cli, ["events", "--format", "xml"]).exit_code == 2
    missing_model = runner.invoke(cli, ["code", "--model", "en_core_web_trf", str(EXAMPLE_ARTICLE)])
    assert missing_model.exit_code == 2 and "not installed" in missing_model.output


def test_help_has_examples(runner: CliRunner) -> None:
    for command in ("code", "run", "events"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output
