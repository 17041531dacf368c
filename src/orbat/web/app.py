"""The FastAPI application factory. Nothing is created at import time."""

from __future__ import annotations

import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from orbat import __version__
from orbat.settings import Settings
from orbat.store import Store


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    kb = store or Store.open(settings.database_url, create=True)
    app = FastAPI(title="orbat", version=__version__, openapi_url="/openapi.json")

    @app.get("/api/v1/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "version": __version__, "entities": len(kb.list_entities(limit=100000))}

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        rows = "".join(
            f"<li>{html.escape(e.name)} <small>({html.escape(e.type)})</small></li>"
            for e in kb.list_entities(limit=500)
        )
        return (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>orbat</title></head>"
            f"<body><h1>orbat</h1><p>{len(rows) and 'Entities in this knowledge base:'}</p><ul>{rows}</ul></body></html>"
        )

    return app
