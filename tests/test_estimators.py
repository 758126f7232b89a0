"""One conformance test over every text estimator critica ships or evaluates as its own.

The contract (critica/score/estimator.py, after scikit-learn's): ``__init__`` only stores its
parameters; ``fit`` returns self; every attribute ``fit`` learns ends in ``_``;
``predict_proba`` gives probabilities of shape (n, 2) whose rows sum to one; an unfitted
estimator raises ModelError rather than training on first use.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from critica.errors import ModelError
from critica.score.ensemble import StackedVerdict
from critica.score.estimator import TextClassifier
from critica.score.model import LinearTextModel, VerdictModel

# A small fixed sample written for this test: two kinds of verdict, several wordings each.
POSITIVE = [
    "a tender, funny and deeply moving film", "the finest performance of her career",
    "gorgeously shot and superbly acted", "a joy from the first frame to the last",
    "smart, warm and endlessly inventive", "one of the best films of the decade",
    "the cast is terrific and the script sparkles", "an exhilarating, beautiful ride",
]
NEGATIVE = [
    "a tedious, lifeless slog", "the weakest script the studio has produced",
    "clumsily shot and woodenly acted", "a chore from the first frame to the last",
    "dull, shrill and endlessly derivative", "one of the worst films of the decade",
    "the cast is wasted and the script clunks", "an exhausting, ugly mess",
]
TEXTS = POSITIVE * 3 + NEGATIVE * 3
LABELS = np.array([1] * (3 * len(POSITIVE)) + [0] * (3 * len(NEGATIVE)))
UNSEEN = ["a moving and beautiful film", "a dull and ugly mess", ""]


def _ours() -> dict[str, Callable[[], Any]]:
    factories: dict[str, Callable[[], Any]] = {
        "LinearTextModel": lambda: LinearTextModel(n_features=2**12, cv=2),
        "VerdictModel": lambda: VerdictModel(n_features=2**12, cv=2, C=1.0),
        "StackedVerdict-none": lambda: StackedVerdict(encoder="none", cv=2),
        "StackedVerdict-frozen": lambda: StackedVerdict(encoder="frozen", cv=2),
    }
    try:  # the eval harness registry: every model of ours it measures
        from critica.evaluate.models import MODELS
    except ImportError:
        return factories
    for name, entry in MODELS.items():
        for role in ("classifier", "document"):
            factory = getattr(entry, role, None)
            if factory is not None and not entry.peer:
                factories[f"eval:{name}:{role}"] = factory
    return factories


ESTIMATORS = _ours()


@pytest.mark.parametrize("name", sorted(ESTIMATORS))
def test_estimator_contract(name: str) -> None:
    estimator = ESTIMATORS[name]()
    assert isinstance(estimator, TextClassifier)
    # __init__ stores each parameter under its own name and learns nothing
    params = [p for p in inspect.signature(type(estimator).__init__).parameters if p != "self"]
    for param in params:
        assert hasattr(estimator, param), f"{name} does not store parameter {param!r}"
    assert not [k for k in vars(estimator) if k.endswith("_") and not k.startswith("_")]
    with pytest.raises(ModelError):
        estimator.predict_proba(UNSEEN)
    before = set(vars(estimator))
    stored = {p: getattr(estimator, p) for p in params}
    assert estimator.fit(TEXTS, LABELS) is estimator
    learned = [k for k in set(vars(estimator)) - before if not k.startswith("_")]
    assert learned and all(k.endswith("_") for k in learned), learned
    assert {p: getattr(estimator, p) for p in params} == stored  # fit changes no parameter
    proba = estimator.predict_proba(UNSEEN)
    assert proba.shape == (len(UNSEEN), 2)
    assert np.all((proba >= 0) & (proba <= 1)) and np.allclose(proba.sum(axis=1), 1.0)
    # the sample is separable in words: a fitted model must get its own training texts mostly right
    assert (estimator.predict(TEXTS) == LABELS).mean() >= 0.9
