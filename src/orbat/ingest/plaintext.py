"""Plain text: decoded (see :mod:`orbat.ingest.encoding`) and otherwise kept as it is."""

from __future__ import annotations

from orbat.ingest.encoding import decode
from orbat.ingest.extracted import MEDIA_TEXT, Extracted
from orbat.ingest.limits import Limits


def read_plain(data: bytes, source: str, limits: Limits, charset: str | None = None) -> Extracted:
    decoded = decode(data, source, charset)
    return Extracted(
        media_type=MEDIA_TEXT,
        text=decoded.text,
        info={"encoding": decoded.encoding},
        warnings=list(decoded.warnings),
    )
