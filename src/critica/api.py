"""The library's front door: analyse documents, optionally store the result."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from critica.records import Report
from critica.settings import Settings, load_settings


def analyze(
    paths: Sequence[str | Path],
    *,
    db: str | None = None,
    settings: Settings | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Report:
    """Read the documents the paths name (files, folders, globs, URLs) and build each film.

    With ``db`` (a SQLAlchemy-style URL such as ``sqlite:///critica.db``) the result is also
    stored; storing the same documents again changes nothing, and each film's badges start
    from those it held in that store (hysteresis: a certified film keeps its badge until it
    falls below the lower threshold); without ``db`` no film held any. When that store holds a
    catalogue (``critica catalogue import``), or ``settings.catalogue_db`` names one, films are
    linked to its entries; with neither, nothing is looked up.
    """
    # Imported here so that `import critica` stays light (models load only when used).
    from critica.pipeline import run

    settings = settings or load_settings()
    files = [str(p) for p in paths]
    source = settings.catalogue_db or db
    if source is None:
        return run(files, settings, progress, workers=settings.workers)
    from critica.catalogue import open_catalogue
    from critica.store import open_store

    held: dict[str, frozenset[str]] = {}
    if db is not None:
        # badges keep their hysteresis across runs: each film starts from what it held here
        with open_store(db) as store:
            held = store.held_badges()
    with open_store(source) as catalogue_store:
        catalogue = open_catalogue(catalogue_store)
        report = run(files, settings, progress, catalogue=catalogue, workers=settings.workers,
                     held_badges=held)
    if db is not None:
        with open_store(db) as store:
            store.save_report(report, report.documents)
    return report
