"""The baseline verdict model: hashed word 1-2 grams, NB log-count ratios, logistic regression.

This is NBSVM in its logistic form (Wang & Manning 2012): binary n-gram features are scaled by
the naive-Bayes log-count ratio r before a linear classifier is fitted, and because both steps
are linear the shipped weights are just ``w * r`` per hash bucket. Probabilities are Platt-scaled
on out-of-fold decision values, and a monotone map turns p_positive into the 0-100
grade at the same percentile (equipercentile map), so predicted scores spread like printed ones.

Files (no pickle): ``<name>.npz`` holds the sparse weight vector (indices + float32 values);
``<name>.json`` holds the hashing parameters, intercept, Platt (a, b) and the score-map knots.
The murmurhash of scikit-learn's HashingVectorizer is stable across versions and platforms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Self

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from critica.errors import ModelError

__all__ = ["MODELS_DIR", "LinearTextModel", "VerdictModel", "load_default", "load_opinion"]

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
FORMAT_VERSION = 1

# Lower-cased words with inner apostrophes ("isn't"), plus ! and ?, which carry tone.
TOKEN_PATTERN = r"[a-z0-9]+(?:'[a-z]+)*|[!?]"
_QUOTES = re.compile("[\u2018\u2019\u02bc`´]")


def normalise_text(text: str) -> str:
    """Curly apostrophes to straight, so "isn’t" and MR's "isn't" hash alike."""
    return _QUOTES.sub("'", text.lower())


def read_sparse_model(directory: Path, name: str, format_version: int
                      ) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """A sparse linear model's JSON metadata and its non-zero weights (indices, values).

    Raises ModelError, saying how to retrain, when a file is missing, unreadable or of another
    format version. Shared by every model stored as ``<name>.npz`` + ``<name>.json``.
    """
    weights, config = directory / f"{name}.npz", directory / f"{name}.json"
    try:
        meta = json.loads(config.read_text(encoding="utf-8"))
        with np.load(weights, allow_pickle=False) as arrays:
            indices, values = arrays["indices"], arrays["values"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load model {name!r} from {directory}: {exc}; "
                         "retrain with `critica train --data ../shared/data`") from exc
    if meta.get("format_version") != format_version:
        raise ModelError(f"model {name!r} has format {meta.get('format_version')}, "
                         f"expected {format_version}: retrain with `critica train`")
    return meta, indices, values


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))


class LinearTextModel:
    """A binary text classifier on hashed n-grams (estimator contract: fit returns self).

    Parameters are stored as given; every learned attribute ends in ``_``. ``fit`` also
    calibrates (Platt, out-of-fold) and, when ``grades`` are given, fits the p -> 0-100 map.
    """

    def __init__(self, n_features: int = 2**20, ngram_range: tuple[int, int] = (1, 2),
                 C: float = 0.5, nb_alpha: float = 1.0, cv: int = 5,
                 random_state: int = 0) -> None:
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.C = C
        self.nb_alpha = nb_alpha
        self.cv = cv
        self.random_state = random_state

    # -- features ---------------------------------------------------------------------------
    def _vectorizer(self) -> HashingVectorizer:
        return HashingVectorizer(
            n_features=self.n_features, ngram_range=tuple(self.ngram_range), alternate_sign=False,
            binary=True, norm=None, lowercase=False, preprocessor=normalise_text,
            token_pattern=TOKEN_PATTERN, dtype=np.float32,
        )

    def _features(self, texts: Sequence[str]) -> sp.csr_matrix:
        clean = [t if isinstance(t, str) else "" for t in texts]
        return sp.csr_matrix(self._vectorizer().transform(clean))

    def _fit_linear(self, X: sp.csr_matrix, y: np.ndarray,
                    w: np.ndarray | None) -> tuple[np.ndarray, float]:
        """NB log-count ratio, then L2 logistic regression on r-scaled features."""
        from sklearn.linear_model import LogisticRegression  # training only: keeps loading light

        pos = self.nb_alpha + np.asarray(X[y == 1].sum(axis=0)).ravel()
        neg = self.nb_alpha + np.asarray(X[y == 0].sum(axis=0)).ravel()
        r = np.log((pos / pos.sum()) / (neg / neg.sum()))
        Xr = sp.csr_matrix(X.multiply(r.astype(np.float32)))
        clf = LogisticRegression(C=self.C, solver="liblinear", max_iter=1000,
                                 random_state=self.random_state)
        clf.fit(Xr, y, sample_weight=w)
        return (clf.coef_.ravel() * r).astype(np.float32), float(clf.intercept_[0])

    # -- estimator --------------------------------------------------------------------------
    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray,
            groups: Sequence[str] | None = None,
            grades: Sequence[float] | np.ndarray | None = None,
            sample_weight: Sequence[float] | None = None, **kwargs: Any) -> Self:
        """Fit weights on all data; calibrate and map to grades on out-of-fold predictions.

        ``groups`` keeps each group (a film) inside one fold; ``grades`` are printed grades
        normalised to 0-100 (NaN where none) for the score map. Other keyword arguments of the
        TextClassifier protocol (another estimator's options) do not apply and are ignored.
        """
        from sklearn.linear_model import LogisticRegression

        labels = np.asarray(y, dtype=int)
        if len(texts) != len(labels) or len(set(labels.tolist())) != 2:
            raise ModelError("fit needs texts and labels of equal length with both classes present")
        X = self._features(texts)
        w = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        oof = self._out_of_fold(X, labels, groups, w)
        self.coef_, self.intercept_ = self._fit_linear(X, labels, w)
        platt = LogisticRegression(C=1e4, solver="lbfgs").fit(oof.reshape(-1, 1), labels)
        self.platt_ = (float(platt.coef_[0, 0]), float(platt.intercept_[0]))
        self.oof_proba_ = _sigmoid(self.platt_[0] * oof + self.platt_[1])
        self.score_x_, self.score_y_ = self._fit_score_map(self.oof_proba_, grades)
        self.n_train_ = len(labels)
        return self

    def _out_of_fold(self, X: sp.csr_matrix, y: np.ndarray, groups: Sequence[str] | None,
                     w: np.ndarray | None) -> np.ndarray:
        from sklearn.model_selection import GroupKFold, StratifiedKFold

        oof = np.zeros(len(y))
        if groups is not None:
            splits = GroupKFold(n_splits=self.cv).split(X, y, groups=list(groups))
        else:
            splits = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state).split(X, y)
        for train, test in splits:
            coef, b = self._fit_linear(X[train], y[train], None if w is None else w[train])
            oof[test] = X[test] @ coef + b
        return oof

    @staticmethod
    def _fit_score_map(p: np.ndarray, grades: Sequence[float] | np.ndarray | None
                       ) -> tuple[np.ndarray, np.ndarray]:
        """Equipercentile map p -> grade; without grades, the identity map (100 * p).

        The q-th percentile of p goes to the q-th percentile of the printed grades, so predicted
        scores spread like printed ones (a mean-of-grade map, e.g. isotonic, shrinks toward the
        middle and could never call a review negative).
        """
        if grades is None:
            return np.array([0.0, 1.0]), np.array([0.0, 100.0])
        g = np.asarray(grades, dtype=float)
        keep = ~np.isnan(g)
        if keep.sum() < 50:
            return np.array([0.0, 1.0]), np.array([0.0, 100.0])
        qs = np.linspace(0.0, 1.0, 101)
        x = np.quantile(p[keep], qs)
        y = np.quantile(g[keep], qs)
        # grades are discrete (3/5, B+): one knot per grade level, at the middle of the p range
        # that level covers, so p between two levels moves smoothly from one to the next
        levels, first = np.unique(y, return_index=True)
        bounds = list(first) + [len(y)]
        mids = np.array([x[bounds[k]:bounds[k + 1]].mean() for k in range(len(levels))])
        mids = np.concatenate([[x[0]], mids, [x[-1]]])
        values = np.concatenate([[levels[0]], levels, [levels[-1]]])
        mids = np.maximum.accumulate(mids) + np.arange(len(mids)) * 1e-9
        return np.round(mids, 9), np.round(values, 3)

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ModelError(f"{type(self).__name__} is not fitted: call fit() or load() first")

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        self._check_fitted()
        return np.asarray(self._features(texts) @ self.coef_ + self.intercept_, dtype=float)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, shape (n, 2): columns [negative, positive]."""
        z = self.decision_function(texts)
        p = _sigmoid(self.platt_[0] * z + self.platt_[1])
        return np.column_stack([1.0 - p, p])

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)

    def score_from_proba(self, p: np.ndarray | float) -> np.ndarray:
        """0-100 score for p_positive through the fitted monotone map."""
        self._check_fitted()
        return np.interp(np.asarray(p, dtype=float), self.score_x_, self.score_y_)

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: Path, name: str, extra: dict[str, Any] | None = None) -> list[Path]:
        self._check_fitted()
        meta: dict[str, Any]
        directory.mkdir(parents=True, exist_ok=True)
        nz = np.flatnonzero(self.coef_)
        weights = directory / f"{name}.npz"
        np.savez_compressed(weights, indices=nz.astype(np.int32), values=self.coef_[nz])
        meta = {
            "format_version": FORMAT_VERSION, "class": type(self).__name__,
            "params": {"n_features": self.n_features, "ngram_range": list(self.ngram_range),
                       "C": self.C, "nb_alpha": self.nb_alpha, "cv": self.cv,
                       "random_state": self.random_state},
            "hashing": {"library": "sklearn HashingVectorizer (murmurhash3_32, seed 0)",
                        "alternate_sign": False, "binary": True, "norm": None,
                        "token_pattern": TOKEN_PATTERN, "preprocess": "lower; curly quotes to '"},
            "intercept": self.intercept_, "platt": list(self.platt_),
            "score_map": {"x": [round(v, 6) for v in self.score_x_.tolist()],
                          "y": [round(v, 4) for v in self.score_y_.tolist()]},
            "n_train": self.n_train_, **(extra or {}),
        }
        doc_x, doc_y = getattr(self, "doc_score_x_", None), getattr(self, "doc_score_y_", None)
        if doc_x is not None and doc_y is not None:
            meta["document_score_map"] = {"x": [round(v, 6) for v in doc_x.tolist()],
                                          "y": [round(v, 4) for v in doc_y.tolist()]}
        config = directory / f"{name}.json"
        config.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return [weights, config]

    @classmethod
    def load(cls, directory: Path, name: str) -> LinearTextModel:
        meta, indices, values = read_sparse_model(directory, name, FORMAT_VERSION)
        params = meta["params"]
        model = cls(n_features=params["n_features"], ngram_range=tuple(params["ngram_range"]),
                    C=params["C"], nb_alpha=params["nb_alpha"], cv=params["cv"],
                    random_state=params["random_state"])
        coef = np.zeros(model.n_features, dtype=np.float32)
        coef[indices] = values
        model.coef_ = coef
        model.intercept_ = float(meta["intercept"])
        model.platt_ = (float(meta["platt"][0]), float(meta["platt"][1]))
        model.score_x_ = np.asarray(meta["score_map"]["x"], float)
        model.score_y_ = np.asarray(meta["score_map"]["y"], float)
        model.n_train_ = int(meta["n_train"])
        if "document_score_map" in meta and isinstance(model, VerdictModel):
            model.doc_score_x_ = np.asarray(meta["document_score_map"]["x"], float)
            model.doc_score_y_ = np.asarray(meta["document_score_map"]["y"], float)
        return model


class VerdictModel(LinearTextModel):
    """p(positive) of a review sentence or snippet, and its 0-100 score.

    Besides the snippet score map, it may carry a document map (``fit_document_map``): the
    weighted mean of sentence probabilities of a whole review is less extreme than a snippet's
    p, so it gets its own monotone map, fitted on full reviews with the critic's own rating.
    """

    def predict_score(self, texts: Sequence[str]) -> np.ndarray:
        return self.score_from_proba(self.predict_proba(texts)[:, 1])

    doc_score_x_: np.ndarray
    doc_score_y_: np.ndarray

    def fit_document_map(self, p_doc: Sequence[float] | np.ndarray,
                         ratings: Sequence[float] | np.ndarray) -> Self:
        """Equipercentile map from a document's aggregated p to its 0-100 rating; returns self."""
        self._check_fitted()
        self.doc_score_x_, self.doc_score_y_ = self._fit_score_map(
            np.asarray(p_doc, dtype=float), ratings)
        return self

    def document_score(self, p_doc: float) -> float:
        """0-100 score of a whole document's aggregated p (snippet map when no document map)."""
        self._check_fitted()
        if hasattr(self, "doc_score_x_"):
            return float(np.interp(p_doc, self.doc_score_x_, self.doc_score_y_))
        return float(self.score_from_proba(p_doc))


VERDICT_NAME = "verdict"
OPINION_NAME = "opinion"


@lru_cache(maxsize=2)
def load_default(directory: Path = MODELS_DIR) -> VerdictModel:
    """The shipped verdict model (loaded once; offline, no pickle)."""
    model = VerdictModel.load(directory, VERDICT_NAME)
    assert isinstance(model, VerdictModel)
    return model


@lru_cache(maxsize=2)
def load_opinion(directory: Path = MODELS_DIR) -> LinearTextModel:
    """The shipped opinion-vs-plot model: p that a sentence states an opinion, not a synopsis."""
    return LinearTextModel.load(directory, OPINION_NAME)
