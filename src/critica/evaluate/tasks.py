"""The standard protocols of DESIGN.md over ../shared/data, ours beside the peers.

Each ``run_*`` function takes :class:`EvalOptions` and returns one
:class:`~critica.evaluate.table.EvalTable`. Every model is made fresh per fold by its registry
factory (critica.evaluate.models), so nothing is fitted on a test fold; ``sample`` draws a
fixed, seeded subset so CI can run every task in seconds.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

from critica.errors import InputError
from critica.evaluate.metrics import accuracy, pearson
from critica.evaluate.models import (
    ModelEntry,
    TextRegressor,
    document_factory,
    select_models,
    with_notes,
)
from critica.evaluate.table import EvalRow, EvalTable
from critica.score.data import read_mr, read_polarity2, read_scaledata, read_sst2
from critica.score.estimator import TextClassifier

__all__ = ["EvalOptions", "Folds", "cross_validate", "mr_folds", "run_mr", "run_polarity", "run_scale",
           "run_sst2", "sample_indices"]

SEED = 0
Progress = Callable[[str], None]
Folds = list[tuple[np.ndarray, np.ndarray]]


def _silent(message: str) -> None:
    return None


@dataclass(frozen=True)
class EvalOptions:
    data_dir: Path
    sample: int | None = None  # at most this many items, a fixed seeded draw (CI)
    models: tuple[str, ...] | None = None  # ours to run (all when None); peers always run
    progress: Progress = field(default=_silent)
    # where critica-stack's two cross-fitted encoders live (None: the user cache folder)
    encoder_cache: Path | None = None

    def entries(self, task: str = "") -> dict[str, ModelEntry]:
        """The models to run, each bound to ``task`` (e.g. cross-fitted features)."""
        entries = select_models(self.models)
        if not task:
            return entries
        return {n: e.bind(e, task, self) if e.bind else e for n, e in entries.items()}


def sample_indices(labels: Sequence[int] | np.ndarray, sample: int | None, seed: int = SEED) -> np.ndarray:
    """Indices of a fixed stratified draw of ``sample`` items (all, in order, when None)."""
    y = np.asarray(labels)
    if sample is None or sample >= len(y):
        return np.arange(len(y))
    if sample < 20:
        raise InputError(f"--sample {sample} is too small for cross-validation; use at least 20")
    rng = np.random.default_rng(seed)
    picked: list[int] = []
    for value in np.unique(y):
        members = np.flatnonzero(y == value)
        k = max(1, round(sample * len(members) / len(y)))
        picked.extend(rng.choice(members, size=min(k, len(members)), replace=False).tolist())
    return np.sort(np.array(picked))


def cross_validate(texts: Sequence[str], y: np.ndarray, folds: Folds,
                   factory: Callable[[], TextClassifier], groups: Sequence[str] | None = None,
                   say: Progress = _silent, name: str = "") -> np.ndarray:
    """Out-of-fold p_positive: a fresh model per fold, fitted on that fold's training rows."""
    p = np.zeros(len(y))
    for k, (train, test) in enumerate(folds):
        say(f"{name}: fold {k + 1}/{len(folds)}")
        model = factory().fit([texts[i] for i in train], y[train],
                              groups=None if groups is None else [groups[i] for i in train])
        p[test] = model.predict_proba([texts[i] for i in test])[:, 1]
    return p


def _classification_table(task: str, protocol: str, texts: Sequence[str], y: np.ndarray,
                          folds: Folds, options: EvalOptions, documents: bool = False,
                          groups: Sequence[str] | None = None) -> EvalTable:
    rows: list[EvalRow] = []
    seconds: dict[str, float] = {}
    scored = np.concatenate([test for _, test in folds])  # rows some fold tested (sst2: test only)
    entries = options.entries(task)
    for name, entry in entries.items():
        factory = document_factory(entry) if documents else entry.classifier
        if factory is None:
            continue
        began = time.perf_counter()
        p = cross_validate(texts, y, folds, factory, groups, options.progress, f"{task} {name}")
        seconds[name] = round(time.perf_counter() - began, 1)
        rows.append(EvalRow(name, entry.peer, {"accuracy": accuracy(p[scored], y[scored])}))
    majority = float(max(y[scored].mean(), 1 - y[scored].mean()))
    rows.append(EvalRow("majority class", True, {"accuracy": majority}))
    return EvalTable(task, with_notes(protocol, entries), tuple(rows),
                     {"n": len(scored), "sample": options.sample, "seconds": seconds})


def run_mr(options: EvalOptions) -> EvalTable:
    """MR sentence polarity: 10-fold stratified CV (seeded)."""
    data = read_mr(options.data_dir)
    keep = sample_indices([d.label for d in data], options.sample)
    texts = [data[i].text for i in keep]
    y = np.array([data[i].label for i in keep])
    return _classification_table("mr", "10-fold stratified CV (seed 0), accuracy", texts, y,
                                 mr_folds(texts, y), options)


def mr_folds(texts: Sequence[str], y: np.ndarray) -> Folds:
    """MR's 10 folds (seeded); on the full set, the cross-fit halves' folds (evaluate/crossfit)."""
    return list(StratifiedKFold(10, shuffle=True, random_state=SEED).split(texts, y))


def run_polarity(options: EvalOptions) -> EvalTable:
    """polarity v2.0 full reviews: 10-fold CV, fold = the cvN prefix of the file name."""
    data = read_polarity2(options.data_dir)
    keep = sample_indices([d.label for d in data], options.sample)
    texts = [data[i].text for i in keep]
    y = np.array([data[i].label for i in keep])
    fold_of = np.array([data[i].group for i in keep])
    folds = [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in sorted(set(fold_of))]
    return _classification_table("polarity", "10-fold CV by cvN file prefix, full reviews, accuracy",
                                 texts, y, folds, options, documents=True)


def run_sst2(options: EvalOptions) -> EvalTable:
    """SST-2 sentence level (Kim 2014 files): fit on train (6,920), score test (1,821)."""
    train = read_sst2(options.data_dir, "train")
    test = read_sst2(options.data_dir, "test")
    tr = sample_indices([d.label for d in train], options.sample)
    te = sample_indices([d.label for d in test], options.sample)
    texts = [train[i].text for i in tr] + [test[i].text for i in te]
    y = np.array([train[i].label for i in tr] + [test[i].label for i in te])
    folds = [(np.arange(len(tr)), np.arange(len(tr), len(y)))]
    table = _classification_table("sst2", "sentence-level train -> test (1,821), accuracy",
                                  texts, y, folds, options)
    return EvalTable(table.task, table.protocol, table.rows, {**table.extra, "n_train": len(tr)})


def _per_critic(indices: Iterable[int], critics: np.ndarray) -> dict[str, np.ndarray]:
    idx = np.asarray(list(indices))
    return {c: idx[critics[idx] == c] for c in sorted(set(critics[idx].tolist()))}


INNER_FOLDS = 5  # scale: inner CV of each training fold, for the class cuts


def _learned_cuts(factory: Callable[[], TextRegressor], texts: Sequence[str], rating: np.ndarray,
                  label3: np.ndarray, label4: np.ndarray, train: np.ndarray
                  ) -> tuple[list[float], list[float]]:
    """3- and 4-class cuts on the predicted rating, learned on the training fold alone.

    A regressor shrinks toward the mean, so the label files' own cuts (0.4, 0.7 on the true
    rating) misfire on its predictions; the cuts that best reproduce the training fold's labels
    from inner out-of-fold predictions (critica.score.scoremodel.learn_thresholds) do not.
    """
    from sklearn.model_selection import KFold

    from critica.score.scoremodel import learn_thresholds

    inner = np.zeros(len(train))
    for tr, te in KFold(INNER_FOLDS, shuffle=True, random_state=SEED + 1).split(train):
        model = factory().fit([texts[i] for i in train[tr]], rating[train[tr]])
        inner[te] = model.predict([texts[i] for i in train[te]])
    return (learn_thresholds(inner, label3[train], 3), learn_thresholds(inner, label4[train], 4))


def _scale_folds(label3: np.ndarray) -> Folds:
    """10 folds stratified by 3-class label; plain shuffled folds when a tiny --sample leaves
    every class under 10 members (stratifying is then impossible)."""
    from sklearn.model_selection import KFold

    if np.bincount(label3).max() < 10:
        return list(KFold(10, shuffle=True, random_state=SEED).split(label3))
    with warnings.catch_warnings():  # a small --sample leaves some class under 10 members
        warnings.simplefilter("ignore", UserWarning)
        return list(StratifiedKFold(10, shuffle=True, random_state=SEED).split(label3, label3))


def run_scale(options: EvalOptions) -> EvalTable:
    """Scale data: per critic, 10-fold CV of a 0-1 regressor; 3- and 4-class accuracy and r.

    Classes come from cuts on the predicted rating learned on each training fold (inner 5-fold
    out-of-fold predictions, :func:`_learned_cuts`), the same procedure for ours and the peers;
    figures are the mean over the critics.
    """
    data = read_scaledata(options.data_dir)
    critics_all = np.array([d.critic for d in data])
    keep_parts = []
    for members in _per_critic(range(len(data)), critics_all).values():
        share = None if options.sample is None else max(20, options.sample // 4)
        pick = sample_indices([data[i].label3 for i in members], share)
        keep_parts.append(members[pick])
    keep = np.concatenate(keep_parts)
    texts = [data[i].text for i in keep]
    rating = np.array([data[i].rating for i in keep])
    label3 = np.array([data[i].label3 for i in keep])
    label4 = np.array([data[i].label4 for i in keep])
    critics = critics_all[keep]
    rows: list[EvalRow] = []
    per_critic: dict[str, dict[str, dict[str, float]]] = {}
    seconds: dict[str, float] = {}
    for name, entry in options.entries("scale").items():
        factory = entry.regressor
        if factory is None:
            continue
        began = time.perf_counter()
        figures: dict[str, dict[str, float]] = {}
        for critic, members in _per_critic(range(len(keep)), critics).items():
            predicted = np.zeros(len(members))
            hits3 = hits4 = 0
            folds = _scale_folds(label3[members])
            for k, (train, test) in enumerate(folds):
                options.progress(f"scale {name} {critic}: fold {k + 1}/10")
                tr, te = members[train], members[test]
                cut3, cut4 = _learned_cuts(factory, texts, rating, label3, label4, tr)
                model = factory().fit([texts[i] for i in tr], rating[tr])
                predicted[test] = model.predict([texts[i] for i in te])
                hits3 += int((np.digitize(predicted[test], cut3) == label3[te]).sum())
                hits4 += int((np.digitize(predicted[test], cut4) == label4[te]).sum())
            figures[critic] = {"accuracy_3class": hits3 / len(members),
                               "accuracy_4class": hits4 / len(members),
                               "pearson_r": pearson(predicted, rating[members]),
                               "mae_points": float(100 * np.mean(np.abs(predicted - rating[members])))}
        seconds[name] = round(time.perf_counter() - began, 1)
        per_critic[name] = figures
        rows.append(EvalRow(name, entry.peer, {
            metric: float(np.mean([f[metric] for f in figures.values()]))
            for metric in ("accuracy_3class", "accuracy_4class", "pearson_r", "mae_points")}))
    majority = {critic: (float(np.bincount(label3[m]).max() / len(m)), float(np.bincount(label4[m]).max() / len(m)))
                for critic, m in _per_critic(range(len(keep)), critics).items()}
    rows.append(EvalRow("majority class", True, {
        "accuracy_3class": float(np.mean([a for a, _ in majority.values()])),
        "accuracy_4class": float(np.mean([b for _, b in majority.values()]))}))
    return EvalTable("scale", "10-fold stratified CV per critic (seed 0), class cuts learned on "
                     "inner 5-fold CV of each training fold; mean of the 4 critics",
                     tuple(rows), {"n": len(keep), "sample": options.sample, "seconds": seconds,
                                   "per_critic": per_critic})
