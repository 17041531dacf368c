"""Builders of test documents: every sentence written for these tests, never copied from the corpus."""

from __future__ import annotations

import io

# Sentences written for these tests.
PAGE_WORDS = [
    "The northern battalion recruited volunteers in the mountain villages during the first winter.",
    "Its commander later moved the headquarters to a riverside town near the old customs post.",
    "By the third year the unit reported about four hundred fighters and two training sites.",
]


def pdf_bytes(pages: list[str], *, title: str | None = None, author: str | None = None) -> bytes:
    """A PDF with one text line per page (reportlab), optional info-dict title and author."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for text in pages:
        pdf.drawString(72, 720, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()
