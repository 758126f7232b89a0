"""The web application: pages, their JSON twins and the HTTP API over one store.

    create_app(settings) -> FastAPI          # what `critica serve` runs
    create_app_from_env() -> FastAPI         # the same, for uvicorn's --factory with workers

Every error leaves as JSON with a message ({"status", "error", "message"}), or as a small HTML
page for a browser asking for a page; a traceback goes to the server log, never to a client.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from critica import __version__
from critica.errors import ConfigError, CriticaError, DocumentError, InputError, StoreError
from critica.settings import Settings, load_settings
from critica.store import Store, open_store
from critica.web.cache import PageCache, VersionCache
from critica.web.render import templates

log = logging.getLogger("critica.web")
STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The application over ``store`` (opened from ``settings.db_url`` when not given)."""
    from critica.web.api import router as api_router
    from critica.web.pages import router as pages_router

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = store if store is not None else open_store(settings.db_url)
        try:
            yield
        finally:
            if own:
                app.state.store.close()

    app = FastAPI(
        title="critica",
        version=__version__,
        summary="Films, their critics' reviews and the evidence behind every figure.",
        description=(
            "Read access is open unless the server sets `read_requires_token`; writes need "
            "`Authorization: Bearer <token>` (make one with `critica token create`). Errors are "
            'JSON: `{"status": 404, "error": "Not Found", "message": "..."}`.'
        ),
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.cache = PageCache(max_entries=512)
    app.state.versions = VersionCache(ttl=1.0)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    _install_error_handlers(app)
    return app


def create_app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` (several workers): settings from CRITICA_* variables."""
    return create_app(load_settings())


# --- errors ----------------------------------------------------------------------------------


def wants_html(request: Request) -> bool:
    """A page route asked for by a browser: everything else gets JSON."""
    path = request.url.path
    if path.startswith("/api") or path.endswith(".json") or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    phrase = HTTPStatus(status).phrase
    headers = extra.pop("headers", None)
    if wants_html(request):
        html = templates.get_template("error.html").render(
            status=status, error=phrase, message=message
        )
        return HTMLResponse(html, status_code=status, headers=headers)
    body = {"status": status, "error": phrase, "message": message, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        # Where and what, never the value sent back (it may be large or hostile).
        problems = [
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        ]
        return error_response(request, 422, "; ".join(problems) or "invalid request")

    @app.exception_handler(DocumentError)
    async def document_error(request: Request, exc: DocumentError) -> Response:
        return error_response(
            request, 422, f"the document cannot be used: {exc.reason}", stage=exc.stage
        )

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 503, "the database is not available; try again later")

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(ConfigError)
    async def config_error(request: Request, exc: ConfigError) -> Response:
        return error_response(request, 500, f"the server is misconfigured: {exc}")

    @app.exception_handler(CriticaError)
    async def critica_error(request: Request, exc: CriticaError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error; the server log has the details")
