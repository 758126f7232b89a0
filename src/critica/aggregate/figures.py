"""Film figures over a group of reviews: percent positive with a 95% interval, a weighted 0-100
mean with Metacritic's bands, and the spread of scores.

- Interval: the Wilson score interval (Wilson 1927), which behaves at small n and near 0% or
  100%, unlike the normal approximation. ``population`` applies the finite-population
  correction (N - n) / (N - 1) to the variance, by running Wilson on the effective size
  n (N - 1) / (N - n): for n of a known N reviews (benchmarks, a random half of a film's
  reviews) the interval then covers the N reviews' own share; with every review in (n = N)
  it is the point itself.
- Mean: weighted by outlet (weights file, equal by default, see outlet_weights).
- Disagreement: the standard deviation of the 0-100 scores (population form), in points.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from critica.errors import ConfigError
from critica.records import Review, ScoreFigures

__all__ = [
    "BANDS", "band_of", "disagreement", "figures_of", "load_outlet_weights", "weighted_mean",
    "wilson_interval",
]

# Metacritic's bands for a 0-100 mean (lower bound, name).
BANDS: tuple[tuple[float, str], ...] = (
    (81, "universal acclaim"),
    (61, "generally favorable"),
    (40, "mixed or average"),
    (20, "generally unfavorable"),
    (0, "overwhelming dislike"),
)
Z95 = 1.959964


def band_of(score: float | None) -> str | None:
    if score is None:
        return None
    for lower, name in BANDS:
        if math.floor(score + 0.5) >= lower:
            return name
    return BANDS[-1][1]


def wilson_interval(k: int, n: int, z: float = Z95,
                    population: int | None = None) -> tuple[float, float] | None:
    """95% Wilson score interval for k successes of n, in percent (see module docstring)."""
    if n <= 0:
        return None
    p = k / n
    if population is not None and population > 1 and n < population:
        n_eff = n * (population - 1) / (population - n)
    elif population is not None and n >= population:
        return (round(100 * p, 1), round(100 * p, 1))
    else:
        n_eff = float(n)
    denom = 1 + z * z / n_eff
    centre = (p + z * z / (2 * n_eff)) / denom
    half = z * math.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff)) / denom
    return (round(100 * max(0.0, centre - half), 1), round(100 * min(1.0, centre + half), 1))


@lru_cache(maxsize=8)
def load_outlet_weights(path: str) -> dict[str, float]:
    """``[weights]`` table of a TOML file: outlet name (any case) -> weight; {} for ""."""
    if not path:
        return {}
    file = Path(path).expanduser()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"outlet weights file not found: {file} (setting outlet_weights_file)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from exc
    table = data.get("weights", {})
    try:
        return {str(k).casefold(): float(v) for k, v in table.items()}
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{file}: every weight must be a number ({exc})") from exc


def _weight(review: Review, weights: dict[str, float]) -> float:
    for key in (review.outlet, review.critic):
        if key and key.casefold() in weights:
            return weights[key.casefold()]
    return 1.0


def weighted_mean(reviews: Sequence[Review], weights: dict[str, float]) -> float | None:
    pairs = [(r.score, _weight(r, weights)) for r in reviews if r.score is not None]
    total = sum(w for _, w in pairs)
    if not pairs or total <= 0:
        return None
    return round(sum(s * w for s, w in pairs) / total, 1)


def disagreement(reviews: Sequence[Review]) -> float | None:
    scores = [r.score for r in reviews if r.score is not None]
    if len(scores) < 2:
        return None
    mean = sum(scores) / len(scores)
    return round(math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores)), 1)


def figures_of(reviews: Sequence[Review], min_reviews: int,
               weights: dict[str, float]) -> ScoreFigures:
    """Figures of reviews with a verdict; below ``min_reviews`` only the counts."""
    judged = [r for r in reviews if r.verdict is not None]
    n = len(judged)
    k = sum(1 for r in judged if r.fresh)
    if n < max(1, min_reviews):
        return ScoreFigures(n, k, None, None, None, None, None)
    mean = weighted_mean(judged, weights)
    return ScoreFigures(n, k, round(100 * k / n, 1), wilson_interval(k, n), mean, band_of(mean),
                        disagreement(judged))
