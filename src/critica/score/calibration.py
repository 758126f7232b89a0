"""How far predicted probabilities are from observed frequencies, and how to fix it.

:func:`expected_calibration_error` is the usual ECE: predictions in 15 equal-width bins of
p_positive, the gap between mean p and the share of positives in each bin, weighted by the
bin's size. :func:`reliability_table` gives the bins themselves. :class:`Recalibrator` maps
scores to calibrated probabilities with Platt scaling or isotonic regression; fit it on
out-of-fold predictions only, never on predictions for the texts the model was trained on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

import numpy as np

from critica.errors import ModelError

__all__ = ["N_BINS", "Recalibrator", "ReliabilityBin", "expected_calibration_error",
           "reliability_table"]

N_BINS = 15


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_p: float  # NaN for an empty bin
    fraction_positive: float  # NaN for an empty bin


def _bin_index(p: np.ndarray, n_bins: int) -> np.ndarray:
    # p == 1.0 belongs to the last bin, not to a bin of its own
    return np.minimum((p * n_bins).astype(int), n_bins - 1)


def _check(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p, y = np.asarray(p, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if len(p) != len(y) or not len(p):
        raise ModelError("calibration needs as many probabilities as labels, at least one")
    if np.any((p < 0) | (p > 1)) or np.any(np.isnan(p)):
        raise ModelError("probabilities must lie in [0, 1]")
    return p, y


def reliability_table(p: np.ndarray, y: np.ndarray, n_bins: int = N_BINS) -> list[ReliabilityBin]:
    """One row per equal-width bin of p: its range, size, mean p and share of positives."""
    p, y = _check(p, y)
    index = _bin_index(p, n_bins)
    rows = []
    for b in range(n_bins):
        mask = index == b
        count = int(mask.sum())
        rows.append(ReliabilityBin(b / n_bins, (b + 1) / n_bins, count,
                                   float(p[mask].mean()) if count else float("nan"),
                                   float(y[mask].mean()) if count else float("nan")))
    return rows


def expected_calibration_error(p: np.ndarray, y: np.ndarray, n_bins: int = N_BINS) -> float:
    """Sum over bins of (bin size / n) * |mean p - share of positives|."""
    p, _ = _check(p, y)
    return float(sum(row.count / len(p) * abs(row.mean_p - row.fraction_positive)
                     for row in reliability_table(p, y, n_bins) if row.count))


class Recalibrator:
    """Platt (logistic on the logit of p) or isotonic map to calibrated p (estimator contract).

    ``fit(p, y)`` takes out-of-fold probabilities (or decision values for Platt) and labels;
    ``transform(p)`` returns calibrated probabilities. JSON-safe via ``to_dict``/``from_dict``.
    """

    def __init__(self, method: str = "isotonic") -> None:
        self.method = method

    def fit(self, p: np.ndarray, y: np.ndarray) -> Self:
        p, y = np.asarray(p, dtype=float).ravel(), np.asarray(y, dtype=int).ravel()
        if len(p) != len(y) or len(set(y.tolist())) != 2:
            raise ModelError("fit needs p and labels of equal length with both classes present")
        if self.method == "platt":
            from sklearn.linear_model import LogisticRegression

            lr = LogisticRegression(C=1e4).fit(_logit(p).reshape(-1, 1), y)
            self.platt_ = (float(lr.coef_[0, 0]), float(lr.intercept_[0]))
        elif self.method == "isotonic":
            from sklearn.isotonic import IsotonicRegression

            iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, y)
            self.x_ = np.asarray(iso.X_thresholds_, dtype=float)
            self.y_ = np.asarray(iso.y_thresholds_, dtype=float)
        else:
            raise ModelError(f"unknown recalibration method {self.method!r}: platt or isotonic")
        return self

    def transform(self, p: np.ndarray) -> np.ndarray:
        p = np.asarray(p, dtype=float)
        if self.method == "platt" and hasattr(self, "platt_"):
            a, b = self.platt_
            return np.asarray(1.0 / (1.0 + np.exp(-(a * _logit(p) + b))), dtype=float)
        if self.method == "isotonic" and hasattr(self, "x_"):
            return np.asarray(np.interp(p, self.x_, self.y_), dtype=float)
        raise ModelError("Recalibrator is not fitted: call fit() first")

    def to_dict(self) -> dict[str, Any]:
        if self.method == "platt":
            return {"method": "platt", "platt": list(self.platt_)}
        return {"method": "isotonic", "x": self.x_.tolist(),
                "y": self.y_.tolist()}

    @classmethod
    def from_dict(cls, meta: dict[str, Any]) -> Recalibrator:
        model = cls(meta["method"])
        if model.method == "platt":
            model.platt_ = (float(meta["platt"][0]), float(meta["platt"][1]))
        else:
            model.x_ = np.asarray(meta["x"], dtype=float)
            model.y_ = np.asarray(meta["y"], dtype=float)
        return model


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)), dtype=float)
