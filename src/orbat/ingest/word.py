"""DOCX (Office Open XML word processing) with python-docx.

python-docx is the standard reader of the format: it walks the body's
paragraphs and tables in document order and parses the core properties. Its
XML parser does not resolve entities, and lxml's default limits bound nesting.

Before python-docx sees the file, the ZIP central directory is checked: the
declared sizes of all members must add up to at most
``Limits.docx_max_uncompressed`` and there may be at most
``Limits.docx_max_members`` members. Python's zipfile never inflates a member
past its declared size, so the check also holds for archives whose headers lie.

Text: each non-empty paragraph is a block, blocks separated by a blank line;
line breaks inside a paragraph are kept; each table row is a line with its
cells separated by tabs (a merged cell counted once, text of nested tables
included). Headers, footers, footnotes and comments are not read. Metadata:
core properties title, author, created (as the date) and language.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from orbat.errors import ReadError
from orbat.ingest.extracted import MEDIA_DOCX, Extracted
from orbat.ingest.limits import Limits

_CORRUPT = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    zlib.error,  # a damaged deflate stream inside the archive
    etree.XMLSyntaxError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    NotImplementedError,
    OSError,
    EOFError,
)


def check_archive(data: bytes, source: str, limits: Limits) -> None:
    """Refuse a DOCX whose ZIP directory is unreadable, too large, or not a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ReadError(source, f"corrupt DOCX: not a readable ZIP archive ({exc})") from None
    if len(members) > limits.docx_max_members:
        raise ReadError(
            source,
            f"DOCX has {len(members)} parts, over the limit of {limits.docx_max_members} (setting docx_max_members)",
        )
    total = sum(member.file_size for member in members)
    if total > limits.docx_max_uncompressed:
        raise ReadError(
            source,
            f"DOCX expands past {limits.docx_max_uncompressed} bytes (zip bomb?): its parts declare {total} "
            "bytes (setting docx_max_uncompressed)",
        )
    if not any(member.filename == "word/document.xml" for member in members):
        raise ReadError(source, "corrupt DOCX: no word/document.xml (not a Word document)")


def _paragraph(paragraph: Paragraph) -> str:
    return "\n".join(line.strip() for line in paragraph.text.split("\n")).strip()


def _cell(cell: _Cell) -> str:
    parts: list[str] = []
    for item in cell.iter_inner_content():
        text = _paragraph(item) if isinstance(item, Paragraph) else _table(item).replace("\n", " ")
        if text:
            parts.append(text.replace("\n", " ").replace("\t", " "))
    return " ".join(parts)


def _table(table: Table) -> str:
    rows: list[str] = []
    for row in table.rows:
        seen: list[Any] = []
        cells: list[str] = []
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            cells.append(_cell(cell))
        if any(cells):
            rows.append("\t".join(cells))
    return "\n".join(rows)


def _metadata(document: DocxDocument) -> dict[str, Any]:
    out: dict[str, Any] = {}
    try:
        props = document.core_properties
        fields = {
            "title": props.title,
            "authors": props.author,
            "published": props.created,
            "language": props.language,
        }
    except _CORRUPT:
        return out
    for key, value in fields.items():
        if value:
            out[key] = value
    return out


def read_docx(data: bytes, source: str, limits: Limits, charset: str | None = None) -> Extracted:
    check_archive(data, source, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        size = 0
        for item in document.iter_inner_content():
            text = _paragraph(item) if isinstance(item, Paragraph) else _table(item)
            if text:
                blocks.append(text)
                size += len(text) + 2
                if size > limits.max_text_chars:
                    raise ReadError(
                        source,
                        f"DOCX text runs past {limits.max_text_chars} characters (setting max_text_chars)",
                    )
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(source, "corrupt DOCX: structure nested too deeply") from None
    except _CORRUPT as exc:
        raise ReadError(source, f"corrupt DOCX: {exc or type(exc).__name__}") from None
    return Extracted(MEDIA_DOCX, "\n\n".join(blocks), metadata=_metadata(document))
