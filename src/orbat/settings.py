"""Typed settings, read once at the edge (CLI, web app) and passed down as values."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

from orbat.store.engine import DEFAULT_URL


class Settings(BaseSettings):
    """Settings from ``ORBAT_*`` environment variables (or arguments)."""

    model_config = SettingsConfigDict(env_prefix="ORBAT_", extra="ignore")

    database_url: str = DEFAULT_URL
    user: str = "analyst"
    extractor: str = "rules"
    workers: int = 1
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str | None = None
    tile_url: str | None = None
    max_upload_bytes: int = 50 * 1024 * 1024
    cookie_secure: bool = False  # set when served behind https (a proxy)
