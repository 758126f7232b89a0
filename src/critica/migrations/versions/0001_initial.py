"""Initial schema: documents, films and their facts, reviews and reported figures, runs.

Revision ID: 0001
Revises:
Create Date: 2024-06-01

Written out in full rather than imported from ``critica.store.schema``: a migration
must keep building the schema as it was on this day, whatever schema.py says later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _film_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["film_id"], ["films.id"], name=f"fk_{table}_film_id_films", ondelete="CASCADE"
    )


def _document_fk(table: str, column: str = "document_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["documents.id"], name=f"fk_{table}_{column}_documents", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "films",
        _id(),
        sa.Column("slug", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("original_title", sa.Text()),
        sa.Column("year", sa.Integer()),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("n_reviews", sa.Integer(), nullable=False),
        sa.Column("n_positive", sa.Integer(), nullable=False),
        sa.Column("percent_positive", sa.Float()),
        sa.Column("interval_low", sa.Float()),
        sa.Column("interval_high", sa.Float()),
        sa.Column("mean_score", sa.Float()),
        sa.Column("band", sa.Text()),
        sa.Column("consensus", sa.Text()),
        sa.Column("consensus_sources", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(64)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_films"),
        sa.UniqueConstraint("slug", name="uq_films_slug"),
    )
    op.create_table(
        "documents",
        _id(),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40)),
        sa.Column("language", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("author", sa.Text()),
        sa.Column("published", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("encoding", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(20), nullable=False),
        sa.Column("film_id", sa.Integer()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
        sa.ForeignKeyConstraint(
            ["film_id"], ["films.id"], name="fk_documents_film_id_films", ondelete="SET NULL"
        ),
    )
    op.create_index("ix_documents_path", "documents", ["path"])
    op.create_index("ix_documents_film_id", "documents", ["film_id"])

    op.create_table(
        "facts",
        _id(),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("value_text", sa.Text(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_facts"),
        _film_fk("facts"),
    )
    op.create_index("ix_facts_film_id_field", "facts", ["film_id", "field"])

    op.create_table(
        "fact_sources",
        _id(),
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer()),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_fact_sources"),
        sa.ForeignKeyConstraint(
            ["fact_id"], ["facts.id"], name="fk_fact_sources_fact_id_facts", ondelete="CASCADE"
        ),
        _document_fk("fact_sources"),
    )
    op.create_index("ix_fact_sources_fact_id", "fact_sources", ["fact_id"])
    op.create_index("ix_fact_sources_document_id", "fact_sources", ["document_id"])

    op.create_table(
        "conflicts",
        _id(),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_conflicts"),
        _film_fk("conflicts"),
    )
    op.create_index("ix_conflicts_film_id", "conflicts", ["film_id"])

    op.create_table(
        "reviews",
        _id(),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer()),
        sa.Column("reported_in_document_id", sa.Integer()),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("reported_in", sa.Text()),
        sa.Column("critic", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("published", sa.Text()),
        sa.Column("rating_text", sa.Text()),
        sa.Column("score", sa.Float()),
        sa.Column("score_source", sa.String(20)),
        sa.Column("verdict", sa.String(20)),
        sa.Column("fresh", sa.Boolean()),
        sa.Column("p_positive", sa.Float()),
        sa.Column("quote", sa.Text()),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        _film_fk("reviews"),
        _document_fk("reviews"),
        _document_fk("reviews", "reported_in_document_id"),
    )
    op.create_index("ix_reviews_film_id", "reviews", ["film_id"])
    op.create_index("ix_reviews_document_id", "reviews", ["document_id"])
    op.create_index(
        "ix_reviews_reported_in_document_id", "reviews", ["reported_in_document_id"]
    )

    op.create_table(
        "reported_aggregates",
        _id(),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer()),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("aggregator", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("scale", sa.Float(), nullable=False),
        sa.Column("count", sa.Integer()),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reported_aggregates"),
        _film_fk("reported_aggregates"),
        _document_fk("reported_aggregates"),
    )
    op.create_index("ix_reported_aggregates_film_id", "reported_aggregates", ["film_id"])
    op.create_index(
        "ix_reported_aggregates_document_id", "reported_aggregates", ["document_id"]
    )

    op.create_table(
        "runs",
        _id(),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_rejected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
        sa.UniqueConstraint("fingerprint", name="uq_runs_fingerprint"),
    )
    op.create_table(
        "rejections",
        _id(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rejections"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_rejections_run_id_runs", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_rejections_run_id", "rejections", ["run_id"])


def downgrade() -> None:
    for table in (
        "rejections", "runs", "reported_aggregates", "reviews", "conflicts",
        "fact_sources", "facts", "documents", "films",
    ):
        op.drop_table(table)
