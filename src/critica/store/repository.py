"""The Store: open a database, save reports into it, read films back out.

    >>> with open_store("sqlite:///critica.db") as store:    # doctest: +SKIP
    ...     store.save_report(report, documents)
    ...     store.film("rust-and-bone-2012")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import partial
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, RowMapping, func, select
from sqlalchemy.exc import SQLAlchemyError

from critica.errors import StoreError
from critica.records import (
    CleanDocument,
    Conflict,
    Evidence,
    FactEntry,
    FilmAggregate,
    Report,
    ReportedAggregate,
    Review,
)
from critica.store import queries, schema, search, tokens
from critica.store.codec import decode_value
from critica.store.engine import (
    connection_error,
    create_store_engine,
    describe,
    migrate,
    parse_url,
)
from critica.store.rows import ChangeCounts, DocumentRow, FilmRow, SaveSummary
from critica.store.save import (
    delete_documents,
    document_hash,
    now,
    save_document,
    save_film_resolving,
    save_run,
    summaries_by_path,
)

T = TypeVar("T")


def open_store(url: str) -> Store:
    """Open (and create or migrate to the newest schema) the database at ``url``.

    Raises StoreError when the URL is not understood or the database cannot be reached.
    """
    parsed = parse_url(url)
    engine = create_store_engine(parsed)
    try:
        migrate(engine, parsed)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, describe(parsed))


class Store:
    """A critica database. Use :func:`open_store` rather than building one directly."""

    def __init__(self, engine: Engine, description: str) -> None:
        self._engine = engine
        self.url = description  # password hidden

    # --- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for modules with tables of their own (``critica.catalogue``)."""
        return self._engine

    def _connect(self) -> Connection:
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise connection_error(self._engine.url, exc) from exc

    def _write(self, what: str, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one transaction; a database error becomes a StoreError saying what."""
        with self._connect() as conn:
            try:
                with conn.begin():
                    return work(conn)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot save {what} in {self.url}: {_reason(exc)}") from exc

    def _read(self, what: str, work: Callable[[Connection], T]) -> T:
        with self._connect() as conn:
            try:
                return work(conn)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot read {what} from {self.url}: {_reason(exc)}") from exc

    # --- writing --------------------------------------------------------------------------

    def save_report(self, report: Report, documents: Sequence[CleanDocument]) -> SaveSummary:
        """Store the documents, every film of the report, and the run with its rejections.

        Idempotent: documents are keyed by content hash and films by slug, so saving the same
        report again changes no row count (and reports everything "unchanged"). Each film is
        written in its own transaction.
        """
        started_at = now()
        summaries = summaries_by_path(report)
        unique = list({document_hash(d): d for d in reversed(documents)}.values())[::-1]

        def write_documents(conn: Connection) -> tuple[ChangeCounts, dict[str, int]]:
            counts, ids = ChangeCounts(), {}
            for document in unique:
                outcome, ids[document.path] = save_document(
                    conn, document, summaries.get(document.path)
                )
                counts = counts.add(outcome)
            return counts, ids

        doc_counts, doc_ids = self._write("documents", write_documents)
        film_counts = ChangeCounts()
        for film in report.films:
            saved = self._write(
                f"film {film.title!r}", partial(save_film_resolving, film=film, known=doc_ids)
            )
            film_counts = film_counts.add(saved.outcome)
        hashes = [document_hash(d) for d in unique]
        run_id, n_rejections = self._write(
            "the run", lambda conn: save_run(conn, report, hashes, started_at)
        )
        return SaveSummary(run_id, doc_counts, film_counts, n_rejections)

    def delete_document(self, content_hash: str) -> bool:
        """Remove a document and the evidence it gave; False when no such document is stored."""
        deleted = self._write(
            f"deletion of document {content_hash}",
            lambda conn: delete_documents(conn, schema.documents.c.content_hash == content_hash),
        )
        return deleted > 0

    # --- reading --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, every table of the schema included."""

        def work(conn: Connection) -> dict[str, int]:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in sorted(schema.metadata.tables.items())
            }

        return self._read("row counts", work)

    def films(self) -> list[FilmRow]:
        """Every film, by title, without details (see :meth:`film`)."""

        def work(conn: Connection) -> list[FilmRow]:
            films = schema.films
            rows = conn.execute(select(films).order_by(films.c.title, films.c.year, films.c.id))
            return [_film_row(row) for row in rows.mappings()]

        return self._read("films", work)

    def film(self, slug: str) -> FilmRow | None:
        """One film with its documents, facts, conflicts, reviews and reported figures."""
        return self._read(f"film {slug!r}", lambda conn: _load_film(conn, slug))

    def document_text(self, content_hash: str) -> str | None:
        """The clean text of a stored document (the text every quote is a substring of)."""
        docs = schema.documents
        query = select(docs.c.text).where(docs.c.content_hash == content_hash)
        return self._read("document text", lambda conn: conn.execute(query).scalar())

    # --- pages, API and search (critica.web) ----------------------------------------------

    def film_summaries(self, query: str | None = None) -> list[queries.FilmSummary]:
        return self._read("films", lambda conn: queries.film_summaries(conn, query))

    def films_version(self) -> str:
        return self._read("films", queries.films_version)

    def film_version(self, slug: str) -> str | None:
        return self._read(f"film {slug!r}", lambda conn: queries.film_version(conn, slug))

    def film_report(self, slug: str) -> dict[str, Any] | None:
        """The film as the JSON report renders it, or None when no such film is stored."""
        report = self._read(f"film {slug!r}", lambda conn: queries.film_report(conn, slug))
        if report is None:  # saved before revision 0002: rebuild it from the rows
            row = self.film(slug)
            if row is None:
                return None
            from critica.report import film_to_json

            report = film_to_json(row.to_film())
        return report

    def film_documents(self, slug: str) -> dict[str, dict[str, Any]]:
        return self._read(f"film {slug!r}", lambda conn: queries.film_documents(conn, slug))

    def document_ids_by_path(self, paths: Sequence[str]) -> dict[str, int]:
        return self._read("documents", lambda conn: queries.document_ids_by_path(conn, paths))

    def reviews_page(
        self, film_slug: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        return self._read(
            "reviews", lambda conn: queries.reviews_page(conn, film_slug, limit, offset)
        )

    def documents_page(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        return self._read("documents", lambda conn: queries.documents_page(conn, limit, offset))

    def stored_document(self, key: str) -> queries.StoredDocument | None:
        """A document by id or content hash, with its text."""
        return self._read(f"document {key!r}", lambda conn: queries.stored_document(conn, key))

    def documents_of_films(self, film_ids: Sequence[int]) -> list[queries.StoredDocument]:
        return self._read("documents", lambda conn: queries.documents_of_films(conn, film_ids))

    def film_ids_citing(self, document_id: int) -> set[int]:
        return self._read("films", lambda conn: queries.film_ids_citing(conn, document_id))

    def held_badges(self, film_ids: Sequence[int] | None = None) -> dict[str, frozenset[str]]:
        """Slug -> badges each stored film holds (all films, or those ``film_ids`` name):
        the previous state that badge hysteresis needs (see critica.aggregate.badges)."""
        return self._read("badges", lambda conn: queries.held_badges(conn, film_ids))

    def film_ids_by_slug(self, slugs: Sequence[str]) -> dict[str, int]:
        return self._read("films", lambda conn: queries.film_ids_by_slug(conn, slugs))

    def delete_films_without_documents(self, film_ids: Sequence[int]) -> list[str]:
        return self._write(
            "film removal", lambda conn: queries.delete_films_without_documents(conn, film_ids)
        )

    def search_documents(self, query: str, limit: int = 20) -> list[search.DocumentHit]:
        return self._read("search", lambda conn: search.search_documents(conn, query, limit))

    def search_reviews(self, query: str, limit: int = 20) -> list[search.ReviewHit]:
        return self._read("search", lambda conn: search.search_reviews(conn, query, limit))

    # --- API tokens -----------------------------------------------------------------------

    def create_token(self, name: str) -> tuple[tokens.TokenRow, str]:
        """A new API token: its row and the secret (shown once; only its hash is kept)."""
        return self._write("a token", lambda conn: tokens.create_token(conn, name))

    def list_tokens(self) -> list[tokens.TokenRow]:
        return self._read("tokens", tokens.list_tokens)

    def revoke_token(self, id_or_name: str) -> int:
        return self._write("a token", lambda conn: tokens.revoke_token(conn, id_or_name))

    def check_token(self, secret: str) -> tokens.TokenRow | None:
        return self._read("tokens", lambda conn: tokens.check_token(conn, secret))


_DOCUMENT_ROW_FIELDS = frozenset(f.name for f in dataclasses.fields(DocumentRow))


def _reason(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _film_row(row: RowMapping, **details: Any) -> FilmRow:
    low, high = row["interval_low"], row["interval_high"]
    aggregate = FilmAggregate(
        n_reviews=row["n_reviews"],
        n_positive=row["n_positive"],
        percent_positive=row["percent_positive"],
        interval95=(low, high) if low is not None and high is not None else None,
        mean_score=row["mean_score"],
        band=row["band"],
        consensus=row["consensus"],
        consensus_sources=tuple(Evidence(e["path"], e["quote"]) for e in row["consensus_sources"]),
    )
    return FilmRow(
        id=row["id"], slug=row["slug"], title=row["title"],
        original_title=row["original_title"], year=row["year"],
        variants=tuple(row["variants"]), aggregate=aggregate, updated_at=row["updated_at"],
        catalogue_id=row.get("catalogue_id"), **details,
    )


def _load_film(conn: Connection, slug: str) -> FilmRow | None:
    films = schema.films
    row = conn.execute(select(films).where(films.c.slug == slug)).mappings().first()
    if row is None:
        return None
    film_id = row["id"]
    docs = schema.documents
    documents = tuple(
        DocumentRow(**{k: v for k, v in doc.items()})
        for doc in conn.execute(
            select(*(c for c in docs.c if c.name in _DOCUMENT_ROW_FIELDS))
            .where(docs.c.film_id == film_id)
            .order_by(docs.c.path, docs.c.id)
        ).mappings()
    )
    conflicts = tuple(
        Conflict(c["field"], tuple(decode_value(v) for v in c["values"]), c["note"])
        for c in conn.execute(
            select(schema.conflicts).where(schema.conflicts.c.film_id == film_id)
            .order_by(schema.conflicts.c.id)
        ).mappings()
    )
    reviews = tuple(
        _review(r)
        for r in conn.execute(
            select(schema.reviews).where(schema.reviews.c.film_id == film_id)
            .order_by(schema.reviews.c.id)
        ).mappings()
    )
    reported = schema.reported_aggregates
    reported_aggregates = tuple(
        ReportedAggregate(
            a["path"], a["aggregator"], a["value"], a["scale"], a["count"], a["quote"]
        )
        for a in conn.execute(
            select(reported).where(reported.c.film_id == film_id).order_by(reported.c.id)
        ).mappings()
    )
    return _film_row(
        row, documents=documents, facts=_load_facts(conn, film_id), conflicts=conflicts,
        reviews=reviews, reported_aggregates=reported_aggregates,
    )


def _load_facts(conn: Connection, film_id: int) -> dict[str, tuple[FactEntry, ...]]:
    facts, sources = schema.facts, schema.fact_sources
    evidence: dict[int, list[Evidence]] = {}
    for src in conn.execute(
        select(sources.c.fact_id, sources.c.path, sources.c.quote)
        .join(facts, facts.c.id == sources.c.fact_id)
        .where(facts.c.film_id == film_id)
        .order_by(sources.c.id)
    ):
        evidence.setdefault(src.fact_id, []).append(Evidence(src.path, src.quote))
    grouped: dict[str, list[FactEntry]] = {}
    for fact in conn.execute(
        select(facts).where(facts.c.film_id == film_id).order_by(facts.c.position, facts.c.id)
    ).mappings():
        entry = FactEntry(
            value=decode_value(fact["value"]),
            sources=tuple(evidence.get(fact["id"], ())),
            variants=tuple(fact["variants"]),
        )
        grouped.setdefault(fact["field"], []).append(entry)
    return {name: tuple(entries) for name, entries in grouped.items()}


def _review(r: RowMapping) -> Review:
    return Review(
        path=r["path"], critic=r["critic"], outlet=r["outlet"], published=r["published"],
        reported_in=r["reported_in"], rating_text=r["rating_text"], score=r["score"],
        score_source=r["score_source"], verdict=r["verdict"], fresh=r["fresh"],
        p_positive=r["p_positive"], quote=r["quote"], kind=r["kind"],
    )
