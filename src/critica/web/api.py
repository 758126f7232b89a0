"""The HTTP API under /api: films, reviews and documents to list, get and search; documents
to add (a body or a URL, run through the pipeline) and delete (the film's figures follow).

Routes are thin: parse, call one library function, shape the JSON.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from critica.ingest import fetch_url
from critica.records import RawDocument, Rejection
from critica.store.queries import rank_films
from critica.web.deps import limited_body, read_access, require_token, settings_of, store_of
from critica.web.service import add_document, remove_document
from critica.web.views import (
    document_hit_json,
    document_json,
    film_json,
    film_summary_json,
    review_hit_json,
    search_everything,
)

router = APIRouter(prefix="/api")
read = APIRouter(dependencies=[Depends(read_access)])
write = APIRouter(dependencies=[Depends(require_token)])

_TEXT_TYPES = {"text/plain": "text", "text/html": "html", "text/markdown": "markdown",
               "application/xhtml+xml": "html"}
_MAX_PATH = 300
Limit = Query(50, ge=1, le=500, description="Rows per page.")
Offset = Query(0, ge=0, le=10_000_000, description="Rows to skip.")
Search = Query(None, max_length=500, description="Words to search for.")


@read.get("/films", summary="List films, ranked by weighted score, or search them")
def list_films(request: Request, q: str | None = Search, limit: int = Limit,
               offset: int = Offset) -> dict[str, Any]:
    store, settings = store_of(request), settings_of(request)
    films = rank_films(store.film_summaries(q), settings.rank_min_reviews)
    return {"total": len(films), "films": [film_summary_json(f)
                                           for f in films[offset: offset + limit]]}


@read.get("/films/{slug}", summary="One film: figures, reviews, facts, evidence")
def get_film(request: Request, slug: str) -> dict[str, Any]:
    film = film_json(store_of(request), slug, str(request.base_url).rstrip("/"))
    if film is None:
        raise HTTPException(404, f"no film with id {slug!r}; GET /api/films lists them")
    return film


@read.get("/films/{slug}/reviews", summary="A film's reviews")
def film_reviews(request: Request, slug: str, limit: int = Limit,
                 offset: int = Offset) -> dict[str, Any]:
    store = store_of(request)
    if store.film_version(slug) is None:
        raise HTTPException(404, f"no film with id {slug!r}; GET /api/films lists them")
    return {"film": slug, "reviews": store.reviews_page(slug, limit, offset)}


@read.get("/reviews", summary="List reviews (of one film with ?film=), or search them (?q=)")
def list_reviews(request: Request, film: str | None = Query(None, max_length=300),
                 q: str | None = Search, limit: int = Limit,
                 offset: int = Offset) -> dict[str, Any]:
    store = store_of(request)
    if q:
        return {"query": q, "reviews": [review_hit_json(h)
                                        for h in store.search_reviews(q, limit)]}
    return {"reviews": store.reviews_page(film, limit, offset)}


@read.get("/documents", summary="List documents, or search their text (?q=)")
def list_documents(request: Request, q: str | None = Search, limit: int = Limit,
                   offset: int = Offset) -> dict[str, Any]:
    store = store_of(request)
    if q:
        return {"query": q, "documents": [document_hit_json(h)
                                          for h in store.search_documents(q, limit)]}
    return {"documents": store.documents_page(limit, offset)}


@read.get("/documents/{key}", summary="One document (by id or content hash) with its text")
def get_document(request: Request, key: str) -> dict[str, Any]:
    from critica.web.render import evidence_of

    store = store_of(request)
    document = store.stored_document(key)
    if document is None:
        raise HTTPException(404, f"no document with id {key!r}")
    film = store.film_report(document.film_slug) if document.film_slug else None
    return document_json(document, list(evidence_of(film, document.path)))


@read.get("/search", summary="Search films, reviews and documents at once")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500)) -> dict[str, Any]:
    found = search_everything(store_of(request), q)
    return {
        "query": q,
        "films": [film_summary_json(f) for f in found["films"]],
        "reviews": [review_hit_json(h) for h in found["reviews"]],
        "documents": [document_hit_json(h) for h in found["documents"]],
    }


_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object",
                "properties": {
                    "url": {"type": "string", "description": "Fetch this page (http or https)."},
                    "text": {"type": "string", "description": "The document as plain text."},
                    "html": {"type": "string", "description": "The document as HTML."},
                    "markdown": {"type": "string"},
                    "path": {"type": "string", "description": "A name for the document."},
                },
            }},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "text/markdown": {"schema": {"type": "string"}},
        },
    },
}


@write.post(
    "/documents", status_code=201, openapi_extra=_POST_BODY,
    summary="Add a document (a body, or {\"url\": ...}); answers with the film it joined",
    responses={200: {"description": "Already stored; nothing changed"},
               413: {"description": "Body over the upload limit"},
               415: {"description": "Unsupported content type"}},
)
async def post_document(request: Request, path: str | None = Query(None, max_length=_MAX_PATH)
                        ) -> JSONResponse:
    settings = settings_of(request)
    body = await limited_body(request, settings.max_document_bytes)
    raw = await _raw_document(request, body, path)
    added = await run_in_threadpool(add_document, store_of(request), raw, settings)
    request.app.state.versions.clear()
    film = None
    if added.film is not None:
        film = film_json(store_of(request), added.film["slug"], str(request.base_url).rstrip("/"))
    status = 201 if added.outcome == "inserted" else 200
    return JSONResponse({"outcome": added.outcome, "document": added.document, "film": film},
                        status_code=status)


@write.delete("/documents/{key}", summary="Delete a document; its films are rebuilt without it")
def delete_document(request: Request, key: str) -> dict[str, Any]:
    removed = remove_document(store_of(request), key, settings_of(request))
    request.app.state.versions.clear()
    if removed is None:
        raise HTTPException(404, f"no document with id {key!r}")
    return {"deleted": removed.document, "films": removed.films,
            "removed_films": removed.removed_films}


async def _raw_document(request: Request, body: bytes, path: str | None) -> RawDocument:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _TEXT_TYPES:
        media = _TEXT_TYPES[content_type]
        return RawDocument(_name(path, body, media), body, media)  # type: ignore[arg-type]
    if content_type != "application/json":
        raise HTTPException(
            415, f"unsupported content type {content_type or '(none)'!r}: send application/json "
            '({"url": ...} or {"text": ...}), text/plain, text/html or text/markdown',
        )
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(
            exc, json.JSONDecodeError) else ""
        raise HTTPException(400, f"the body is not valid JSON{where}") from None
    given = [k for k in ("url", "text", "html", "markdown") if isinstance(data, dict) and k in data]
    if not isinstance(data, dict) or len(given) != 1 or not isinstance(data[given[0]], str):
        raise HTTPException(
            400, 'expected a JSON object with exactly one of "url", "text", "html" or '
            '"markdown" (a string), and optionally "path"',
        )
    name = data.get("path", path)
    if name is not None and (not isinstance(name, str) or len(name) > _MAX_PATH):
        raise HTTPException(400, f'"path" must be a string of at most {_MAX_PATH} characters')
    if given[0] == "url":
        return await run_in_threadpool(_fetch, data["url"], request)
    content = data[given[0]].encode("utf-8", "surrogatepass")
    media = "text" if given[0] == "text" else given[0]
    return RawDocument(_name(name, content, media), content, media)  # type: ignore[arg-type]


def _fetch(url: str, request: Request) -> RawDocument:
    if not url.startswith(("http://", "https://")) or len(url) > 2000:
        raise HTTPException(400, "the url must start with http:// or https://")
    fetched = fetch_url(url, settings_of(request))
    if isinstance(fetched, Rejection):
        refused = fetched.reason.startswith("refusing")
        raise HTTPException(400 if refused else 422, fetched.reason)
    return fetched


def _name(path: str | None, content: bytes, media: str) -> str:
    if path and path.strip():
        return path.strip()
    ext = {"html": "html", "markdown": "md"}.get(media, "txt")
    return f"upload/{hashlib.sha256(content).hexdigest()[:16]}.{ext}"


router.include_router(read)
router.include_router(write)
