"""Full-text search: FTS5 on SQLite, tsvector with GIN indexes on PostgreSQL.

Whatever a user types is turned into plain words before it reaches either engine, and every
value travels as a bound parameter: quotes, ``OR``, ``NEAR``, ``*`` or ``'; DROP TABLE`` are
just more words to look for, never syntax. Snippets mark hits with control characters
(:data:`MARK_START`, :data:`MARK_END`) that the page escapes first and then turns into
``<mark>``, so no markup from the database reaches a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

MARK_START = "\x02"
MARK_END = "\x03"
MAX_TERMS = 12  # longer queries add nothing but work
_WORD = re.compile(r"\w+", re.UNICODE)

# Word for word the expressions of the GIN indexes in migration 0002 (else no index is used).
_PG_DOCUMENT_VECTOR = "to_tsvector('english'::regconfig, left(d.text, 500000))"
_PG_REVIEW_VECTOR = (
    "to_tsvector('english'::regconfig, coalesce(r.critic, '') || ' ' || coalesce(r.outlet, '')"
    " || ' ' || coalesce(r.quote, '') || ' ' || coalesce(r.rating_text, ''))"
)


@dataclass(frozen=True)
class DocumentHit:
    id: int
    content_hash: str
    path: str
    kind: str | None
    outlet: str | None
    film_slug: str | None
    snippet: str  # hits between MARK_START and MARK_END
    rank: float


@dataclass(frozen=True)
class ReviewHit:
    id: int
    film_slug: str
    film_title: str
    critic: str | None
    outlet: str | None
    quote: str | None
    verdict: str | None
    score: float | None
    rank: float


def query_words(query: str) -> list[str]:
    """The words of a user's query, lower-cased, at most :data:`MAX_TERMS`."""
    return [w.lower() for w in _WORD.findall(query)][:MAX_TERMS]


def _fts5_query(words: list[str]) -> str:
    # Each word quoted: FTS5 reads it as a string, never as an operator or column filter.
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_documents(conn: Connection, query: str, limit: int = 20) -> list[DocumentHit]:
    words = query_words(query)
    if not words:
        return []
    if conn.dialect.name == "sqlite":
        sql = text(
            "SELECT d.id, d.content_hash, d.path, d.kind, d.outlet, f.slug AS film_slug, "
            "snippet(documents_fts, 0, :start, :end, '…', 24) AS snippet, "
            "bm25(documents_fts) AS rank "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "LEFT JOIN films f ON f.id = d.film_id "
            "WHERE documents_fts MATCH :q ORDER BY rank, d.id LIMIT :limit"
        )
        params: dict[str, object] = {"q": _fts5_query(words)}
    else:
        sql = text(
            "SELECT d.id, d.content_hash, d.path, d.kind, d.outlet, f.slug AS film_slug, "
            "ts_headline('english', left(d.text, 500000), q, "
            "'StartSel=' || :start || ', StopSel=' || :end || ', MaxWords=30, MinWords=12') "
            "AS snippet, "
            f"-ts_rank({_PG_DOCUMENT_VECTOR}, q) AS rank "
            "FROM documents d LEFT JOIN films f ON f.id = d.film_id, "
            "plainto_tsquery('english', :q) q "
            f"WHERE {_PG_DOCUMENT_VECTOR} @@ q ORDER BY rank, d.id LIMIT :limit"
        )
        params = {"q": " ".join(words)}
    params.update(start=MARK_START, end=MARK_END, limit=limit)
    return [DocumentHit(**row) for row in conn.execute(sql, params).mappings()]


def search_reviews(conn: Connection, query: str, limit: int = 20) -> list[ReviewHit]:
    words = query_words(query)
    if not words:
        return []
    columns = (
        "r.id, f.slug AS film_slug, f.title AS film_title, r.critic, r.outlet, r.quote, "
        "r.verdict, r.score"
    )
    if conn.dialect.name == "sqlite":
        sql = text(
            f"SELECT {columns}, bm25(reviews_fts) AS rank "
            "FROM reviews_fts JOIN reviews r ON r.id = reviews_fts.rowid "
            "JOIN films f ON f.id = r.film_id "
            "WHERE reviews_fts MATCH :q ORDER BY rank, r.id LIMIT :limit"
        )
        params: dict[str, object] = {"q": _fts5_query(words)}
    else:
        sql = text(
            f"SELECT {columns}, -ts_rank({_PG_REVIEW_VECTOR}, q) AS rank "
            "FROM reviews r JOIN films f ON f.id = r.film_id, plainto_tsquery('english', :q) q "
            f"WHERE {_PG_REVIEW_VECTOR} @@ q ORDER BY rank, r.id LIMIT :limit"
        )
        params = {"q": " ".join(words)}
    params["limit"] = limit
    return [ReviewHit(**row) for row in conn.execute(sql, params).mappings()]


def like_pattern(query: str) -> str:
    """A LIKE pattern matching ``query`` anywhere, its own % and _ taken literally."""
    # NUL cannot travel to PostgreSQL at all; it can never match a stored title either.
    escaped = query.replace("\x00", "")
    escaped = escaped.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
