"""TextRegressor (0-100 score of a full review) and the threshold learner for 3-class labels."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest

from critica.errors import ModelError
from critica.score.scoremodel import TextRegressor, learn_thresholds, three_class

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_scale = pytest.mark.skipif(not (DATA / "scaledata-v1.0").is_dir(),
                                 reason=f"scale data not found under {DATA}")

# Hand-written mini reviews with a rating in 0..1; enough repeated words for a ridge fit.
GOOD = ["a superb , moving film with brilliant acting", "brilliant and moving , a superb story",
        "the acting is superb and the story brilliant", "moving , funny and brilliant throughout"]
BAD = ["a dull , tedious mess with awful acting", "tedious and dull , an awful script",
       "the script is awful and the pacing tedious", "dull , clumsy and awful throughout"]
MIXED = ["some brilliant scenes but a dull middle", "superb acting , tedious script",
         "moving at times , awful at others", "a brilliant start and a dull end"]
TEXTS = GOOD + BAD + MIXED
RATINGS = [0.9, 0.95, 0.85, 0.9, 0.1, 0.15, 0.05, 0.1, 0.5, 0.55, 0.45, 0.5]


def test_estimator_contract() -> None:
    params = inspect.signature(TextRegressor.__init__).parameters
    model = TextRegressor(alpha=0.5, verdict_weight=0.0)
    assert model.alpha == 0.5 and model.verdict_weight == 0.0
    assert not [k for k in vars(model) if k.endswith("_")]
    with pytest.raises(ModelError):
        model.predict(["anything"])
    assert model.fit(TEXTS, RATINGS) is model
    learned = [k for k in vars(model) if k not in params]
    assert learned and all(k.endswith("_") for k in learned)
    with pytest.raises(ModelError):
        TextRegressor().fit(TEXTS, [2.0] * len(TEXTS))  # ratings must be 0..1
    with pytest.raises(ModelError):
        TextRegressor().fit(TEXTS, RATINGS[:-1])


@pytest.mark.parametrize("verdict_weight", [0.0, 0.3])
def test_orders_unseen_reviews(verdict_weight: float) -> None:
    model = TextRegressor(alpha=0.3, verdict_weight=verdict_weight, min_df=1).fit(TEXTS, RATINGS)
    pred = model.predict(["superb and brilliant , a moving triumph",
                          "an awful , tedious and dull waste", ""])
    assert np.all((pred >= 0) & (pred <= 1))
    assert pred[0] > 0.6 > 0.4 > pred[1]
    assert model.score(["superb"])[0] == pytest.approx(100 * model.predict(["superb"])[0])


def test_save_load_round_trip(tmp_path: Path) -> None:
    model = TextRegressor(alpha=0.3, verdict_weight=0.3, min_df=1).fit(TEXTS, RATINGS)
    files = model.save(tmp_path)
    assert {f.suffix for f in files} == {".npz", ".json"}
    loaded = TextRegressor.load(tmp_path)
    probe = ["brilliant but tedious", "an awful mess", "moving"]
    assert np.allclose(loaded.predict(probe), model.predict(probe), atol=1e-5)
    with pytest.raises(ModelError):
        TextRegressor.load(tmp_path / "missing")


def test_learn_thresholds_recovers_cuts() -> None:
    rng = np.random.default_rng(0)
    rating = rng.random(3000)
    labels = np.digitize(rating, [0.3, 0.65])
    pred = 0.5 + 0.5 * (rating - 0.5)  # shrunk toward the middle, as ridge does
    low, high = learn_thresholds(pred, labels, 3)
    assert low == pytest.approx(0.4, abs=0.01) and high == pytest.approx(0.575, abs=0.01)
    cuts4 = learn_thresholds(pred, np.digitize(rating, [0.25, 0.5, 0.75]), 4)
    assert cuts4 == pytest.approx([0.375, 0.5, 0.625], abs=0.015)


@needs_scale
def test_three_class_rule_matches_the_label_files() -> None:
    from critica.score.data import read_scaledata
    from critica.score.scoremodel import _label_files

    rows = read_scaledata(DATA)
    labels3, _ = _label_files(DATA)
    for critic, labels in labels3.items():
        rating = np.array([r.rating for r in rows if r.critic == critic])
        assert np.array_equal(three_class(rating), labels), critic


@needs_scale
def test_scale_data_one_critic_cross_validated() -> None:
    """Scott Renshaw's 902 reviews, 5-fold CV: the floors sit below the measured values."""
    from scipy.stats import pearsonr
    from sklearn.model_selection import KFold

    from critica.score.data import read_scaledata
    from critica.score.scoremodel import verdict_features

    rows = [r for r in read_scaledata(DATA) if r.critic == "Scott Renshaw"]
    texts, y = [r.text for r in rows], np.array([r.rating for r in rows])
    verdict = verdict_features(texts)
    pred = np.zeros(len(y))
    for train, test in KFold(5, shuffle=True, random_state=0).split(y):
        model = TextRegressor().fit([texts[i] for i in train], y[train], verdict=verdict[train])
        pred[test] = model.predict([texts[i] for i in test], verdict=verdict[test])
    r = float(pearsonr(pred, y)[0])
    assert r > 0.72, r
    text_only = np.zeros(len(y))
    for train, test in KFold(5, shuffle=True, random_state=0).split(y):
        model = TextRegressor(verdict_weight=0.0).fit([texts[i] for i in train], y[train])
        text_only[test] = model.predict([texts[i] for i in test])
    assert r > float(pearsonr(text_only, y)[0])  # the verdict features add something


def test_shipped_score_model_loads_and_orders_reviews() -> None:
    from critica.score.model import MODELS_DIR

    model = TextRegressor.load(MODELS_DIR)
    good = ("a superb , moving film , one of the best of the year . the performances are "
            "wonderful and the direction is assured . highly recommended .")
    bad = ("a dull , lifeless mess . the script is awful , the acting wooden and the jokes "
           "fall flat . avoid it .")
    scores = model.score([good, bad])
    assert scores[0] > scores[1] + 15, scores
    assert np.all((scores >= 0) & (scores <= 100))
