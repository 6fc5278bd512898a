"""Printing scores: a per-class table, the overall line, a calibration table and, for ACLED, a
confusion matrix (gold type × predicted type)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from eventdesk.evaluate.events import NO_TYPE, EventScores

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def scores_to_dict(scores: EventScores) -> dict[str, Any]:
    micro = scores.table.micro()
    return {
        "scheme": scores.scheme,
        "examples": scores.examples,
        "precision": round(micro.precision, 4),
        "recall": round(micro.recall, 4),
        "f1": round(micro.f1, 4),
        "macro_f1": round(scores.table.macro_f1(), 4),
        "date_accuracy": None if scores.date_accuracy is None else round(scores.date_accuracy, 4),
        "classes": {
            name: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                   "support": c.support}
            for name, c in sorted(scores.table.classes.items())
        },
        "calibration": calibration_rows(scores),
        **({"confusion": confusion_rows(scores)} if scores.confusion else {}),
    }


def confusion_rows(scores: EventScores) -> dict[str, dict[str, int]]:
    """Notes per gold class (outer key) and predicted class (inner key; ``(none)``: nothing typed)."""
    gold = sorted({g for g, _ in scores.confusion})
    predicted = _predicted_labels(scores)
    return {g: {p: scores.confusion[(g, p)] for p in predicted} for g in gold}


def _predicted_labels(scores: EventScores) -> list[str]:
    labels = {g for g, _ in scores.confusion} | {p for _, p in scores.confusion if p != NO_TYPE}
    return [*sorted(labels), NO_TYPE]


def calibration_rows(scores: EventScores) -> list[dict[str, Any]]:
    """Share of predictions that were right, per confidence bin."""
    rows = []
    for low, high in pairwise(BINS):
        inside = [right for confidence, right in scores.calibration if low <= confidence < high]
        rows.append({"confidence": f"{low:.1f}-{min(high, 1.0):.1f}", "events": len(inside),
                     "correct": round(sum(inside) / len(inside), 4) if inside else None})
    return rows


def format_scores(scores: EventScores, *, top_classes: int = 40) -> str:
    data = scores_to_dict(scores)
    lines = [f"{'class':<40} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    ranked = sorted(data["classes"].items(), key=lambda kv: -kv[1]["support"])[:top_classes]
    for name, c in ranked:
        lines.append(f"{name:<40} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} {c['support']:>8}")
    lines.append(f"{'overall (micro)':<40} {data['precision']:>6.3f} {data['recall']:>6.3f} {data['f1']:>6.3f}")
    lines.append(f"{'macro-F1':<40} {data['macro_f1']:>20.3f}")
    if data["date_accuracy"] is not None:
        lines.append(f"{'event-date accuracy':<40} {data['date_accuracy']:>20.3f}")
    lines.append(f"examples: {data['examples']}   scheme: {data['scheme']}")
    lines.append("calibration (confidence bin: events, share correct):")
    for row in data["calibration"]:
        share = "-" if row["correct"] is None else f"{row['correct']:.3f}"
        lines.append(f"  {row['confidence']}: {row['events']:>6}  {share}")
    if scores.confusion:
        lines += format_confusion(scores)
    return "\n".join(lines)


def format_confusion(scores: EventScores) -> list[str]:
    """The confusion matrix as text: one row per gold class, one numbered column per predicted
    class (the numbers are the rows' numbers; the last column is ``(none)``)."""
    predicted = _predicted_labels(scores)
    number = {label: str(n) for n, label in enumerate(predicted[:-1], 1)} | {NO_TYPE: "none"}
    lines = ["confusion (rows: gold, columns: predicted, cells: notes):",
             f"{'':<34}" + "".join(f"{number[p]:>7}" for p in predicted)]
    for gold, row in confusion_rows(scores).items():
        name = f"{number.get(gold, '-')} {gold}"
        lines.append(f"{name[:34]:<34}" + "".join(f"{row[p]:>7}" for p in predicted))
    return lines
