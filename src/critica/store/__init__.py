"""store: reports into a database (SQLite file by default, PostgreSQL by URL), and back.

    open_store(url) -> Store
    Store.save_report(report, documents) -> SaveSummary
    Store.counts() / films() / film(slug) / document_text(hash) / delete_document(hash)
    Store.held_badges() -> {slug: badge names}: the previous state badge hysteresis needs

One schema for both engines (``schema.py``), built by Alembic migrations that run when a
store is opened. Saving is idempotent: documents are keyed by content hash, films by slug.
"""

from critica.store.engine import parse_url
from critica.store.repository import Store, open_store
from critica.store.rows import ChangeCounts, DocumentRow, FilmRow, SaveSummary

__all__ = [
    "ChangeCounts",
    "DocumentRow",
    "FilmRow",
    "SaveSummary",
    "Store",
    "open_store",
    "parse_url",
]
