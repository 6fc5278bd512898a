"""Hostile inputs (tests/resources/hostile/ and big ones generated into tmp_path): each gives a
one-line error naming the input or is coded safely, the rest is processed, memory stays bounded.

The reader and the extract stage are checked in-process, input by input; one real
``eventdesk code`` subprocess then takes them all at once, and its peak RSS is measured.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.dates import resolve_expression
from eventdesk.errors import InputError
from eventdesk.extract import Extractor, read_items
from eventdesk.nlp.parser import MAX_SENTENCE_TOKENS
from eventdesk.records import RawItem
from tests.conftest import RESOURCES, ROOT, ParseText

HOSTILE = RESOURCES / "hostile"
PEAK_RSS_CEILING_MB = 1500  # the pipeline alone peaks near 400 MB; the 50 MB inputs must not be held
DEPTH = 100_000
NAMES = ("Israel", "Hamas", "Egypt", "Qatar", "Iran", "Russia", "Ukraine", "France", "the United Nations", "NATO")


def outcomes(name: str) -> list[str]:
    path = str(HOSTILE / name)
    return [str(o) if isinstance(o, InputError) else f"{o.id} @ {o.source}" for o in read_items([path])]


@pytest.mark.parametrize(("name", "expected"), [
    ("empty.txt", ["empty file"]),
    ("empty.jsonl", ["empty file"]),
    ("empty.html", ["empty file"]),
    ("blank.txt", ["empty file"]),
    ("binary.txt", ["binary file, not text"]),
    ("binary.html", ["binary file, not text"]),
    ("latin1.txt", ["undecodable bytes at byte 5 (not UTF-8)"]),
])
def test_a_bad_file_is_one_line_naming_it(name: str, expected: list[str]) -> None:
    assert outcomes(name) == [f"{HOSTILE / name}: {problem}" for problem in expected]


def test_malformed_jsonl_names_every_bad_line_and_reads_the_good_ones() -> None:
    m = HOSTILE / "malformed.jsonl"
    assert outcomes("malformed.jsonl") == [
        f"ok1 @ {m}:1",
        f"{m}:2: bad JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{m}:3: not a JSON object (a list)",
        f"{m}:4: not a JSON object (a str)",
        f"{m}:5: not a JSON object (a NoneType)",
        f"{m}:6: missing id",
        f"{m}:7: id must be a string or number, not bool",
        f"{m}:8: text must be a string, not int",
        f"{m}:9: neither text nor html",
        f"{m}:10: undecodable bytes at byte 25 of the line (not UTF-8)",
        f"{m}:11: bad JSON (Expecting value at column 1)",
        f"ok2 @ {m}:12",
    ]


def test_a_truncated_gzip_gives_its_complete_lines_then_one_error() -> None:
    found = outcomes("truncated.jsonl.gz")
    assert found[0].startswith("g0 @ ") and len(found) > 2
    assert found[-1].startswith(f"{HOSTILE / 'truncated.jsonl.gz'}: not a readable gzip file (")
    assert all(" @ " in line for line in found[:-1])


def test_absurd_published_dates_are_refused_and_calendar_edges_coded() -> None:
    found = outcomes("dates.jsonl")
    assert all(": bad published date " in line for line in found[:12])
    assert [line.split(" @ ")[0] for line in found[12:]] == ["d12", "d13"]


@pytest.mark.parametrize(("anchor", "phrase"), [
    (dt.date(9999, 12, 31), "They will meet next week."),
    (dt.date(9999, 12, 31), "They will meet next month."),
    (dt.date(9999, 12, 31), "They will meet tomorrow."),
    (dt.date(1, 1, 1), "They met yesterday."),
    (dt.date(1, 1, 1), "They met last year."),
])
def test_a_date_off_the_calendar_stays_unresolved(anchor: dt.date, phrase: str) -> None:
    mention = resolve_expression(phrase, anchor=anchor)
    assert mention is not None and mention.value is None


def test_markup_and_script_in_titles_are_coded_as_plain_text() -> None:
    extractor = Extractor.from_settings()
    items = [i for i in read_items([str(HOSTILE / "markup.jsonl")]) if isinstance(i, RawItem)]
    assert [i.id for i in items] == ["x1", "x2"]
    first, second = (extractor.extract(item) for item in items)
    assert first.title == "Police raid newspaper"
    assert second.title == '">'  # the text around '<img …>' is kept, inert
    assert "Police arrested 40 protesters in Tunis" in second.text
    for article in (first, second):
        assert "alert(" not in (article.title or "") and "document.write" not in article.text
        assert "Hamas attacked" not in article.text and "color: red" not in article.text


def test_a_list_of_ten_thousand_names_is_cut_into_short_sentences(parse_text: ParseText) -> None:
    names = ", ".join(NAMES[i % len(NAMES)] for i in range(2_000))
    parsed = parse_text(f"Leaders of {names} met in Cairo on Monday.")
    longest = max(s.token_end - s.token_start for s in parsed.sentences)
    assert len(parsed.sentences) > 1 and longest <= 2 * MAX_SENTENCE_TOKENS


# ----------------------------------------------------------------- the big ones, one subprocess


def write_big_inputs(folder: Path) -> dict[str, str]:
    """The inputs too big to commit; returns each file's expected one-line problem ('' = coded)."""
    folder.mkdir()
    fifty_mb = 50 * 1024 * 1024
    with (folder / "page-50mb.html").open("w") as page:
        page.write("<html><body><p>" + "Police arrested protesters. " * (fifty_mb // 28) + "</p></body></html>")
    with (folder / "line-50mb.jsonl").open("w") as lines:
        lines.write(json.dumps({"id": "huge", "text": "x" * fifty_mb}) + "\n")
        lines.write(json.dumps({"id": "after-huge", "text": "Police arrested 40 protesters in Tunis."}) + "\n")
    good = json.dumps({"id": "before-bomb", "text": "Egypt and Qatar held talks with Hamas in Cairo on Tuesday."})
    spaces = gzip.compress(b" " * (16 << 20), compresslevel=9, mtime=0)
    (folder / "bomb.jsonl.gz").write_bytes(gzip.compress(good.encode() + b"\n", mtime=0) + spaces * 64)
    (folder / "deep.jsonl").write_text(
        '{"id": "deep", "text": ' + "[" * DEPTH + "]" * DEPTH + "}\n"
        + json.dumps({"id": "after-deep", "text": "Hamas fired rockets at Israel on Sunday."}) + "\n"
    )
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * DEPTH + "<p>Police raided the camp.</p>" + "</div>" * DEPTH + "</body></html>"
    )
    names = ", ".join(NAMES[i % len(NAMES)] for i in range(10_000))
    (folder / "entities.txt").write_text(f"Leaders of {names} and Jordan met in Cairo on Monday.\n")
    return {
        "page-50mb.html": f"file too large ({(folder / 'page-50mb.html').stat().st_size} bytes;",
        "line-50mb.jsonl:1": "line too long (over 20000000 bytes",
        "bomb.jsonl.gz": "inflates to over 400 times its size (a gzip bomb?); read no further",
        "deep.jsonl:1": "bad JSON (nested too deeply)",
        "deep.html": "no article text found in the page",
    }


def test_eventdesk_code_takes_every_hostile_input_in_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big"
    expected_errors = write_big_inputs(big)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-c", "from eventdesk.cli import main; main()", "code", "--no-progress",
               str(HOSTILE), str(big)]
    done = subprocess.run(command, env=env, capture_output=True, timeout=600, check=False)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    stderr = done.stderr.decode("utf-8", "replace").splitlines()
    records = {r["source"]: r for r in map(json.loads, done.stdout.decode().splitlines())}
    assert done.returncode == 1, stderr[-5:]
    assert peak_mb < PEAK_RSS_CEILING_MB
    assert not any("Traceback" in line for line in stderr)
    assert all(line.startswith((str(HOSTILE), str(big))) for line in stderr), stderr
    for where, problem in expected_errors.items():
        assert problem in records[str(big / where)]["error"], where
    coded = {r["id"]: r for r in records.values() if r["error"] is None}
    assert {"ok1", "ok2", "x1", "x2", "d12", "d13", "after-huge", "before-bomb", "after-deep", "entities"} <= set(coded)
    assert coded["entities"]["events"] and len(coded["entities"]["entities"]) >= 5_000
    assert all(r["error"].count("\n") == 0 for r in records.values() if r["error"])
