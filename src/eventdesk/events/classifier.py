"""The learned half of the coder: a multinomial logistic regression over sentence features.

Features come from the parse records alone (no model download): the category the pattern
coder gave (and whether its pattern confidence is high), so the model learns when to trust the patterns;
the trigger's lemma, its
dependency edges to its children and head with their lemmas, the lemmas of the two tokens on each
side, and the sentence's bag of content lemmas. Classes are the 16 PLOVER categories and ``NONE``
(no political event). The weights are a small JSON data file (``data/events/classifier.json``)
trained deterministically by ``scripts/train_event_classifier.py`` from the project's own
labelled sentences (``data/events/classifier_examples.tsv``; see the README there).

The coder asks :meth:`EventClassifier.probability` for P(category | trigger in sentence) and
combines it with the pattern confidence (:func:`combine_confidence`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventdesk.errors import DataFileError
from eventdesk.events.roles import Tree
from eventdesk.records import Sentence

__all__ = ["NONE", "EventClassifier", "combine_confidence", "trigger_features"]

NONE = "NONE"
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
WINDOW = 2
RELIABLE = 0.6  # pattern confidence from which a pattern reading counts as "high"
PACKAGED = "classifier.json"


def trigger_features(tree: Tree, sentence: Sentence, token: int, *, pattern: str | None,
                     strength: float = 0.0) -> list[str]:
    """The feature names of the trigger ``token`` in ``sentence`` (a token index into ``tree``);
    ``pattern`` is the category the pattern coder gave it (None where it gave none) and
    ``strength`` the pattern confidence of that reading."""
    trigger = tree[token]
    lemma = trigger.lemma.lower()
    features = [f"t:{lemma}", f"tp:{trigger.pos}", f"td:{trigger.dep}", f"p:{pattern or NONE}"]
    if pattern is not None:
        features.append(f"pr:{pattern}:{'high' if strength >= RELIABLE else 'low'}")
    for kid in tree.kids(token):
        if kid.pos != "PUNCT":
            features.append(f"k:{kid.dep}:{kid.lemma.lower()}")
            features.append(f"kd:{kid.dep}")
    head = tree.head(token)
    if head is not None:
        features.append(f"h:{trigger.dep}:{tree[head].lemma.lower()}")
    for offset in range(-WINDOW, WINDOW + 1):
        index = token + offset
        if offset and sentence.token_start <= index < sentence.token_end:
            features.append(f"w{offset:+d}:{tree[index].lemma.lower()}")
    for index in range(sentence.token_start, sentence.token_end):
        if index != token and tree[index].pos in CONTENT_POS:
            features.append(f"s:{tree[index].lemma.lower()}")
    return features


def combine_confidence(pattern: float, probability: float, *, weights: Sequence[float]) -> float:
    """Platt-style calibration: sigmoid(a·pattern + b·probability + c), fitted by the training
    script on held-out folds of the project's own sentences."""
    a, b, c = weights
    return 1.0 / (1.0 + math.exp(-(a * pattern + b * probability + c)))


@dataclass(frozen=True, slots=True)
class EventClassifier:
    """Loaded weights: ``classes`` × ``features`` (sparse rows), biases and calibration."""

    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature -> one weight per class
    bias: tuple[float, ...]
    calibration: tuple[float, float, float]

    @classmethod
    def load(cls, path: Path | None = None) -> EventClassifier:
        """The packaged weights, or a file of the same schema."""
        where = path or resources.files("eventdesk.data.events").joinpath(PACKAGED)
        try:
            data = json.loads(where.read_text(encoding="utf-8"))
            classes = tuple(data["classes"])
            weights = {name: tuple(row) for name, row in data["weights"].items()}
            bias = tuple(data["bias"])
            a, b, c = data["calibration"]
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise DataFileError(str(where), None, f"not a classifier weights file ({err})") from None
        if len(bias) != len(classes) or any(len(row) != len(classes) for row in weights.values()):
            raise DataFileError(str(where), None, "weight rows and classes differ in length")
        return cls(classes=classes, weights=weights, bias=bias, calibration=(a, b, c))

    def scores(self, features: Sequence[str]) -> dict[str, float]:
        """P(class | features) for every class (softmax)."""
        logits = list(self.bias)
        for name in set(features):
            row = self.weights.get(name)
            if row is not None:
                logits = [x + w for x, w in zip(logits, row, strict=True)]
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps, strict=True)}

    def probability(self, features: Sequence[str], category: str) -> float:
        return self.scores(features).get(category, 0.0)

    def confidence(self, pattern: float, features: Sequence[str], category: str) -> float:
        return combine_confidence(pattern, self.probability(features, category), weights=self.calibration)
