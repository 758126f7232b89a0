"""The 95% interval on real data: from a random half of a film's Rotten Tomatoes reviews, it
covers the film's percent fresh over all its reviews (labels, not predictions) for at least
90% of the dev split's films with 20 or more reviews.

Two forms are checked: the product's plain Wilson interval (the reviews a film has are a
sample of all that could be written, so no correction), and Wilson with the finite-population
correction, which is the exact question here (half of a known N). Both must reach 90%.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from critica.aggregate.figures import wilson_interval
from critica.score.data import read_rt_reviews
from support import SEED_DIR

DATA = SEED_DIR.parent.parent / "data"


def coverage(population_correction: bool, seed: int = 0) -> tuple[float, int]:
    by_film: dict[str, list[int]] = defaultdict(list)
    for review in read_rt_reviews(DATA):
        by_film[review.film_id].append(review.label)
    rng = random.Random(seed)
    covered = total = 0
    for labels in by_film.values():
        if len(labels) < 20:
            continue
        half = rng.sample(labels, len(labels) // 2)
        true = 100 * sum(labels) / len(labels)
        interval = wilson_interval(sum(half), len(half),
                                   population=len(labels) if population_correction else None)
        assert interval is not None
        total += 1
        covered += interval[0] - 0.05 <= true <= interval[1] + 0.05  # intervals are rounded
    return covered / total, total


@pytest.mark.skipif(not (DATA / "rt-critic-reviews").is_dir(), reason="shared data not present")
@pytest.mark.parametrize("population_correction", [False, True])
def test_interval_covers_true_percent_fresh(population_correction: bool) -> None:
    share, films = coverage(population_correction)
    assert films >= 100
    assert share >= 0.90, f"covered {share:.1%} of {films} films"


def test_population_correction_narrows_and_closes() -> None:
    plain = wilson_interval(30, 50)
    corrected = wilson_interval(30, 50, population=100)
    assert plain and corrected
    assert corrected[1] - corrected[0] < plain[1] - plain[0]
    assert wilson_interval(30, 50, population=50) == (60.0, 60.0)
