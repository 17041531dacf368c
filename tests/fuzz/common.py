"""What the fuzzers share: small reader limits and the characters that hide or reorder text."""

from __future__ import annotations

from orbat.ingest import Limits

#: small ceilings keep each example cheap; hostile inputs must hit them, not run on
SMALL = Limits(
    max_bytes=2_000_000,
    max_html_bytes=1_000_000,
    max_pdf_pages=50,
    pdf_max_stream_bytes=2_000_000,
    max_text_chars=2_000_000,
    docx_max_uncompressed=5_000_000,
    docx_max_members=200,
)

#: bidirectional overrides, embeddings and isolates, marks, zero-width joiners, the byte order mark
INVISIBLE = [
    "\u202e",  # right-to-left override
    "\u202d",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u200c",
    "\u200d",
    "\ufeff",
]
