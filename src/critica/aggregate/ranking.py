"""Rankings weighted for review count, as IMDb's Top 250 does:

    weighted = v / (v + m) * R + m / (v + m) * C

R is the film's critics' mean score (0-100), v its number of critics' reviews, C the mean of R
over the films being ranked, and m ``Settings.rank_min_reviews``: a film with m reviews is
pulled half-way to C, one with many keeps its own R. Films without a critics' score (fewer
than ``min_reviews``) are listed after the ranked ones, as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from critica.aggregate.figures import figures_of, load_outlet_weights
from critica.records import Film
from critica.settings import Settings

__all__ = ["RankedFilm", "genres_of", "rank_films"]

# Genre words recognised in a film's facts ("genres") or in the names of lists it appears on.
GENRES = ("action", "adventure", "animation", "comedy", "crime", "documentary", "drama",
          "family", "fantasy", "horror", "musical", "mystery", "romance", "science fiction",
          "sci-fi", "thriller", "war", "western")


@dataclass(frozen=True)
class RankedFilm:
    slug: str
    title: str
    year: int | None
    genres: tuple[str, ...]
    n_reviews: int
    percent_positive: float | None
    mean_score: float | None
    weighted_score: float | None  # None: below the minimum count, not ranked


def genres_of(film: Film) -> tuple[str, ...]:
    """Genres when known: a "genres" fact, or a genre named by a list the film is on."""
    found: list[str] = [str(e.value).casefold() for e in film.facts.get("genres", ())]
    for doc in film.documents:
        if doc.kind == "list_entry" and doc.outlet:
            found += [g for g in GENRES if re.search(rf"\b{re.escape(g)}\b", doc.outlet, re.I)]
    return tuple(dict.fromkeys(found))


def rank_films(films: Sequence[Film], settings: Settings, year: int | None = None,
               genre: str | None = None, rank: bool = True) -> list[RankedFilm]:
    """Films filtered by year and genre; by weighted score when ``rank``, else by title."""
    from critica.aggregate import counts_as

    weights = load_outlet_weights(settings.outlet_weights_file)
    rows: list[tuple[RankedFilm, float | None]] = []
    for film in films:
        if year is not None and film.year != year:
            continue
        genres = genres_of(film)
        if genre is not None and genre.casefold() not in genres:
            continue
        critics = [r for r in film.reviews if counts_as(r, settings.critic_kinds) and r.verdict]
        f = figures_of(critics, settings.min_reviews, weights)
        rows.append((RankedFilm(film.slug, film.title, film.year, genres, f.n_reviews,
                                f.percent_positive, f.mean_score, None), f.mean_score))
    scored = [r for _, r in rows if r is not None]
    c = sum(scored) / len(scored) if scored else 0.0
    m = settings.rank_min_reviews
    out: list[RankedFilm] = []
    for row, score in rows:
        weighted = None
        if score is not None and row.percent_positive is not None:
            v = row.n_reviews
            weighted = round(v / (v + m) * score + m / (v + m) * c, 1)
        out.append(RankedFilm(row.slug, row.title, row.year, row.genres, row.n_reviews,
                              row.percent_positive, row.mean_score, weighted))
    if rank:
        out.sort(key=lambda f: (f.weighted_score is None, -(f.weighted_score or 0), f.title))
    else:
        out.sort(key=lambda f: (f.title.casefold(), f.year or 0))
    return out
