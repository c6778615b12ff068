"""The three kinds of measure the scorer reports, each with the counts behind it.

* ``PRF``: precision / recall / F1 from true positives, false positives and false negatives.
* ``Accuracy``: correct out of ``n`` compared items.
* ``Mean``: the mean of per-item scores (e.g. Jaccard) over ``n`` items.

Conventions for empty counts (docs/evaluation.md, "Empty counts"):

* PRF with nothing on either side (tp = fp = fn = 0) scores P = R = F1 = 1.0: an empty
  prediction of an empty gold is perfect.  Otherwise a ratio with a zero denominator is 0.0
  (no predictions: P = 0; no gold: R = 0).
* Accuracy and Mean over zero items are ``None`` ("not measured"), shown as "-".

Every measure turns into a JSON dict with a ``kind`` key, its counts and its headline
``score`` (F1 for PRF, the value for the others).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


@dataclass
class PRF:
    """Counts of a set comparison; ``p``, ``r`` and ``f1`` follow from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> "PRF":
        self.tp += tp
        self.fp += fp
        self.fn += fn
        return self

    def add_sets(self, gold: set, pred: set) -> "PRF":
        """Count an exact set comparison (items equal when equal as Python values)."""
        return self.add(len(gold & pred), len(pred - gold), len(gold - pred))

    @property
    def empty(self) -> bool:
        return self.tp == self.fp == self.fn == 0

    @property
    def p(self) -> float:
        return 1.0 if self.empty else _ratio(self.tp, self.tp + self.fp)

    @property
    def r(self) -> float:
        return 1.0 if self.empty else _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return _ratio(2 * p * r, p + r)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "prf", "score": round(self.f1, 4), "p": round(self.p, 4), "r": round(self.r, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """``correct`` out of ``n``; ``None`` when nothing was compared."""

    correct: int = 0
    n: int = 0

    def add(self, ok: bool) -> "Accuracy":
        self.correct += int(bool(ok))
        self.n += 1
        return self

    @property
    def value(self) -> float | None:
        return self.correct / self.n if self.n else None

    def to_dict(self) -> dict[str, Any]:
        v = self.value
        return {"kind": "accuracy", "score": None if v is None else round(v, 4),
                "correct": self.correct, "n": self.n}


@dataclass
class Mean:
    """The mean of per-item scores in [0, 1]; ``None`` when there are no items."""

    total: float = 0.0
    n: int = 0

    def add(self, x: float) -> "Mean":
        self.total += x
        self.n += 1
        return self

    @property
    def value(self) -> float | None:
        return self.total / self.n if self.n else None

    def to_dict(self) -> dict[str, Any]:
        v = self.value
        return {"kind": "mean", "score": None if v is None else round(v, 4),
                "sum": round(self.total, 4), "n": self.n}


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets are identical (1.0)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
