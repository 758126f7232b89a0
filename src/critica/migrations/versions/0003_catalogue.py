"""A local film catalogue (IMDb's public TSV layout) and the film's link to it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

- catalogue_titles, catalogue_principals, catalogue_people: filled by `critica catalogue
  import` from title.basics, title.principals and name.basics.
- films.catalogue_id: the tconst a film was identified as, when a catalogue was loaded.

Written out in full, like 0001, so it keeps building the schema of this day.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite supports it without rebuilding the table, so the FTS
    # triggers of revision 0002 on other tables are untouched.
    op.add_column("films", sa.Column("catalogue_id", sa.Text()))
    op.create_table(
        "catalogue_titles",
        sa.Column("tconst", sa.String(16), nullable=False),
        sa.Column("title_type", sa.Text(), nullable=False),
        sa.Column("primary_title", sa.Text(), nullable=False),
        sa.Column("original_title", sa.Text()),
        sa.Column("is_adult", sa.Boolean()),
        sa.Column("start_year", sa.Integer()),
        sa.Column("runtime_min", sa.Integer()),
        sa.Column("genres", sa.Text()),
        sa.Column("title_key", sa.Text(), nullable=False),
        sa.Column("original_key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("tconst", name="pk_catalogue_titles"),
    )
    op.create_index("ix_catalogue_titles_title_key", "catalogue_titles", ["title_key"])
    op.create_index("ix_catalogue_titles_original_key", "catalogue_titles", ["original_key"])
    op.create_index("ix_catalogue_titles_start_year", "catalogue_titles", ["start_year"])
    op.create_table(
        "catalogue_principals",
        sa.Column("tconst", sa.String(16), nullable=False),
        sa.Column("ordering", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("nconst", sa.String(16), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("job", sa.Text()),
        sa.Column("characters", sa.Text()),
        sa.PrimaryKeyConstraint("tconst", "ordering", name="pk_catalogue_principals"),
    )
    op.create_index("ix_catalogue_principals_nconst", "catalogue_principals", ["nconst"])
    op.create_table(
        "catalogue_people",
        sa.Column("nconst", sa.String(16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("birth_year", sa.Integer()),
        sa.Column("death_year", sa.Integer()),
        sa.Column("professions", sa.Text()),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("nconst", name="pk_catalogue_people"),
    )
    op.create_index("ix_catalogue_people_name_key", "catalogue_people", ["name_key"])


def downgrade() -> None:
    for table in ("catalogue_people", "catalogue_principals", "catalogue_titles"):
        op.drop_table(table)
    with op.batch_alter_table("films") as batch:
        batch.drop_column("catalogue_id")
