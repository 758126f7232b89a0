"""Percent fresh of a film as a quantification problem (estimating class prevalence).

Counting a classifier's hard labels is biased toward the classifier's own error pattern (a film
with 90% fresh reviews gets about tpr*0.9 + fpr*0.1), and averaging probabilities pulls every
film toward the training base rate. The standard corrections, all here as pure functions:

- ``cc``: classify and count, mean(p >= 0.5).
- ``acc``: adjusted classify and count (Forman 2008): (cc - fpr) / (tpr - fpr).
- ``pcc``: probabilistic classify and count, mean(p).
- ``pacc``: its adjusted form, (pcc - E[p | negative]) / (E[p | positive] - E[p | negative]).
- ``em``: re-estimation of the prior by EM (Saerens, Latinne & Decaestecker 2002): posteriors
  are re-weighted by new prior / training prior until the prior stops moving.
- ``reg``: a linear regression from a sample's (pcc, cc, mean logit) to its prevalence, fitted
  on the training films themselves (needs ``groups`` in ``fit``). On RT films of 20-100 reviews
  the adjusted counts are unbiased but noisy (dividing by tpr - fpr of about 0.5 doubles the
  sampling error); the regression trades a little bias for much less variance.

tpr, fpr and the conditional means come from out-of-fold predictions on training data only
(:meth:`PrevalenceEstimator.fit`); every estimate is clipped to [0, 1].
:func:`film_percent_fresh` mixes reviews whose verdict is known (a printed grade) with
reviews whose p was predicted from text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

import numpy as np

from critica.errors import ModelError

__all__ = ["METHODS", "PREVALENCE_NAME", "PrevalenceEstimator", "adjusted_count",
           "classify_and_count", "em_prior", "estimate_film", "film_percent_fresh",
           "load_prevalence", "probabilistic_adjusted_count", "probabilistic_count",
           "train_prevalence"]

PREVALENCE_NAME = "prevalence"
DEFAULT_METHOD = "reg"  # lowest film MAE on RT dev (docs/benchmarks.md)

METHODS = ("cc", "acc", "pcc", "pacc", "em", "reg")
MIN_GROUP = 10  # smallest training film used to fit the reg method
THRESHOLD = 0.5
_MIN_GAP = 0.05  # tpr - fpr below this makes the adjusted count meaningless: fall back


def _clip(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def classify_and_count(p: np.ndarray, threshold: float = THRESHOLD) -> float:
    return float(np.mean(np.asarray(p) >= threshold)) if len(p) else 0.5


def probabilistic_count(p: np.ndarray) -> float:
    return float(np.mean(p)) if len(p) else 0.5


def adjusted_count(cc: float, tpr: float, fpr: float) -> float:
    """Forman's correction of an observed positive rate; cc itself when tpr - fpr is tiny."""
    if tpr - fpr < _MIN_GAP:
        return _clip(cc)
    return _clip((cc - fpr) / (tpr - fpr))


def probabilistic_adjusted_count(pcc: float, mean_pos: float, mean_neg: float) -> float:
    return adjusted_count(pcc, mean_pos, mean_neg)


def em_prior(p: np.ndarray, train_prior: float, max_iter: int = 100, tol: float = 1e-6) -> float:
    """Saerens et al. (2002): the positive prior of the sample that makes the posteriors agree."""
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    if not len(p):
        return _clip(train_prior)
    t1, t0 = train_prior, 1.0 - train_prior
    prior = train_prior
    for _ in range(max_iter):
        w1, w0 = p * prior / t1, (1 - p) * (1 - prior) / t0
        new = float(np.mean(w1 / (w1 + w0)))
        if abs(new - prior) < tol:
            prior = new
            break
        prior = new
    return _clip(prior)


class PrevalenceEstimator:
    """Estimates the share of positives in a sample from calibrated p (estimator contract).

    ``fit`` takes out-of-fold p and true labels from training data; ``estimate`` applies one
    of :data:`METHODS` to the p of a new sample (one film's reviews).
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold

    def fit(self, p_cal: np.ndarray, y_cal: np.ndarray,
            groups: Sequence[str] | np.ndarray | None = None) -> Self:
        """Rates from out-of-fold ``p_cal``; with ``groups`` (film ids) also the reg method."""
        p, y = np.asarray(p_cal, dtype=float), np.asarray(y_cal, dtype=int)
        if len(p) != len(y) or len(set(y.tolist())) != 2:
            raise ModelError("fit needs p and labels of equal length with both classes present")
        hard = p >= self.threshold
        self.tpr_ = float(hard[y == 1].mean())
        self.fpr_ = float(hard[y == 0].mean())
        self.mean_pos_ = float(p[y == 1].mean())
        self.mean_neg_ = float(p[y == 0].mean())
        self.train_prior_ = float(y.mean())
        if groups is not None:
            self._fit_regression(p, y, np.asarray(groups))
        return self

    def _fit_regression(self, p: np.ndarray, y: np.ndarray, groups: np.ndarray) -> None:
        from sklearn.linear_model import LinearRegression

        features, targets = [], []
        for group in np.unique(groups):
            mask = groups == group
            if mask.sum() >= MIN_GROUP:
                features.append(self._sample_features(p[mask]))
                targets.append(float(y[mask].mean()))
        if len(features) < 10:
            raise ModelError(f"the reg method needs at least 10 groups of {MIN_GROUP} or more")
        reg = LinearRegression().fit(np.array(features), np.array(targets))
        self.reg_coef_ = np.asarray(reg.coef_, dtype=float)
        self.reg_intercept_ = float(reg.intercept_)

    def _sample_features(self, p: np.ndarray) -> list[float]:
        q = np.clip(p, 1e-4, 1 - 1e-4)
        mean_logit = float(np.mean(np.log(q / (1 - q))))
        return [float(p.mean()), float((p >= self.threshold).mean()),
                1.0 / (1.0 + np.exp(-mean_logit))]

    def estimate(self, p: np.ndarray, method: str = "pacc") -> float:
        """Prevalence of positives in ``p`` by ``method``, in [0, 1] (0.5 for an empty sample)."""
        if not hasattr(self, "tpr_"):
            raise ModelError("PrevalenceEstimator is not fitted: call fit() first")
        p = np.asarray(p, dtype=float)
        if not len(p):
            return 0.5
        if method == "cc":
            return classify_and_count(p, self.threshold)
        if method == "acc":
            return adjusted_count(classify_and_count(p, self.threshold), self.tpr_, self.fpr_)
        if method == "pcc":
            return probabilistic_count(p)
        if method == "pacc":
            return probabilistic_adjusted_count(probabilistic_count(p), self.mean_pos_,
                                                self.mean_neg_)
        if method == "em":
            return em_prior(p, self.train_prior_)
        if method == "reg":
            if not hasattr(self, "reg_coef_"):
                raise ModelError("the reg method needs fit(..., groups=film ids)")
            return _clip(float(np.dot(self.reg_coef_, self._sample_features(p)))
                         + self.reg_intercept_)
        raise ModelError(f"unknown prevalence method {method!r}; use one of {', '.join(METHODS)}")

    def to_dict(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"threshold": self.threshold, "tpr": self.tpr_, "fpr": self.fpr_,
                                "mean_pos": self.mean_pos_, "mean_neg": self.mean_neg_,
                                "train_prior": self.train_prior_}
        if hasattr(self, "reg_coef_"):
            meta["reg"] = {"coef": self.reg_coef_.tolist(), "intercept": self.reg_intercept_}
        return meta

    @classmethod
    def from_dict(cls, meta: dict[str, Any]) -> PrevalenceEstimator:
        model = cls(threshold=float(meta["threshold"]))
        model.tpr_, model.fpr_ = float(meta["tpr"]), float(meta["fpr"])
        model.mean_pos_, model.mean_neg_ = float(meta["mean_pos"]), float(meta["mean_neg"])
        model.train_prior_ = float(meta["train_prior"])
        if "reg" in meta:
            model.reg_coef_ = np.asarray(meta["reg"]["coef"], dtype=float)
            model.reg_intercept_ = float(meta["reg"]["intercept"])
        return model


def film_percent_fresh(known: Sequence[float], p_predicted: np.ndarray,
                       estimator: PrevalenceEstimator, method: str = "pacc") -> float | None:
    """Percent fresh (0-100) of one film's reviews; None when it has none.

    ``known`` holds the verdicts read from printed grades (1 fresh, 0 rotten, or the grade's
    P(fresh)); ``p_predicted`` the text model's p of the reviews with no grade. Known verdicts
    count as they are, the rest add their estimated prevalence times their number.
    """
    known_arr = np.asarray(list(known), dtype=float)
    p = np.asarray(p_predicted, dtype=float)
    total = len(known_arr) + len(p)
    if total == 0:
        return None
    fresh = float(known_arr.sum())
    if len(p):
        fresh += estimator.estimate(p, method) * len(p)
    return 100.0 * fresh / total


def estimate_film(grades: Sequence[str | None], p_text: Sequence[float] | np.ndarray,
                  grade_map: Any, estimator: PrevalenceEstimator,
                  method: str = DEFAULT_METHOD) -> float | None:
    """Percent fresh of one film from its reviews' printed grades and text p (0-100, or None).

    A review with a readable grade counts as fresh when the grade and its text together say so
    (:func:`~critica.score.grades.combine_grade_text`); the others go to the prevalence
    estimator as one sample. ``grade_map`` is a fitted :class:`~critica.score.grades.GradeMap`.
    """
    from critica.score.grades import combine_grade_text

    p = np.asarray(p_text, dtype=float)
    if len(grades) != len(p):
        raise ModelError("estimate_film needs one grade (or None) per text probability")
    known: list[float] = []
    unknown: list[float] = []
    for grade, p_review in zip(grades, p, strict=True):
        p_grade = grade_map.p_fresh(grade) if grade else None
        if p_grade is None:
            unknown.append(float(p_review))
        else:
            known.append(float(combine_grade_text(p_grade, p_review) >= 0.5))
    return film_percent_fresh(known, np.array(unknown), estimator, method)


def load_prevalence(directory: Any = None) -> PrevalenceEstimator:
    """The shipped estimator (src/critica/models/prevalence.json), fitted for the verdict model."""
    import json
    from pathlib import Path

    from critica.score.model import MODELS_DIR

    path = Path(directory or MODELS_DIR) / f"{PREVALENCE_NAME}.json"
    try:
        return PrevalenceEstimator.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load {path}: {exc}; retrain with `critica train`") from exc


# -- measurement on the RT dev reviews -------------------------------------------------------

MIN_FILM_REVIEWS = 20


def rt_out_of_fold(data_dir: Any, progress: Any = None, folds: int = 5) -> dict[str, Any]:
    """Text p, grade P(fresh) and calibration sets for every RT review, by films never seen.

    Five folds grouped by film. In each, the shipped recipe (NBSVM :class:`LinearTextModel` on
    MR + the training films) predicts the held-out films; the estimator is fitted on the model's
    own out-of-fold p for the training films (inner grouped CV), and the grade map on their grades.
    Returns arrays aligned with ``read_rt_reviews``: y, film, p, p_grade (NaN without a readable
    grade), fold, and per fold the fitted :class:`PrevalenceEstimator` and its calibration set.
    """
    from pathlib import Path

    from sklearn.model_selection import GroupKFold

    from critica.score.data import read_mr, read_rt_reviews
    from critica.score.grades import GradeMap
    from critica.score.model import LinearTextModel

    say = progress or (lambda message: None)
    data_dir = Path(data_dir)
    mr, rt = read_mr(data_dir), read_rt_reviews(data_dir)
    mr_texts, mr_y = [r.text for r in mr], np.array([r.label for r in mr])
    texts = [r.text for r in rt]
    y = np.array([r.label for r in rt])
    films = np.array([r.film_id for r in rt])
    grades = [r.grade for r in rt]
    p = np.zeros(len(rt))
    p_grade = np.full(len(rt), np.nan)
    fold_of = np.zeros(len(rt), dtype=int)
    estimators: list[PrevalenceEstimator] = []
    calibration: list[tuple[np.ndarray, np.ndarray]] = []
    for k, (train, test) in enumerate(GroupKFold(n_splits=folds).split(texts, y, groups=films)):
        say(f"rt films: fold {k + 1}/{folds}")
        model = LinearTextModel(cv=3, random_state=0)
        groups = [f"mr{i % 10}" for i in range(len(mr))] + list(films[train])
        model.fit(mr_texts + [texts[i] for i in train], np.concatenate([mr_y, y[train]]),
                  groups=groups)
        p[test] = model.predict_proba([texts[i] for i in test])[:, 1]
        p_cal = model.oof_proba_[len(mr):]  # RT rows only: the domain the films come from
        estimators.append(PrevalenceEstimator().fit(p_cal, y[train], groups=films[train]))
        calibration.append((p_cal, y[train]))
        gmap = GradeMap().fit([grades[i] for i in train if grades[i]],
                              [int(y[i]) for i in train if grades[i]])
        for i in test:
            pg = gmap.p_fresh(grades[i]) if grades[i] else None
            p_grade[i] = np.nan if pg is None else pg
        fold_of[test] = k
    return {"y": y, "film": films, "p": p, "p_grade": p_grade, "fold": fold_of,
            "estimators": estimators, "calibration": calibration}


def film_errors(oof: dict[str, Any], method: str, grades: str = "none",
                min_reviews: int = MIN_FILM_REVIEWS) -> np.ndarray:
    """Absolute error in points of percent fresh, per film with at least ``min_reviews``.

    ``grades``: "none" (text only), "grade" (a readable grade fixes the verdict) or
    "grade+text" (the verdict from :func:`~critica.score.grades.combine_grade_text`).
    """
    from critica.score.grades import combine_grade_text

    y, films, p, p_grade, fold = oof["y"], oof["film"], oof["p"], oof["p_grade"], oof["fold"]
    errors: list[float] = []
    for film in np.unique(films):
        idx = np.flatnonzero(films == film)
        if len(idx) < min_reviews:
            continue
        estimator = oof["estimators"][int(fold[idx[0]])]
        graded = ~np.isnan(p_grade[idx]) if grades != "none" else np.zeros(len(idx), dtype=bool)
        pg = p_grade[idx][graded]
        if grades == "grade+text":
            pg = combine_grade_text(pg, p[idx][graded])
        known = (pg >= 0.5).astype(float)
        estimate = film_percent_fresh(known, p[idx][~graded], estimator, method)
        assert estimate is not None
        errors.append(abs(estimate - 100.0 * float(y[idx].mean())))
    return np.array(errors)


def train_prevalence(data_dir: Any, out_dir: Any, progress: Any = None) -> list[Any]:
    """Measure every method by 5-fold CV grouped by film, then fit and save ``prevalence.json``.

    The saved estimator is fitted on all the out-of-fold p (each from a model that never saw the
    review's film), with film ids for the reg method. Returns Metric values (MAE in points).
    """
    import json
    from pathlib import Path

    from critica.score.train import Metric

    oof = rt_out_of_fold(data_dir, progress)
    metrics = []
    for method in METHODS:
        for grades in ("none", "grade+text"):
            errors = film_errors(oof, method, grades)
            metrics.append(Metric(f"rt_films_mae_{method}_{grades.replace('+', '_')}",
                                  float(errors.mean()),
                                  f"points, {len(errors)} films with >= {MIN_FILM_REVIEWS} reviews"))
    estimator = PrevalenceEstimator().fit(oof["p"], oof["y"], groups=oof["film"])
    path = Path(out_dir) / f"{PREVALENCE_NAME}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"data": "RT dev, out-of-fold p of NBSVM (MR + RT), 5 folds by film", **estimator.to_dict()}
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return metrics
