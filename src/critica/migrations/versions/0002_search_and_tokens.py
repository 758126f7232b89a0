"""Full-text search, API tokens, and what a page or a re-analysis needs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

- films.report: the film as the JSON report renders it, so pages show every field.
- documents.clean_metadata: page metadata and removed lines, so a stored document can be
  analysed again as it first was.
- api_tokens: hashed bearer tokens for the HTTP API's writes.
- search: on SQLite, FTS5 tables over documents and reviews kept in step by triggers; on
  PostgreSQL, GIN indexes over the same tsvector expressions the search queries use
  (``critica.store.search``).

A later SQLite migration that rebuilds ``documents`` or ``reviews`` in batch mode drops their
triggers with the old table: it must create them again (``sqlite_triggers`` below).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

# (table, fts table, columns): the columns each FTS5 table copies from its content table.
SQLITE_FTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("documents", "documents_fts", ("text",)),
    ("reviews", "reviews_fts", ("critic", "outlet", "quote", "rating_text")),
)

# PostgreSQL: the tsvector expressions; critica.store.search repeats them word for word,
# since the planner uses an expression index only for the identical expression.
POSTGRES_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_documents_text_search", "documents",
     "to_tsvector('english'::regconfig, left(text, 500000))"),
    ("ix_reviews_text_search", "reviews",
     "to_tsvector('english'::regconfig, coalesce(critic, '') || ' ' || coalesce(outlet, '')"
     " || ' ' || coalesce(quote, '') || ' ' || coalesce(rating_text, ''))"),
)


def sqlite_triggers(table: str, fts: str, columns: tuple[str, ...]) -> list[str]:
    """The statements that keep an external-content FTS5 table in step with its table."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN {remove} {add} END",
    ]


def upgrade() -> None:
    op.add_column("films", sa.Column("report", sa.JSON()))
    op.add_column("documents", sa.Column("clean_metadata", sa.JSON()))
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, fts, columns in SQLITE_FTS:
            op.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, "
                f"content='{table}', content_rowid='id', tokenize='porter unicode61')"
            )
            for statement in sqlite_triggers(table, fts, columns):
                op.execute(statement)
            # Rows saved before this revision: index them now.
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    elif dialect == "postgresql":
        for name, table, expression in POSTGRES_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression}))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for _table, fts, _columns in SQLITE_FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif dialect == "postgresql":
        for name, _table, _expression in POSTGRES_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_table("api_tokens")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("clean_metadata")
    with op.batch_alter_table("films") as batch:
        batch.drop_column("report")
