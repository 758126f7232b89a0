"""Badges, with documented rules and hysteresis (a badge is easier to keep than to earn).

certified (defaults in settings.py, all configurable):
    earned when the critics' score is at least 75% positive, from at least 40 critics' reviews
    of which at least 5 are by top critics;
    kept, once held, while the score stays at or above 70% and the counts still hold;
    lost below 70%.
no-score: fewer critics' reviews than ``min_reviews``: the film shows no score at all.

Hysteresis needs the previous state: callers pass the badges the film held before; a first
run starts from none. Runs that save into a store (``critica analyze --db``, ``critica batch
--db``, the web API's POST and DELETE) read them with ``Store.held_badges()``, matching the
stored film by its slug, and hand them to ``pipeline.build_films``; a run without a store
starts every film from none.
"""

from __future__ import annotations

from collections.abc import Collection

from critica.records import Badge
from critica.settings import Settings

__all__ = ["CERTIFIED", "NO_SCORE", "award_badges", "certified_rule"]

CERTIFIED = "certified"
NO_SCORE = "no-score"


def certified_rule(settings: Settings) -> str:
    return (f"at least {settings.badge_certified_percent:g}% positive from at least "
            f"{settings.badge_certified_reviews} critics' reviews including "
            f"{settings.badge_certified_top} top critics; kept until it falls below "
            f"{settings.badge_certified_keep_percent:g}%")


def award_badges(percent: float | None, n_reviews: int, n_top: int, settings: Settings,
                 held: Collection[str] = ()) -> tuple[Badge, ...]:
    if percent is None:
        return (Badge(NO_SCORE, f"fewer than {settings.min_reviews} critics' reviews"),)
    counts_hold = (n_reviews >= settings.badge_certified_reviews
                   and n_top >= settings.badge_certified_top)
    threshold = (settings.badge_certified_keep_percent if CERTIFIED in held
                 else settings.badge_certified_percent)
    if counts_hold and percent >= threshold:
        return (Badge(CERTIFIED, certified_rule(settings)),)
    return ()
