"""Score the places stage against toponym gold (GeoWebNews, LGL, TR-News JSONL).

A gold row has ``text`` and ``places: [{start, end, name, lat, lon, ...}]``. Conventions:

- **Gold toponyms** are the gold places with coordinates (demonyms such as "Syrian" included: all
  three sets ground them to their country). GeoWebNews' non-toponym types (``Non_Toponym``,
  ``Literal_Expression``, ``Non_Lit_Expression``, ``Language``) are not toponyms: a prediction on
  one is a false positive. Other gold places without coordinates (LGL's streets, GeoWebNews'
  ungrounded demonyms and homonyms) are left out of the score either way.
- **Recognition**: a predicted span matches a gold toponym it overlaps (one to one, in text order);
  precision, recall and F1 over the matches.
- **Resolution** (within 161 km, 100 miles, the field's usual threshold): *given gold spans*, the
  places stage resolves exactly the gold toponym spans in their article (Mordecai3's setting; a span
  the gazetteer does not know counts as wrong); *end to end*, the share of the recognised gold
  toponyms whose predicted point is within 161 km.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventdesk.evaluate.metrics import ClassCounts
from eventdesk.pipeline import Pipeline
from eventdesk.records import Article, PlaceMention, Section

RESOLUTION_KM = 161.0
EARTH_RADIUS_KM = 6371.0
NON_TOPONYM_TYPES = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression", "Language"})


@dataclass(slots=True)
class PlaceScores:
    documents: int = 0
    recognition: ClassCounts = field(default_factory=ClassCounts)
    gold_spans: int = 0  # gold toponyms with coordinates
    within_given_spans: int = 0  # resolved within 161 km when given the gold spans
    matched: int = 0  # recognised gold toponyms (end to end)
    within_matched: int = 0

    @property
    def resolution_given_spans(self) -> float:
        return self.within_given_spans / self.gold_spans if self.gold_spans else 0.0

    @property
    def resolution_end_to_end(self) -> float:
        return self.within_matched / self.matched if self.matched else 0.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def gold_article(row: dict[str, Any], number: int, *, published: dt.date | None = None) -> Article:
    """The gold text as one body section, unchanged, so gold offsets index ``Article.text``."""
    text = str(row["text"])
    return Article(id=str(row.get("id", number)), source=f"gold:{row.get('id', number)}", text=text,
                   sections=(Section(kind="body", start=0, end=len(text)),), published=published, language="en")


def iso_date(value: object) -> dt.date | None:
    """A gold row's date when it starts with an ISO date ("2009-03-04 08:15"), else None."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def evaluate_places(pipeline: Pipeline, gold: Iterable[dict[str, Any]], *,
                    on_example: Callable[[], None] | None = None) -> PlaceScores:
    """Find and resolve the toponyms of every gold row's text; score recognition and resolution."""
    rows = list(gold)
    articles = [gold_article(row, n, published=iso_date(row.get("date"))) for n, row in enumerate(rows)]
    scores = PlaceScores()
    for row, parsed in zip(rows, pipeline.parser.parse_many(articles), strict=True):
        scores.documents += 1
        toponyms = [p for p in row.get("places", []) if p.get("lat") is not None and p.get("lon") is not None]
        ignored = [p for p in row.get("places", []) if p.get("lat") is None and p.get("type") not in NON_TOPONYM_TYPES]
        predicted = pipeline.places.geocode(parsed)
        _score_recognition(scores, toponyms, ignored, predicted)
        given = pipeline.places.resolve(parsed, [(int(p["start"]), int(p["end"])) for p in toponyms])
        by_span = {(m.start, m.end): m for m in given}
        scores.gold_spans += len(toponyms)
        scores.within_given_spans += sum(_within(by_span.get((int(p["start"]), int(p["end"]))), p) for p in toponyms)
        if on_example is not None:
            on_example()
    return scores


def _overlaps(a: dict[str, Any], m: PlaceMention) -> bool:
    return int(a["start"]) < m.end and m.start < int(a["end"])


def _within(mention: PlaceMention | None, gold: dict[str, Any]) -> bool:
    if mention is None or mention.place is None:
        return False
    km = distance_km(mention.place.lat, mention.place.lon, float(gold["lat"]), float(gold["lon"]))
    return km <= RESOLUTION_KM


def _score_recognition(scores: PlaceScores, toponyms: Sequence[dict[str, Any]], ignored: Sequence[dict[str, Any]],
                       predicted: Sequence[PlaceMention]) -> None:
    unmatched = list(toponyms)
    counts = scores.recognition
    for mention in predicted:
        hit = next((g for g in unmatched if _overlaps(g, mention)), None)
        if hit is not None:
            unmatched.remove(hit)
            counts.tp += 1
            scores.matched += 1
            scores.within_matched += _within(mention, hit)
        elif not any(_overlaps(g, mention) for g in [*ignored, *toponyms]):
            counts.fp += 1
    counts.fn += len(unmatched)


def format_place_scores(name: str, scores: PlaceScores) -> str:
    r = scores.recognition
    return "\n".join([
        f"{name}",
        f"{'documents':<40} {scores.documents:>8}",
        f"{'gold toponyms (with coordinates)':<40} {scores.gold_spans:>8}",
        f"{'toponym recognition P / R / F1':<40} {r.precision:>6.3f} {r.recall:>6.3f} {r.f1:>6.3f}",
        f"{'resolution within 161 km (gold spans)':<40} {scores.resolution_given_spans:>8.3f}",
        f"{'resolution within 161 km (end to end)':<40} {scores.resolution_end_to_end:>8.3f}"
        f"   ({scores.within_matched}/{scores.matched} recognised)",
    ])


def place_scores_to_dict(scores: PlaceScores) -> dict[str, Any]:
    r = scores.recognition
    return {"documents": scores.documents, "gold_toponyms": scores.gold_spans, "precision": round(r.precision, 4),
            "recall": round(r.recall, 4), "f1": round(r.f1, 4),
            "resolution_161km_gold_spans": round(scores.resolution_given_spans, 4),
            "resolution_161km_end_to_end": round(scores.resolution_end_to_end, 4)}
