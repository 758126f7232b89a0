"""Adding and removing one document in a stored catalogue: the library under the write API.

A new document joins whichever stored film it is about, so the films whose titles it could
match are analysed again together with it, exactly as ``critica analyze`` would have grouped
them; a removed document's films are analysed again without it. Either way every figure
(score, interval, consensus, facts) is what a fresh run over the same documents gives; badges
also start from those the films held, so their hysteresis applies (critica.aggregate.badges).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from critica.clean import clean
from critica.errors import CriticaError, DocumentError
from critica.identify.normalize import keys_match, normalize_title
from critica.pipeline import analyze_document, build_films
from critica.records import AnalyzedDocument, CleanDocument, RawDocument, Rejection, Report
from critica.settings import Settings
from critica.store import Store
from critica.store.queries import StoredDocument

# One write at a time per process: two uploads about the same film must not interleave
# their re-analysis and saves (the database serialises the rest).
_WRITE_LOCK = threading.Lock()


def _rejected(rejection: Rejection) -> DocumentError:
    return DocumentError(rejection.path, rejection.stage, rejection.reason)


@dataclass(frozen=True)
class Added:
    document: dict[str, Any]  # id, content_hash, path
    film: dict[str, Any] | None  # the film it joined, as the JSON report renders it
    outcome: str  # "inserted", "updated" or "unchanged"


@dataclass(frozen=True)
class Removed:
    document: dict[str, Any]
    films: list[dict[str, Any]]  # the films it belonged to, as they are now
    removed_films: list[str]  # slugs of films left without any document


def add_document(store: Store, raw: RawDocument, settings: Settings) -> Added:
    """Clean and analyse ``raw``, re-build the films it may join, save; DocumentError if
    a stage cannot use it."""
    cleaned = clean(raw)
    if isinstance(cleaned, Rejection):
        raise _rejected(cleaned)
    analyzed = analyze_document(cleaned)
    if isinstance(analyzed, Rejection):
        raise _rejected(analyzed)
    with _WRITE_LOCK:
        before = store.stored_document(cleaned.content_hash) if cleaned.content_hash else None
        film_ids = _films_it_may_join(store, analyzed)
        neighbours = [
            d for d in store.documents_of_films(sorted(film_ids))
            if d.content_hash != cleaned.content_hash and d.path != cleaned.path
        ]
        _rebuild(store, neighbours, [(cleaned, analyzed)], settings, film_ids)
        store.delete_films_without_documents(sorted(film_ids))
        stored = store.stored_document(cleaned.content_hash)
    if stored is None:  # cannot happen after a successful save; say so rather than crash
        raise CriticaError("the document was analysed but could not be stored")
    outcome = "unchanged" if before is not None and before.film_slug == stored.film_slug else (
        "updated" if before is not None else "inserted"
    )
    film = store.film_report(stored.film_slug) if stored.film_slug else None
    return Added(_document_json(stored), film, outcome)


def remove_document(store: Store, key: str, settings: Settings) -> Removed | None:
    """Delete a document (by id or content hash) and rebuild its films; None if not stored."""
    with _WRITE_LOCK:
        document = store.stored_document(key)
        if document is None:
            return None
        film_ids = store.film_ids_citing(document.id)
        store.delete_document(document.content_hash)
        remaining = store.documents_of_films(sorted(film_ids))
        slugs = _rebuild(store, remaining, [], settings, film_ids)
        removed = store.delete_films_without_documents(sorted(film_ids))
    films = [f for f in (store.film_report(s) for s in slugs) if f is not None]
    return Removed(_document_json(document), films, removed)


def _films_it_may_join(store: Store, analyzed: AnalyzedDocument) -> set[int]:
    """Stored films whose title (or original title) matches one of the document's titles."""
    keys = {normalize_title(c.title) for c in analyzed.identity.candidates if c.title}
    keys |= {
        normalize_title(c.original_title) for c in analyzed.identity.candidates
        if c.original_title
    }
    keys.discard("")
    found: set[int] = set()
    for film in store.film_summaries():
        titles = {normalize_title(t) for t in (film.title, film.original_title) if t}
        if any(keys_match(a, b) for a in keys for b in titles if b):
            found.add(film.id)
    return found


def _rebuild(
    store: Store,
    stored: list[StoredDocument],
    new: list[tuple[CleanDocument, AnalyzedDocument]],
    settings: Settings,
    film_ids: set[int],
) -> list[str]:
    """Analyse stored documents again with the new ones, build their films, save; the slugs.

    The films ``film_ids`` names pass on the badges they held, so hysteresis applies.
    """
    held = store.held_badges(sorted(film_ids))
    documents = [d.to_clean_document() for d in stored] + [c for c, _ in new]
    analyzed: list[AnalyzedDocument] = [a for _, a in new]
    rejected: list[Rejection] = []
    for document in documents[: len(stored)]:
        result = analyze_document(document)
        if isinstance(result, Rejection):
            rejected.append(result)
        else:
            analyzed.append(result)
    films, failed = build_films(analyzed, settings, held_badges=held)
    report = Report(
        films=films, rejected=tuple(rejected) + failed, documents=tuple(documents),
        n_inputs=len(documents),
    )
    store.save_report(report, documents)
    return [film.slug for film in films]


def _document_json(document: StoredDocument) -> dict[str, Any]:
    return {
        "id": document.id, "content_hash": document.content_hash, "path": document.path,
        "kind": document.kind, "film": document.film_slug,
    }
