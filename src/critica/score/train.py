"""Train the shipped score models from the public data sets and measure them.

``train_all(data_dir, out_dir)`` is what ``critica train --data ../shared/data`` runs. With the
fixed seed it reproduces the files in src/critica/models/ and writes MODEL_CARD.md beside them:

1. MR (sentence polarity), 10-fold stratified CV, MR alone: the published protocol.
2. Rotten Tomatoes critic reviews, 5-fold CV grouped by film id, trained as shipped (MR + the
   training folds of RT): per review accuracy, per film percent fresh (films with >= 20 reviews),
   score against printed grades.
3. polarity v2.0 full reviews (never trained on): document verdicts from sentences, weighted
   (score_sentences) against the plain mean of sentence probabilities.
4. The shipped verdict model: MR + all RT reviews; Platt and the grade map from grouped
   out-of-fold predictions. The opinion model: review snippets against synopsis sentences.
5. With ``encoder=True`` (the default): MiniLM fine-tuned twice on halves of MR + RT and the
   NBSVM + encoder stack, measured by the cross-fitted protocol of train_encoder.py (MR 10-fold,
   RT grouped 5-fold, SST-2 test, calibration); full reviews then use the stack on their
   top sentences (document.py), and the document map and polarity check are measured with it.
6. The grade -> fresh map (grades.py), when that module is present.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold, StratifiedKFold

from critica.score.data import (
    LabelledText,
    read_mr,
    read_polarity2,
    read_rt_reviews,
    read_rt_synopses,
    read_scaledata,
    tokenised_sentences,
)
from critica.score.document import score_sentences
from critica.score.ensemble import StackedVerdict
from critica.score.model import OPINION_NAME, VERDICT_NAME, LinearTextModel, VerdictModel
from critica.score.ratings import parse_rating
from critica.score.sentences import Sentence

__all__ = ["SEED", "TrainingSummary", "train_all"]

SEED = 0
ProgressCallback = Callable[[str], None]
MIN_FILM_REVIEWS = 20


@dataclass(frozen=True)
class Metric:
    name: str
    value: float
    note: str = ""


@dataclass(frozen=True)
class TrainingSummary:
    """What train_all measured and wrote."""

    files: tuple[Path, ...]
    metrics: tuple[Metric, ...]
    seconds: float
    total_bytes: int
    card: Path
    counts: dict[str, int] = field(default_factory=dict)

    def metric(self, name: str) -> float:
        return next(m.value for m in self.metrics if m.name == name)


def _mr_cv(texts: list[str], y: np.ndarray) -> float:
    model = VerdictModel(random_state=SEED)
    X = model._features(texts)
    correct = 0
    for train, test in StratifiedKFold(10, shuffle=True, random_state=SEED).split(X, y):
        coef, b = model._fit_linear(X[train], y[train], None)
        correct += int(((X[test] @ coef + b > 0).astype(int) == y[test]).sum())
    return correct / len(y)


def _grade(text: str) -> float:
    rating = parse_rating(text) if text else None
    return rating.score if rating else math.nan


def _rt_cv(mr_texts: list[str], mr_y: np.ndarray, rt: Sequence, progress: ProgressCallback
           ) -> list[Metric]:
    texts = [r.text for r in rt]
    y = np.array([r.label for r in rt])
    films = np.array([r.film_id for r in rt])
    grades = np.array([_grade(r.grade) for r in rt])
    p = np.zeros(len(rt))
    score = np.zeros(len(rt))
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(texts, y, groups=films)):
        progress(f"RT grouped CV fold {k + 1}/5")
        model = VerdictModel(random_state=SEED, cv=3)
        tr_texts = mr_texts + [texts[i] for i in train]
        tr_y = np.concatenate([mr_y, y[train]])
        tr_groups = [f"mr{i % 10}" for i in range(len(mr_texts))] + list(films[train])
        tr_grades = np.concatenate([np.full(len(mr_texts), math.nan), grades[train]])
        model.fit(tr_texts, tr_y, groups=tr_groups, grades=tr_grades)
        p[test] = model.predict_proba([texts[i] for i in test])[:, 1]
        score[test] = model.score_from_proba(p[test])
    metrics = [
        Metric("rt_review_accuracy", float(((p >= 0.5) == y).mean()),
               f"{len(y)} reviews, 5-fold grouped by film; majority class {max(y.mean(), 1 - y.mean()):.3f}"),
        Metric("rt_review_brier", float(np.mean((p - y) ** 2)), "calibrated p vs fresh"),
    ]
    by_film: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(films):
        by_film[f].append(i)
    errors = [abs(100 * float(np.mean(p[idx] >= 0.5)) - 100 * float(np.mean(y[idx])))
              for idx in by_film.values() if len(idx) >= MIN_FILM_REVIEWS]
    metrics.append(Metric("rt_film_percent_fresh_mae", float(np.mean(errors)),
                          f"points, {len(errors)} films with >= {MIN_FILM_REVIEWS} reviews"))
    graded = ~np.isnan(grades)
    metrics.append(Metric("rt_score_mae", float(np.mean(np.abs(score[graded] - grades[graded]))),
                          f"points vs {int(graded.sum())} printed grades (parse_rating)"))
    metrics.append(Metric("rt_score_pearson", float(np.corrcoef(score[graded], grades[graded])[0, 1]),
                          "predicted score vs printed grade"))
    return metrics


def _peers(mr_texts: list[str], mr_y: np.ndarray, rt_texts: list[str], rt_y: np.ndarray
           ) -> list[Metric]:
    """VADER and TextBlob on the same sets, when installed (the peers extra)."""
    metrics: list[Metric] = []
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        vader = SentimentIntensityAnalyzer()
        for name, texts, y in (("mr", mr_texts, mr_y), ("rt", rt_texts, rt_y)):
            pred = np.array([vader.polarity_scores(t)["compound"] >= 0 for t in texts])
            metrics.append(Metric(f"peer_vader_{name}_accuracy", float((pred == y).mean()),
                                  "compound >= 0 is positive"))
    except ImportError:
        pass
    try:
        from textblob import TextBlob
        for name, texts, y in (("mr", mr_texts, mr_y), ("rt", rt_texts, rt_y)):
            pred = np.array([TextBlob(t).sentiment.polarity >= 0 for t in texts])
            metrics.append(Metric(f"peer_textblob_{name}_accuracy", float((pred == y).mean()),
                                  "polarity >= 0 is positive"))
    except ImportError:
        pass
    return metrics


def _polarity2(data_dir: Path, verdict: VerdictModel, opinion: LinearTextModel,
               stack: StackedVerdict | None = None) -> list[Metric]:
    docs = read_polarity2(data_dir)
    y = np.array([d.label for d in docs])
    results: dict[bool, np.ndarray] = {}
    for weighted in (True, False):
        collected: list[float] = []
        for d in docs:
            lines = [line for line in d.text.splitlines() if line.strip()]
            sentences = [Sentence(line, 0, len(line), "body", i, i == len(lines) - 1)
                         for i, line in enumerate(lines)]
            scored = score_sentences(sentences, verdict, opinion, weighted=weighted,
                                     ensemble=stack if weighted else None)
            collected.append(scored.p_positive or 0.5)
        results[weighted] = np.array(collected)
    metrics = []
    for weighted, ps in results.items():
        tag = "weighted" if weighted else "mean"
        metrics.append(Metric(f"pol2_doc_accuracy_{tag}", float(((ps >= 0.5) == y).mean()),
                              "2,000 full reviews never trained on; p_doc >= 0.5"))
        threshold = float(np.median(ps))
        metrics.append(Metric(f"pol2_doc_accuracy_{tag}_median_cut",
                              float(((ps >= threshold) == y).mean()),
                              f"cut at the median p_doc {threshold:.3f} (balanced set)"))
    metrics.append(Metric("pol2_cv10_stack_accuracy", _polarity2_cv(docs, y, results[True]),
                          "10-fold CV by cvNNN: NBSVM-bi on the training folds' whole reviews "
                          "+ the sentence-weighted p_doc, stacked"))
    return metrics


def _polarity2_cv(docs: Sequence[LabelledText], y: np.ndarray, p_doc: np.ndarray) -> float:
    """polarity v2.0 by its published protocol: a document model fitted per fold.

    Features: NBSVM-bi on whole reviews (fitted on the 9 training folds; its out-of-fold margins
    train the stacker) and the logit of the sentence-weighted p_doc (models never fitted on
    polarity data). A logistic regression on the two is fitted on the training folds.
    """
    from sklearn.linear_model import LogisticRegression

    folds = np.array([d.group for d in docs])
    texts = [d.text for d in docs]
    z_doc = np.log(np.clip(p_doc, 1e-6, 1 - 1e-6) / np.clip(1 - p_doc, 1e-6, 1))
    correct = 0
    for fold in sorted(set(folds.tolist())):
        train, test = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        nb = LinearTextModel(random_state=SEED).fit([texts[i] for i in train], y[train])
        oof = np.log(nb.oof_proba_ / (1 - nb.oof_proba_))
        stacker = LogisticRegression(C=1e4).fit(np.column_stack([oof, z_doc[train]]), y[train])
        nb_test = nb.decision_function([texts[i] for i in test]) * nb.platt_[0] + nb.platt_[1]
        pred = stacker.predict(np.column_stack([nb_test, z_doc[test]]))
        correct += int((pred == y[test]).sum())
    return correct / len(y)


def _document_map(data_dir: Path, verdict: VerdictModel, opinion: LinearTextModel,
                  stack: StackedVerdict | None = None) -> list[Metric]:
    """Fit the document p -> 0-100 map on scale data; measure it by 5-fold CV first."""
    reviews = read_scaledata(data_dir)
    p_doc = np.array([
        score_sentences([Sentence(t, 0, len(t), "body", i, i == len(parts) - 1)
                         for i, t in enumerate(parts)], verdict, opinion,
                        ensemble=stack).p_positive or 0.5
        for parts in (tokenised_sentences(r.text) for r in reviews)])
    rating = np.array([100 * r.rating for r in reviews])
    predicted = np.zeros(len(reviews))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(
            p_doc, [r.critic for r in reviews]):
        knots_x, knots_y = VerdictModel._fit_score_map(p_doc[train], rating[train])
        predicted[test] = np.interp(p_doc[test], knots_x, knots_y)
    verdict.fit_document_map(p_doc, rating)
    band = np.digitize(rating, [40, 60])  # negative / mixed / positive, as verdict_of
    band_hat = np.digitize(predicted, [40, 60])
    return [
        Metric("scale_doc_score_pearson", float(np.corrcoef(predicted, rating)[0, 1]),
               f"{len(reviews)} full reviews of 4 critics, 5-fold CV of the document map"),
        Metric("scale_doc_score_mae", float(np.mean(np.abs(predicted - rating))), "points"),
        Metric("scale_doc_verdict_accuracy", float((band == band_hat).mean()),
               "3 bands (<40, 40-59, >=60) of the critic's own rating"),
    ]


def _opinion_training(mr_texts: list[str], rt_texts: list[str], synopses: list[str]
                      ) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(SEED)
    n = min(len(synopses) * 2, len(mr_texts) + len(rt_texts))
    pool = mr_texts + rt_texts
    opinions = [pool[i] for i in rng.choice(len(pool), size=n, replace=False)]
    return opinions + synopses, np.array([1] * len(opinions) + [0] * len(synopses))


def train_all(data_dir: Path, out_dir: Path, progress: ProgressCallback | None = None,
              evaluate: bool = True, encoder: bool = True,
              cache: Path | None = None,
              encoder_halves: tuple[int, ...] = (0, 1), peers: bool = True) -> TrainingSummary:
    """Train, measure and write the score models and MODEL_CARD.md into ``out_dir``.

    ``progress`` receives one short line per step. ``evaluate=False`` skips the
    cross-validation (the shipped files are the same either way; the card then has no metrics).
    ``encoder=False`` trains the linear models only (minutes instead of about an hour);
    ``cache`` keeps the fine-tuned encoders' logits so a rerun skips fine-tuning;
    ``encoder_halves=(0,)`` fine-tunes one encoder only and measures on the other half.
    """
    from critica.score.card import write_card

    say = progress or (lambda message: None)
    began = time.perf_counter()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    say("reading data")
    mr = read_mr(data_dir)
    rt = read_rt_reviews(data_dir)
    synopses = read_rt_synopses(data_dir)
    mr_texts, mr_y = [r.text for r in mr], np.array([r.label for r in mr])
    rt_texts, rt_y = [r.text for r in rt], np.array([r.label for r in rt])
    metrics: list[Metric] = []
    if evaluate:
        say("MR 10-fold cross-validation")
        metrics.append(Metric("mr_cv10_accuracy", _mr_cv(mr_texts, mr_y),
                              "trained on MR folds only (published protocol)"))
        metrics.extend(_rt_cv(mr_texts, mr_y, rt, say))
        if peers:  # `critica eval` measures them too, beside every model
            say("peers (VADER, TextBlob)")
            metrics.extend(_peers(mr_texts, mr_y, rt_texts, rt_y))
    groups = [f"mr{i % 10}" for i in range(len(mr))] + [r.film_id for r in rt]
    grades = np.array([math.nan] * len(mr) + [_grade(r.grade) for r in rt])
    stack: StackedVerdict | None = None
    if encoder:
        from critica.score.encoder import TOP_NAME, SentenceEncoder
        from critica.score.train_encoder import fit_encoder_models

        stack, encoder_metrics = fit_encoder_models(data_dir, out_dir, mr, rt, say, cache,
                                                    evaluate, encoder_halves)
        metrics.extend(encoder_metrics)
        verdict = stack.nbsvm_  # the stack's NBSVM is the shipped verdict model
        stack.encoder_ = SentenceEncoder(quantize=True).load(out_dir / TOP_NAME)  # as shipped
    else:
        say("fitting the shipped verdict model")
        verdict = VerdictModel(random_state=SEED).fit(
            mr_texts + rt_texts, np.concatenate([mr_y, rt_y]), groups=groups, grades=grades)
    say("fitting the opinion (vs plot) model")
    op_texts, op_y = _opinion_training(mr_texts, rt_texts, synopses)
    opinion = LinearTextModel(n_features=2**18, random_state=SEED, C=0.5).fit(op_texts, op_y)
    say("document score map (scale data)")
    doc_metrics = _document_map(data_dir, verdict, opinion, stack)
    if evaluate:
        metrics.extend(doc_metrics)
        metrics.append(Metric("opinion_cv5_accuracy",
                              float(((opinion.oof_proba_ >= 0.5) == op_y).mean()),
                              f"{int(op_y.sum())} snippets vs {int((1 - op_y).sum())} synopsis sentences"))
        say("polarity v2.0 document check")
        metrics.extend(_polarity2(data_dir, verdict, opinion, stack))
    files = verdict.save(out_dir, VERDICT_NAME, {"data": "MR + RT critic reviews (dev)"})
    files += opinion.save(out_dir, OPINION_NAME, {"data": "MR/RT snippets vs RT synopses"})
    if stack is not None:
        from critica.score.encoder import TOP_NAME

        files += [stack.save(out_dir, {"data": "MR + RT critic reviews, out-of-half logits"}),
                  out_dir / TOP_NAME]
    # the other shipped models, each trained (and measured) by its own module, so that
    # `critica train` alone reproduces every file in the models folder
    from critica.opinion.classifier import OPINION_V2_NAME, train_opinion
    from critica.opinion.stacked import OPINION_HEAD_NAME
    from critica.score.grades import GRADES_NAME, train_grades
    from critica.score.quantify import PREVALENCE_NAME, train_prevalence
    from critica.score.scoremodel import SCORE_NAME, train_score_model

    say("grade -> fresh map")
    metrics.extend(train_grades(data_dir, out_dir, say))
    say("0-100 score model (scale data)")
    metrics.extend(train_score_model(data_dir, out_dir, say, evaluate=evaluate))
    say("film-level percent fresh estimator (RT, out-of-fold p)")
    metrics.extend(train_prevalence(data_dir, out_dir, say))
    say("opinion_v2 (opinion vs plot, n-grams + MiniLM head)")
    metrics.extend(train_opinion(data_dir, out_dir, progress=say))
    files += [out_dir / name for name in (
        f"{GRADES_NAME}.json", f"{SCORE_NAME}.npz", f"{SCORE_NAME}.json",
        f"{PREVALENCE_NAME}.json", f"{OPINION_V2_NAME}.npz", f"{OPINION_V2_NAME}.json",
        f"{OPINION_HEAD_NAME}.json") if (out_dir / name).exists()]
    seconds = time.perf_counter() - began
    counts = {"mr": len(mr), "rt_reviews": len(rt), "rt_films": len({r.film_id for r in rt}),
              "rt_graded": int(np.sum(~np.isnan(grades[len(mr):]))),
              "synopsis_sentences": len(synopses), "opinion_train": len(op_texts)}
    total = sum(f.stat().st_size for f in files)
    card = write_card(out_dir, metrics, counts, seconds, files)
    say(f"done in {seconds:.0f} s")
    return TrainingSummary(tuple(files), tuple(metrics), seconds, total, card, counts)
