"""Which reader a document goes to: by media type, then file suffix, then content.

A declared media type (an upload's or an HTTP response's ``Content-Type``)
wins when it names a supported format, except ``text/plain`` for a file whose
suffix names one (many clients say ``text/plain`` of any text file); a generic
type (``application/octet-stream``) is ignored. Then the file suffix decides.
With no or an unknown suffix the first bytes are sniffed: ``%PDF-``, a ZIP
holding ``word/document.xml``, HTML markup, YAML front matter (Markdown),
else plain text. Formats known but not read (legacy Word, RTF, spreadsheets,
images, archives) are refused with a hint at what to do instead.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from collections.abc import Callable

from orbat.errors import ReadError
from orbat.ingest.encoding import bom_encoding
from orbat.ingest.extracted import Extracted

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
MEDIA_TYPES: dict[str, str] = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
UNSUPPORTED: dict[str, str] = {
    ".doc": "legacy Word .doc is not read; save it as .docx or PDF",
    ".rtf": "RTF is not read; save it as .docx, PDF or text",
    ".odt": "OpenDocument text is not read; save it as .docx or PDF",
    ".pages": "Apple Pages files are not read; export to .docx or PDF",
    ".epub": "EPUB is not read; convert it to HTML or text",
    ".xls": "spreadsheets are not read",
    ".xlsx": "spreadsheets are not read",
    ".ods": "spreadsheets are not read",
    ".ppt": "presentations are not read; export them to PDF",
    ".pptx": "presentations are not read; export them to PDF",
    ".zip": "archives are not read; unpack them first",
    ".gz": "archives are not read; unpack them first",
    ".png": "an image: OCR is not performed",
    ".jpg": "an image: OCR is not performed",
    ".jpeg": "an image: OCR is not performed",
    ".gif": "an image: OCR is not performed",
    ".tif": "an image: OCR is not performed",
    ".tiff": "an image: OCR is not performed",
    ".webp": "an image: OCR is not performed",
}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Office file (.doc/.xls/.ppt) is not read; save it as .docx or PDF",
    ),
    (b"{\\rtf", "RTF is not read; save it as .docx, PDF or text"),
    (b"\x89PNG\r\n\x1a\n", "an image: OCR is not performed"),
    (b"\xff\xd8\xff", "an image: OCR is not performed"),
    (b"GIF8", "an image: OCR is not performed"),
    (b"\x1f\x8b", "a gzip archive is not read; unpack it first"),
)
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)",
    re.I | re.S,
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\n(?:---|\.\.\.)[ \t]*\r?(?:\n|\Z)", re.S)
_HTML_TAG = re.compile(r"<(?:head|body|title|meta|p|div|article)[\s>]", re.I)

# Readers are imported when first needed: pypdf, python-docx and lxml cost a
# second of start-up that a command reading only text should not pay.
_READERS: dict[str, tuple[str, str]] = {
    "text": ("orbat.ingest.plaintext", "read_plain"),
    "markdown": ("orbat.ingest.markdown", "read_markdown"),
    "html": ("orbat.ingest.html_page", "read_html"),
    "pdf": ("orbat.ingest.pdf", "read_pdf"),
    "docx": ("orbat.ingest.word", "read_docx"),
}


def reader_for(kind: str) -> Callable[..., Extracted]:
    """The reader function of a format chosen by :func:`choose`."""
    module, function = _READERS[kind]
    reader: Callable[..., Extracted] = getattr(importlib.import_module(module), function)
    return reader


def format_for_media_type(media_type: str | None) -> str | None:
    if not media_type:
        return None
    return MEDIA_TYPES.get(media_type.split(";")[0].strip().lower())


def sniff(data: bytes, source: str) -> str:
    """The format of content with no usable suffix or media type."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            pass
        raise ReadError(source, "a ZIP archive that is not a DOCX is not read")
    for magic, cause in _MAGIC:
        if head.startswith(magic):
            raise ReadError(source, cause)
    text = head.decode(bom_encoding(head) or "utf-8", errors="ignore").lstrip("\ufeff")
    if _HTML_START.match(text) or len(_HTML_TAG.findall(text)) >= 2:
        return "html"
    if _FRONT_MATTER.match(text):
        return "markdown"
    return "text"


def choose(data: bytes, source: str, suffix: str, media_type: str | None = None) -> str:
    """The reader name for a document: ``text``, ``markdown``, ``html``, ``pdf`` or ``docx``."""
    declared = format_for_media_type(media_type)
    suffix = suffix.lower()
    if declared and not (declared == "text" and suffix in SUFFIXES):
        return declared  # text/plain is what many clients say of any text file
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix in UNSUPPORTED:
        raise ReadError(source, UNSUPPORTED[suffix])
    return sniff(data, source)
