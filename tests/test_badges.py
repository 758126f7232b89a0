"""Badge rules and their hysteresis, with the thresholds read from the settings."""

from __future__ import annotations

from critica.aggregate.badges import CERTIFIED, NO_SCORE, award_badges
from critica.settings import Settings

S = Settings()


def names(percent: float | None, n: int, top: int, held: tuple[str, ...] = ()) -> set[str]:
    return {b.name for b in award_badges(percent, n, top, S, held)}


def test_certified_needs_percent_count_and_top_critics() -> None:
    n, top = S.badge_certified_reviews, S.badge_certified_top
    assert CERTIFIED in names(S.badge_certified_percent, n, top)
    assert CERTIFIED not in names(S.badge_certified_percent - 0.1, n, top)
    assert CERTIFIED not in names(S.badge_certified_percent, n - 1, top)
    assert CERTIFIED not in names(S.badge_certified_percent, n, top - 1)


def test_hysteresis_keeps_until_the_lower_threshold() -> None:
    n, top = S.badge_certified_reviews, S.badge_certified_top
    between = (S.badge_certified_percent + S.badge_certified_keep_percent) / 2
    assert CERTIFIED not in names(between, n, top)  # not earned from below
    assert CERTIFIED in names(between, n, top, (CERTIFIED,))  # kept once held
    assert CERTIFIED not in names(S.badge_certified_keep_percent - 0.1, n, top, (CERTIFIED,))


def test_no_score_is_a_badge_of_its_own() -> None:
    assert names(None, S.min_reviews - 1, 0) == {NO_SCORE}
