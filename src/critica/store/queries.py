"""Read queries for the web pages and the HTTP API: lists, pages, versions for caching.

Each function takes an open connection; :class:`critica.store.Store` wraps them. Results are
small frozen records or JSON-ready dicts, never rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, String, cast, delete, func, or_, select

from critica.records import CleanDocument, PageMetadata
from critica.store import schema
from critica.store.search import like_pattern, search_documents


@dataclass(frozen=True)
class FilmSummary:
    """One line of the film list."""

    id: int
    slug: str
    title: str
    original_title: str | None
    year: int | None
    n_reviews: int
    percent_positive: float | None
    interval_low: float | None
    interval_high: float | None
    mean_score: float | None
    band: str | None
    weighted_score: float | None = None  # mean pulled toward the catalogue's mean; see rank_films


@dataclass(frozen=True)
class StoredDocument:
    """A document with its text, for the document page and for re-analysis."""

    id: int
    content_hash: str
    path: str
    kind: str | None
    language: str | None
    outlet: str | None
    author: str | None
    published: str | None
    media_type: str
    encoding: str
    text: str
    clean_metadata: dict[str, Any] | None
    film_id: int | None
    film_slug: str | None
    created_at: datetime

    def to_clean_document(self) -> CleanDocument:
        """The CleanDocument this row was saved from (as near as an older row allows)."""
        extra = self.clean_metadata or {}
        meta = extra.get("metadata") or {
            "author": self.author, "published": self.published, "site_name": self.outlet,
        }
        media = self.media_type if self.media_type in ("text", "html", "markdown") else "text"
        return CleanDocument(
            path=self.path,
            text=self.text,
            encoding=self.encoding,
            media_type=media,  # type: ignore[arg-type]
            removed_lines=tuple(extra.get("removed_lines") or ()),
            metadata=PageMetadata(**{k: meta.get(k) for k in ("title", "author", "published",
                                                              "site_name")}),
            content_hash=self.content_hash,
        )


_SUMMARY_COLUMNS = (
    "id", "slug", "title", "original_title", "year", "n_reviews", "percent_positive",
    "interval_low", "interval_high", "mean_score", "band",
)


def rank_films(films: list[FilmSummary], prior_weight: int) -> list[FilmSummary]:
    """Order films by a weighted score: the mean pulled toward the mean of all films.

    weighted = (n * mean + m * C) / (n + m), IMDb's top-list formula, with n the film's reviews,
    m = ``prior_weight`` and C the mean over scored films: a 95 from two reviews ranks below
    an 88 from forty. Films without a mean score come last, by title.
    """
    scored = [f.mean_score for f in films if f.mean_score is not None]
    prior = sum(scored) / len(scored) if scored else 50.0
    out: list[FilmSummary] = []
    for film in films:
        weighted = None
        if film.mean_score is not None and film.n_reviews + prior_weight > 0:
            n = film.n_reviews
            weighted = round((n * film.mean_score + prior_weight * prior) / (n + prior_weight), 1)
        out.append(FilmSummary(**{**film.__dict__, "weighted_score": weighted}))
    return sorted(out, key=lambda f: (f.weighted_score is None, -(f.weighted_score or 0),
                                      f.title.lower(), f.year or 0))


def film_summaries(conn: Connection, query: str | None = None) -> list[FilmSummary]:
    """Every film, or those whose title, variants or documents match ``query``."""
    films = schema.films
    stmt = select(*(films.c[name] for name in _SUMMARY_COLUMNS))
    if query and query.strip():
        pattern = like_pattern(query.strip().lower())
        by_text = {hit.film_slug for hit in search_documents(conn, query, limit=200)}
        stmt = stmt.where(or_(
            func.lower(films.c.title).like(pattern, escape="\\"),
            func.lower(func.coalesce(films.c.original_title, "")).like(pattern, escape="\\"),
            func.lower(cast(films.c.variants, String)).like(pattern, escape="\\"),
            films.c.slug.in_(sorted(s for s in by_text if s)),
        ))
    return [FilmSummary(**row) for row in conn.execute(stmt).mappings()]


def films_version(conn: Connection) -> str:
    """Changes whenever any film is saved or removed: the home page's cache key."""
    films = schema.films
    count, latest = conn.execute(select(func.count(), func.max(films.c.updated_at))).one()
    return f"{count}:{latest}"


def film_version(conn: Connection, slug: str) -> str | None:
    """The film's fingerprint (or save time), None when no such film: a page's cache key."""
    films = schema.films
    row = conn.execute(
        select(films.c.fingerprint, films.c.updated_at).where(films.c.slug == slug)
    ).first()
    if row is None:
        return None
    return f"{row.fingerprint}:{row.updated_at}"


def film_report(conn: Connection, slug: str) -> dict[str, Any] | None:
    """The film's stored JSON report (None for a film saved before revision 0002)."""
    films = schema.films
    value = conn.execute(select(films.c.report).where(films.c.slug == slug)).scalar()
    return dict(value) if isinstance(value, dict) else None


def film_documents(conn: Connection, slug: str) -> dict[str, dict[str, Any]]:
    """Path -> {id, content_hash} of the documents a film's report may cite."""
    docs, films = schema.documents, schema.films
    rows = conn.execute(
        select(docs.c.id, docs.c.content_hash, docs.c.path)
        .join(films, films.c.id == docs.c.film_id)
        .where(films.c.slug == slug)
    )
    return {r.path: {"id": r.id, "content_hash": r.content_hash} for r in rows}


def document_ids_by_path(conn: Connection, paths: Iterable[str]) -> dict[str, int]:
    docs = schema.documents
    wanted = sorted(set(paths))
    if not wanted:
        return {}
    rows = conn.execute(select(docs.c.path, docs.c.id).where(docs.c.path.in_(wanted)))
    return {r.path: r.id for r in rows}


def reviews_page(
    conn: Connection, film_slug: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    reviews, films = schema.reviews, schema.films
    stmt = (
        select(reviews, films.c.slug.label("film_slug"), films.c.title.label("film_title"))
        .join(films, films.c.id == reviews.c.film_id)
        .order_by(reviews.c.id).limit(limit).offset(offset)
    )
    if film_slug is not None:
        stmt = stmt.where(films.c.slug == film_slug)
    out = []
    for row in conn.execute(stmt).mappings():
        item = dict(row)
        for key in ("film_id", "document_id", "reported_in_document_id"):
            item.pop(key, None)
        out.append(item)
    return out


def documents_page(conn: Connection, limit: int, offset: int) -> list[dict[str, Any]]:
    docs, films = schema.documents, schema.films
    stmt = (
        select(
            docs.c.id, docs.c.content_hash, docs.c.path, docs.c.kind, docs.c.language,
            docs.c.outlet, docs.c.author, docs.c.published, docs.c.media_type,
            films.c.slug.label("film_slug"), func.length(docs.c.text).label("characters"),
        )
        .outerjoin(films, films.c.id == docs.c.film_id)
        .order_by(docs.c.id).limit(limit).offset(offset)
    )
    return [dict(row) for row in conn.execute(stmt).mappings()]


def stored_document(conn: Connection, key: str) -> StoredDocument | None:
    """A document by numeric id or by content hash."""
    docs, films = schema.documents, schema.films
    where = docs.c.id == int(key) if key.isdigit() and len(key) < 18 else docs.c.content_hash == key
    row = conn.execute(
        select(docs, films.c.slug.label("film_slug"))
        .outerjoin(films, films.c.id == docs.c.film_id).where(where)
    ).mappings().first()
    if row is None:
        return None
    return StoredDocument(**{k: row[k] for k in StoredDocument.__dataclass_fields__})


def documents_of_films(conn: Connection, film_ids: Iterable[int]) -> list[StoredDocument]:
    docs, films = schema.documents, schema.films
    ids = sorted(set(film_ids))
    if not ids:
        return []
    rows = conn.execute(
        select(docs, films.c.slug.label("film_slug"))
        .join(films, films.c.id == docs.c.film_id)
        .where(docs.c.film_id.in_(ids)).order_by(docs.c.path, docs.c.id)
    ).mappings()
    return [StoredDocument(**{k: r[k] for k in StoredDocument.__dataclass_fields__}) for r in rows]


def film_ids_citing(conn: Connection, document_id: int) -> set[int]:
    """Films that hold the document or cite it as evidence (a reported review, a fact)."""
    docs, reviews, reported = schema.documents, schema.reviews, schema.reported_aggregates
    facts, sources = schema.facts, schema.fact_sources
    queries = (
        select(docs.c.film_id).where(docs.c.id == document_id),
        select(reviews.c.film_id).where(or_(
            reviews.c.document_id == document_id,
            reviews.c.reported_in_document_id == document_id,
        )),
        select(reported.c.film_id).where(reported.c.document_id == document_id),
        select(facts.c.film_id).join(sources, sources.c.fact_id == facts.c.id)
        .where(sources.c.document_id == document_id),
    )
    return {int(v) for q in queries for v in conn.execute(q).scalars() if v is not None}


def film_ids_by_slug(conn: Connection, slugs: Iterable[str]) -> dict[str, int]:
    films = schema.films
    wanted = sorted(set(slugs))
    if not wanted:
        return {}
    return {r.slug: r.id for r in conn.execute(
        select(films.c.slug, films.c.id).where(films.c.slug.in_(wanted))
    )}


def delete_films_without_documents(conn: Connection, film_ids: Iterable[int]) -> list[str]:
    """Remove those of the films that no document belongs to any more; their slugs."""
    films, docs = schema.films, schema.documents
    ids = sorted(set(film_ids))
    if not ids:
        return []
    empty = select(films.c.id, films.c.slug).where(
        films.c.id.in_(ids), ~select(docs.c.id).where(docs.c.film_id == films.c.id).exists()
    )
    gone = list(conn.execute(empty))
    if gone:
        fact_ids = select(schema.facts.c.id).where(schema.facts.c.film_id.in_([g.id for g in gone]))
        conn.execute(delete(schema.fact_sources).where(schema.fact_sources.c.fact_id.in_(fact_ids)))
        for table in (schema.facts, schema.conflicts, schema.reviews, schema.reported_aggregates):
            conn.execute(delete(table).where(table.c.film_id.in_([g.id for g in gone])))
        conn.execute(delete(films).where(films.c.id.in_([g.id for g in gone])))
    return [g.slug for g in gone]


def held_badges(conn: Connection, film_ids: Iterable[int] | None = None) -> dict[str, frozenset[str]]:
    """Slug -> names of the badges each stored film holds (films holding none are left out).

    Read from the stored report, so a film saved before revision 0002 holds none. Callers pass
    the result to ``pipeline.build_films`` so that a badge's hysteresis sees the film's past.
    """
    films = schema.films
    stmt = select(films.c.slug, films.c.report[("aggregate", "badges")].label("badges"))
    if film_ids is not None:
        ids = sorted(set(film_ids))
        if not ids:
            return {}
        stmt = stmt.where(films.c.id.in_(ids))
    held: dict[str, frozenset[str]] = {}
    for row in conn.execute(stmt):
        names = frozenset(
            b["name"] for b in (row.badges or ()) if isinstance(b, dict) and b.get("name")
        )
        if names:
            held[row.slug] = names
    return held
