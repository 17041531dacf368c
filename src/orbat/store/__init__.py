"""The store: persistence for every stage (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from pathlib import Path

from orbat.model.views import ClaimView, EvidenceView
from orbat.store.backup import BackupMixin
from orbat.store.claims import ClaimsMixin
from orbat.store.documents import DocumentsMixin, StoredDocument
from orbat.store.engine import DEFAULT_URL, make_engine, normalise_url
from orbat.store.extractions import ExtractionsMixin
from orbat.store.grades import AuditRow, GradesMixin
from orbat.store.integrity import IntegrityMixin, Problem
from orbat.store.interchange import ImportSummary, InterchangeMixin
from orbat.store.resolution import JudgementRow, NodeInfo, ResolutionMixin
from orbat.store.search import SearchMixin
from orbat.store.users import UsersMixin


class Store(
    DocumentsMixin,
    ExtractionsMixin,
    ResolutionMixin,
    ClaimsMixin,
    InterchangeMixin,
    IntegrityMixin,
    BackupMixin,
    SearchMixin,
    UsersMixin,
    GradesMixin,
):
    """One knowledge base. Open with ``Store.open(url)``."""

    @classmethod
    def open(cls, url: str | Path | None = None, *, create: bool = False) -> Store:
        store = cls(make_engine(url))
        if create:
            store.initialise()
        else:
            store.require_current_schema()
        return store


__all__ = [
    "DEFAULT_URL",
    "AuditRow",
    "ClaimView",
    "EvidenceView",
    "ImportSummary",
    "JudgementRow",
    "NodeInfo",
    "Problem",
    "Store",
    "StoredDocument",
    "normalise_url",
]
