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

TABLE_NAMES: tuple[str, ...] = tuple(sorted(metadata.tables))
