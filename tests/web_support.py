"""A real `critica serve` on a loopback port, over a database holding the example corpus.

Shared by the web API, page and browser tests. The server is a subprocess started through
the CLI, reached with real HTTP requests; databases are real SQLite files or PostgreSQL schemas.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from critica.api import analyze
from critica.report import film_to_json
from critica.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
FILM_SLUG = "night-of-the-living-dead-1968"


@dataclass(frozen=True)
class Server:
    url: str
    db_url: str
    log: Path

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def seed(db_url: str) -> dict[str, object]:
    """Analyse the example corpus into the database; the film as `analyze --json` renders it."""
    settings = Settings(db_url=db_url)
    report = analyze([str(CORPUS)], db=db_url, settings=settings)
    films = {f.slug: film_to_json(f) for f in report.films}
    return films[FILM_SLUG]


@contextmanager
def running_server(
    db_url: str, tmp: Path, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """`critica serve` in a subprocess until the block ends; its log under ``tmp``."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    environment = {
        **os.environ,
        "CRITICA_CONFIG": str(tmp / "no-such-config.toml"),  # no user settings leak in
        "HF_HUB_OFFLINE": "1",
        **(env or {}),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "critica.cli", "serve", "--db", db_url, "--port", str(port),
             "--log-level", "warning"],
            stdout=out, stderr=subprocess.STDOUT, env=environment, cwd=tmp,
        )
    server = Server(f"http://127.0.0.1:{port}", db_url, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"critica serve exited: {log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{server.url}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"critica serve did not start: {log.read_text()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def postgres_schema(database_url: str) -> Iterator[str]:
    """A fresh schema in the test session's PostgreSQL database, for a whole test module."""
    schema = f"w_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        url = make_url(database_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
