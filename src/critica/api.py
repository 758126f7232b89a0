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
    stored; storing the same documents again changes nothing.
    """
    # Imported here so that `import critica` stays light (models load only when used).
    from critica.pipeline import run

    settings = settings or load_settings()
    report = run([str(p) for p in paths], settings, progress)
    if db is not None:
        from critica.store import open_store

        with open_store(db) as store:
            store.save_report(report, report.documents)
    return report
