"""Score event coding against gold JSONL in three schemes.

- ``plover``: PLOVER category per sentence (sets; pre-2.0 names such as FIGHT or DEMAND are
  mapped to today's), per class and overall. Gold: rows with ``events[].event``.
- ``cameo``: (source country, target country, CAMEO root) triples, PETRARCH-style (each event's
  dyads as :func:`eventdesk.events.dyads.cameo_dyads` reads them). Gold: rows with
  ``events[].{source, target, code}``; ``---`` is an unknown actor.
- ``acled``: ACLED ``event_type`` of the most confident event per note (macro-F1 over types),
  a confusion matrix (gold type × predicted type, :data:`NO_TYPE` where no event was typed), and
  event-date accuracy against the gold ``date``.
Negated events are not counted as predictions in any scheme.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from eventdesk.errors import DataFileError, FormatError
from eventdesk.evaluate.metrics import ScoreTable
from eventdesk.events.dyads import cameo_dyads
from eventdesk.pipeline import Pipeline
from eventdesk.records import CodedArticle, Event, RawItem

Scheme = Literal["plover", "cameo", "acled"]
PLOVER_SYNONYMS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
UNKNOWN = "---"
NO_TYPE = "(none)"  # the confusion matrix's predicted column for a note with no typed event


@dataclass(slots=True)
class EventScores:
    scheme: Scheme
    examples: int = 0
    table: ScoreTable = field(default_factory=ScoreTable)
    dates_right: int = 0
    dates_scored: int = 0
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, correct)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted): notes

    @property
    def date_accuracy(self) -> float | None:
        return self.dates_right / self.dates_scored if self.dates_scored else None


def read_gold(path: Path, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if limit is not None and number > limit:
                return
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise FormatError(f"{path}:{number}", f"not JSON ({err.msg})") from None
            if not isinstance(row, dict) or "text" not in row:
                raise FormatError(f"{path}:{number}", "a gold row needs a text field")
            yield row


def read_acled_examples(path: Path | None = None) -> list[dict[str, Any]]:
    """The project's own labelled ACLED sentences (``data/events/acled_examples.tsv``:
    ``event_type  sub_event_type  sentence``) as gold rows for ``scheme="acled"``."""
    path = path or Path(str(resources.files("eventdesk") / "data" / "events" / "acled_examples.tsv"))
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DataFileError(str(path), None, f"cannot read the ACLED examples ({err})") from None
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#") or line.startswith("event_type\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not all(c.strip() for c in cells):
            raise DataFileError(str(path), number, "expected 3 cells: event_type, sub_event_type, sentence")
        rows.append({"id": f"example-{number}", "event_type": cells[0].strip(), "sub_event_type": cells[1].strip(),
                     "text": cells[2].strip()})
    return rows


def evaluate_events(
    pipeline: Pipeline,
    gold: Iterable[dict[str, Any]],
    *,
    scheme: Scheme,
    on_example: Callable[[], None] | None = None,
) -> EventScores:
    """Code every gold row's text and compare with its gold events."""
    rows = list(gold)
    items = (RawItem(id=str(row.get("id", n)), source=f"gold:{row.get('id', n)}", text=row["text"])
             for n, row in enumerate(rows))
    scores = EventScores(scheme=scheme)
    score_row = {"plover": _score_plover, "cameo": _score_cameo, "acled": _score_acled}[scheme]
    for row, coded in zip(rows, pipeline.run(items), strict=True):
        scores.examples += 1
        score_row(scores, row, coded)
        if on_example is not None:
            on_example()
    return scores


def asserted(coded: CodedArticle) -> list[Event]:
    return [e for e in coded.events if not e.negated]


def _score_plover(scores: EventScores, row: dict[str, Any], coded: CodedArticle) -> None:
    gold = {PLOVER_SYNONYMS.get(e["event"], e["event"]) for e in row.get("events", []) if e.get("event")}
    predicted = {e.type.event for e in asserted(coded)}
    scores.table.add(gold, predicted)
    for event in asserted(coded):
        scores.calibration.append((event.confidence, event.type.event in gold))


def _country(code: str | None) -> str:
    if not code or code.startswith(('"', UNKNOWN)):
        return UNKNOWN
    return code[:3].upper()


def _score_cameo(scores: EventScores, row: dict[str, Any], coded: CodedArticle) -> None:
    gold = [(_country(e.get("source")), _country(e.get("target")), str(e["code"])[:2])
            for e in row.get("events", []) if e.get("code")]
    predicted = sorted({triple for event in asserted(coded) for triple in cameo_dyads(event)})
    scores.table.add(gold, predicted)
    gold_set = set(gold)
    for event in asserted(coded):
        scores.calibration.append((event.confidence, any(g[2] == event.type.cameo[:2] for g in gold_set)))


def _score_acled(scores: EventScores, row: dict[str, Any], coded: CodedArticle) -> None:
    typed = [e for e in asserted(coded) if e.type.acled is not None]
    best = max(typed, key=lambda e: e.confidence, default=None)
    predicted = [best.type.acled.event_type] if best and best.type.acled else []
    scores.table.add([row["event_type"]], predicted)
    scores.confusion[(row["event_type"], predicted[0] if predicted else NO_TYPE)] += 1
    if best is not None:
        scores.calibration.append((best.confidence, predicted == [row["event_type"]]))
    if row.get("date"):
        scores.dates_scored += 1
        scores.dates_right += _reported_date(coded, best) == dt.date.fromisoformat(row["date"])


def _reported_date(coded: CodedArticle, best: Event | None) -> dt.date | None:
    if best is not None and best.date is not None and best.date_precision == "day":
        return best.date
    days = [d.value for d in coded.dates if d.value is not None and d.precision == "day"]
    return days[0] if days else None
