"""Alembic environment for critica.

critica runs migrations itself when a store is opened (see ``critica.store.engine``), handing
the open connection over in ``config.attributes["connection"]``; no alembic.ini is needed.
Developers can still use the alembic command with ``-x url=...`` to write a new revision.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from critica.store.schema import metadata

# Any fixed number: PostgreSQL advisory locks are keyed by a bigint.
_MIGRATION_LOCK_KEY = 0x637269746963  # "critic" in ASCII


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    return url or context.config.get_main_option("sqlalchemy.url") or "sqlite:///critica.db"


def _migrate(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Two processes opening a fresh database at once must not both create the tables.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(_url())
    try:
        with engine.begin() as own_connection:
            _migrate(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
