"""`critica serve`: the web pages and HTTP API over a database, run by uvicorn."""

from __future__ import annotations

import os

import click

from critica.errors import CriticaError


@click.command("serve")
@click.option("--db", "db_url", default=None, help="Database URL (default: sqlite:///critica.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each keeps its own page cache).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              help="How much the server logs.")
def serve_command(db_url: str | None, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve film pages, their JSON twins and the API (/api, /openapi.json)."""
    import uvicorn

    from critica.cli import _fail
    from critica.settings import load_settings
    from critica.store import open_store

    try:
        settings = load_settings(db_url=db_url)
        open_store(settings.db_url).close()  # fail here, clearly, rather than in each worker
    except CriticaError as exc:
        _fail(exc)
        return
    # Workers are fresh processes: they read the settings from the environment.
    os.environ["CRITICA_DB_URL"] = settings.db_url
    click.echo(f"critica serving {settings.db_url} at http://{host}:{port}/", err=True)
    uvicorn.run(
        "critica.web.app:create_app_from_env", factory=True, host=host, port=port,
        workers=workers, log_level=log_level, proxy_headers=False, server_header=False,
    )
