"""critica-stack in ``critica eval``: the cross-fitted protocol of score/train_encoder.py.

The shipped stack reads an encoder fine-tuned on MR and RT, so a plain per-fold CV would need a
fine-tune per fold (hours on two cores). Instead two encoders are cross-fitted on halves
(train_encoder.cross_fit, reused here, never reimplemented):

- E_0: MR folds 0-4 + RT films of half 0; E_1: MR folds 5-9 + RT films of half 1 (crc32 of the
  film id), SST-2 test sentences and their duplicates removed from both;
- every MR and RT row's encoder logit comes from the encoder of the other half, which never saw
  that row (nor, for RT, its film); an SST-2 test sentence gets the mean of both.

The harness's MR folds are train_encoder's folds (the same seeded StratifiedKFold over the same
rows, checked in :func:`load_crossfit`): harness fold k + 1 of 10 is fold k, so folds 1-5 lie in
half 0 and are read by E_1, folds 6-10 in half 1 and are read by E_0. NBSVM and the stacker are
then fitted per harness fold on its training rows only (StackedVerdict with the logits passed in).

A text's logit is looked up by its text: MR has no repeated text; the 151 RT texts that repeat
get the mean of their rows' logits. A text with no out-of-half logit is an error, never a guess.

Sampled runs (``--sample``, CI) cannot fine-tune on the full halves, so critica-stack falls back
to the frozen variant (a head on frozen MiniLM embeddings fitted per fold) and says so.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import numpy as np

from critica.errors import ModelError

if TYPE_CHECKING:
    from critica.evaluate.models import ModelEntry
    from critica.evaluate.tasks import EvalOptions
    from critica.score.data import LabelledText, RTReview
    from critica.score.ensemble import StackedVerdict
    from critica.score.train_encoder import CrossFit

__all__ = ["CrossFitData", "CrossFitStack", "PolarityStack", "bind_stack", "default_cache",
           "load_crossfit"]

SEED = 0
MINUTES_PER_ENCODER = 30  # measured here: 1,850 s for half 1 (6 layers, 2 epochs), 1 thread
_LOADED: dict[tuple[Path, Path], CrossFitData] = {}
_POLARITY: dict[str, float] = {}  # polarity text -> logit of its sentence-weighted p_doc


def default_cache() -> Path:
    """Where the two cross-fitted encoders live unless --encoder-cache says otherwise."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "critica" / "crossfit"


@dataclass(frozen=True)
class CrossFitData:
    mr: list[LabelledText]
    rt: list[RTReview]
    sst_test: list[str]
    cf: CrossFit
    cache: Path


def load_crossfit(data_dir: Path, cache: Path, say: Callable[[str], None]) -> CrossFitData:
    """The two cross-fitted encoders' out-of-half logits: read from ``cache``, or fine-tuned
    into it first (train_encoder.cross_fit) when a half is missing."""
    from critica.evaluate.tasks import mr_folds
    from critica.score.data import read_mr, read_rt_reviews
    from critica.score.train_encoder import EPOCHS, TRAIN_LAYERS, cross_fit, read_sst2

    key = (data_dir.resolve(), cache.resolve())
    if key in _LOADED:
        return _LOADED[key]
    mr, rt = read_mr(data_dir), read_rt_reviews(data_dir)
    sst_test, _ = read_sst2(data_dir, "test")
    for h in (0, 1):
        if not (cache / f"encoder_top_half{h}.safetensors").exists():
            say(f"no cross-fitted encoder E_{h} in {cache}: fine-tuning it now ({TRAIN_LAYERS} "
                f"layers + head, {EPOCHS:g} epochs, about 24,000 sentences; about "
                f"{MINUTES_PER_ENCODER} minutes on a 2-core machine), then reading the other half")
    try:
        cf = cross_fit(mr, rt, sst_test, None, say, cache)
    except ValueError as exc:  # arrays of another data version: shapes disagree
        raise ModelError(f"the cross-fitted logits in {cache} do not match the data in "
                         f"{data_dir} ({exc}); delete that folder to fine-tune again") from exc
    harness = np.zeros(len(mr), dtype=int)
    y = np.array([r.label for r in mr])
    for k, (_, test) in enumerate(mr_folds([r.text for r in mr], y)):
        harness[test] = k
    if not np.array_equal(harness, cf.mr_fold):
        raise ModelError("the harness's MR folds differ from the cross-fit halves' folds")
    data = CrossFitData(mr, rt, list(sst_test), cf, cache)
    _LOADED[key] = data
    return data


def _logit_table(texts: Sequence[str], logits: np.ndarray) -> dict[str, float]:
    """Text -> out-of-half logit; a text on several rows gets the mean of their logits."""
    sums: dict[str, list[float]] = {}
    for text, value in zip(texts, logits.tolist(), strict=True):
        if np.isfinite(value):
            sums.setdefault(text, []).append(float(value))
    return {t: float(np.mean(v)) for t, v in sums.items()}


@dataclass(frozen=True)
class Extra:
    """Rows added to every fold's training set (never a row of the task's own test folds)."""

    texts: list[str]
    y: np.ndarray
    groups: list[str]
    logits: np.ndarray  # NaN: NBSVM trains on the row, the stacker does not
    first: bool = False  # placed before the fold's rows (the order train_encoder used)


class CrossFitStack:
    """StackedVerdict whose encoder feature is each text's out-of-half logit (looked up).

    ``use_given=False`` (sst2) trains on ``extra`` alone: the cross-fitted stack is fitted on MR
    + RT with SST-2 test sentences removed, not on the SST-2 train split.
    """

    def __init__(self, logits: Mapping[str, float], extra: Extra | None = None,
                 groups: Mapping[str, str] | None = None, cv: int = 3,
                 use_given: bool = True) -> None:
        self.logits = logits
        self.extra = extra
        self.groups = groups
        self.cv = cv
        self.use_given = use_given

    def _lookup(self, texts: Sequence[str]) -> np.ndarray:
        try:
            return np.array([self.logits[t] for t in texts], dtype=float)
        except KeyError as exc:
            raise ModelError(f"no out-of-half encoder logit for {str(exc)[:80]}") from exc

    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray,
            groups: Sequence[str] | None = None, **kwargs: Any) -> Self:
        from critica.score.ensemble import StackedVerdict

        own = list(texts) if self.use_given else []
        own_y = np.asarray(y, dtype=int)[:len(own)]
        own_groups: list[str] | None = None
        if own:
            own_groups = (list(groups) if groups is not None
                          else None if self.groups is None else [self.groups[t] for t in own])
        parts = [(own, own_y, own_groups, self._lookup(own))]
        if self.extra is not None:
            e = self.extra
            parts.insert(0 if e.first else 1, (e.texts, e.y, e.groups, e.logits))
        all_groups = [g for _, _, gs, _ in parts for g in (gs or [])]
        self.model_ = StackedVerdict(cv=self.cv, random_state=SEED).fit(
            [t for ts, _, _, _ in parts for t in ts], np.concatenate([p[1] for p in parts]),
            groups=all_groups if len(all_groups) == sum(len(p[0]) for p in parts) else None,
            encoder_logits=np.concatenate([p[3] for p in parts]))
        start = len(self.extra.texts) if self.extra is not None and self.extra.first else 0
        self.oof_proba_ = self.model_.oof_proba_[start:start + len(own)]  # the fold's own rows
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.model_.predict_proba(texts, self._lookup(texts))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)


class PolarityStack:
    """polarity v2.0 document model: NBSVM-bi on the training folds' whole reviews, stacked
    with the logit of the review's sentence-weighted p_doc from the cross-fitted stack (fitted
    on MR + RT only, never on polarity data), as train.py's ``_polarity2_cv``."""

    def __init__(self, doc_logits: Mapping[str, float]) -> None:
        self.doc_logits = doc_logits

    def _z(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self.doc_logits[t] for t in texts], dtype=float)

    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray,
            groups: Sequence[str] | None = None, **kwargs: Any) -> Self:
        from sklearn.linear_model import LogisticRegression

        from critica.score.model import LinearTextModel

        labels = np.asarray(y, dtype=int)
        self.nb_ = LinearTextModel(random_state=SEED).fit(list(texts), labels)
        oof = np.log(self.nb_.oof_proba_ / (1 - self.nb_.oof_proba_))
        self.stack_ = LogisticRegression(C=1e4).fit(np.column_stack([oof, self._z(texts)]), labels)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        nb = self.nb_.decision_function(list(texts)) * self.nb_.platt_[0] + self.nb_.platt_[1]
        return np.asarray(self.stack_.predict_proba(np.column_stack([nb, self._z(texts)])))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)


def _shipped_stack(data: CrossFitData) -> StackedVerdict:
    """The shipped recipe from the cache: all MR + RT with out-of-half logits, E_0 reading."""
    from critica.score.encoder import SentenceEncoder
    from critica.score.train_encoder import fit_shipped_stack

    stack = fit_shipped_stack(data.mr, data.rt, data.cf)
    stack.encoder_ = SentenceEncoder(quantize=True).load(data.cache / "encoder_top_half0.safetensors")
    return stack


def _polarity_logits(data_dir: Path, data: CrossFitData, say: Callable[[str], None]
                     ) -> dict[str, float]:
    from critica.score.data import read_polarity2
    from critica.score.document import score_sentences
    from critica.score.model import load_opinion
    from critica.score.sentences import Sentence

    docs = read_polarity2(data_dir)
    if all(d.text in _POLARITY for d in docs):
        return _POLARITY
    say("polarity: fitting the stack on MR + RT (out-of-half logits) and reading 2,000 reviews")
    stack, opinion = _shipped_stack(data), load_opinion()
    for n, d in enumerate(docs):
        if n % 200 == 0:
            say(f"polarity: sentence-weighted p_doc {n}/{len(docs)}")
        lines = [line for line in d.text.splitlines() if line.strip()]
        sentences = [Sentence(line, 0, len(line), "body", i, i == len(lines) - 1)
                     for i, line in enumerate(lines)]
        p = score_sentences(sentences, stack.nbsvm_, opinion, ensemble=stack).p_positive or 0.5
        q = min(max(p, 1e-6), 1 - 1e-6)
        _POLARITY[d.text] = float(np.log(q / (1 - q)))
    return _POLARITY


def _mr_groups(data: CrossFitData) -> dict[str, str]:
    return {r.text: f"mr{i % 10}" for i, r in enumerate(data.mr)}


def bind_stack(entry: ModelEntry, task: str, options: EvalOptions) -> ModelEntry:
    """critica-stack as run on ``task``: cross-fitted on full runs, frozen on sampled ones."""
    if task == "scale":
        return entry  # a verdict model: no scale row
    if options.sample is not None:
        return replace(entry, note="sampled run: encoder feature = a head on frozen MiniLM "
                       "embeddings fitted per fold (the fine-tuned encoders are cross-fitted on "
                       "the full sets' halves only)")
    cache = options.encoder_cache or default_cache()
    data = load_crossfit(options.data_dir, cache, options.progress)
    cf, mr, rt = data.cf, data.mr, data.rt
    mr_logits = _logit_table([r.text for r in mr], cf.mr_logit)
    mr_y = np.array([r.label for r in mr])
    common = (f"cross-fitted encoders E_0/E_1 from {cache} (MR folds 0-4 / 5-9 + RT film "
              "halves, SST-2 test removed); each row's logit from the encoder that never saw it")
    if task == "mr":
        keep = np.flatnonzero(~cf.rt_dup)  # RT rows duplicating no MR or SST-2 test sentence
        extra = Extra([rt[i].text for i in keep], np.array([rt[i].label for i in keep]),
                      [rt[i].film_id for i in keep], np.full(len(keep), np.nan))
        groups = _mr_groups(data)
        note = (f"{common}; harness fold k+1 = halves' fold k (1-5: half 0, read by E_1; 6-10: "
                "half 1, read by E_0); NBSVM also trains on deduplicated RT reviews, the stacker "
                "on MR training rows only")
        return replace(entry, classifier=lambda: CrossFitStack(mr_logits, extra, groups, cv=3),
                       note=note)
    if task in ("rt", "rt-films"):
        rt_logits = _logit_table([r.text for r in rt], cf.rt_logit)
        extra = Extra([r.text for r in mr], mr_y, [f"mr{i % 10}" for i in range(len(mr))],
                      cf.mr_logit, first=True)
        note = (f"{common} (or its film); trained on all MR + the training films; repeated RT "
                "texts get their rows' mean logit")
        return replace(entry, classifier=lambda: CrossFitStack(rt_logits, extra, cv=3), note=note)
    if task == "sst2":
        keep_mr, keep_rt = np.flatnonzero(~cf.mr_sst_dup), np.flatnonzero(~cf.rt_dup)
        extra = Extra([mr[i].text for i in keep_mr] + [rt[i].text for i in keep_rt],
                      np.concatenate([mr_y[keep_mr], [rt[i].label for i in keep_rt]]),
                      [f"mr{i % 10}" for i in keep_mr] + [rt[i].film_id for i in keep_rt],
                      np.concatenate([cf.mr_logit[keep_mr], cf.rt_logit[keep_rt]]), first=True)
        sst_logits = _logit_table(data.sst_test, cf.sst_logit)
        note = (f"{common}; test sentences read by the mean of E_0 and E_1; trained on MR + RT "
                "with SST-2 test sentences and their duplicates removed, not on SST-2 train")
        return replace(entry, note=note, classifier=lambda: CrossFitStack(
            sst_logits, extra, cv=3, use_given=False))
    if task == "polarity":
        z = _polarity_logits(options.data_dir, data, options.progress)
        note = ("NBSVM-bi on the training folds' reviews stacked with the sentence-weighted "
                f"p_doc of the shipped recipe (NBSVM + E_0 from {cache}, fitted on MR + RT; no "
                "encoder or model saw polarity data)")
        return replace(entry, document=lambda: PolarityStack(z), note=note)
    return entry
