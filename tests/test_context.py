"""Film context (score/context.py): features by hand, the fit's direction, and the file form."""

from __future__ import annotations

import math

import numpy as np
import pytest

from critica.errors import ModelError
from critica.score.context import FEATURES, FilmContext, context_features


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_features_leave_the_review_itself_out() -> None:
    p = [0.9, 0.8, 0.2, 0.6]
    films = ["a", "a", "a", "b"]
    x = context_features(p, films)
    assert x.shape == (4, len(FEATURES))
    # review 0 of film a: its own logit, the mean logit of reviews 1 and 2, log 3
    assert x[0, 0] == pytest.approx(_logit(0.9))
    assert x[0, 1] == pytest.approx((_logit(0.8) + _logit(0.2)) / 2)
    assert x[0, 2] == pytest.approx(math.log(3))
    assert x[0, 3] == pytest.approx(x[0, 1] * math.log(3))
    # film b has one review: no others, nothing borrowed
    assert list(x[3, 1:]) == [0.0, 0.0, 0.0]


def test_context_pulls_an_unsure_review_toward_its_film() -> None:
    # training films where reviews agree with their film's majority: the fit must learn to
    # lean on the others when a review's own p is unsure
    rng = np.random.default_rng(0)
    p, y, films = [], [], []
    for f in range(60):
        share = 0.85 if f % 2 else 0.15
        for _ in range(25):
            label = int(rng.random() < share)
            own = 0.5 + (0.3 if label else -0.3) * rng.random()
            p.append(own)
            y.append(label)
            films.append(f"f{f}")
    model = FilmContext().fit(p, y, films)
    assert model.coef_[0] > 0  # a review's own evidence still counts
    unsure = [0.5] + [0.9] * 20
    fresh_film = model.transform(unsure, ["x"] * 21)[0]
    rotten_film = model.transform([0.5] + [0.1] * 20, ["y"] * 21)[0]
    assert fresh_film > 0.5 > rotten_film


def test_round_trip_and_errors() -> None:
    p, y, films = [0.9, 0.2, 0.7, 0.4, 0.8, 0.3], [1, 0, 1, 0, 1, 0], list("aabbcc")
    model = FilmContext().fit(p, y, films)
    again = FilmContext.from_dict(model.to_dict())
    assert np.allclose(again.transform(p, films), model.transform(p, films), atol=1e-5)
    with pytest.raises(ModelError):
        FilmContext().transform(p, films)
    with pytest.raises(ModelError):
        FilmContext().fit(p, [1] * 6, films)
    with pytest.raises(ModelError):
        context_features(p, films[:3])
