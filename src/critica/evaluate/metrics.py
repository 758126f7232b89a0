"""The figures every evaluation table reports, each in one small function."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["accuracy", "brier", "classes_from_thresholds", "expected_calibration_error",
           "label_thresholds", "pearson"]

ECE_BINS = 15


def accuracy(p_positive: np.ndarray, y: np.ndarray) -> float:
    """Share of texts whose p_positive >= 0.5 agrees with the label."""
    return float(np.mean((np.asarray(p_positive) >= 0.5).astype(int) == np.asarray(y)))


def brier(p_positive: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((np.asarray(p_positive, float) - np.asarray(y, float)) ** 2))


def expected_calibration_error(p_positive: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE of p_positive: 15 equal-width bins on [0, 1], |mean label - mean p| weighted by size.

    Binned on p_positive itself (a reliability diagram of the positive class), which for a
    binary task is the same information as the usual top-label form.
    """
    p = np.asarray(p_positive, float)
    labels = np.asarray(y, float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            total += inside.sum() * abs(labels[inside].mean() - p[inside].mean())
    return float(total / max(len(p), 1))


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    if a.std() == 0 or b.std() == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def label_thresholds(rating: Sequence[float] | np.ndarray, labels: Sequence[int] | np.ndarray
                     ) -> np.ndarray:
    """Cut points on the rating scale that reproduce a data set's own class labels.

    Boundary k sits halfway between the highest rating of class k and the lowest of class
    k + 1, read from training rows only, so the cuts are the label files' definition
    (e.g. scale data 3-class: <= 0.4, 0.4-0.7, >= 0.7), not a guess.
    """
    r = np.asarray(rating, float)
    c = np.asarray(labels, int)
    cuts = []
    for k in range(int(c.max())):
        below, above = r[c <= k], r[c > k]
        cuts.append((below.max() + above.min()) / 2 if len(below) and len(above) else np.inf)
    return np.array(cuts)


def classes_from_thresholds(predicted: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    return np.searchsorted(cuts, np.asarray(predicted, float), side="right")
