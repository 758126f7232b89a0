"""Database URLs, engines and migrations: everything about reaching a database.

Accepted URLs:
    sqlite:///critica.db          a file, relative to the working directory
    sqlite:////abs/path/critica.db
    sqlite://                     in memory (gone when the store closes)
    postgresql://user@host:5432/db  (also postgres://; run through psycopg 3)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from critica.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Seconds to wait for a PostgreSQL server before saying it cannot be reached.
CONNECT_TIMEOUT = 10

_SQLITE = {"sqlite", "sqlite+pysqlite"}
_POSTGRES = {"postgres", "postgresql", "postgresql+psycopg"}


def describe(url: str | URL) -> str:
    """The URL with any password hidden, for messages."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return repr(str(url))
    return parsed.render_as_string(hide_password=True)


def parse_url(url: str) -> URL:
    """Check the scheme and map it to the driver critica uses; StoreError when it is unknown."""
    hint = "use sqlite:///critica.db or postgresql://user@host:5432/dbname"
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}; {hint}") from None
    if parsed.drivername in _SQLITE:
        return parsed.set(drivername="sqlite")
    if parsed.drivername in _POSTGRES:
        return parsed.set(drivername="postgresql+psycopg")
    raise StoreError(
        f"unknown database URL scheme {parsed.drivername!r} in {describe(parsed)}; {hint}"
    )


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def create_store_engine(url: URL) -> Engine:
    """An engine for a parsed URL; SQLite files get their parent folders created."""
    if url.drivername == "sqlite":
        return _sqlite_engine(url)
    return create_engine(
        url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT}
    )


def _sqlite_engine(url: URL) -> Engine:
    kwargs: dict[str, Any] = {}
    if _is_memory(url):
        # One shared connection: each new connection to ":memory:" would be an empty database.
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    else:
        path = Path(str(url.database)).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for SQLite database {path}: {exc}") from exc
        url = url.set(database=str(path))
        kwargs = {"connect_args": {"timeout": 30}}
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: object) -> None:
    # pysqlite commits before every DDL statement by itself; take over so that a migration
    # is one transaction (all tables or none, and one disk sync instead of dozens).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # SQLite enforces foreign keys (and so ON DELETE CASCADE) only when asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def connection_error(url: URL, exc: BaseException) -> StoreError:
    """A StoreError that says where critica tried to connect and what to do about it."""
    reason = _first_line(exc)
    if url.drivername == "sqlite":
        where = url.database or ":memory:"
        return StoreError(f"cannot open SQLite database {where}: {reason}")
    where = f"{url.host or 'local socket'}:{url.port or 5432}"
    if "does not exist" in reason:
        advice = f"create it with: createdb -h {url.host or 'localhost'} {url.database}"
    elif "authentication" in reason or "password" in reason:
        advice = "check the user name and password in the URL"
    else:
        advice = "is the server running?"
    return StoreError(f"cannot connect to PostgreSQL at {where}: {reason} — {advice}")


def _first_line(exc: BaseException) -> str:
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def alembic_config() -> Config:
    """Alembic configured in code: no alembic.ini for users to carry around."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine, url: URL) -> None:
    """Bring the database to the newest schema; a fresh database gets every table."""
    config = alembic_config()
    try:
        connection = engine.connect()
    except SQLAlchemyError as exc:
        raise connection_error(url, exc) from exc
    try:
        with connection.begin():
            current = MigrationContext.configure(connection).get_current_revision()
            scripts = ScriptDirectory.from_config(config)
            known = {script.revision for script in scripts.walk_revisions()}
            if current is not None and current not in known:
                raise StoreError(
                    f"the database at {describe(url)} has schema revision {current!r}, which this "
                    "critica does not know: a newer critica wrote it — upgrade critica"
                )
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except (SQLAlchemyError, CommandError) as exc:
        reason = _first_line(exc)
        raise StoreError(f"cannot migrate the database at {describe(url)}: {reason}") from exc
    finally:
        connection.close()
