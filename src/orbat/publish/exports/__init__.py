"""Export formats. ``EXPORTERS`` maps a format name to the function that writes it.

Text formats write to a text stream (``export``); binary formats
(``BINARY_EXPORTERS``: ``csv``, a ZIP of the three tables) write to a byte
stream (``export_binary``). Every writer takes ``(store, out, entity=None)``
and returns the number of records written.

| format | what | validated with |
|---|---|---|
| ``claims-jsonl`` | the claims interchange format (shared/spec/claims.md) | import round trip |
| ``jsonl`` | one JSON object per entity with its claims and evidence | json |
| ``ftm`` | FollowTheMoney entities, one a line | followthemoney's schema model |
| ``stix`` | a STIX 2.1 bundle | stix2 (objects) and stix2-validator |
| ``csv`` | ZIP of entities.csv, claims.csv, evidence.csv (binary) | csv |
| ``csv-entities``/``csv-claims``/``csv-evidence`` | one table | csv |
| ``graphml``/``gexf`` | the relationship graph | networkx readers |
| ``graph-json`` | the graph as Cytoscape.js elements | json |
| ``geojson`` | places, geocoded offline, with their relations | RFC 7946 structure |
| ``timeline-json`` | dated claims with earliest/latest days | json |
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from orbat.errors import OrbatError
from orbat.publish.exports.claims_jsonl import write_claims_jsonl
from orbat.publish.exports.entities_jsonl import write_entities_jsonl
from orbat.publish.exports.ftm import write_ftm
from orbat.publish.exports.stix import write_stix
from orbat.publish.exports.tables import (
    write_csv_claims,
    write_csv_entities,
    write_csv_evidence,
    write_csv_zip,
)
from orbat.publish.geo import export_geojson
from orbat.publish.graph import export_gexf, export_graph_json, export_graphml
from orbat.store import Store

Exporter = Callable[..., int]


def _timeline_json(store: Store, out: IO[str], *, entity: str | None = None) -> int:
    from orbat.publish.timeline import build_timeline, timeline_json

    tl = build_timeline(store, entity)
    out.write(timeline_json(tl))
    return len(tl.items)


EXPORTERS: dict[str, Exporter] = {
    "claims-jsonl": write_claims_jsonl,
    "jsonl": write_entities_jsonl,
    "ftm": write_ftm,
    "stix": write_stix,
    "csv-entities": write_csv_entities,
    "csv-claims": write_csv_claims,
    "csv-evidence": write_csv_evidence,
    "graphml": export_graphml,
    "gexf": export_gexf,
    "graph-json": export_graph_json,
    "geojson": export_geojson,
    "timeline-json": _timeline_json,
}

BINARY_EXPORTERS: dict[str, Exporter] = {
    "csv": write_csv_zip,
}


def formats() -> list[str]:
    return sorted([*EXPORTERS, *BINARY_EXPORTERS])


def is_binary(fmt: str) -> bool:
    return fmt in BINARY_EXPORTERS


def _unknown(fmt: str) -> OrbatError:
    return OrbatError(f"unknown export format {fmt!r} (known: {', '.join(formats())})")


def export(store: Store, fmt: str, out: IO[str], *, entity: str | None = None) -> int:
    """Write ``fmt`` to the text stream ``out``; returns the number of records written."""
    if fmt in BINARY_EXPORTERS:
        raise OrbatError(f"export format {fmt!r} is binary: write it to a file (-o FILE)")
    try:
        writer = EXPORTERS[fmt]
    except KeyError:
        raise _unknown(fmt) from None
    return writer(store, out, entity=entity)


def export_binary(store: Store, fmt: str, out: IO[bytes], *, entity: str | None = None) -> int:
    """Write the binary format ``fmt`` to the byte stream ``out``."""
    try:
        writer = BINARY_EXPORTERS[fmt]
    except KeyError:
        raise _unknown(fmt) from None
    return writer(store, out, entity=entity)
