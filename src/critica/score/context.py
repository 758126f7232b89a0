"""A review's verdict read beside its film's other reviews (film context).

A snippet alone is often ambiguous ("It's a strange one, and it stays with you"); read among
forty other reviews of the same film, most of them warm, it is more likely fresh. The film
context model is a logistic regression over

    own logit, mean logit of the film's *other* reviews, log n, and their product,

fitted on out-of-fold p of training films (their labels), and applied to a new film's reviews
using their text alone: no label of the film being read is ever used. It is an empirical-Bayes
prior, not a reading of the critic, so critica keeps a review's own p_positive as its verdict
and reports the context figures beside it (``critica eval rt``: the "+ film context" row; and
the film-level estimate of ``critica eval rt-films``). A film of one review gets its own p back,
rescaled by the fitted weight of the own logit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

import numpy as np

from critica.errors import ModelError

__all__ = ["FEATURES", "FilmContext", "context_features"]

FEATURES = ("own_logit", "others_mean_logit", "log_n", "others_mean_logit_x_log_n")


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=float), 1e-4, 1 - 1e-4)
    return np.asarray(np.log(q / (1 - q)))


def context_features(p: Sequence[float] | np.ndarray,
                     films: Sequence[str] | np.ndarray) -> np.ndarray:
    """One row of :data:`FEATURES` per review; "others" leaves the review itself out."""
    z = _logit(np.asarray(p, dtype=float))
    groups = np.asarray(films)
    if len(z) != len(groups):
        raise ModelError("context_features needs one film id per p")
    out = np.zeros((len(z), len(FEATURES)))
    out[:, 0] = z
    for film in np.unique(groups):
        members = np.flatnonzero(groups == film)
        n = len(members)
        if n > 1:
            others = (z[members].sum() - z[members]) / (n - 1)
            out[members, 1] = others
            out[members, 2] = np.log(n)
            out[members, 3] = others * np.log(n)
    return out


class FilmContext:
    """p(fresh) of each review given its own p and its film's other reviews' p."""

    def __init__(self, C: float = 100.0) -> None:
        self.C = C

    def fit(self, p: Sequence[float] | np.ndarray, y: Sequence[int] | np.ndarray,
            films: Sequence[str] | np.ndarray) -> Self:
        """``p``: out-of-fold p of training reviews; ``y`` their labels; ``films`` their ids."""
        from sklearn.linear_model import LogisticRegression

        labels = np.asarray(y, dtype=int)
        if len(labels) != len(p) or len(set(labels.tolist())) != 2:
            raise ModelError("FilmContext.fit needs p and labels of equal length, both classes")
        model = LogisticRegression(C=self.C).fit(context_features(p, films), labels)
        self.coef_ = model.coef_.ravel().astype(float)
        self.intercept_ = float(model.intercept_[0])
        return self

    def transform(self, p: Sequence[float] | np.ndarray,
                  films: Sequence[str] | np.ndarray) -> np.ndarray:
        """p(fresh) in context, for every review (films read from their text-derived p only)."""
        if not hasattr(self, "coef_"):
            raise ModelError("FilmContext is not fitted: call fit() first")
        z = context_features(p, films) @ self.coef_ + self.intercept_
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(FEATURES), "coef": [round(c, 6) for c in self.coef_.tolist()],
                "intercept": round(self.intercept_, 6), "C": self.C}

    @classmethod
    def from_dict(cls, meta: dict[str, Any]) -> FilmContext:
        if list(meta.get("features", [])) != list(FEATURES):
            raise ModelError("film context features differ from this version's; retrain")
        model = cls(C=float(meta.get("C", 100.0)))
        model.coef_ = np.asarray(meta["coef"], dtype=float)
        model.intercept_ = float(meta["intercept"])
        return model
