"""A local film catalogue in IMDb's public TSV layout, kept in the store.

    import_catalogue(db_url, paths)  -> ImportSummary   (title.basics / title.principals /
                                                          name.basics, plain or .gz)
    open_catalogue(store)            -> Catalogue | None (None when nothing was imported)
    Catalogue.search(query)          -> [CatalogueEntry]
    Catalogue.titles_by_keys / titles_near / people: what identification links films with

A user downloads the files from https://datasets.imdbws.com/; critica ships none. Without a
catalogue every stage works as before: linking is an extra step, never a requirement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from critica.catalogue.load import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_TITLE_TYPES,
    FileImport,
    ImportProgress,
    ImportSummary,
    import_files,
)
from critica.catalogue.lookup import Catalogue, CatalogueEntry, CataloguePerson, CatalogueTitle
from critica.store import Store, open_store

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_TITLE_TYPES",
    "Catalogue",
    "CatalogueEntry",
    "CataloguePerson",
    "CatalogueTitle",
    "FileImport",
    "ImportProgress",
    "ImportSummary",
    "import_catalogue",
    "open_catalogue",
    "search_catalogue",
]


def import_catalogue(
    db_url: str,
    paths: Sequence[str | Path],
    *,
    title_types: Iterable[str] | None = DEFAULT_TITLE_TYPES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ImportProgress | None = None,
) -> ImportSummary:
    """Load IMDb TSV files into the catalogue of the store at ``db_url`` (idempotent)."""
    with open_store(db_url) as store:
        return import_files(
            store.engine, [Path(p) for p in paths], title_types=title_types,
            batch_size=batch_size, progress=progress,
        )


def open_catalogue(store: Store) -> Catalogue | None:
    """The store's catalogue, or None when none was imported (identification then skips it)."""
    catalogue = Catalogue(store.engine)
    return catalogue if catalogue.size() > 0 else None


def search_catalogue(db_url: str, query: str, limit: int = 10) -> list[CatalogueEntry]:
    """Catalogue entries matching ``query``, best first (empty when there is no catalogue)."""
    with open_store(db_url) as store:
        return Catalogue(store.engine).search(query, limit)
