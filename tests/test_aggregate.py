"""Film figures: the interval, the bands and the minimum count."""

from __future__ import annotations

import pytest

from critica.aggregate import band_of, film_aggregate, wilson_interval
from critica.records import Review
from critica.settings import Settings


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        # Reference values of the Wilson score interval at 95% (Newcombe 1998, table I).
        (8, 10, (49.0, 94.3)),
        (0, 10, (0.0, 27.8)),
        (10, 10, (72.2, 100.0)),
        (81, 263, (25.5, 36.5)),
    ],
)
def test_wilson_interval(k: int, n: int, expected: tuple[float, float]) -> None:
    low, high = wilson_interval(k, n) or (None, None)
    assert low == pytest.approx(expected[0], abs=0.15)
    assert high == pytest.approx(expected[1], abs=0.15)


def test_wilson_interval_of_nothing() -> None:
    assert wilson_interval(0, 0) is None


@pytest.mark.parametrize(
    ("score", "band"),
    [(100, "universal acclaim"), (81, "universal acclaim"), (80, "generally favorable"),
     (61, "generally favorable"), (60, "mixed or average"), (40, "mixed or average"),
     (39, "generally unfavorable"), (20, "generally unfavorable"), (19, "overwhelming dislike"),
     (0, "overwhelming dislike"), (None, None)],
)
def test_metacritic_bands(score: float | None, band: str | None) -> None:
    assert band_of(score) == band


def _review(i: int, score: float) -> Review:
    verdict = "positive" if score >= 60 else "mixed" if score >= 40 else "negative"
    return Review(
        path=f"doc{i}.txt", critic=f"Critic {i}", outlet=None, published=None, reported_in=None,
        rating_text=None, score=score, score_source="predicted", verdict=verdict,
        fresh=verdict == "positive", p_positive=score / 100, quote=f"Opinion number {i}.",
    )


def test_no_score_below_the_minimum_count() -> None:
    reviews = [_review(i, 80) for i in range(4)]
    agg = film_aggregate("A Film", reviews, Settings(min_reviews=5))
    assert agg.n_reviews == 4 and agg.percent_positive is None and agg.consensus is None


def test_figures_from_reviews() -> None:
    reviews = [_review(i, s) for i, s in enumerate([90, 80, 70, 50, 20])]
    agg = film_aggregate("A Film", reviews, Settings(min_reviews=5))
    assert agg.n_reviews == 5 and agg.n_positive == 3
    assert agg.percent_positive == 60.0
    assert agg.mean_score == 62.0 and agg.band == "generally favorable"
    assert agg.consensus and agg.consensus_sources
    assert agg.consensus_sources[0].quote in {r.quote for r in reviews}
