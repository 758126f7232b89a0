"""The database schema, one for SQLite and PostgreSQL.

This module describes the schema *as it is at head*; the migrations in
``critica/migrations/versions`` build it step by step and must agree with it (a test
compares them). When you change a table here, add a migration there.

Child rows of a film (facts, reviews, ...) carry the document path as well as the
document id: the path is what the report said, the id is the link that lets
``delete_document`` remove the evidence a document gave.

String(n) is used only for values critica picks from a fixed list (kinds, verdicts, hashes);
anything read from a document is Text, so PostgreSQL never rejects what SQLite accepts.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# Explicit constraint names, so migrations can refer to them on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

films = Table(
    "films",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("original_title", Text),
    Column("year", Integer),
    Column("variants", JSON, nullable=False),
    Column("n_reviews", Integer, nullable=False),
    Column("n_positive", Integer, nullable=False),
    Column("percent_positive", Float),
    Column("interval_low", Float),
    Column("interval_high", Float),
    Column("mean_score", Float),
    Column("band", Text),
    Column("consensus", Text),
    Column("consensus_sources", JSON, nullable=False),
    # sha256 of the film as saved: an identical re-save is skipped, keeping row ids stable.
    Column("fingerprint", String(64)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The film as the JSON report renders it (revision 0002): pages show every field the
    # pipeline produces, including ones no column describes yet.
    Column("report", JSON),
    # The catalogue entry (an IMDb tconst such as "tt2053425") the film was linked to
    # (revision 0003); None when no catalogue was loaded or no entry matched.
    Column("catalogue_id", Text),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("kind", String(40)),
    Column("language", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", Text),
    Column("text", Text, nullable=False),
    Column("encoding", Text, nullable=False),
    Column("media_type", String(20), nullable=False),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="SET NULL")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Page metadata and removed lines from clean (revision 0002): with them a stored document
    # can be analysed again exactly as it first was, when a neighbour is added or deleted.
    Column("clean_metadata", JSON),
    Index("ix_documents_path", "path"),
    Index("ix_documents_film_id", "film_id"),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(40), nullable=False),
    Column("position", Integer, nullable=False),  # keeps the report's order of fields and values
    Column("value", JSON, nullable=False),
    Column("value_text", Text, nullable=False),
    Column("variants", JSON, nullable=False),
    Index("ix_facts_film_id_field", "film_id", "field"),
)

fact_sources = Table(
    "fact_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fact_id", Integer, ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column("path", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Index("ix_fact_sources_fact_id", "fact_id"),
    Index("ix_fact_sources_document_id", "document_id"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(40), nullable=False),
    Column("values", JSON, nullable=False),
    Column("note", Text),
    Index("ix_conflicts_film_id", "film_id"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column(
        "reported_in_document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")
    ),
    Column("path", Text, nullable=False),
    Column("reported_in", Text),
    Column("critic", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("rating_text", Text),
    Column("score", Float),
    Column("score_source", String(20)),
    Column("verdict", String(20)),
    Column("fresh", Boolean),
    Column("p_positive", Float),
    Column("quote", Text),
    Column("kind", String(40), nullable=False),
    Index("ix_reviews_film_id", "film_id"),
    Index("ix_reviews_document_id", "document_id"),
    Index("ix_reviews_reported_in_document_id", "reported_in_document_id"),
)

reported_aggregates = Table(
    "reported_aggregates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("film_id", Integer, ForeignKey("films.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE")),
    Column("path", Text, nullable=False),
    Column("aggregator", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("scale", Float, nullable=False),
    Column("count", Integer),
    Column("quote", Text, nullable=False),
    Index("ix_reported_aggregates_film_id", "film_id"),
    Index("ix_reported_aggregates_document_id", "document_id"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha256 of the run's inputs: saving the same report again updates this row, adds none.
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("n_documents", Integer, nullable=False),
    Column("n_rejected", Integer, nullable=False),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("path", Text, nullable=False),
    Column("stage", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_rejections_run_id", "run_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    # sha256 of the token: the token itself is shown once, at creation, and never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

# A local film catalogue in IMDb's public TSV layout (revision 0003), loaded by
# `critica catalogue import`. Keys are normalize_title() of the titles, so identification can
# look a film up by the same key it matches documents with. No foreign keys: the three files
# arrive in any order and a principal may name a person whose row was filtered out.
catalogue_titles = Table(
    "catalogue_titles",
    metadata,
    Column("tconst", String(16), primary_key=True),
    Column("title_type", Text, nullable=False),
    Column("primary_title", Text, nullable=False),
    Column("original_title", Text),
    Column("is_adult", Boolean),
    Column("start_year", Integer),
    Column("runtime_min", Integer),
    Column("genres", Text),
    Column("title_key", Text, nullable=False),
    Column("original_key", Text, nullable=False),
    Index("ix_catalogue_titles_title_key", "title_key"),
    Index("ix_catalogue_titles_original_key", "original_key"),
    Index("ix_catalogue_titles_start_year", "start_year"),
)

catalogue_principals = Table(
    "catalogue_principals",
    metadata,
    Column("tconst", String(16), primary_key=True),
    Column("ordering", Integer, primary_key=True, autoincrement=False),
    Column("nconst", String(16), nullable=False),
    Column("category", Text, nullable=False),
    Column("job", Text),
    Column("characters", Text),
    Index("ix_catalogue_principals_nconst", "nconst"),
)

catalogue_people = Table(
    "catalogue_people",
    metadata,
    Column("nconst", String(16), primary_key=True),
    Column("name", Text, nullable=False),
    Column("birth_year", Integer),
    Column("death_year", Integer),
    Column("professions", Text),
    Column("name_key", Text, nullable=False),
    Index("ix_catalogue_people_name_key", "name_key"),
)

CATALOGUE_TABLES: tuple[str, ...] = ("catalogue_titles", "catalogue_principals", "catalogue_people")

# Full-text search objects (revision 0002) live outside this metadata: FTS5 virtual tables on
# SQLite, expression GIN indexes on PostgreSQL. Schema comparisons leave them out by name.
SEARCH_TABLES: tuple[str, ...] = ("documents_fts", "reviews_fts")
SEARCH_INDEXES: tuple[str, ...] = ("ix_documents_text_search", "ix_reviews_text_search")


def include_in_comparison(name: str | None, type_: str, parent_names: object) -> bool:
    """An Alembic ``include_name`` hook: everything but the search objects (and FTS5's own
    shadow tables, ``documents_fts_data`` and the like)."""
    if name is None:
        return True
    if type_ == "table":
        return not any(name == t or name.startswith(t + "_") for t in SEARCH_TABLES)
    return not (type_ == "index" and name in SEARCH_INDEXES)


TABLE_NAMES: tuple[str, ...] = tuple(sorted(metadata.tables))
