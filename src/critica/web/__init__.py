"""serve: critica's web pages and HTTP API (FastAPI, run by uvicorn).

    create_app(settings, store=None) -> FastAPI

Pages are server-rendered from templates/ with static/ beside them; no build step. See
docs/api.md for the routes.
"""

from critica.web.app import create_app, create_app_from_env

__all__ = ["create_app", "create_app_from_env"]
