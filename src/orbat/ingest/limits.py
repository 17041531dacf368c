"""Resource limits of the ingestion stage.

Every reader works on untrusted input, so each cost it can incur (bytes read,
HTML parsed, PDF pages and streams decompressed, ZIP members inflated, text
produced, time spent fetching) has a ceiling here. An input over a ceiling is
refused with a :class:`~orbat.errors.ReadError` that names the setting, so an
operator knows which one to raise.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Ceilings on what one document may cost to read. All have sane defaults."""

    max_bytes: int = 50 * MiB
    """Size of a file or upload, in bytes."""
    max_html_bytes: int = 50 * MiB
    """Size of an HTML page, in bytes."""
    html_max_elements: int = 30_000
    """Elements in an HTML page above which the main-text extractor (trafilatura,
    whose cost grows faster than linearly) is skipped for a linear fallback."""
    markdown_max_chars: int = 1_000_000
    """Characters of a Markdown body above which it is kept as plain text, unparsed
    (markdown-it's cost on pathological input grows faster than linearly)."""
    max_pdf_pages: int = 2000
    """Pages in a PDF."""
    pdf_max_stream_bytes: int = 75_000_000
    """Bytes one PDF stream may decompress to (PDF bomb guard)."""
    max_text_chars: int = 20_000_000
    """Characters of text one document may yield (also stops PDF bombs)."""
    fetch_timeout: float = 30.0
    """Seconds a URL fetch may take in all (connect, wait, download)."""
    fetch_max_bytes: int = 20 * MiB
    """Bytes a URL fetch may download."""
    fetch_max_redirects: int = 5
    """Redirects a URL fetch follows before giving up."""
    docx_max_uncompressed: int = 200 * MiB
    """Total uncompressed size of the members of a DOCX (ZIP bomb guard)."""
    docx_max_members: int = 10_000
    """Members in a DOCX ZIP archive."""
    language_sample_chars: int = 5000
    """Characters of text given to the language identifier."""

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value <= 0:
                raise ValueError(f"limit {name} must be positive, not {value!r}")


DEFAULT_LIMITS = Limits()
