"""aggregate: build each film's page from its documents: figures, facts, reviews, consensus.

Figures:
- percent positive: share of reviews with a positive verdict (fresh), with the Wilson score
  interval at 95% (Wilson 1927; it behaves at small n and near 0% or 100%, unlike the normal
  approximation).
- mean score: plain mean of the 0-100 scores (outlet weights arrive with a later issue), with
  Metacritic's colour bands.
- below ``Settings.min_reviews`` reviews a film has no critics' score (None), shown as such.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from critica.records import (
    AnalyzedDocument,
    Conflict,
    DocumentSummary,
    Evidence,
    FactEntry,
    Film,
    FilmAggregate,
    FilmGroup,
    ReportedAggregate,
    Review,
)
from critica.settings import Settings

# Metacritic's bands for a 0-100 mean (lower bound, name).
BANDS: tuple[tuple[float, str], ...] = (
    (81, "universal acclaim"),
    (61, "generally favorable"),
    (40, "mixed or average"),
    (20, "generally unfavorable"),
    (0, "overwhelming dislike"),
)


def band_of(score: float | None) -> str | None:
    if score is None:
        return None
    for lower, name in BANDS:
        if round(score) >= lower:
            return name
    return BANDS[-1][1]


def wilson_interval(k: int, n: int, z: float = 1.959964) -> tuple[float, float] | None:
    """95% Wilson score interval for k successes of n, in percent."""
    if n <= 0:
        return None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (round(100 * max(0.0, centre - half), 1), round(100 * min(1.0, centre + half), 1))


def _verdict_phrase(percent: float) -> str:
    if percent >= 80:
        return "Critics are overwhelmingly positive about"
    if percent >= 60:
        return "Most critics are positive about"
    if percent >= 40:
        return "Critics are divided on"
    return "Most critics are negative about"


def consensus_line(title: str, reviews: Sequence[Review], percent: float | None) -> tuple[str | None, tuple[Evidence, ...]]:
    """One sentence from the verdicts and the best pull quote that agrees with the majority.

    A baseline: extractive, grounded in one quote that critica read itself. A later issue adds
    aspects and spoiler checks.
    """
    if percent is None:
        return None, ()
    majority_positive = percent >= 50
    candidates = [
        r for r in reviews
        if r.quote and r.verdict and (r.verdict == "positive") == majority_positive
        and r.reported_in is None and len(r.quote) <= 200
    ]
    lead = f"{_verdict_phrase(percent)} {title}"
    if not candidates:
        return lead + ".", ()
    best = max(candidates, key=lambda r: abs((r.p_positive or 0.5) - 0.5))
    quote = (best.quote or "").strip().rstrip(".")
    return f"{lead}: “{quote}.”", (Evidence(best.path, best.quote or ""),)


def film_aggregate(title: str, reviews: Sequence[Review], settings: Settings) -> FilmAggregate:
    judged = [r for r in reviews if r.verdict is not None]
    n = len(judged)
    n_positive = sum(1 for r in judged if r.fresh)
    scores = [r.score for r in judged if r.score is not None]
    if n < settings.min_reviews:
        return FilmAggregate(n, n_positive, None, None, None, None, None)
    percent = round(100 * n_positive / n, 1)
    mean = round(sum(scores) / len(scores), 1) if scores else None
    consensus, sources = consensus_line(title, judged, percent)
    return FilmAggregate(
        n_reviews=n,
        n_positive=n_positive,
        percent_positive=percent,
        interval95=wilson_interval(n_positive, n),
        mean_score=mean,
        band=band_of(mean),
        consensus=consensus,
        consensus_sources=sources,
    )


def build_film(
    group: FilmGroup,
    documents: Sequence[AnalyzedDocument],
    facts: dict[str, tuple[FactEntry, ...]],
    conflicts: tuple[Conflict, ...],
    settings: Settings,
) -> Film:
    """Everything about one film, from the documents grouped into it."""
    summaries = tuple(
        DocumentSummary(
            path=d.classified.path,
            kind=d.classified.kind,
            language=d.classified.language,
            outlet=d.extraction.meta.outlet,
            author=d.extraction.meta.author,
            published=d.extraction.meta.published,
            content_hash=d.classified.document.content_hash,
        )
        for d in documents
    )
    reviews = tuple(r for d in documents for r in d.reviews)
    reported: tuple[ReportedAggregate, ...] = tuple(
        a for d in documents for a in d.extraction.reported_aggregates
    )
    return Film(
        title=group.title,
        original_title=group.original_title,
        year=group.year,
        documents=summaries,
        facts=facts,
        conflicts=conflicts,
        reviews=reviews,
        reported_aggregates=reported,
        aggregate=film_aggregate(group.title, reviews, settings),
        variants=group.variants,
    )
