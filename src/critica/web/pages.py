"""Server-rendered pages, each with a JSON twin: ``/films/x`` and ``/films/x.json``.

Film and document pages are cached whole, keyed by what they show (the film's fingerprint,
the document's content hash): a hit costs one small query.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote_plus

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from critica.store.queries import rank_films
from critica.web.deps import read_access, settings_of, store_of
from critica.web.render import evidence_of, film_view, highlight, templates
from critica.web.views import (
    document_hit_json,
    document_json,
    film_json,
    film_summary_json,
    review_hit_json,
    search_everything,
)

router = APIRouter(dependencies=[Depends(read_access)], include_in_schema=False)

HTML = "text/html; charset=utf-8"
JSON = "application/json"


def _split(name: str) -> tuple[str, bool]:
    return (name[: -len(".json")], True) if name.endswith(".json") else (name, False)


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/")
def home(request: Request, q: str | None = Query(None, max_length=500)) -> Response:
    return _film_list(request, q, as_json=False)


@router.get("/films")
def films_page(request: Request, q: str | None = Query(None, max_length=500)) -> Response:
    return _film_list(request, q, as_json=False)


@router.get("/films.json")
def films_json(request: Request, q: str | None = Query(None, max_length=500)) -> Response:
    return _film_list(request, q, as_json=True)


def _film_list(request: Request, query: str | None, as_json: bool) -> Response:
    store, settings = store_of(request), settings_of(request)
    cache = request.app.state.cache
    key = ("home", as_json, query or "", store.films_version())
    body = cache.get(key)
    if body is None:
        films = rank_films(store.film_summaries(query), settings.rank_min_reviews)
        if as_json:
            data = {"query": query, "ranking": {"method": "weighted mean",
                                                "prior_weight": settings.rank_min_reviews},
                    "films": [film_summary_json(f) for f in films]}
            body = JSONResponse(data).body
        else:
            body = templates.get_template("home.html").render(
                films=films, query=query, prior_weight=settings.rank_min_reviews,
                json_url="/films.json" + (f"?q={quote_plus(query)}" if query else ""),
            ).encode()
        cache.put(key, body)
    return Response(body, media_type=JSON if as_json else HTML)


@router.get("/films/{name}")
async def film_page(request: Request, name: str) -> Response:
    # Async on purpose: a cache hit is one indexed query, cheaper on the event loop than a
    # hop through the thread pool; rendering a miss goes to the pool.
    slug, as_json = _split(name)
    store = store_of(request)
    versions = request.app.state.versions
    now = time.monotonic()
    known, version = versions.get(slug, now)
    if not known:
        version = store.film_version(slug)
        versions.put(slug, version, now)
    if version is None:
        raise HTTPException(404, f"no film with id {slug!r}; see /films for the list")
    base = _base_url(request)
    key = ("film", slug, version, as_json, base)
    cache = request.app.state.cache
    body = cache.get(key)
    if body is None:
        body = await run_in_threadpool(_render_film, request, slug, as_json, base)
        cache.put(key, body)
    return Response(body, media_type=JSON if as_json else HTML)


def _render_film(request: Request, slug: str, as_json: bool, base: str) -> bytes:
    film = film_json(store_of(request), slug, base)
    if film is None:  # deleted between the two reads
        raise HTTPException(404, f"no film with id {slug!r}")
    if as_json:
        return bytes(JSONResponse(film).body)
    view = film_view(film, film["links"]["documents"], base)
    return templates.get_template("film.html").render(
        v=view, json_url=f"/films/{slug}.json"
    ).encode()


@router.get("/documents/{name}")
def document_page(request: Request, name: str) -> Response:
    key_text, as_json = _split(name)
    store = store_of(request)
    document = store.stored_document(key_text)
    if document is None:
        raise HTTPException(404, f"no document with id {key_text!r}")
    cache = request.app.state.cache
    film = store.film_report(document.film_slug) if document.film_slug else None
    version = store.film_version(document.film_slug) if document.film_slug else None
    key = ("document", document.content_hash, version, as_json)
    body = cache.get(key)
    if body is None:
        evidence = list(evidence_of(film, document.path))
        if as_json:
            body = JSONResponse(document_json(document, evidence)).body
        else:
            body = templates.get_template("document.html").render(
                doc=document, segments=highlight(document.text, evidence),
                n_evidence=len(evidence), film_title=film.get("title") if film else None,
                json_url=f"/documents/{document.id}.json",
            ).encode()
        cache.put(key, body)
    return Response(body, media_type=JSON if as_json else HTML)


@router.get("/search")
def search_page(request: Request, q: str = Query("", max_length=500)) -> Response:
    if not q.strip():
        return RedirectResponse("/", status_code=303)
    found = search_everything(store_of(request), q)
    html = templates.get_template("search.html").render(
        query=q, json_url=f"/search.json?q={quote_plus(q)}", **found
    )
    return HTMLResponse(html)


@router.get("/search.json")
def search_json(request: Request, q: str = Query(..., min_length=1, max_length=500)) -> Response:
    found: dict[str, Any] = search_everything(store_of(request), q)
    return JSONResponse({
        "query": q,
        "films": [film_summary_json(f) for f in found["films"]],
        "reviews": [review_hit_json(h) for h in found["reviews"]],
        "documents": [document_hit_json(h) for h in found["documents"]],
    })
