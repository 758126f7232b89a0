"""Fine-tune the MiniLM encoder and fit the NBSVM + encoder stack, with a cross-fitted protocol.

Fine-tuning once per test fold (10 for MR, 5 for RT) would take hours on two cores, so the
evaluation cross-fits instead, and nothing is ever trained on the rows it is measured on:

- the data are split into two halves: MR by its 10 CV folds (folds 0-4 and 5-9), RT critic
  reviews by film (crc32 of the film id, so a film never straddles halves);
- encoder E_h is fine-tuned on MR half h plus ``RT_PER_HALF`` RT reviews of film half h, with
  every row that also appears in the SST-2 test set removed (SST is built from MR's sentences)
  and RT rows duplicating an MR or SST-test sentence removed;
- every MR and RT row gets its encoder logit from the encoder of the *other* half, which never
  saw it (and, for RT, never saw its film); the SST-2 test sentences get the mean of both;
- the standard protocols then run on top: MR 10-fold CV and RT 5-fold CV grouped by film fit
  NBSVM and the stacker on the training folds only, with these out-of-half logits as the
  encoder feature. No SST data trains anything measured on MR.

What ships is E_0's top layers and head (encoder_top.safetensors) and a stack fitted on all
MR + RT rows with their out-of-half logits, which is how E_0 behaves on text it never saw.
"""

from __future__ import annotations

import math
import re
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from sklearn.model_selection import GroupKFold, StratifiedKFold

from critica.score.data import LabelledText, RTReview
from critica.score.encoder import TOP_NAME, SentenceEncoder
from critica.score.ensemble import StackedVerdict

if TYPE_CHECKING:
    from critica.score.train import Metric

__all__ = ["CrossFit", "expected_calibration_error", "read_sst2", "split_halves"]

SEED = 0
RT_PER_HALF = 40000  # every RT review of the half (about 17,000 after deduplication)
TRAIN_LAYERS = 6  # all of them: measured against 4 layers, 1 epoch (docs/benchmarks.md)
EPOCHS = 2.0
MAX_LENGTH = 64
# One thread: on a shared, oversubscribed machine two OpenMP threads spend most of their time
# waiting for each other (measured: 15 s per step against under 1 s alone).
THREADS = 1
QUANTIZE = True  # the shipped encoder reads in int8 (speed); the stack is fitted on such logits
Progress = Callable[[str], None]


def _key(text: str) -> str:
    """Text reduced to letters and digits: MR's and SST's tokenisations compare equal."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def read_sst2(data_dir: Path, split: str) -> tuple[list[str], np.ndarray]:
    """SST-2 sentence-level split ('train', 'dev', 'test'): texts and 0/1 labels."""
    path = data_dir / "sst2" / "sentence-level" / f"stsa.binary.{split}"
    rows = [line.split(" ", 1) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r[1] for r in rows], np.array([int(r[0]) for r in rows])


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """ECE with equal-width bins of p(positive): sum over bins of |accuracy - confidence|."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            total += sel.sum() / len(p) * abs(float(y[sel].mean()) - float(p[sel].mean()))
    return total


@dataclass(frozen=True)
class CrossFit:
    """Out-of-half encoder logits for every MR and RT row and the SST-2 test sentences."""

    mr_fold: np.ndarray
    mr_logit: np.ndarray
    rt_logit: np.ndarray
    sst_logit: np.ndarray
    mr_sst_dup: np.ndarray  # MR rows that are SST-2 test sentences
    rt_dup: np.ndarray  # RT rows duplicating an MR or SST-2 test sentence


def split_halves(mr: Sequence[LabelledText], rt: Sequence[RTReview], sst_test: Sequence[str]
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """MR fold (0-9), MR half, RT film half, MR-in-SST-test and RT duplicate masks."""
    texts = [r.text for r in mr]
    labels = np.array([r.label for r in mr])
    fold = np.zeros(len(mr), int)
    for k, (_, test) in enumerate(
            StratifiedKFold(10, shuffle=True, random_state=SEED).split(texts, labels)):
        fold[test] = k
    sst_keys = {_key(t) for t in sst_test}
    mr_keys = {_key(t) for t in texts}
    rt_half = np.array([zlib.crc32(r.film_id.encode()) % 2 for r in rt])
    rt_dup = np.array([_key(r.text) in mr_keys or _key(r.text) in sst_keys for r in rt])
    mr_sst = np.array([_key(t) in sst_keys for t in texts])
    return fold, (fold >= 5).astype(int), rt_half, mr_sst, rt_dup


def fine_tune_half(h: int, mr: Sequence[LabelledText], rt: Sequence[RTReview],
                   halves: tuple[np.ndarray, ...], say: Progress) -> SentenceEncoder:
    _, mr_half, rt_half, mr_sst, rt_dup = halves
    rng = np.random.default_rng(SEED + h)
    mr_rows = np.flatnonzero((mr_half == h) & ~mr_sst)
    rt_pool = np.flatnonzero((rt_half == h) & ~rt_dup)
    rt_rows = rng.choice(rt_pool, min(RT_PER_HALF, len(rt_pool)), replace=False)
    texts = [mr[i].text for i in mr_rows.tolist()] + [rt[i].text for i in rt_rows.tolist()]
    y = np.array([mr[i].label for i in mr_rows.tolist()] + [rt[i].label for i in rt_rows.tolist()])
    say(f"fine-tuning encoder half {h} on {len(y)} sentences")
    return SentenceEncoder(train_layers=TRAIN_LAYERS, epochs=EPOCHS, max_length=MAX_LENGTH,
                           threads=THREADS,
                           random_state=SEED).fit(texts, y, progress=say)


def cross_fit(mr: Sequence[LabelledText], rt: Sequence[RTReview], sst_test: Sequence[str],
              out_dir: Path | None, say: Progress, cache: Path | None = None,
              fit_halves: tuple[int, ...] = (0, 1)) -> CrossFit:
    """Fine-tune E_0 and E_1 and read every row with the one that never saw it.

    E_0's top is copied to ``out_dir`` (it is the shipped encoder; ``None``: not copied, as in
    ``critica eval``, which only reads the cache). ``cache``: a folder that
    keeps each half's top and logits, so a rerun (or a run cut short) does not fine-tune again.
    ``fit_halves=(0,)`` fine-tunes E_0 only: rows of half 0 then have no honest logit (NaN) and
    every measurement is restricted to half 1 (MR folds 5-9, RT film half 1).
    """
    import shutil

    halves = split_halves(mr, rt, sst_test)
    fold, mr_half, rt_half, mr_sst, rt_dup = halves
    keep = cache or out_dir
    if keep is None:
        raise ValueError("cross_fit needs out_dir or cache")
    keep.mkdir(parents=True, exist_ok=True)
    mr_logit, rt_logit = np.full(len(mr), np.nan), np.full(len(rt), np.nan)
    sst_logit = np.zeros(len(sst_test))
    for h in fit_halves:
        top, logits = keep / f"encoder_top_half{h}.safetensors", keep / f"logits_half{h}.npz"
        mr_rows, rt_rows = np.flatnonzero(mr_half != h), np.flatnonzero(rt_half != h)
        if cache is None or not top.exists():
            began = time.perf_counter()
            fine_tune_half(h, mr, rt, halves, say).save_top(top)
            say(f"encoder half {h} fine-tuned in {time.perf_counter() - began:.0f} s")
        if h == 0 and out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(top, out_dir / TOP_NAME)
        if cache is None or not logits.exists():
            say(f"encoder half {h} reads the other half")
            # read as shipped: float16 top over the base, int8 linear layers (load_encoder)
            encoder = SentenceEncoder(quantize=QUANTIZE, max_length=MAX_LENGTH,
                                      threads=THREADS).load(top)
            np.savez(logits, mr=encoder.logits([mr[i].text for i in mr_rows.tolist()]),
                     rt=encoder.logits([rt[i].text for i in rt_rows.tolist()]),
                     sst=encoder.logits(list(sst_test)))
        with np.load(logits) as z:
            mr_logit[mr_rows], rt_logit[rt_rows] = z["mr"], z["rt"]
            sst_logit += z["sst"] / len(fit_halves)
    return CrossFit(fold, mr_logit, rt_logit, sst_logit, mr_sst, rt_dup)


def stack_mr_cv(texts: list[str], y: np.ndarray, cf: CrossFit,
                rt: Sequence[RTReview] | None = None) -> dict[str, float]:
    """MR 10-fold CV (the published folds' sizes) of NBSVM + out-of-half encoder logits.

    With ``rt``, NBSVM also trains on the RT critic reviews that duplicate no MR or SST-2 test
    sentence (more data of the same kind; no SST), while the stacker, which is also the
    calibration, is fitted on the MR training rows only (RT rows get no logit, so
    StackedVerdict.fit leaves them out of it).
    """
    p = np.full(len(y), np.nan)
    known = np.isfinite(cf.mr_logit)
    extra = [] if rt is None else [i for i in range(len(rt)) if not cf.rt_dup[i]]
    extra_texts = [rt[i].text for i in extra] if rt is not None else []
    extra_y = np.array([rt[i].label for i in extra] if rt is not None else [], dtype=int)
    extra_groups = [rt[i].film_id for i in extra] if rt is not None else []
    for k in sorted(set(cf.mr_fold[known].tolist())):
        train, test = np.flatnonzero(cf.mr_fold != k), np.flatnonzero((cf.mr_fold == k) & known)
        model = StackedVerdict(cv=3 if extra else 5, random_state=SEED).fit(
            [texts[i] for i in train] + extra_texts, np.concatenate([y[train], extra_y]),
            groups=[f"mr{i % 10}" for i in train.tolist()] + extra_groups if extra else None,
            encoder_logits=np.concatenate([cf.mr_logit[train], np.full(len(extra), np.nan)]))
        p[test] = model.predict_proba([texts[i] for i in test], cf.mr_logit[test])[:, 1]
    return {"accuracy": float(((p[known] >= 0.5) == y[known]).mean()),
            "encoder_alone": float(((cf.mr_logit[known] > 0) == y[known]).mean()),
            "ece": expected_calibration_error(p[known], y[known]), "n": float(known.sum())}


def stack_rt_cv(mr_texts: list[str], mr_y: np.ndarray, rt: Sequence[RTReview], cf: CrossFit,
                say: Progress) -> tuple[dict[str, float], np.ndarray]:
    """RT fresh/rotten, 5-fold CV grouped by film, text only; trained on MR + RT train folds."""
    texts = [r.text for r in rt]
    y = np.array([r.label for r in rt])
    films = np.array([r.film_id for r in rt])
    p = np.full(len(rt), np.nan)
    known = np.isfinite(cf.rt_logit)
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(texts, y, groups=films)):
        say(f"RT grouped CV fold {k + 1}/5 (stack)")
        test = test[known[test]]
        model = StackedVerdict(cv=3, random_state=SEED).fit(
            mr_texts + [texts[i] for i in train], np.concatenate([mr_y, y[train]]),
            groups=[f"mr{i % 10}" for i in range(len(mr_texts))] + list(films[train]),
            encoder_logits=np.concatenate([cf.mr_logit, cf.rt_logit[train]]))
        p[test] = model.predict_proba([texts[i] for i in test], cf.rt_logit[test])[:, 1]
    pk, yk = p[known], y[known]
    return ({"accuracy": float(((pk >= 0.5) == yk).mean()),
             "encoder_alone": float(((cf.rt_logit[known] > 0) == yk).mean()),
             "ece": expected_calibration_error(pk, yk),
             "brier": float(np.mean((pk - yk) ** 2)), "n": float(known.sum())}, p)


def stack_sst(mr: Sequence[LabelledText], rt: Sequence[RTReview], sst_test: list[str],
              sst_y: np.ndarray, cf: CrossFit) -> dict[str, float]:
    """SST-2 test: a stack trained on MR + RT rows that are not SST-2 test sentences."""
    keep_mr = np.flatnonzero(~cf.mr_sst_dup)  # NBSVM trains on these; the stacker on the
    keep_rt = np.flatnonzero(~cf.rt_dup)  # rows among them with a logit (StackedVerdict.fit)
    texts = [mr[i].text for i in keep_mr.tolist()] + [rt[i].text for i in keep_rt.tolist()]
    y = np.array([mr[i].label for i in keep_mr.tolist()] + [rt[i].label for i in keep_rt.tolist()])
    groups = [f"mr{i % 10}" for i in keep_mr.tolist()] + [rt[i].film_id for i in keep_rt.tolist()]
    model = StackedVerdict(cv=3, random_state=SEED).fit(
        texts, y, groups=groups,
        encoder_logits=np.concatenate([cf.mr_logit[keep_mr], cf.rt_logit[keep_rt]]))
    p = model.predict_proba(sst_test, cf.sst_logit)[:, 1]
    return {"accuracy": float(((p >= 0.5) == sst_y).mean()),
            "encoder_alone": float(((cf.sst_logit > 0) == sst_y).mean()),
            "nbsvm_alone": float((model.nbsvm_.predict(sst_test) == sst_y).mean())}


def fit_shipped_stack(mr: Sequence[LabelledText], rt: Sequence[RTReview], cf: CrossFit
                      ) -> StackedVerdict:
    """The shipped stack: all MR + RT rows, encoder feature = out-of-half logits."""
    texts = [r.text for r in mr] + [r.text for r in rt]
    y = np.array([r.label for r in mr] + [r.label for r in rt])
    groups = [f"mr{i % 10}" for i in range(len(mr))] + [r.film_id for r in rt]
    grades = np.array([math.nan] * len(mr) + [_grade(r.grade) for r in rt])
    return StackedVerdict(random_state=SEED).fit(
        texts, y, groups=groups, grades=grades,
        encoder_logits=np.concatenate([cf.mr_logit, cf.rt_logit]))


def _grade(text: str) -> float:
    from critica.score.ratings import parse_rating

    rating = parse_rating(text) if text else None
    return rating.score if rating else math.nan


def fit_encoder_models(data_dir: Path, out_dir: Path, mr: Sequence[LabelledText],
                       rt: Sequence[RTReview], say: Progress, cache: Path | None = None,
                       evaluate: bool = True, fit_halves: tuple[int, ...] = (0, 1)
                       ) -> tuple[StackedVerdict, list[Metric]]:
    """Fine-tune, measure (MR, RT, SST-2, calibration) and fit the shipped stack."""
    from critica.score.train import Metric  # noqa: F811 (runtime import: train imports us)

    sst_test, sst_y = read_sst2(data_dir, "test")
    began = time.perf_counter()
    cached = cache is not None and all(
        (cache / f"encoder_top_half{h}.safetensors").exists() for h in fit_halves)
    cf = cross_fit(mr, rt, sst_test, out_dir, say, cache, fit_halves)
    metrics = [Metric("encoder_cross_fit_seconds", time.perf_counter() - began,
                      f"two fine-tunes ({TRAIN_LAYERS} layers + head, {EPOCHS:g} epochs) "
                      "and their reading" + (f" (read from the cache {cache}: no fine-tuning "
                                             "in this run)" if cached else ""))]
    if evaluate:
        mr_texts, mr_y = [r.text for r in mr], np.array([r.label for r in mr])
        say("MR 10-fold CV of the stack")
        m = stack_mr_cv(mr_texts, mr_y, cf)
        note = (f"10-fold CV, {m['n']:.0f} rows read; encoder logits out-of-half (never saw "
                "the test fold), no SST")
        metrics += [Metric("mr_stack_cv10_accuracy", m["accuracy"], note),
                    Metric("mr_encoder_alone_accuracy", m["encoder_alone"], "out-of-half logit > 0"),
                    Metric("mr_stack_ece", m["ece"], "10 equal-width bins")]
        say("MR 10-fold CV of the stack, NBSVM also on RT reviews")
        m = stack_mr_cv(mr_texts, mr_y, cf, rt)
        metrics += [Metric("mr_stack_rt_cv10_accuracy", m["accuracy"],
                           "as mr_stack_cv10 with NBSVM also trained on RT reviews (deduplicated "
                           "against MR and SST-2 test); stacker on MR training rows only"),
                    Metric("mr_stack_rt_ece", m["ece"], "10 equal-width bins")]
        r, _ = stack_rt_cv(mr_texts, mr_y, rt, cf, say)
        note = (f"{r['n']:.0f} of {len(rt)} reviews read, 5-fold grouped by film, text only; "
                "encoder never saw the film")
        metrics += [Metric("rt_stack_accuracy", r["accuracy"], note),
                    Metric("rt_encoder_alone_accuracy", r["encoder_alone"], "out-of-half logit > 0"),
                    Metric("rt_stack_ece", r["ece"], "10 equal-width bins"),
                    Metric("rt_stack_brier", r["brier"], "")]
        say("SST-2 sentence-level test")
        s = stack_sst(mr, rt, sst_test, sst_y, cf)
        note = f"{len(sst_y)} test sentences; nothing trained on them or their MR duplicates"
        metrics += [Metric("sst2_test_stack_accuracy", s["accuracy"], note),
                    Metric("sst2_test_encoder_alone_accuracy", s["encoder_alone"],
                           "mean of both halves' logits > 0"),
                    Metric("sst2_test_nbsvm_alone_accuracy", s["nbsvm_alone"],
                           "NBSVM of the same stack")]
    for metric in metrics:
        say(f"{metric.name} = {metric.value:.4f}")
    say("fitting the shipped stack (NBSVM + encoder)")
    return fit_shipped_stack(mr, rt, cf), metrics
