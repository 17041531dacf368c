"""Export formats. ``EXPORTERS`` maps a format name to the function that writes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from orbat.errors import OrbatError
from orbat.publish.exports.claims_jsonl import write_claims_jsonl
from orbat.store import Store

Exporter = Callable[..., int]

EXPORTERS: dict[str, Exporter] = {
    "claims-jsonl": write_claims_jsonl,
}


def export(store: Store, fmt: str, out: IO[str], *, entity: str | None = None) -> int:
    """Write ``fmt`` to ``out``; returns the number of records written."""
    try:
        writer = EXPORTERS[fmt]
    except KeyError:
        raise OrbatError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})") from None
    return writer(store, out, entity=entity)
