"""API tokens: made here, shown once, stored only as a sha256 hash.

A token is 256 random bits; hashing it with a plain sha256 (no salt, no slow hash) is enough,
since nobody can guess such a secret from its hash, and it lets a request be checked with one
indexed lookup.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from critica.store import schema
from critica.store.save import now

TOKEN_PREFIX = "crt_"


@dataclass(frozen=True)
class TokenRow:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode("utf-8", "surrogatepass")).hexdigest()


def create_token(conn: Connection, name: str) -> tuple[TokenRow, str]:
    """A new token: its row and the secret, which only the caller ever sees."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = now()
    key = conn.execute(
        insert(schema.api_tokens).values(
            name=name, token_hash=hash_token(secret), created_at=created
        )
    ).inserted_primary_key
    assert key is not None
    return TokenRow(int(key[0]), name, created, None, None), secret


def list_tokens(conn: Connection) -> list[TokenRow]:
    t = schema.api_tokens
    rows = conn.execute(
        select(t.c.id, t.c.name, t.c.created_at, t.c.last_used_at, t.c.revoked_at).order_by(t.c.id)
    )
    return [TokenRow(**row) for row in rows.mappings()]


def revoke_token(conn: Connection, id_or_name: str) -> int:
    """Revoke the token with this id, or every active token with this name; how many."""
    t = schema.api_tokens
    which = t.c.id == int(id_or_name) if id_or_name.isdigit() else t.c.name == id_or_name
    result = conn.execute(
        update(t).where(which, t.c.revoked_at.is_(None)).values(revoked_at=now())
    )
    return int(result.rowcount)


def check_token(conn: Connection, token: str) -> TokenRow | None:
    """The active token this secret belongs to, or None."""
    t = schema.api_tokens
    row = conn.execute(
        select(t.c.id, t.c.name, t.c.created_at, t.c.last_used_at, t.c.revoked_at).where(
            t.c.token_hash == hash_token(token), t.c.revoked_at.is_(None)
        )
    ).mappings().first()
    return TokenRow(**row) if row is not None else None
