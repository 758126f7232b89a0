"""Writing a report: documents keyed by content hash, films keyed by slug, runs by their inputs.

Each function takes an open connection inside a transaction; the Store decides where the
transactions begin and end (one for the documents, one per film, one for the run).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, delete, insert, select, update

from critica.records import CleanDocument, DocumentSummary, Film, Report
from critica.report import film_to_json
from critica.store import schema
from critica.store.codec import (
    clean_text,
    encode_value,
    fingerprint,
    text_hash,
    value_text,
)

# Columns of a document row that a re-save may change without changing the content hash.
_DOCUMENT_FIELDS = (
    "path", "kind", "language", "outlet", "author", "published", "text", "encoding", "media_type",
    "clean_metadata",
)


def now() -> datetime:
    return datetime.now(UTC)


def document_hash(document: CleanDocument) -> str:
    return document.content_hash or text_hash(document.text)


def summaries_by_path(report: Report) -> dict[str, DocumentSummary]:
    """What classify and extract learnt about each document, from the films that cite it."""
    return {summary.path: summary for film in report.films for summary in film.documents}


def _document_values(document: CleanDocument, summary: DocumentSummary | None) -> dict[str, Any]:
    meta = document.metadata
    return {
        "path": document.path,
        "kind": summary.kind if summary else None,
        "language": summary.language if summary else None,
        "outlet": (summary.outlet if summary else None) or meta.site_name,
        "author": (summary.author if summary else None) or meta.author,
        "published": (summary.published if summary else None) or meta.published,
        "text": clean_text(document.text),
        "encoding": document.encoding,
        "media_type": document.media_type,
        "clean_metadata": {
            "metadata": dataclasses.asdict(meta),
            "removed_lines": [clean_text(line) for line in document.removed_lines],
        },
    }


def save_document(
    conn: Connection, document: CleanDocument, summary: DocumentSummary | None
) -> tuple[str, int]:
    """Insert or update one document; returns the outcome and the row id.

    A document whose content changed at the same path replaces the old row (and with it,
    through ON DELETE CASCADE, the evidence the old content gave).
    """
    key = document_hash(document)
    values = _document_values(document, summary)
    table = schema.documents
    existing = conn.execute(select(table).where(table.c.content_hash == key)).mappings().first()
    if existing is not None:
        changed = {k: values[k] for k in _DOCUMENT_FIELDS if existing[k] != values[k]}
        if not changed:
            return "unchanged", int(existing["id"])
        conn.execute(update(table).where(table.c.id == existing["id"]).values(**changed))
        return "updated", int(existing["id"])
    replaced = delete_documents(
        conn, (table.c.path == document.path) & (table.c.content_hash != key)
    )
    row_id = conn.execute(
        insert(table).values(content_hash=key, created_at=now(), **values)
    ).inserted_primary_key
    assert row_id is not None
    return ("updated" if replaced else "inserted"), int(row_id[0])


def delete_documents(conn: Connection, condition: ColumnElement[bool]) -> int:
    """Delete the documents matching ``condition`` with the evidence they gave.

    Facts left without any source go too, and every film that cited the documents loses its
    fingerprint, so the next save of that film writes it in full again.
    """
    docs, facts, sources = schema.documents, schema.facts, schema.fact_sources
    reviews, reported = schema.reviews, schema.reported_aggregates
    ids = _ids(conn, select(docs.c.id).where(condition))
    if not ids:
        return 0
    cited_by_review = reviews.c.document_id.in_(ids) | reviews.c.reported_in_document_id.in_(ids)
    fact_ids = _ids(conn, select(sources.c.fact_id).where(sources.c.document_id.in_(ids)))
    film_ids = (
        _ids(conn, select(docs.c.film_id).where(docs.c.id.in_(ids)))
        | _ids(conn, select(facts.c.film_id).where(facts.c.id.in_(fact_ids)))
        | _ids(conn, select(reviews.c.film_id).where(cited_by_review))
        | _ids(conn, select(reported.c.film_id).where(reported.c.document_id.in_(ids)))
    )
    films = schema.films
    conn.execute(update(films).where(films.c.id.in_(film_ids)).values(fingerprint=None))
    conn.execute(delete(sources).where(sources.c.document_id.in_(ids)))
    conn.execute(delete(reviews).where(cited_by_review))
    conn.execute(delete(reported).where(reported.c.document_id.in_(ids)))
    still_sourced = select(sources.c.fact_id).where(sources.c.fact_id.in_(fact_ids))
    conn.execute(delete(facts).where(facts.c.id.in_(fact_ids), facts.c.id.not_in(still_sourced)))
    return int(conn.execute(delete(docs).where(docs.c.id.in_(ids))).rowcount)


def _ids(conn: Connection, query: Select[tuple[Any]]) -> set[int]:
    return {int(value) for value in conn.execute(query).scalars() if value is not None}


def resolve_documents(conn: Connection, film: Film, known: Mapping[str, int]) -> dict[str, int]:
    """Document ids for every path the film cites: saved in this call, else already stored."""
    ids = dict(known)
    table = schema.documents
    for summary in film.documents:
        if summary.path in ids:
            continue
        query = select(table.c.id).where(
            table.c.content_hash == summary.content_hash
            if summary.content_hash
            else table.c.path == summary.path
        )
        found = conn.execute(query.limit(1)).scalar()
        if found is not None:
            ids[summary.path] = int(found)
    return ids


@dataclass(frozen=True)
class FilmSave:
    outcome: str
    film_id: int


def save_film(conn: Connection, film: Film, doc_ids: Mapping[str, int]) -> FilmSave:
    """Insert a film, or replace everything stored under its slug; skip it when identical."""
    slug = film.slug
    cited = {path: doc_ids[path] for path in sorted(_cited_paths(film)) if path in doc_ids}
    # The document ids are part of the fingerprint: a deleted and re-inserted document gets a
    # new id, and its evidence rows must then be written again.
    print_ = fingerprint({"film": film, "documents": cited})
    films = schema.films
    existing = conn.execute(
        select(films.c.id, films.c.fingerprint).where(films.c.slug == slug)
    ).first()
    if existing is not None and existing.fingerprint == print_:
        return FilmSave("unchanged", int(existing.id))
    values = _film_values(film, print_)
    if existing is None:
        key = conn.execute(insert(films).values(slug=slug, **values)).inserted_primary_key
        assert key is not None
        film_id, outcome = int(key[0]), "inserted"
    else:
        film_id, outcome = int(existing.id), "updated"
        conn.execute(update(films).where(films.c.id == film_id).values(**values))
        _delete_children(conn, film_id)
    _link_documents(conn, film_id, {doc_ids[s.path] for s in film.documents if s.path in doc_ids})
    _insert_facts(conn, film_id, film, doc_ids)
    _insert_children(conn, film_id, film, doc_ids)
    return FilmSave(outcome, film_id)


def save_film_resolving(conn: Connection, film: Film, known: Mapping[str, int]) -> FilmSave:
    """:func:`save_film`, finding the ids of documents stored by an earlier save."""
    return save_film(conn, film, resolve_documents(conn, film, known))


def _cited_paths(film: Film) -> set[str]:
    paths = {s.path for s in film.documents}
    paths |= {e.path for entries in film.facts.values() for fact in entries for e in fact.sources}
    paths |= {r.path for r in film.reviews} | {r.reported_in for r in film.reviews if r.reported_in}
    paths |= {a.path for a in film.reported_aggregates}
    return paths


def _film_values(film: Film, print_: str) -> dict[str, Any]:
    agg = film.aggregate
    low, high = agg.interval95 if agg.interval95 is not None else (None, None)
    return {
        "title": film.title,
        "original_title": film.original_title,
        "year": film.year,
        "variants": list(film.variants),
        "catalogue_id": film.catalogue_id,
        "n_reviews": agg.n_reviews,
        "n_positive": agg.n_positive,
        "percent_positive": agg.percent_positive,
        "interval_low": low,
        "interval_high": high,
        "mean_score": agg.mean_score,
        "band": agg.band,
        "consensus": agg.consensus,
        "consensus_sources": [{"path": e.path, "quote": e.quote} for e in agg.consensus_sources],
        "fingerprint": print_,
        "updated_at": now(),
        "report": film_to_json(film),
    }


def _delete_children(conn: Connection, film_id: int) -> None:
    # Explicit deletes rather than trusting ON DELETE CASCADE: the film row itself stays.
    fact_ids = select(schema.facts.c.id).where(schema.facts.c.film_id == film_id)
    conn.execute(delete(schema.fact_sources).where(schema.fact_sources.c.fact_id.in_(fact_ids)))
    for table in (schema.facts, schema.conflicts, schema.reviews, schema.reported_aggregates):
        conn.execute(delete(table).where(table.c.film_id == film_id))


def _link_documents(conn: Connection, film_id: int, ids: set[int]) -> None:
    docs = schema.documents
    conn.execute(
        update(docs).where(docs.c.film_id == film_id, docs.c.id.not_in(ids)).values(film_id=None)
    )
    if ids:
        conn.execute(update(docs).where(docs.c.id.in_(ids)).values(film_id=film_id))


def _insert_facts(conn: Connection, film_id: int, film: Film, doc_ids: Mapping[str, int]) -> None:
    position = 0
    sources: list[dict[str, Any]] = []
    for field_name, entries in film.facts.items():
        for entry in entries:
            key = conn.execute(
                insert(schema.facts).values(
                    film_id=film_id,
                    field=field_name,
                    position=position,
                    value=encode_value(entry.value),
                    value_text=value_text(entry.value),
                    variants=list(entry.variants),
                )
            ).inserted_primary_key
            assert key is not None
            position += 1
            sources += [
                {"fact_id": int(key[0]), "document_id": doc_ids.get(e.path), "path": e.path,
                 "quote": e.quote}
                for e in entry.sources
            ]
    _insert_many(conn, schema.fact_sources, sources)


def _insert_children(
    conn: Connection, film_id: int, film: Film, doc_ids: Mapping[str, int]
) -> None:
    _insert_many(conn, schema.conflicts, [
        {"film_id": film_id, "field": c.field, "values": [encode_value(v) for v in c.values],
         "note": c.note}
        for c in film.conflicts
    ])
    _insert_many(conn, schema.reviews, [
        {
            "film_id": film_id,
            "document_id": doc_ids.get(r.path),
            "reported_in_document_id": doc_ids.get(r.reported_in) if r.reported_in else None,
            "path": r.path, "reported_in": r.reported_in, "critic": r.critic,
            "outlet": r.outlet, "published": r.published, "rating_text": r.rating_text,
            "score": r.score, "score_source": r.score_source, "verdict": r.verdict,
            "fresh": r.fresh, "p_positive": r.p_positive, "quote": r.quote, "kind": r.kind,
        }
        for r in film.reviews
    ])
    _insert_many(conn, schema.reported_aggregates, [
        {"film_id": film_id, "document_id": doc_ids.get(a.path), "path": a.path,
         "aggregator": a.aggregator, "value": a.value, "scale": a.scale, "count": a.count,
         "quote": a.quote}
        for a in film.reported_aggregates
    ])


def _insert_many(conn: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), list(rows))


def run_fingerprint(report: Report, hashes: Iterable[str]) -> str:
    """A run is identified by what went in and what was turned away."""
    return fingerprint({
        "documents": sorted(set(hashes)),
        "films": sorted(film.slug for film in report.films),
        "rejected": sorted((r.path, r.stage, r.reason) for r in report.rejected),
    })


def save_run(
    conn: Connection, report: Report, hashes: Sequence[str], started_at: datetime
) -> tuple[int, int]:
    """Record the run and its rejections once; returns (run id, rejections inserted)."""
    runs = schema.runs
    print_ = run_fingerprint(report, hashes)
    values = {
        "finished_at": now(), "n_documents": len(set(hashes)), "n_rejected": len(report.rejected),
    }
    existing = conn.execute(select(runs.c.id).where(runs.c.fingerprint == print_)).scalar()
    if existing is not None:
        conn.execute(update(runs).where(runs.c.id == existing).values(**values))
        return int(existing), 0
    key = conn.execute(
        insert(runs).values(fingerprint=print_, started_at=started_at, **values)
    ).inserted_primary_key
    assert key is not None
    run_id = int(key[0])
    _insert_many(conn, schema.rejections, [
        {"run_id": run_id, "path": r.path, "stage": r.stage, "reason": r.reason}
        for r in report.rejected
    ])
    return run_id, len(report.rejected)
