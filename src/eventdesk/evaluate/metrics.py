"""Precision, recall and F1 per class, micro and macro, from multiset comparisons."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field


@dataclass(slots=True)
class ClassCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(slots=True)
class ScoreTable:
    """Counts per class; ``add`` one example's gold and predicted multisets."""

    classes: dict[str, ClassCounts] = field(default_factory=dict)

    def add(self, gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> None:
        gold_counts, predicted_counts = Counter(gold), Counter(predicted)
        for item in gold_counts.keys() | predicted_counts.keys():
            counts = self.classes.setdefault(self._label(item), ClassCounts())
            hits = min(gold_counts[item], predicted_counts[item])
            counts.tp += hits
            counts.fn += gold_counts[item] - hits
            counts.fp += predicted_counts[item] - hits

    @staticmethod
    def _label(item: Hashable) -> str:
        return "|".join(map(str, item)) if isinstance(item, tuple) else str(item)

    def micro(self) -> ClassCounts:
        total = ClassCounts()
        for counts in self.classes.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total

    def macro_f1(self) -> float:
        """Mean F1 over the classes that occur in the gold."""
        scored = [c.f1 for c in self.classes.values() if c.support]
        return sum(scored) / len(scored) if scored else 0.0
