"""A 0-100 score for a whole review: ridge regression on n-grams and sentence verdicts.

Features: hashed word 1-2 grams with sublinear tf-idf (the idf learned in ``fit``), plus a few
summaries of the shipped sentence verdict model over the review's sentences (mean and spread of
its decision values, the share of positive sentences, the first and last fifth, the whole text
as one input). The verdict model was trained on MR and Rotten Tomatoes snippets, never on the
scale data, so using it leaks nothing from a test fold. The target is the critic's own rating in
0..1; predictions are clipped to 0..1.

Three-class labels (the scale data's label.3class: rating <= 0.4, between, >= 0.7) come from
thresholds on the predicted rating, learned on inner out-of-fold predictions of the training
fold (:func:`learn_thresholds`), because ridge shrinks toward the mean and fixed cuts misfire.

Files (no pickle): ``<name>.npz`` (idf and weights, sparse) and ``<name>.json`` (parameters).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from critica.errors import ModelError
from critica.score.model import TOKEN_PATTERN, normalise_text

__all__ = ["SCORE_NAME", "TextRegressor", "evaluate_scale", "learn_thresholds",
           "train_score_model", "verdict_features"]

SCORE_NAME = "scoremodel"
FORMAT_VERSION = 1
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
N_VERDICT_FEATURES = 10


def verdict_features(texts: Sequence[str]) -> np.ndarray:
    """Summaries of the shipped sentence verdict model over each text, shape (n, 10)."""
    from critica.score.model import load_default

    model = load_default()
    rows = []
    for text in texts:
        text = text if isinstance(text, str) else ""
        sentences = [s for s in _SENTENCE_END.split(text) if s.strip()] or [text]
        z = model.decision_function(sentences)
        p = 1.0 / (1.0 + np.exp(-z))
        fifth = max(1, len(z) // 5)
        whole = float(model.decision_function([text])[0])
        rows.append([whole, z.mean(), p.mean(), (p > 0.5).mean(), z[-fifth:].mean(),
                     z[:fifth].mean(), z.max(), z.min(), np.median(z), z[-1]])
    return np.asarray(rows, dtype=float).reshape(len(rows), N_VERDICT_FEATURES)


class TextRegressor:
    """Ridge regression of a 0..1 rating on a review's text (estimator contract).

    ``verdict_weight`` scales the standardised verdict-model features against the tf-idf block
    (0 leaves them out). ``fit`` and ``predict`` take ``verdict=`` precomputed
    :func:`verdict_features` so cross-validation computes them once.
    """

    def __init__(self, alpha: float = 1.0, verdict_weight: float = 0.3, n_features: int = 2**18,
                 ngram_range: tuple[int, int] = (1, 2), min_df: int = 2) -> None:
        self.alpha = alpha
        self.verdict_weight = verdict_weight
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.min_df = min_df

    def _counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        vec = HashingVectorizer(n_features=self.n_features, ngram_range=tuple(self.ngram_range),
                                alternate_sign=False, norm=None, lowercase=False,
                                preprocessor=normalise_text, token_pattern=TOKEN_PATTERN,
                                dtype=np.float32)
        clean = [t if isinstance(t, str) else "" for t in texts]
        return sp.csr_matrix(vec.transform(clean))

    def _design(self, texts: Sequence[str], verdict: np.ndarray | None,
                counts: sp.csr_matrix | None = None) -> sp.csr_matrix:
        counts = self._counts(texts) if counts is None else counts.copy()
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        X = sp.csr_matrix(counts.multiply(self.idf_.astype(np.float32)))
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        X = sp.csr_matrix(sp.diags(1.0 / np.maximum(norms, 1e-12)) @ X)
        if self.verdict_weight <= 0:
            return X
        v = verdict_features(texts) if verdict is None else np.asarray(verdict, dtype=float)
        v = (v - self.v_mean_) / self.v_scale_ * self.verdict_weight
        return sp.csr_matrix(sp.hstack([X, sp.csr_matrix(v)]))

    def fit(self, texts: Sequence[str], y: Sequence[float] | np.ndarray,
            verdict: np.ndarray | None = None, counts: sp.csr_matrix | None = None) -> Self:
        """Fit on texts and ratings in 0..1; ``verdict`` and ``counts`` (from ``_counts``) may
        be precomputed for the same texts, which cross-validation does once per data set."""
        target = np.asarray(y, dtype=float)
        if len(texts) != len(target) or len(target) < 3:
            raise ModelError("fit needs at least 3 texts and as many ratings")
        if np.any((target < 0) | (target > 1)):
            raise ModelError("ratings must lie in 0..1")
        counts = self._counts(texts) if counts is None else counts
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        n = len(target)
        # smooth idf as scikit-learn's TfidfTransformer; buckets seen in fewer than min_df
        # reviews get weight 0 so one-off names do not carry the fit
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        self.idf_ = np.where(df >= self.min_df, idf, 0.0)
        if self.verdict_weight > 0:
            v = verdict_features(texts) if verdict is None else np.asarray(verdict, dtype=float)
            self.v_mean_ = v.mean(axis=0)
            self.v_scale_ = v.std(axis=0) + 1e-9
        X = self._design(texts, verdict, counts)
        self.coef_, self.intercept_ = _dual_ridge(X, target, self.alpha)
        self.n_train_ = n
        return self

    def predict(self, texts: Sequence[str], verdict: np.ndarray | None = None,
                counts: sp.csr_matrix | None = None) -> np.ndarray:
        """Predicted rating in 0..1 for each text."""
        if not hasattr(self, "coef_"):
            raise ModelError("TextRegressor is not fitted: call fit() or load() first")
        X = self._design(texts, verdict, counts)
        return np.clip(np.asarray(X @ self.coef_ + self.intercept_, dtype=float), 0.0, 1.0)

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """0-100 scores."""
        return 100.0 * self.predict(texts)

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: Path, name: str = SCORE_NAME,
             extra: dict[str, Any] | None = None) -> list[Path]:
        if not hasattr(self, "coef_"):
            raise ModelError("TextRegressor is not fitted")
        directory.mkdir(parents=True, exist_ok=True)
        text_coef = self.coef_[: self.n_features]
        nz = np.flatnonzero(self.idf_ * (text_coef != 0))
        arrays = directory / f"{name}.npz"
        np.savez_compressed(arrays, indices=nz.astype(np.int32),
                            idf=self.idf_[nz].astype(np.float32),
                            coef=text_coef[nz].astype(np.float32),
                            verdict_coef=self.coef_[self.n_features:].astype(np.float64))
        meta: dict[str, Any] = {
            "format_version": FORMAT_VERSION, "class": "TextRegressor",
            "params": {"alpha": self.alpha, "verdict_weight": self.verdict_weight,
                       "n_features": self.n_features, "ngram_range": list(self.ngram_range),
                       "min_df": self.min_df},
            "intercept": self.intercept_, "n_train": self.n_train_,
            "verdict_mean": getattr(self, "v_mean_", np.zeros(0)).tolist(),
            "verdict_scale": getattr(self, "v_scale_", np.zeros(0)).tolist(), **(extra or {}),
        }
        config = directory / f"{name}.json"
        config.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return [arrays, config]

    @classmethod
    def load(cls, directory: Path, name: str = SCORE_NAME) -> TextRegressor:
        try:
            meta = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
            with np.load(directory / f"{name}.npz", allow_pickle=False) as arrays:
                indices, idf, coef = arrays["indices"], arrays["idf"], arrays["coef"]
                verdict_coef = arrays["verdict_coef"]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load score model {name!r} from {directory}: {exc}; "
                             "retrain with `critica train --data ../shared/data`") from exc
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"score model has format {meta.get('format_version')}: retrain")
        params = meta["params"]
        model = cls(alpha=params["alpha"], verdict_weight=params["verdict_weight"],
                    n_features=params["n_features"], ngram_range=tuple(params["ngram_range"]),
                    min_df=params["min_df"])
        model.idf_ = np.zeros(model.n_features)
        model.idf_[indices] = idf
        text_coef = np.zeros(model.n_features)
        text_coef[indices] = coef
        model.coef_ = np.concatenate([text_coef, verdict_coef])
        model.intercept_ = float(meta["intercept"])
        model.n_train_ = int(meta["n_train"])
        if model.verdict_weight > 0:
            model.v_mean_ = np.asarray(meta["verdict_mean"], dtype=float)
            model.v_scale_ = np.asarray(meta["verdict_scale"], dtype=float)
        return model


def _dual_ridge(X: sp.csr_matrix, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Ridge regression with an unpenalised intercept, solved in its dual form.

    The same solution as scikit-learn's Ridge, but through the n x n centred Gram matrix: with
    a few thousand reviews and 2^18 hashed columns that is one small dense solve instead of an
    iterative sparse one.
    """
    mean = np.asarray(X.mean(axis=0)).ravel()
    gram = np.asarray((X @ X.T).toarray(), dtype=float)
    xm = np.asarray(X @ mean, dtype=float).ravel()
    centred = gram - xm[:, None] - xm[None, :] + float(mean @ mean)
    y_mean = float(y.mean())
    dual = np.linalg.solve(centred + alpha * np.eye(len(y)), y - y_mean)
    coef = np.asarray(X.T @ dual, dtype=float).ravel() - mean * float(dual.sum())
    return coef, y_mean - float(mean @ coef)


def learn_thresholds(pred: np.ndarray, labels: np.ndarray, n_classes: int = 3) -> list[float]:
    """Cuts on the predicted rating that best separate ordinal ``labels`` (0..n_classes-1).

    Searched over quantiles of ``pred``, one cut at a time from the lowest, then refined once
    (coordinate ascent); exhaustive for three classes, where there are only two cuts.
    """
    pred, labels = np.asarray(pred, dtype=float), np.asarray(labels, dtype=int)
    grid = np.unique(np.quantile(pred, np.linspace(0.01, 0.99, 99)))
    if n_classes == 3:
        best = (-1.0, 0.0, 0.0)
        for i, low in enumerate(grid):
            for high in grid[i:]:
                acc = float((np.digitize(pred, [low, high]) == labels).mean())
                if acc > best[0]:
                    best = (acc, float(low), float(high))
        return [best[1], best[2]]
    cuts = list(np.quantile(pred, np.cumsum(np.bincount(labels, minlength=n_classes))[:-1]
                            / len(labels)))
    for _ in range(2):
        for j in range(len(cuts)):
            lo = cuts[j - 1] if j else -np.inf
            hi = cuts[j + 1] if j + 1 < len(cuts) else np.inf
            options = [c for c in grid if lo <= c <= hi] or [cuts[j]]
            scores = [float((np.digitize(pred, cuts[:j] + [c] + cuts[j + 1:]) == labels).mean())
                      for c in options]
            cuts[j] = float(options[int(np.argmax(scores))])
    return [float(c) for c in cuts]


def three_class(rating: np.ndarray) -> np.ndarray:
    """The scale data's label.3class from its rating: <= 0.4 is 0, >= 0.7 is 2, else 1."""
    r = np.round(np.asarray(rating, dtype=float), 4)
    return np.where(r <= 0.4, 0, np.where(r >= 0.7, 2, 1))


def evaluate_scale(data_dir: Path, progress: Callable[[str], None] | None = None,
                   model: Callable[[], TextRegressor] | None = None, folds: int = 10,
                   inner: int = 5) -> list[dict[str, Any]]:
    """10-fold CV per critic: Pearson r, 3-class and 4-class accuracy, MAE in points.

    Classes come from the data set's own label files; the cuts on the predicted rating are
    learned from inner out-of-fold predictions of each training fold.
    """
    from scipy.stats import pearsonr
    from sklearn.model_selection import KFold

    from critica.score.data import read_scaledata

    say = progress or (lambda message: None)
    make = model or TextRegressor
    rows = read_scaledata(Path(data_dir))
    labels3, labels4 = _label_files(Path(data_dir))
    results: list[dict[str, Any]] = []
    for critic in sorted({r.critic for r in rows}):
        idx = [i for i, r in enumerate(rows) if r.critic == critic]
        texts = [rows[i].text for i in idx]
        y = np.array([rows[i].rating for i in idx])
        c3, c4 = labels3[critic], labels4[critic]
        say(f"scale: {critic} ({len(idx)} reviews), verdict features")
        verdict = verdict_features(texts) if make().verdict_weight > 0 else None
        counts = make()._counts(texts)

        def sub(ix: np.ndarray, verdict: np.ndarray | None = verdict) -> np.ndarray | None:
            return None if verdict is None else verdict[ix]

        pred = np.zeros(len(y))
        hat3, hat4 = np.zeros(len(y), dtype=int), np.zeros(len(y), dtype=int)
        for k, (train, test) in enumerate(KFold(folds, shuffle=True, random_state=0).split(y)):
            say(f"scale: {critic} fold {k + 1}/{folds}")
            inner_pred = np.zeros(len(train))
            for tr, te in KFold(inner, shuffle=True, random_state=1).split(train):
                m = make().fit([texts[i] for i in train[tr]], y[train[tr]],
                               verdict=sub(train[tr]), counts=counts[train[tr]])
                inner_pred[te] = m.predict([texts[i] for i in train[te]],
                                           verdict=sub(train[te]), counts=counts[train[te]])
            cuts3 = learn_thresholds(inner_pred, c3[train], 3)
            cuts4 = learn_thresholds(inner_pred, c4[train], 4)
            m = make().fit([texts[i] for i in train], y[train], verdict=sub(train),
                           counts=counts[train])
            pred[test] = m.predict([texts[i] for i in test], verdict=sub(test),
                                   counts=counts[test])
            hat3[test] = np.digitize(pred[test], cuts3)
            hat4[test] = np.digitize(pred[test], cuts4)
        results.append({"critic": critic, "n": len(y), "pearson_r": float(pearsonr(pred, y)[0]),
                        "accuracy_3class": float((hat3 == c3).mean()),
                        "accuracy_4class": float((hat4 == c4).mean()),
                        "mae_points": float(100 * np.mean(np.abs(pred - y)))})
    return results


def _label_files(data_dir: Path) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    folder = data_dir / "scaledata-v1.0" / "scaledata"
    three, four = {}, {}
    for critic_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        name = critic_dir.name
        three[name.replace("+", " ")] = np.array(
            (critic_dir / f"label.3class.{name}").read_text("ascii").split(), dtype=int)
        four[name.replace("+", " ")] = np.array(
            (critic_dir / f"label.4class.{name}").read_text("ascii").split(), dtype=int)
    return three, four


def train_score_model(data_dir: Path, out_dir: Path,
                      progress: Callable[[str], None] | None = None,
                      evaluate: bool = True) -> list[Any]:
    """Measure by :func:`evaluate_scale` (unless ``evaluate=False``), then fit on all four
    critics and save ``scoremodel``."""
    from critica.score.data import read_scaledata
    from critica.score.train import Metric

    say = progress or (lambda message: None)
    metrics = []
    if evaluate:
        results = evaluate_scale(data_dir, say)
        metrics = [Metric(f"scale_{key}_mean", float(np.mean([r[key] for r in results])),
                          "mean of 4 critics, 10-fold CV per critic")
                   for key in ("pearson_r", "accuracy_3class", "accuracy_4class", "mae_points")]
    rows = read_scaledata(Path(data_dir))
    say("scale: fitting the shipped score model on all reviews")
    model = TextRegressor().fit([r.text for r in rows], [r.rating for r in rows])
    model.save(Path(out_dir), SCORE_NAME, {"data": "scale data v1.0, 4 critics, 5,006 reviews"})
    return metrics
