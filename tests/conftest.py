"""Shared fixtures. Database ones: a real SQLite file and a real PostgreSQL server.

PostgreSQL is reached at $CRITICA_TEST_POSTGRES_URL (default postgresql://root@127.0.0.1:5432/test);
each test session gets a database of its own and each test a fresh schema in it, so parallel
runs never collide. When the server cannot be reached the PostgreSQL tests skip, or fail when
$CI is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

POSTGRES_ADMIN_URL = os.environ.get(
    "CRITICA_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of this test session's own, dropped at the end; yields its URL."""
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0]
        message = (
            f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {reason}. Start it with "
            "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, "
            "or point CRITICA_TEST_POSTGRES_URL at a server"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    name = f"critica_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False)
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def postgres_url(postgres_database: str) -> Iterator[str]:
    """The URL of a fresh, empty schema (CREATE DATABASE is slow; a schema is not)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        url = make_url(postgres_database).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(postgres_database, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: a SQLite file (in a folder not yet made), PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'not-yet' / 'critica.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url
