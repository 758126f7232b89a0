"""aggregate: build each film's page from its documents: figures, facts, reviews, consensus.

    build_film(group, documents, facts, conflicts, settings) -> Film
    film_aggregate(title, reviews, settings) -> FilmAggregate

- Critics and others apart: the critics' score counts the kinds in ``Settings.critic_kinds``
  (critic and DVD reviews, and reviews that documents report); blog reviews and list entries
  (``Settings.other_kinds``) form a second score beside it. Aggregators' own figures
  ("82% of 155 reviews") stay in ``Film.reported_aggregates``, never mixed in.
- Figures (figures.py): percent positive with a 95% Wilson interval, weighted mean with
  Metacritic's bands, disagreement; the same for top critics; nothing below ``min_reviews``.
- Badges with hysteresis (badges.py).
- Per review: aspects and a pull quote (critica.opinion); per film: spoiler flags on every
  document's sentences, aspects merged over critics, and the consensus with its claims.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from critica.aggregate.badges import award_badges
from critica.aggregate.figures import (
    BANDS,
    band_of,
    disagreement,
    figures_of,
    load_outlet_weights,
    weighted_mean,
    wilson_interval,
)
from critica.opinion.aspects import People, merge_aspects, review_aspects
from critica.opinion.consensus import build_consensus
from critica.opinion.quotes import pick_quote
from critica.opinion.reading import ReadSentence, read_sentences, read_texts
from critica.records import (
    AnalyzedDocument,
    Aspect,
    AspectName,
    CastMember,
    Conflict,
    ConsensusClaim,
    DocumentSummary,
    FactEntry,
    Film,
    FilmAggregate,
    FilmGroup,
    ReportedAggregate,
    Review,
    SpoilerFlag,
)
from critica.score.sentences import Sentence
from critica.settings import Settings

__all__ = [
    "BANDS", "band_of", "build_film", "counts_as", "film_aggregate", "is_top_critic",
    "wilson_interval",
]


def _names(setting: str) -> frozenset[str]:
    return frozenset(part.strip().casefold() for part in setting.split(",") if part.strip())


def counts_as(review: Review, kinds: str) -> bool:
    """Whether a review belongs to a group of kinds ("reported" names reported reviews)."""
    wanted = _names(kinds)
    if review.reported_in is not None:
        return "reported" in wanted
    return review.kind in wanted


def is_top_critic(review: Review, settings: Settings) -> bool:
    top = _names(settings.top_critics)
    return any(x and x.strip().casefold() in top for x in (review.outlet, review.critic))


def film_aggregate(title: str, reviews: Sequence[Review], settings: Settings,
                   aspects: Sequence[Aspect] = (), held: Collection[str] = ()) -> FilmAggregate:
    """Figures, badges and consensus from a film's reviews (critics and others apart)."""
    weights = load_outlet_weights(settings.outlet_weights_file)
    critics = [r for r in reviews if counts_as(r, settings.critic_kinds) and r.verdict]
    others = [r for r in reviews if counts_as(r, settings.other_kinds) and r.verdict]
    top = [r for r in critics if r.top_critic or is_top_critic(r, settings)]
    main = figures_of(critics, settings.min_reviews, weights)
    used = sorted({(r.outlet, weights.get(r.outlet.casefold(), 1.0))
                   for r in critics if r.outlet})
    badges = award_badges(main.percent_positive, main.n_reviews, len(top), settings, held)
    consensus: str | None = None
    claims: tuple[ConsensusClaim, ...] = ()
    if main.percent_positive is not None:
        consensus, claims = build_consensus(title, critics, main.percent_positive, aspects)
    sources = tuple(dict.fromkeys(e for c in claims for e in c.evidence))
    return FilmAggregate(
        n_reviews=main.n_reviews,
        n_positive=main.n_positive,
        percent_positive=main.percent_positive,
        interval95=main.interval95,
        mean_score=main.mean_score,
        band=main.band,
        consensus=consensus,
        consensus_sources=sources,
        disagreement=main.disagreement,
        top_critics=figures_of(top, settings.min_reviews, weights),
        others=figures_of(others, settings.min_reviews, weights) if others else None,
        outlet_weights=tuple(used),
        weights_source=settings.outlet_weights_file or "equal",
        badges=badges,
        consensus_claims=claims,
        aspects=tuple(aspects),
    )


def _people(facts: dict[str, tuple[FactEntry, ...]]) -> People:
    def values(field: str) -> list[str]:
        out: list[str] = []
        for entry in facts.get(field, ()):
            value = entry.value
            out.append(value.actor if isinstance(value, CastMember) else str(value))
        return out

    directors = values("directors")
    by_aspect: dict[AspectName, tuple[str, ...]] = {
        "performances": tuple(values("cast")),
        "direction": tuple(directors),
        "music": tuple(values("composer")),
        # a writer-director's name is read as direction: critics mean the film's maker
        "screenplay": tuple(w for w in values("writers") if w not in directors),
    }
    return People({k: v for k, v in by_aspect.items() if v})


def _reported_sentences(review: Review, title: str) -> list[ReadSentence]:
    text = review.quote or ""
    if not text.strip():
        return []
    return read_texts([Sentence(text, 0, len(text), "body", 0)], title)


def _read_review(review: Review, read: dict[str, list[ReadSentence]], people: People,
                 title: str, settings: Settings) -> Review:
    """The review with its aspects, top-critic flag and a spoiler-free pull quote."""
    top = review.top_critic or is_top_critic(review, settings)
    if review.reported_in is not None:
        sentences = _reported_sentences(review, title)
        aspects = review_aspects(review.reported_in, sentences, people)
        return dataclasses.replace(review, aspects=aspects, top_critic=top)
    sentences = read.get(review.path, [])
    aspects = review_aspects(review.path, sentences, people)
    best = pick_quote(sentences, review.verdict)
    quote = best.text if best is not None else review.quote
    return dataclasses.replace(review, quote=quote, aspects=aspects, top_critic=top)


def build_film(
    group: FilmGroup,
    documents: Sequence[AnalyzedDocument],
    facts: dict[str, tuple[FactEntry, ...]],
    conflicts: tuple[Conflict, ...],
    settings: Settings,
    held: Collection[str] = (),
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
    english = [d for d in documents if (d.classified.language or "und").split("-")[0] in
               {"en", "und", ""}]
    read = {d.classified.path: read_sentences(d.classified.text, group.title) for d in english}
    people = _people(facts)
    reviews = tuple(_read_review(r, read, people, group.title, settings)
                    for d in documents for r in d.reviews)
    critics = [r for r in reviews if counts_as(r, settings.critic_kinds) and r.verdict]
    aspects = merge_aspects(r.aspects for r in critics)
    spoilers = tuple(
        SpoilerFlag(path, s.text, s.spoiler, s.sentence.start, s.sentence.end)
        for path, sentences in read.items() for s in sentences if s.spoiler
    )
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
        aggregate=film_aggregate(group.title, reviews, settings, aspects, held),
        variants=group.variants,
        spoilers=spoilers,
        catalogue_id=group.catalogue_id,
    )


# re-exported for callers that computed figures themselves
__all__ += ["disagreement", "weighted_mean"]
