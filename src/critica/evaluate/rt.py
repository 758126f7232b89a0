"""Rotten Tomatoes critic reviews: fresh or rotten per review, and percent fresh per film.

Both tasks share one protocol: 5 folds grouped by film id (GroupKFold), so no film's reviews
sit on both sides. Per fold and per model, everything is fitted on the training films only: the
text model; the grade map (critica.score.grades.GradeMap) on their printed grades, read with the
text's p by ``combine_grade_text`` (its prior the training films' fresh share); and, on the
text model's out-of-fold p of the training films (its own ``oof_proba_`` when it keeps one,
else an inner 3-fold grouped CV), the isotonic recalibration behind ``ece_isotonic`` and the
prevalence estimators of critica.score.quantify (``reg`` with the training films as groups).
Nothing sees a test film before it is scored.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import GroupKFold

from critica.evaluate.metrics import accuracy, brier, expected_calibration_error
from critica.evaluate.models import ModelEntry, with_notes
from critica.evaluate.table import EvalRow, EvalTable
from critica.evaluate.tasks import EvalOptions
from critica.score.context import FilmContext
from critica.score.data import RTReview, read_rt_reviews
from critica.score.estimator import TextClassifier
from critica.score.quantify import PrevalenceEstimator

__all__ = ["Calibration", "RTPredictions", "rt_predictions", "run_rt", "run_rt_films"]

FOLDS = 5
MIN_FILM_REVIEWS = 20
QUANTIFIERS = ("cc", "acc", "pcc", "pacc", "em", "reg")
# a lexicon's rescaled score is no probability: counting its signs (cc, acc) and the film-level
# regression on its score (reg, learned from the training films) still apply
HARD_QUANTIFIERS = ("cc", "acc", "reg")


@dataclass(frozen=True)
class Calibration:
    """Out-of-fold p of one fold's training films: what estimators and recalibrators fit on."""

    p: np.ndarray
    y: np.ndarray
    films: np.ndarray


@dataclass
class RTPredictions:
    """Out-of-fold results of one model on the RT reviews (arrays aligned with the reviews)."""

    p: np.ndarray  # text model's p_fresh
    p_grade: np.ndarray  # grade map's P(fresh), NaN where no readable grade
    p_combined: np.ndarray  # graded rows: grade and text together; others: the text's p
    p_isotonic: np.ndarray  # p recalibrated per fold on training films only (NaN: lexicons)
    fold: np.ndarray
    calibration: list[Calibration]  # per fold: out-of-fold p, labels, film ids (training films)
    seconds: float
    # p read beside the film's other reviews (score/context.py), fitted per fold on the
    # training films' out-of-fold p; NaN for lexicons. Never uses a test film's labels.
    p_context: np.ndarray | None = None
    contexts: list[FilmContext] | None = None


def sample_films(reviews: Sequence[RTReview], sample: int | None, seed: int = 0) -> list[int]:
    """Indices of whole films drawn (seeded) until about ``sample`` reviews; all when None."""
    if sample is None or sample >= len(reviews):
        return list(range(len(reviews)))
    by_film: dict[str, list[int]] = {}
    for i, r in enumerate(reviews):
        by_film.setdefault(r.film_id, []).append(i)
    films = sorted(by_film)
    order = np.random.default_rng(seed).permutation(len(films))
    picked: list[int] = []
    for j in order:
        if len(picked) >= sample:
            break
        picked.extend(by_film[films[j]])
    return sorted(picked)


def _calibration_set(model: TextClassifier, factory: object, texts: list[str], y: np.ndarray,
                     groups: list[str], probabilistic: bool) -> np.ndarray:
    """Out-of-fold p on the training films: the model's own when kept, else inner grouped CV."""
    own = getattr(model, "oof_proba_", None)
    if own is not None and len(own) == len(y):
        return np.asarray(own, float)
    if not probabilistic:  # nothing is learned: scoring the training rows is out-of-sample
        return np.asarray(model.predict_proba(texts)[:, 1])
    p = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=3).split(texts, y, groups=groups):
        inner = factory().fit([texts[i] for i in train], y[train],  # type: ignore[operator]
                              groups=[groups[i] for i in train])
        p[test] = inner.predict_proba([texts[i] for i in test])[:, 1]
    return p


def _with_grade(p_grade: np.ndarray, p_text: np.ndarray, base_rate: float,
                probabilistic: bool) -> np.ndarray:
    """Graded rows: the grade read with the text (combine_grade_text); the rest: the text.

    A lexicon's rescaled score is no probability, so the naive-Bayes sum would be meaningless:
    its graded rows take the grade map's P(fresh) alone.
    """
    from critica.score.grades import combine_grade_text

    graded = ~np.isnan(p_grade)
    out = np.array(p_text, dtype=float)
    if probabilistic:
        out[graded] = combine_grade_text(p_grade[graded], p_text[graded], base_rate=base_rate)
    else:
        out[graded] = p_grade[graded]
    return out


def rt_predictions(reviews: Sequence[RTReview], name: str, entry: ModelEntry,
                   options: EvalOptions) -> RTPredictions:
    """Every review scored by a model fitted on the other folds' films, with its grade map,
    grade+text combination and isotonic recalibration fitted on those films too."""
    from critica.score.calibration import Recalibrator
    from critica.score.context import FilmContext
    from critica.score.grades import GradeMap

    texts = [r.text for r in reviews]
    y = np.array([r.label for r in reviews])
    films = np.array([r.film_id for r in reviews])
    grades = [r.grade for r in reviews]
    p = np.zeros(len(y))
    p_grade = np.full(len(y), np.nan)
    p_combined = np.zeros(len(y))
    p_isotonic = np.full(len(y), np.nan)
    p_context = np.full(len(y), np.nan)
    contexts: list[FilmContext] = []
    fold = np.zeros(len(y), dtype=int)
    calibration: list[Calibration] = []
    began = time.perf_counter()
    assert entry.classifier is not None
    for k, (train, test) in enumerate(GroupKFold(n_splits=FOLDS).split(texts, y, groups=films)):
        options.progress(f"rt {name}: fold {k + 1}/{FOLDS}")
        tr_texts, tr_groups = [texts[i] for i in train], [str(films[i]) for i in train]
        model = entry.classifier().fit(tr_texts, y[train], groups=tr_groups)
        p[test] = model.predict_proba([texts[i] for i in test])[:, 1]
        fold[test] = k
        p_cal = _calibration_set(model, entry.classifier, tr_texts, y[train], tr_groups,
                                 entry.probabilistic)
        calibration.append(Calibration(p_cal, y[train], films[train]))
        if entry.probabilistic:
            p_isotonic[test] = Recalibrator("isotonic").fit(p_cal, y[train]).transform(p[test])
            context = FilmContext().fit(p_cal, y[train], films[train])
            p_context[test] = context.transform(p[test], films[test])
            contexts.append(context)
        graded = [i for i in train if grades[i]]
        gmap = GradeMap().fit([grades[i] for i in graded], [int(y[i]) for i in graded])
        for i in test:
            value = gmap.p_fresh(grades[i]) if grades[i] else None
            p_grade[i] = np.nan if value is None else value
        # the prior inside the text's p is the training films' share of fresh reviews
        p_combined[test] = _with_grade(p_grade[test], p[test], float(y[train].mean()),
                                       entry.probabilistic)
    return RTPredictions(p, p_grade, p_combined, p_isotonic, fold, calibration,
                         round(time.perf_counter() - began, 1), p_context,
                         contexts if entry.probabilistic else None)


def _reviews(options: EvalOptions) -> list[RTReview]:
    reviews = read_rt_reviews(options.data_dir)
    return [reviews[i] for i in sample_films(reviews, options.sample)]


def _predict_all(reviews: Sequence[RTReview], options: EvalOptions,
                 cache: dict[str, RTPredictions] | None, entries: dict[str, ModelEntry]
                 ) -> dict[str, tuple[ModelEntry, RTPredictions]]:
    """Out-of-fold predictions of every selected model, reused from ``cache`` when there."""
    out: dict[str, tuple[ModelEntry, RTPredictions]] = {}
    for name, entry in entries.items():
        if entry.classifier is None:
            continue
        pred = None if cache is None else cache.get(name)
        if pred is None:
            pred = rt_predictions(reviews, name, entry, options)
            if cache is not None:
                cache[name] = pred
        out[name] = (entry, pred)
    return out


def run_rt(options: EvalOptions, reviews: Sequence[RTReview] | None = None,
           cache: dict[str, RTPredictions] | None = None) -> EvalTable:
    """Per review fresh/rotten: text only, and with the printed grade read with the text."""
    from critica.score.grades import fixed_cut_fresh

    reviews = list(reviews) if reviews is not None else _reviews(options)
    y = np.array([r.label for r in reviews])
    rows: list[EvalRow] = []
    entries = options.entries("rt")
    results = _predict_all(reviews, options, cache, entries)
    graded = np.zeros(len(y), dtype=bool)
    p_grade = np.full(len(y), np.nan)
    for name, (entry, pred) in results.items():
        p_grade = pred.p_grade  # the same grade map in every model's folds
        graded = ~np.isnan(p_grade)
        metrics = {"accuracy": accuracy(pred.p, y),
                   "accuracy_graded_rows": accuracy(pred.p[graded], y[graded]),
                   "accuracy_with_grade": accuracy(pred.p_combined, y),
                   "accuracy_with_grade_graded_rows": accuracy(pred.p_combined[graded], y[graded])}
        if entry.probabilistic:
            metrics |= {"ece": expected_calibration_error(pred.p, y),
                        "ece_isotonic": expected_calibration_error(pred.p_isotonic, y),
                        "brier": brier(pred.p, y),
                        "ece_with_grade": expected_calibration_error(pred.p_combined, y)}
        rows.append(EvalRow(name, entry.peer, metrics))
        if pred.p_context is not None and entry.probabilistic:
            rows.append(EvalRow(f"{name} + film context", entry.peer, {
                "accuracy": accuracy(pred.p_context, y),
                "ece": expected_calibration_error(pred.p_context, y),
                "brier": brier(pred.p_context, y)},
                "each review's p read beside the mean logit of its film's other reviews "
                "(score/context.py, fitted per fold on the training films; text only, no "
                "label of the test film)"))
    if graded.any():
        rows.append(EvalRow("grade map alone", False,
                            {"accuracy_graded_rows": accuracy(p_grade[graded], y[graded])},
                            "GradeMap fitted per fold on the training films' grades"))
        cut = [fixed_cut_fresh(r.grade) for r, g in zip(reviews, graded, strict=True) if g]
        cut_p = np.array([0.5 if c is None else float(c) for c in cut])
        rows.append(EvalRow("grade >= 60 (fixed cut)", True,
                            {"accuracy_graded_rows": accuracy(cut_p, y[graded])}))
    rows.append(EvalRow("majority class", True, {"accuracy": float(max(y.mean(), 1 - y.mean()))}))
    return EvalTable("rt", with_notes(
        f"{FOLDS}-fold CV grouped by film id; graded rows read the grade "
        "(GradeMap) with the text (combine_grade_text), both fitted on the training "
        "films; ECE with 15 bins, also after isotonic recalibration on the training "
        "films' out-of-fold p", entries), tuple(rows),
                     {"n": len(y), "n_graded": int(graded.sum()),
                      "n_films": len({r.film_id for r in reviews}), "sample": options.sample,
                      "seconds": {n: pred.seconds for n, (_, pred) in results.items()}})


def _estimators(pred: RTPredictions, context: bool = False
                ) -> tuple[list[PrevalenceEstimator], bool]:
    """One prevalence estimator per fold, with the reg fit when the training films allow it.

    ``context``: fitted on the training films' p read in film context (the fold's FilmContext
    applied to their out-of-fold p), for estimates made from p_context.
    """
    from critica.errors import ModelError

    fitted: list[PrevalenceEstimator] = []
    with_reg = True
    for k, cal in enumerate(pred.calibration):
        p = cal.p
        if context:
            assert pred.contexts is not None
            p = pred.contexts[k].transform(cal.p, cal.films)
        try:
            fitted.append(PrevalenceEstimator().fit(p, cal.y, groups=cal.films))
        except ModelError:  # too few training films of >= 10 reviews (a small --sample)
            fitted.append(PrevalenceEstimator().fit(p, cal.y))
            with_reg = False
    return fitted, with_reg


def run_rt_films(options: EvalOptions, reviews: Sequence[RTReview] | None = None,
                 cache: dict[str, RTPredictions] | None = None) -> EvalTable:
    """Percent fresh of films with >= 20 reviews: MAE in points per quantification method.

    Three rows per model: text only; "+ grades", where a review's readable grade fixes its
    verdict and only the rest are estimated from text; "+ grade+text", where the graded
    reviews' verdicts read the grade with the text (combine_grade_text).
    """
    from critica.score.quantify import film_percent_fresh

    reviews = list(reviews) if reviews is not None else _reviews(options)
    y = np.array([r.label for r in reviews])
    films = np.array([r.film_id for r in reviews])
    members = {f: np.flatnonzero(films == f) for f in np.unique(films)}
    big = {f: idx for f, idx in members.items() if len(idx) >= MIN_FILM_REVIEWS}
    rows: list[EvalRow] = []
    seconds: dict[str, float] = {}
    fold = np.zeros(len(y), dtype=int)
    entries = options.entries("rt")  # the same bound models as the rt table
    for name, (entry, pred) in _predict_all(reviews, options, cache, entries).items():
        seconds[name] = pred.seconds
        fold = pred.fold
        estimators, with_reg = _estimators(pred)
        methods = [m for m in (QUANTIFIERS if entry.probabilistic else HARD_QUANTIFIERS)
                   if with_reg or m != "reg"]
        variants: tuple[str, ...] = ("text", "grades")
        if entry.probabilistic:
            variants += ("grade+text",) + (("film context",) if pred.contexts else ())
        for variant in variants:
            metrics: dict[str, float] = {}
            fitted = estimators
            p_text = pred.p
            if variant == "film context":
                fitted, _ = _estimators(pred, context=True)
                assert pred.p_context is not None
                p_text = pred.p_context
            for method in methods:
                errors = []
                for idx in big.values():
                    estimator = fitted[int(pred.fold[idx[0]])]
                    graded = (np.zeros(len(idx), dtype=bool)
                              if variant in ("text", "film context")
                              else ~np.isnan(pred.p_grade[idx]))
                    verdict = pred.p_grade[idx] if variant == "grades" else pred.p_combined[idx]
                    known = (verdict[graded] >= 0.5).astype(float)
                    estimate = film_percent_fresh(known, p_text[idx][~graded], estimator, method)
                    errors.append(abs((estimate or 0.0) - 100.0 * float(y[idx].mean())))
                metrics[f"mae_{method}"] = float(np.mean(errors)) if errors else float("nan")
            label = name if variant == "text" else f"{name} + {variant}"
            rows.append(EvalRow(label, entry.peer, metrics))
    # the no-model baseline: every film gets the training films' share of fresh reviews
    shares = {k: 100.0 * float(y[fold != k].mean()) for k in range(FOLDS)}
    base = [abs(shares[int(fold[idx[0]])] - 100.0 * float(y[idx].mean())) for idx in big.values()]
    rows.append(EvalRow("training share for every film", True,
                        {"mae_cc": float(np.mean(base)) if base else float("nan")}))
    return EvalTable("rt-films", with_notes(
        f"percent fresh of films with >= {MIN_FILM_REVIEWS} reviews, "
        f"{FOLDS}-fold CV grouped by film; MAE in points per quantification method "
        "(fitted on the training films' out-of-fold p)", entries),
                     tuple(rows), {"n_films": len(big), "n": len(y), "sample": options.sample,
                                   "seconds": seconds})
