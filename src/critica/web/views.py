"""JSON shapes shared by the pages' twins and the API, built from what the store returns."""

from __future__ import annotations

import dataclasses
from typing import Any

from critica.store import Store
from critica.store.queries import FilmSummary, StoredDocument, rank_films
from critica.store.search import MARK_END, MARK_START, DocumentHit, ReviewHit
from critica.web.render import marked


def film_json(store: Store, slug: str, base_url: str = "") -> dict[str, Any] | None:
    """The film's JSON report plus links to its page and to each document's page."""
    film = store.film_report(slug)
    if film is None:
        return None
    documents = store.film_documents(slug)
    # A reported review may cite a document of another film: link it too.
    cited = {p for r in film.get("reviews") or [] for p in (r.get("path"), r.get("reported_in"))
             if p and p not in documents}
    ids = {path: {"id": i} for path, i in store.document_ids_by_path(sorted(cited)).items()}
    doc_urls = {path: f"/documents/{d['id']}" for path, d in {**ids, **documents}.items()}
    return {
        **film,
        "links": {
            "html": f"{base_url}/films/{slug}",
            "json": f"{base_url}/films/{slug}.json",
            "documents": doc_urls,
        },
    }


def film_summary_json(film: FilmSummary) -> dict[str, Any]:
    data = dataclasses.asdict(film)
    data.pop("id")
    data["url"] = f"/films/{film.slug}"
    return data


def review_hit_json(hit: ReviewHit) -> dict[str, Any]:
    data = dataclasses.asdict(hit)
    data["film_url"] = f"/films/{hit.film_slug}"
    return data


def document_hit_json(hit: DocumentHit) -> dict[str, Any]:
    data = dataclasses.asdict(hit)
    data["snippet"] = hit.snippet.replace(MARK_START, "").replace(MARK_END, "")
    data["snippet_html"] = str(marked(hit.snippet))
    data["url"] = f"/documents/{hit.id}"
    return data


def document_json(
    document: StoredDocument, evidence: list[tuple[str, str, int | None]]
) -> dict[str, Any]:
    data = dataclasses.asdict(document)
    data.pop("clean_metadata", None)
    data["created_at"] = document.created_at.isoformat()
    data["film_url"] = f"/films/{document.film_slug}" if document.film_slug else None
    data["evidence"] = [
        {"label": label, "quote": quote, "start": document.text.find(quote)}
        for label, quote, _start in evidence
    ]
    return data


def search_everything(store: Store, query: str, limit: int = 20) -> dict[str, Any]:
    """Films by title or text, reviews and documents by text: each kind ranked by relevance."""
    films = rank_films(store.film_summaries(query), 0)[:limit]
    return {
        "films": films,
        "reviews": store.search_reviews(query, limit),
        "documents": store.search_documents(query, limit),
    }
