"""``eventdesk eval extraction``: the scrapinghub shingle scoring, gold sets read from disk,
and the command on a small gold set of real pages (and on ../shared where it is laid out)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdesk.cli import cli
from eventdesk.errors import EventdeskError
from eventdesk.evaluate.extraction import match_shingles, precision_recall, read_gold_pages, shingles
from tests.conftest import RESOURCES, shared_path

EXTRACT = RESOURCES / "extract"


def test_shingles_are_multisets_of_word_4_grams() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("Hi, there!") == {("Hi", "there"): 1}  # shorter than 4 words: one shorter shingle
    assert shingles("") == {}


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("a b c d e f", "a b c d x y", (1 / 5, 2 / 5, 2 / 5)),
        ("", "", (0.0, 0.0, 0.0)),
    ],
)
def test_match_shingles_normalises_per_page(true: str, pred: str, expected: tuple[float, float, float]) -> None:
    assert match_shingles(true, pred) == pytest.approx(expected)


def test_precision_and_recall_are_averaged_over_pages() -> None:
    pages = [(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)]
    precision, recall, f1 = precision_recall(pages)
    # precision over pages with any prediction (2 of 3), recall over pages with any gold (3)
    assert precision == pytest.approx((1.0 + 0.5) / 2)
    assert recall == pytest.approx((1.0 + 1.0 + 0.0) / 3)
    assert f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def make_gold(folder: Path) -> Path:
    """Two gold sets of real pages: body gold for one, date gold for the other."""
    body, dates = folder / "bodies", folder / "dates"
    gaza = (EXTRACT / "gaza-ceasefire.html").read_bytes()
    tunis = (EXTRACT / "tunis-protest.html").read_bytes()
    gold_body = (
        "An Egyptian-mediated ceasefire between Israel and the Islamic Jihad movement took hold in the Gaza Strip "
        "late on Sunday, ending three days of the worst fighting in the enclave since last year."
    )
    for gold_set, rows in (
        (body, [{"id": "gaza", "url": "https://levant.example/gaza", "text": gold_body, "title": None, "date": None}]),
        (dates, [{"id": "gaza", "url": None, "text": None, "title": None, "date": "2022-08-08"},
                 {"id": "tunis", "url": None, "text": None, "title": None, "date": "1999-01-01"}]),
    ):
        (gold_set / "pages").mkdir(parents=True)
        (gold_set / "truth.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
        for row in rows:
            data = gaza if row["id"] == "gaza" else tunis
            (gold_set / "pages" / f"{row['id']}.html.gz").write_bytes(gzip.compress(data))
    return folder


def test_gold_sets_are_read_from_a_folder(tmp_path: Path) -> None:
    pages = read_gold_pages(make_gold(tmp_path))
    assert [(p.gold_set, p.id, p.published) for p in pages] == [
        ("bodies", "gaza", None), ("dates", "gaza", dt.date(2022, 8, 8)), ("dates", "tunis", dt.date(1999, 1, 1))
    ]
    with pytest.raises(EventdeskError, match="no gold set"):
        read_gold_pages(tmp_path / "bodies" / "pages")


def test_eval_extraction_prints_ours_beside_trafilatura(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "extraction", str(make_gold(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["system", "body", "P", "body", "R", "body", "F1", "title", "date", "pages/s"]
    ours, theirs = lines[2].split(), lines[3].split()
    assert ours[0] == "eventdesk" and theirs[0] == "trafilatura"
    assert float(ours[2]) == 1.0  # the gold first paragraph is all found
    assert ours[4] == "n/a" and ours[5] == "0.500"  # no title gold; one of two dates right
    assert lines[4] == "pages: 3 (1 with gold body, 0 with gold title, 2 with gold date)"
    as_json = CliRunner().invoke(cli, ["eval", "extraction", str(tmp_path), "--format", "json", "--limit", "1"])
    assert as_json.exit_code == 0 and [s["name"] for s in json.loads(as_json.output)] == ["eventdesk", "trafilatura"]


def test_eval_extraction_on_a_folder_without_gold_is_a_setup_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "extraction", str(tmp_path)])
    assert result.exit_code == 2 and "no gold set" in result.output


def test_eval_extraction_on_shared_scrapinghub_pages() -> None:
    folder = shared_path("eval", "extraction", "scrapinghub")
    result = CliRunner().invoke(cli, ["eval", "extraction", str(folder), "--limit", "10", "--format", "json"])
    assert result.exit_code == 0, result.output
    ours, theirs = json.loads(result.output)
    assert ours["body_pages"] == theirs["body_pages"] == 10
    assert ours["body_f1"] > 0.8 and theirs["body_f1"] > 0.8
