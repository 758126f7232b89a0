"""The contract every text scorer follows, so the evaluation harness can treat them alike.

scikit-learn's estimator contract, narrowed to what critica needs: ``__init__`` only stores
parameters; ``fit(texts, y, groups=None)`` learns (``groups`` keeps a film's reviews in one
inner fold) and returns self; learned attributes end in ``_``; ``predict_proba(texts)`` returns
calibrated probabilities of shape (n, 2), columns [negative, positive]; ``predict`` thresholds
at 0.5. tests/test_estimators.py runs one conformance test over every registered estimator.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, Self, runtime_checkable

import numpy as np

__all__ = ["TextClassifier"]


@runtime_checkable
class TextClassifier(Protocol):
    def fit(self, texts: Sequence[str], y: Sequence[int] | np.ndarray,
            groups: Sequence[str] | None = None, **kwargs: Any) -> Self: ...

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...

    def predict(self, texts: Sequence[str]) -> np.ndarray: ...
