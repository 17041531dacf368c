"""What a format reader hands back: raw text (or pages) and document-carried metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MEDIA_TEXT = "text/plain"
MEDIA_MARKDOWN = "text/markdown"
MEDIA_HTML = "text/html"
MEDIA_PDF = "application/pdf"
MEDIA_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Extracted:
    """The text of one document as a reader found it, before normalisation.

    ``pages`` is set by paged formats (PDF): one string per page, in order; the
    document text is then the normalised pages joined by a blank line. Other
    formats set ``text``. ``metadata`` holds what the document says about
    itself (title, authors, published, ...; see :mod:`orbat.ingest.metadata`),
    ``info`` facts about the reading (encoding, extractor) kept in
    ``Document.meta``.
    """

    media_type: str
    text: str = ""
    pages: tuple[str, ...] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
