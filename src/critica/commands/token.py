"""`critica token`: API tokens for the HTTP API's writes (shown once, stored hashed)."""

from __future__ import annotations

import click

from critica.errors import CriticaError

_DB = click.option("--db", "db_url", default=None,
                   help="Database URL (default: sqlite:///critica.db).")


@click.group("token")
def token_group() -> None:
    """Create, list and revoke API tokens."""


@token_group.command("create")
@click.option("--name", default="api", show_default=True, help="What the token is for.")
@_DB
def create(name: str, db_url: str | None) -> None:
    """Make a token and print it once (only its hash is stored)."""
    from critica.cli import _fail
    from critica.settings import load_settings
    from critica.store import open_store

    try:
        with open_store(load_settings(db_url=db_url).db_url) as store:
            row, secret = store.create_token(name)
    except CriticaError as exc:
        _fail(exc)
        return
    click.echo(secret)
    click.echo(f"token {row.id} ({row.name}) created; it is shown only now. Send it as "
               "'Authorization: Bearer <token>'.", err=True)


@token_group.command("list")
@_DB
def list_tokens(db_url: str | None) -> None:
    """List tokens (never their secrets)."""
    from critica.cli import _fail
    from critica.settings import load_settings
    from critica.store import open_store

    try:
        with open_store(load_settings(db_url=db_url).db_url) as store:
            rows = store.list_tokens()
    except CriticaError as exc:
        _fail(exc)
        return
    for row in rows:
        state = "active" if row.active else f"revoked {row.revoked_at:%Y-%m-%d %H:%M}"
        click.echo(f"{row.id}\t{row.name}\t{row.created_at:%Y-%m-%d %H:%M}\t{state}")


@token_group.command("revoke")
@click.argument("token_id")
@_DB
def revoke(token_id: str, db_url: str | None) -> None:
    """Revoke the token with this id (or every token with this name)."""
    from critica.cli import _fail
    from critica.settings import load_settings
    from critica.store import open_store

    try:
        with open_store(load_settings(db_url=db_url).db_url) as store:
            count = store.revoke_token(token_id)
    except CriticaError as exc:
        _fail(exc)
        return
    if count == 0:
        _fail(CriticaError(f"no active token {token_id!r}; `critica token list` shows them"))
    click.echo(f"revoked {count} token{'s' if count != 1 else ''}")
