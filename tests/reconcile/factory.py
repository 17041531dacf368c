"""Build ClaimView records in memory, the way the store returns them, for reconcile's unit tests."""

from __future__ import annotations

import itertools
from typing import Any

from orbat.model import Qualifiers, Quantity, object_from_json
from orbat.model.views import ClaimView, EvidenceView

_ids = itertools.count(1)


def claim(
    predicate: str,
    obj: dict[str, Any],
    *,
    subject: str = "G1",
    subject_name: str = "Desert Hawks Brigade",
    doc: str | None = "doc_a",
    publisher: str | None = None,
    source_kind: str = "news",
    published: str | None = None,
    doc_reliability: str | None = None,
    doc_stance: str | None = None,
    quote: str = "a quote",
    status: str = "proposed",
    rank: str = "normal",
    credibility: int | None = None,
    extra_docs: tuple[str, ...] = (),
    **qualifiers: str,
) -> ClaimView:
    """One claim. ``obj`` is the interchange object; an entity may carry its ``name``.

    ``doc=None`` makes a claim without evidence.
    """
    number = next(_ids)
    evidence = tuple(
        EvidenceView(
            document=name,
            document_id=i + 1,
            start=0,
            end=len(quote),
            quote=quote,
            page=None,
            published=published,
            title=None,
            publisher=publisher,
            source_kind=source_kind,
            stance=doc_stance,
            reliability=doc_reliability,
        )
        for i, name in enumerate(((doc,) if doc else ()) + extra_docs)
    )
    if "entity" in obj:
        kind, entity, name, value, text = "entity", obj["entity"], obj.get("name"), None, None
    else:
        ((kind, raw),) = obj.items()
        entity, name, value = None, None, {kind: raw}
        parsed = object_from_json(obj)
        text = parsed.display() if isinstance(parsed, Quantity) else str(raw)
    return ClaimView(
        id=f"C{number:020d}",
        predicate=predicate,
        subject=subject,
        subject_name=subject_name,
        object_kind=kind,
        object_entity=entity,
        object_name=name,
        object_value=value,
        object_text=text,
        qualifiers=Qualifiers(**qualifiers),
        status=status,
        rank=rank,
        rank_reason=None,
        credibility=credibility,
        origin="test",
        sort_date=None,
        document=doc,
        row_version=1,
        updated_at=None,
        updated_by=None,
        evidence=evidence,
    )


def qty(value: float | None = None, **kw: Any) -> dict[str, Any]:
    q: dict[str, Any] = {"value": value} if value is not None else {}
    q.update(kw)
    return {"quantity": q}
