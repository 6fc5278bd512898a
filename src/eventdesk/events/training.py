"""Training the event classifier (:mod:`eventdesk.events.classifier`), deterministically.

The examples are the project's own labelled sentences (``data/events/classifier_examples.tsv``:
``category  mode  sentence`` with the trigger in ``[brackets]``). The model is a multinomial
logistic regression with an L2 penalty, fitted by full-batch gradient descent from zero weights
for a fixed number of steps (no randomness, so the same examples give the same weights). The
calibration ``sigmoid(a·pattern + b·probability + c)`` is fitted on out-of-fold probabilities
(k folds by example index), so it does not learn the classifier's confidence on sentences it saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from eventdesk.errors import DataFileError

__all__ = ["Example", "Fitted", "fit_calibration", "fit_softmax", "out_of_fold", "read_examples", "weights_json"]

PACKAGED = "classifier_examples.tsv"
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, kw_only=True)
class Example:
    """One labelled sentence: its text without brackets and the trigger's character span."""

    category: str
    mode: str
    text: str
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True, slots=True)
class Fitted:
    classes: tuple[str, ...]
    features: tuple[str, ...]
    weights: Matrix  # features × classes
    bias: Matrix  # classes

    def probabilities(self, rows: Sequence[Sequence[str]]) -> Matrix:
        return _softmax(_design(rows, self.features) @ self.weights + self.bias)


def read_examples(path: Path | None = None) -> list[Example]:
    """The packaged examples, or a file of the same schema."""
    source = path or resources.files("eventdesk.data.events").joinpath(PACKAGED)
    out: list[Example] = []
    lines = source.read_text(encoding="utf-8").splitlines()
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise DataFileError(str(source), number, f"expected 3 tab-separated cells, got {len(cells)}")
        category, mode, marked = cells
        start, end = marked.find("["), marked.find("]")
        if start < 0 or end < start:
            raise DataFileError(str(source), number, "the sentence needs its trigger in [brackets]")
        text = marked[:start] + marked[start + 1:end] + marked[end + 1:]
        out.append(Example(category=category, mode=mode, text=text, trigger_start=start, trigger_end=end - 1))
    return out


def fit_softmax(rows: Sequence[Sequence[str]], labels: Sequence[str], *, l2: float = 0.01,
                steps: int = 400, rate: float = 1.0) -> Fitted:
    """Multinomial logistic regression by full-batch gradient descent from zero weights."""
    classes = tuple(sorted(set(labels)))
    features = tuple(sorted({f for row in rows for f in row}))
    x = _design(rows, features)
    y = np.zeros((len(labels), len(classes)))
    y[np.arange(len(labels)), [classes.index(label) for label in labels]] = 1.0
    weights = np.zeros((len(features), len(classes)))
    bias = np.zeros(len(classes))
    for _ in range(steps):
        error = (_softmax(x @ weights + bias) - y) / len(labels)
        weights -= rate * (x.T @ error + l2 * weights)
        bias -= rate * error.sum(axis=0)
    return Fitted(classes, features, weights, bias)


def out_of_fold(rows: Sequence[Sequence[str]], labels: Sequence[str], *, folds: int = 5) -> list[dict[str, float]]:
    """Each example's class probabilities from a model fitted without its fold."""
    out: list[dict[str, float]] = [{} for _ in rows]
    for fold in range(folds):
        train = [i for i in range(len(rows)) if i % folds != fold]
        fitted = fit_softmax([rows[i] for i in train], [labels[i] for i in train])
        test = [i for i in range(len(rows)) if i % folds == fold]
        for i, probs in zip(test, fitted.probabilities([rows[i] for i in test]), strict=True):
            out[i] = dict(zip(fitted.classes, (float(p) for p in probs), strict=True))
    return out


def fit_calibration(points: Sequence[tuple[float, float, bool]], *, steps: int = 3000,
                    rate: float = 0.5) -> tuple[float, float, float]:
    """(a, b, c) of sigmoid(a·pattern + b·probability + c) ≈ P(correct), by gradient descent."""
    x = np.array([[p, q, 1.0] for p, q, _ in points])
    y = np.array([float(right) for _, _, right in points])
    theta = np.zeros(3)
    for _ in range(steps):
        predicted = 1.0 / (1.0 + np.exp(-(x @ theta)))
        theta -= rate * (x.T @ (predicted - y)) / len(y)
    a, b, c = (round(float(v), 4) for v in theta)
    return a, b, c


def weights_json(fitted: Fitted, calibration: tuple[float, float, float], *, examples: int) -> dict[str, Any]:
    """The data file: only features with a non-negligible weight, rounded (small, diffable)."""
    rows = {name: [round(float(w), 4) for w in row] for name, row in zip(fitted.features, fitted.weights, strict=True)
            if float(np.abs(row).max()) >= 0.005}
    return {
        "about": "eventdesk event classifier; trained by scripts/train_event_classifier.py (see data/events/README.md)",
        "examples": examples,
        "classes": list(fitted.classes),
        "bias": [round(float(b), 4) for b in fitted.bias],
        "calibration": list(calibration),
        "weights": rows,
    }


def _design(rows: Sequence[Sequence[str]], features: Sequence[str]) -> Matrix:
    column = {name: i for i, name in enumerate(features)}
    x = np.zeros((len(rows), len(features)))
    for r, row in enumerate(rows):
        for name in row:
            if name in column:
                x[r, column[name]] = 1.0
    return x


def _softmax(logits: Matrix) -> Matrix:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float64)
