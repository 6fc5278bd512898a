"""Score where (and when) events happened, in two gold formats, told apart by their fields.

- **Event-location spans** (Halterman 2019, rows with ``verb`` and ``locations``): the places stage
  finds the sentence's toponyms and :func:`eventdesk.events.attach.attach_mentions` attaches one to
  the gold verb (given as the trigger, so the score measures the attachment, not trigger recall).
  Right when the attached place overlaps a gold location span, or when there is none and the gold
  says the location is not in the sentence (``locations: []``).
- **ACLED notes** (rows with ``lat``, ``lon`` and ``date``): the whole pipeline codes the note; the
  event scored is the most confident one with an ACLED type (else the most confident one). Its
  date is right when it equals the gold date at day precision (else the note's first full
  date); its location when its point lies within 50 km of the gold point (with no event or no
  event location, the place the note names most often). Never train on ACLED: no model, weight or word list is
  fitted to its notes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from eventdesk.evaluate.places import distance_km, gold_article
from eventdesk.events.attach import attach_mentions
from eventdesk.events.roles import Tree
from eventdesk.pipeline import Pipeline
from eventdesk.records import CodedArticle, Event, ParsedArticle, RawItem

ACLED_KM = 50.0
OUTCOMES = (  # the breakdown of event-location outcomes, in the order printed
    ("none / none", "gold none, none attached (right)"),
    ("none / place", "gold none, a place attached"),
    ("place / right", "gold place, it is attached (right)"),
    ("place / none, found", "gold place found, none attached"),
    ("place / none, not found", "gold place not found, none attached"),
    ("place / wrong, found", "gold place found, another attached"),
    ("place / wrong, not found", "gold place not found, another attached"),
)


@dataclass(slots=True)
class LocationScores:
    examples: int = 0
    right: int = 0
    predicted: int = 0  # examples given a location
    predicted_right: int = 0  # ... that overlap a gold location
    gold_located: int = 0  # examples whose gold location is in the sentence
    dates_scored: int = 0
    dates_right: int = 0
    acled: bool = False
    outcomes: Counter[str] = field(default_factory=Counter)  # OUTCOMES: gold none/place x what was attached
    missed: Counter[str] = field(default_factory=Counter)  # NER label of gold spans the places stage did not find

    @property
    def accuracy(self) -> float:
        return self.right / self.examples if self.examples else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.predicted_right / self.gold_located if self.gold_located else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_scored if self.dates_scored else 0.0


def evaluate_event_locations(pipeline: Pipeline, gold: Iterable[dict[str, Any]], *,
                             on_example: Callable[[], None] | None = None) -> LocationScores:
    rows = list(gold)
    if rows and "lat" in rows[0] and "verb" not in rows[0]:
        return _evaluate_acled(pipeline, rows, on_example=on_example)
    scores = LocationScores()
    articles = [gold_article(row, n) for n, row in enumerate(rows)]
    for row, parsed in zip(rows, pipeline.parser.parse_many(articles), strict=True):
        _score_span_row(pipeline, scores, row, parsed)
        if on_example is not None:
            on_example()
    return scores


def _score_span_row(pipeline: Pipeline, scores: LocationScores, row: dict[str, Any], parsed: ParsedArticle) -> None:
    verb_start, verb_end = int(row["verb"]["start"]), int(row["verb"]["end"])
    gold = [(int(g["start"]), int(g["end"])) for g in row.get("locations", [])]
    scores.examples += 1
    scores.gold_located += bool(gold)
    anchor = frozenset(t.i for t in parsed.tokens if t.start < verb_end and verb_start < t.end)
    sentence = next((s for s in parsed.sentences if s.start <= verb_start < s.end), None)
    places = pipeline.places.geocode(parsed) if anchor and sentence is not None else ()
    attached = attach_mentions(Tree(parsed), sentence, [anchor], places, locative=True)[0] \
        if anchor and sentence is not None else None
    found = any(m.start < end and start < m.end for start, end in gold for m in places)
    if gold and not found:
        first = next((t for t in parsed.tokens if t.start < gold[0][1] and gold[0][0] < t.end), None)
        scores.missed[(first.ent_type or "none") if first is not None else "none"] += 1
    if attached is None:
        scores.right += not gold
        scores.outcomes["none / none" if not gold else f"place / none, {'found' if found else 'not found'}"] += 1
        return
    mention = attached.mention
    hit = any(start < mention.end and mention.start < end for start, end in gold)
    scores.predicted += 1
    scores.predicted_right += hit
    scores.right += hit
    scores.outcomes["none / place" if not gold else "place / right" if hit
                    else f"place / wrong, {'found' if found else 'not found'}"] += 1


def _evaluate_acled(pipeline: Pipeline, rows: list[dict[str, Any]], *,
                    on_example: Callable[[], None] | None) -> LocationScores:
    scores = LocationScores(acled=True)
    items = (RawItem(id=str(row.get("id", n)), source=f"gold:{row.get('id', n)}", text=row["text"])
             for n, row in enumerate(rows))
    for row, coded in zip(rows, pipeline.run(items), strict=True):
        scores.examples += 1
        best = _best_event(coded)
        if row.get("date"):
            scores.dates_scored += 1
            scores.dates_right += _note_date(coded, best) == dt.date.fromisoformat(str(row["date"])[:10])
        point = _note_point(coded, best)
        if row.get("lat") is not None and row.get("lon") is not None:
            scores.gold_located += 1
            if point is not None:
                scores.predicted += 1
                near = distance_km(point[0], point[1], float(row["lat"]), float(row["lon"])) <= ACLED_KM
                scores.predicted_right += near
                scores.right += near
        if on_example is not None:
            on_example()
    return scores


def _note_date(coded: CodedArticle, best: Event | None) -> dt.date | None:
    """The event's date at day precision; else (no event, or one the note does not date) its first full date."""
    if best is not None and best.date_precision == "day":
        return best.date
    return next((d.value for d in coded.dates if d.value is not None and d.precision == "day"), None)


def _note_point(coded: CodedArticle, best: Event | None) -> tuple[float, float] | None:
    """The event's location; where no event was coded (or it has none), the note's most named place."""
    location = best.event_loc if best is not None else None
    if location is not None and location.lat is not None and location.lon is not None:
        return location.lat, location.lon
    named: dict[tuple[float, float], int] = {}
    for mention in coded.places:
        if mention.place is None:
            continue
        point = (mention.place.lat, mention.place.lon)
        named[point] = named.get(point, 0) + 1
    return max(named, key=lambda p: named[p]) if named else None


def _best_event(coded: CodedArticle) -> Event | None:
    events = [e for e in coded.events if not e.negated]
    typed = [e for e in events if e.type.acled is not None]
    return max(typed or events, key=lambda e: e.confidence, default=None)


def format_location_scores(name: str, scores: LocationScores) -> str:
    if scores.acled:
        return "\n".join([
            f"{name}",
            f"{'notes':<40} {scores.examples:>8}",
            f"{'event-date accuracy':<40} {scores.date_accuracy:>8.3f}",
            f"{'location within 50 km':<40} {scores.accuracy:>8.3f}",
            f"{'location within 50 km, when given':<40} {scores.precision:>8.3f}   ({scores.predicted} given)",
        ])
    missed = ", ".join(f"{label} {n}" for label, n in scores.missed.most_common())
    return "\n".join([
        f"{name}",
        f"{'examples':<40} {scores.examples:>8}",
        f"{'event-location accuracy':<40} {scores.accuracy:>8.3f}",
        f"{'location P / R (in-sentence gold)':<40} {scores.precision:>6.3f} {scores.recall:>6.3f}",
        "outcomes (gold / attached; \"found\": the places stage found a gold span)",
        *(f"  {label:<38} {scores.outcomes[key]:>8}" for key, label in OUTCOMES),
        f"{'gold spans not found, by NER label':<40} {missed or '-'}",
    ])


def location_scores_to_dict(scores: LocationScores) -> dict[str, Any]:
    if scores.acled:
        return {"notes": scores.examples, "date_accuracy": round(scores.date_accuracy, 4),
                "location_50km": round(scores.accuracy, 4), "location_50km_when_given": round(scores.precision, 4)}
    return {"examples": scores.examples, "accuracy": round(scores.accuracy, 4), "precision": round(scores.precision, 4),
            "recall": round(scores.recall, 4), "outcomes": {key: scores.outcomes[key] for key, _ in OUTCOMES},
            "missed_by_label": dict(scores.missed.most_common())}
