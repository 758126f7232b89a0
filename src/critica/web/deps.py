"""What every route needs: the store, the settings, token checks and a size-limited body."""

from __future__ import annotations

from fastapi import HTTPException, Request

from critica.settings import Settings
from critica.store import Store
from critica.store.tokens import TokenRow


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def require_token(request: Request) -> TokenRow:
    """The caller's active token, else 401 (none or malformed) / 401 (unknown or revoked)."""
    challenge = {"WWW-Authenticate": 'Bearer realm="critica"'}
    token = _bearer(request)
    if token is None:
        raise HTTPException(
            401,
            "this needs an API token: send 'Authorization: Bearer <token>' "
            "(make one with `critica token create`)",
            headers=challenge,
        )
    row = store_of(request).check_token(token)
    if row is None:
        raise HTTPException(401, "the API token is unknown or revoked", headers=challenge)
    return row


async def read_access(request: Request) -> None:
    """Open by default; with ``read_requires_token`` every read needs a token too.

    Async so that an open read costs no trip through the thread pool.
    """
    if settings_of(request).read_requires_token:
        require_token(request)


async def limited_body(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is known to pass ``limit`` bytes.

    The declared Content-Length is checked first; a chunked body is counted as it arrives,
    so a client cannot make the server hold more than the limit in memory.
    """
    too_large = HTTPException(
        413, f"the body is over the {limit / 1024 / 1024:g} MB upload limit "
        "(the server's max_document_mb setting)",
    )
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HTTPException(400, "the Content-Length header is not a number")
        if int(declared) > limit:
            raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
