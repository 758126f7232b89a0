"""Prevalence estimation (percent fresh per film) and calibration helpers."""

from __future__ import annotations

import inspect
from pathlib import Path

import numpy as np
import pytest

from critica.errors import ModelError
from critica.score.calibration import (
    Recalibrator,
    expected_calibration_error,
    reliability_table,
)
from critica.score.quantify import (
    METHODS,
    PrevalenceEstimator,
    adjusted_count,
    em_prior,
    film_percent_fresh,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
needs_rt = pytest.mark.skipif(not (DATA / "rt-critic-reviews").is_dir(),
                              reason=f"Rotten Tomatoes reviews not found under {DATA}")


def _sample(n: int, prior: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Calibrated posteriors under a 50/50 training prior: scores N(+1, 1) vs N(-1, 1)."""
    y = (rng.random(n) < prior).astype(int)
    s = rng.normal(np.where(y == 1, 1.0, -1.0), 1.0)
    return 1.0 / (1.0 + np.exp(-2.0 * s)), y  # exact posterior at prior 0.5


def test_estimator_contract() -> None:
    params = inspect.signature(PrevalenceEstimator.__init__).parameters
    est = PrevalenceEstimator(threshold=0.4)
    assert est.threshold == 0.4 and not [k for k in vars(est) if k.endswith("_")]
    with pytest.raises(ModelError):
        est.estimate(np.array([0.3]), "cc")
    rng = np.random.default_rng(0)
    p, y = _sample(2000, 0.5, rng)
    assert est.fit(p, y) is est
    assert all(k.endswith("_") for k in vars(est) if k not in params)
    with pytest.raises(ModelError):
        est.estimate(p, "nonsense")
    with pytest.raises(ModelError):
        est.estimate(p, "reg")  # needs groups in fit


def test_hand_computed_values() -> None:
    assert adjusted_count(0.5, tpr=0.8, fpr=0.2) == pytest.approx(0.5)
    assert adjusted_count(0.62, tpr=0.8, fpr=0.2) == pytest.approx(0.7)
    assert adjusted_count(0.95, tpr=0.8, fpr=0.2) == 1.0  # clipped
    assert adjusted_count(0.1, tpr=0.8, fpr=0.2) == 0.0
    est = PrevalenceEstimator().fit(np.array([0.9, 0.8, 0.3, 0.6, 0.2, 0.1]),
                                    np.array([1, 1, 1, 0, 0, 0]))
    assert (est.tpr_, est.fpr_) == (pytest.approx(2 / 3), pytest.approx(1 / 3))
    p = np.array([0.9, 0.7, 0.2, 0.1])
    assert est.estimate(p, "cc") == 0.5
    assert est.estimate(p, "pcc") == pytest.approx(0.475)
    assert est.estimate(p, "acc") == pytest.approx(0.5)
    # pacc: (0.475 - 0.3) / (0.6667 - 0.3)
    assert est.estimate(p, "pacc") == pytest.approx((0.475 - 0.3) / (2 / 3 - 0.3))
    assert est.estimate(np.array([]), "em") == 0.5


@pytest.mark.parametrize("prior", [0.2, 0.8, 0.95])
def test_corrections_recover_a_shifted_prior(prior: float) -> None:
    rng = np.random.default_rng(1)
    p_cal, y_cal = _sample(20_000, 0.5, rng)
    est = PrevalenceEstimator().fit(p_cal, y_cal)
    p, y = _sample(20_000, prior, rng)
    truth = float(y.mean())
    cc = est.estimate(p, "cc")
    assert abs(cc - truth) > 0.04  # counting is biased toward the middle
    for method in ("acc", "pacc", "em"):
        assert abs(est.estimate(p, method) - truth) < 0.02, method


def test_em_prior_stays_put_without_shift() -> None:
    rng = np.random.default_rng(2)
    p, _ = _sample(20_000, 0.5, rng)
    assert em_prior(p, 0.5) == pytest.approx(0.5, abs=0.02)


def test_film_percent_fresh_mixes_known_and_predicted() -> None:
    est = PrevalenceEstimator().fit(np.array([0.9, 0.8, 0.2, 0.1]), np.array([1, 1, 0, 0]))
    assert film_percent_fresh([1, 1, 0, 1], np.array([]), est) == 75.0
    assert film_percent_fresh([], np.array([]), est) is None
    # 2 known fresh of 2, plus 2 predicted with cc = 0.5: 3 of 4
    assert film_percent_fresh([1, 1], np.array([0.9, 0.1]), est, "cc") == 75.0
    for method in METHODS[:-1]:
        value = film_percent_fresh([1, 0], np.array([0.7, 0.6, 0.2]), est, method)
        assert value is not None and 0 <= value <= 100


# --- calibration ---------------------------------------------------------------------------

def test_ece_of_perfect_and_overconfident_predictions() -> None:
    rng = np.random.default_rng(3)
    p = rng.random(50_000)
    y = (rng.random(50_000) < p).astype(int)
    assert expected_calibration_error(p, y) < 0.01
    overconfident = np.where(p >= 0.5, 1.0, 0.0)
    assert expected_calibration_error(overconfident, y) == pytest.approx(0.25, abs=0.01)
    # hand-computed: two bins, |0.1 - 0| * 1/2 + |0.9 - 0| * 1/2
    assert expected_calibration_error(np.array([0.1, 0.9]), np.array([0, 0])) == pytest.approx(0.5)


def test_reliability_table_bins() -> None:
    rows = reliability_table(np.array([0.0, 0.05, 0.5, 1.0]), np.array([0, 1, 1, 1]))
    assert len(rows) == 15 and sum(r.count for r in rows) == 4
    assert rows[0].count == 2 and rows[0].fraction_positive == 0.5
    assert rows[-1].count == 1 and rows[-1].mean_p == 1.0  # p = 1 sits in the last bin
    with pytest.raises(ModelError):
        reliability_table(np.array([1.2]), np.array([1]))


@pytest.mark.parametrize("method", ["platt", "isotonic"])
def test_recalibration_fixes_distorted_probabilities(method: str) -> None:
    rng = np.random.default_rng(4)
    true_p = rng.random(40_000)
    y = (rng.random(40_000) < true_p).astype(int)
    distorted = true_p ** 3  # monotone, badly calibrated
    fit, held = slice(0, 20_000), slice(20_000, None)
    assert expected_calibration_error(distorted[held], y[held]) > 0.1
    recal = Recalibrator(method).fit(distorted[fit], y[fit])
    fixed = recal.transform(distorted[held])
    assert expected_calibration_error(fixed, y[held]) < 0.03
    again = Recalibrator.from_dict(recal.to_dict()).transform(distorted[held])
    assert np.allclose(again, fixed, atol=1e-5)
    with pytest.raises(ModelError):
        Recalibrator("nonsense").fit(distorted, y)


# --- a small real sample of Rotten Tomatoes films ------------------------------------------

@needs_rt
def test_percent_fresh_on_held_out_rt_films() -> None:
    """Train on 300 films, estimate the percent fresh of held-out films with >= 20 reviews.

    A fixed sample (films sorted by id) so the figure is the same on every run; the floors sit
    a little above the values measured when this test was written.
    """
    from critica.score.data import read_rt_reviews
    from critica.score.model import LinearTextModel

    rt = read_rt_reviews(DATA)
    films = sorted({r.film_id for r in rt}, key=int)
    train_films, test_films = set(films[:300]), set(films[300:420])
    train = [r for r in rt if r.film_id in train_films]
    model = LinearTextModel(n_features=2**18, cv=3, random_state=0).fit(
        [r.text for r in train], [r.label for r in train], groups=[r.film_id for r in train])
    y_train = np.array([r.label for r in train])
    est = PrevalenceEstimator().fit(model.oof_proba_, y_train,
                                    groups=[r.film_id for r in train])
    errors: dict[str, list[float]] = {m: [] for m in METHODS}
    for film in sorted(test_films, key=int):
        rows = [r for r in rt if r.film_id == film]
        if len(rows) < 20:
            continue
        p = model.predict_proba([r.text for r in rows])[:, 1]
        truth = 100 * np.mean([r.label for r in rows])
        for method in METHODS:
            errors[method].append(abs(100 * est.estimate(p, method) - truth))
    mae = {m: float(np.mean(e)) for m, e in errors.items()}
    assert len(errors["cc"]) >= 40
    # measured: cc 12.7, acc 11.0, pcc 16.6, pacc 11.3, em 10.5, reg 8.3
    assert mae["reg"] < 9.5, mae
    assert all(mae[m] < mae["cc"] for m in ("acc", "pacc", "em", "reg")), mae
    assert max(mae.values()) < 18.0, mae


def test_shipped_estimator_and_estimate_film() -> None:
    """The shipped files load offline; graded reviews count as read, the rest are estimated."""
    from critica.score.grades import load_grades
    from critica.score.quantify import estimate_film, load_prevalence

    est, grades = load_prevalence(), load_grades()
    assert 0.5 < est.tpr_ < 1 and 0 < est.fpr_ < 0.5 and hasattr(est, "reg_coef_")
    # every review graded: the grades decide (3/4 fresh, C rotten), whatever the text says
    assert estimate_film(["3/4", "C", "B+", "1/5"], [0.1, 0.9, 0.5, 0.5], grades, est) == 50.0
    # a coin-toss grade (2.5/4) follows the text
    assert estimate_film(["2.5/4"], [0.95], grades, est) == 100.0
    assert estimate_film(["2.5/4"], [0.05], grades, est) == 0.0
    assert estimate_film([], [], grades, est) is None
    mixed = estimate_film(["3/4", None, None, None], [0.9, 0.95, 0.9, 0.97], grades, est, "cc")
    assert mixed == 100.0
    with pytest.raises(ModelError):
        estimate_film(["3/4"], [0.9, 0.1], grades, est)
