"""The shipped verdict model: NBSVM and a MiniLM encoder, stacked and calibrated.

Two views of a snippet disagree in useful ways: NBSVM (model.py) knows the exact n-grams critics
use ("a waste of", "must-see"); the encoder (encoder.py) knows meaning beyond the words seen in
training ("I'd rather watch paint dry"). A logistic regression over their two margins,

    p = sigmoid(a * nbsvm_margin + b * encoder_logit + c),

is both the combiner and the calibration: it is fitted on out-of-fold margins only (NBSVM refit
per inner fold; the encoder's logit from an encoder that never saw the row, see ``fit``), so
its probabilities are honest ones.

The encoder feature is one of:
- ``encoder="tuned"``: the fine-tuned head's logit of the shipped encoder (encoder_top.safetensors);
- ``encoder="frozen"``: a logistic regression on frozen base embeddings, fitted in ``fit`` with
  out-of-fold predictions (slower to fit, but trainable on any fold without fine-tuning);
- ``encoder="none"``: NBSVM alone, Platt-calibrated (no torch at all).
``fit`` and ``predict_proba`` accept ``encoder_logits=`` to pass a precomputed feature, which is how
the cross-fitted evaluation feeds logits of encoders fine-tuned on the other half of the data.

Files: ``stack.json`` (stacking weights and parameters); the NBSVM part is ``verdict.npz/json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Self

import numpy as np

from critica.errors import ModelError
from critica.score.encoder import DIM, MODELS_DIR, SentenceEncoder, load_encoder
from critica.score.model import VERDICT_NAME, VerdictModel, load_default

__all__ = ["STACK_NAME", "StackedVerdict", "load_stacked"]

STACK_NAME = "stack.json"
_EMBEDDINGS: dict[str, np.ndarray] = {}  # text -> frozen base embedding, for "frozen" stacks
EncoderMode = Literal["tuned", "frozen", "none"]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)))


class StackedVerdict:
    """p(positive) of a snippet from NBSVM + MiniLM (estimator contract: fit returns self)."""

    def __init__(self, encoder: EncoderMode = "tuned", C: float = 0.5, C_embed: float = 1.0,
                 cv: int = 5, random_state: int = 0) -> None:
        self.encoder = encoder
        self.C = C
        self.C_embed = C_embed
        self.cv = cv
        self.random_state = random_state

    # -- parts --------------------------------------------------------------------------------
    def _splits(self, n: int, y: np.ndarray, groups: Sequence[str] | None) -> list[Any]:
        from sklearn.model_selection import GroupKFold, StratifiedKFold

        if groups is not None:
            return list(GroupKFold(n_splits=self.cv).split(np.zeros(n), y, groups=list(groups)))
        folds = StratifiedKFold(self.cv, shuffle=True, random_state=self.random_state)
        return list(folds.split(np.zeros(n), y))

    def _encoder(self) -> SentenceEncoder:
        if not hasattr(self, "encoder_"):
            self.encoder_ = load_encoder() if self.encoder == "tuned" else _base_encoder()
        return self.encoder_

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        """Frozen base embeddings, memoised: cross-validation embeds each text many times."""
        missing = list(dict.fromkeys(t for t in texts if t not in _EMBEDDINGS))
        if missing:
            _EMBEDDINGS.update(zip(missing, self._encoder().embed(missing), strict=True))
        return np.stack([_EMBEDDINGS[t] for t in texts]) if texts else np.zeros((0, DIM))

    def _encoder_feature(self, texts: Sequence[str]) -> np.ndarray:
        if self.encoder == "tuned":
            return self._encoder().logits(texts).astype(float)
        emb = self._embed(texts)
        return np.asarray(emb @ self.embed_coef_ + self.embed_intercept_, dtype=float)

    # -- estimator ----------------------------------------------------------------------------
    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray,
            groups: Sequence[str] | None = None, encoder_logits: np.ndarray | None = None,
            **kwargs: Any) -> Self:
        """Fit NBSVM, the encoder feature (out-of-fold) and the stacker on out-of-fold margins.

        ``encoder_logits``: a precomputed encoder feature per text from an encoder that never saw
        that text (cross-fitting; NaN where there is none); without it the tuned encoder's head is used ("tuned"), or a
        head on frozen embeddings is fitted here ("frozen").
        """
        from sklearn.linear_model import LogisticRegression

        labels = np.asarray(y, dtype=int)
        if len(texts) != len(labels) or len(set(labels.tolist())) != 2:
            raise ModelError("fit needs texts and labels of equal length with both classes present")
        self.nbsvm_ = VerdictModel(C=self.C, cv=self.cv, random_state=self.random_state).fit(
            texts, labels, groups=groups, grades=kwargs.get("grades"))
        nb_oof = _logit(self.nbsvm_.oof_proba_)
        if self.encoder == "none":
            features = nb_oof[:, None]
        else:
            if encoder_logits is not None:
                enc = np.asarray(encoder_logits, dtype=float)
            elif self.encoder == "frozen":
                enc = self._fit_frozen_head(texts, labels, groups)
            else:
                enc = self._encoder_feature(texts)
            features = np.column_stack([nb_oof, enc])
        # rows without an honest encoder logit (NaN: cross-fitting left them out) train NBSVM
        # but not the stacker
        rows = np.all(np.isfinite(features), axis=1)
        stack = LogisticRegression(C=1e4, solver="lbfgs").fit(features[rows], labels[rows])
        self.stack_coef_ = stack.coef_.ravel().astype(float)
        self.stack_intercept_ = float(stack.intercept_[0])
        self.oof_proba_ = _sigmoid(features @ self.stack_coef_ + self.stack_intercept_)  # NaN: no logit
        return self

    def _fit_frozen_head(self, texts: Sequence[str], y: np.ndarray,
                         groups: Sequence[str] | None) -> np.ndarray:
        """Logistic regression on frozen embeddings; returns its out-of-fold logits."""
        from sklearn.linear_model import LogisticRegression

        emb = self._embed(texts)
        oof = np.zeros(len(y))
        for train, test in self._splits(len(y), y, groups):
            head = LogisticRegression(C=self.C_embed, max_iter=2000).fit(emb[train], y[train])
            oof[test] = head.decision_function(emb[test])
        head = LogisticRegression(C=self.C_embed, max_iter=2000).fit(emb, y)
        self.embed_coef_ = head.coef_.ravel().astype(np.float32)
        self.embed_intercept_ = float(head.intercept_[0])
        return oof

    def _check_fitted(self) -> None:
        if not hasattr(self, "stack_coef_"):
            raise ModelError(f"{type(self).__name__} is not fitted: call fit() or load() first")

    def decision_function(self, texts: Sequence[str],
                          encoder_logits: np.ndarray | None = None) -> np.ndarray:
        self._check_fitted()
        nb = self.nbsvm_.decision_function(texts)
        nb = self.nbsvm_.platt_[0] * nb + self.nbsvm_.platt_[1]
        if self.encoder == "none":
            return np.asarray(self.stack_coef_[0] * nb + self.stack_intercept_)
        enc = (self._encoder_feature(texts) if encoder_logits is None
               else np.asarray(encoder_logits, dtype=float))
        return np.asarray(self.stack_coef_[0] * nb + self.stack_coef_[1] * enc
                          + self.stack_intercept_)

    def predict_proba(self, texts: Sequence[str],
                      encoder_logits: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities, shape (n, 2): columns [negative, positive]."""
        p = _sigmoid(self.decision_function(texts, encoder_logits))
        return np.column_stack([1.0 - p, p])

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)

    # -- files --------------------------------------------------------------------------------
    def save(self, directory: Path, extra: dict[str, Any] | None = None) -> Path:
        """Writes stack.json; the NBSVM part is saved by its own ``save`` (verdict.npz/json)."""
        self._check_fitted()
        if self.encoder == "frozen":
            raise ModelError("only the 'tuned' and 'none' stacks ship (frozen is for evaluation)")
        meta = {"class": type(self).__name__, "encoder": self.encoder,
                "params": {"C": self.C, "C_embed": self.C_embed, "cv": self.cv,
                           "random_state": self.random_state},
                "features": ["nbsvm_platt_logit", "encoder_logit"][:len(self.stack_coef_)],
                "coef": [round(float(c), 6) for c in self.stack_coef_],
                "intercept": round(self.stack_intercept_, 6), **(extra or {})}
        path = directory / STACK_NAME
        path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, directory: Path = MODELS_DIR) -> StackedVerdict:
        try:
            meta = json.loads((directory / STACK_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load {STACK_NAME} from {directory}: {exc}; retrain with "
                             "`critica train --data ../shared/data`") from exc
        model = cls(encoder=meta["encoder"], **meta["params"])
        model.nbsvm_ = (load_default() if directory == MODELS_DIR
                        else VerdictModel.load(directory, VERDICT_NAME))  # type: ignore[assignment]
        model.stack_coef_ = np.asarray(meta["coef"], dtype=float)
        model.stack_intercept_ = float(meta["intercept"])
        return model


@lru_cache(maxsize=1)
def _base_encoder() -> SentenceEncoder:
    """The package's all-MiniLM-L6-v2 as it is (no fine-tuned top), int8, loaded once."""
    return SentenceEncoder(quantize=True).load()


@lru_cache(maxsize=2)
def load_stacked(directory: Path = MODELS_DIR) -> StackedVerdict | None:
    """The shipped stack, or None when this checkout has none (NBSVM alone is used then)."""
    if not (directory / STACK_NAME).exists():
        return None
    return StackedVerdict.load(directory)
