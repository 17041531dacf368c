"""PDF: page offsets, metadata, encrypted, truncated, scanned and bomb files."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from orbat.errors import ReadError
from orbat.ingest import Limits, read_bytes, read_path
from tests.ingest.builders import PAGE_WORDS, pdf_bytes
from tests.reliability.guards import hang_guard


def test_pages_index_the_joined_text(tmp_path: Path) -> None:
    data = pdf_bytes(PAGE_WORDS, title="Battalion history", author="Jane Roe")
    path = tmp_path / "history.pdf"
    path.write_bytes(data)
    result = read_path(path)
    doc = result.document
    assert doc.name == "history"
    assert doc.media_type == "application/pdf"
    assert result.data == data
    assert [p[0] for p in doc.pages] == [1, 2, 3]
    for (number, start, end), sentence in zip(doc.pages, PAGE_WORDS, strict=True):
        assert doc.text[start:end] == sentence
        assert doc.page_at(start) == number
    # pages are joined by a blank line and spans do not overlap
    assert doc.text == "\n\n".join(PAGE_WORDS)
    assert all(a[2] + 2 == b[1] for a, b in zip(doc.pages, doc.pages[1:], strict=False))
    assert doc.title == "Battalion history"
    assert doc.authors == ("Jane Roe",)
    assert doc.language == "en"
    assert doc.meta["page_count"] == 3


def test_creation_date_becomes_edtf_day() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(PAGE_WORDS[:1]))))
    writer.add_metadata({"/CreationDate": "D:20160524103000+02'00'", "/Title": "Microsoft Word - draft.docx"})
    buf = io.BytesIO()
    writer.write(buf)
    doc = read_bytes(buf.getvalue(), "dated.pdf").document
    assert doc.published == "2016-05-24"
    assert doc.title is None  # a file name is not a title


def test_blank_page_in_the_middle_keeps_numbering() -> None:
    doc_bytes = pdf_bytes([PAGE_WORDS[0], "", PAGE_WORDS[2]])
    result = read_bytes(doc_bytes, "gap.pdf")
    doc = result.document
    assert [p[0] for p in doc.pages] == [1, 2, 3]
    _, start, end = doc.pages[2]
    assert doc.text[start:end] == PAGE_WORDS[2]
    assert doc.pages[1][1] == doc.pages[1][2]  # the empty page has an empty span
    assert any("page(s) 2 have no text layer" in w for w in result.warnings)


def test_encrypted_pdf_is_refused() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(PAGE_WORDS))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError) as info:
        read_bytes(buf.getvalue(), "locked.pdf")
    assert info.value.cause == "encrypted PDF"


def test_encrypted_with_empty_user_password_is_read() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(PAGE_WORDS))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert read_bytes(buf.getvalue(), "open.pdf").document.text == "\n\n".join(PAGE_WORDS)


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_pdf_is_corrupt(keep: float) -> None:
    data = pdf_bytes(PAGE_WORDS)
    with pytest.raises(ReadError) as info:
        read_bytes(data[: int(len(data) * keep)], "cut.pdf")
    assert info.value.cause.startswith("corrupt PDF: ")


def test_garbage_with_pdf_suffix_is_corrupt() -> None:
    with pytest.raises(ReadError, match="corrupt PDF: no %PDF- header"):
        read_bytes(b"this is not a pdf at all, just words", "fake.pdf")


def test_pdf_without_text_layer() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(ReadError) as info:
        read_bytes(buf.getvalue(), "scan.pdf")
    assert info.value.cause == "PDF has no text layer (scanned?); OCR is not performed"


def test_too_many_pages() -> None:
    with pytest.raises(ReadError, match=r"PDF has 3 pages, over the limit of 2 \(setting max_pdf_pages\)"):
        read_bytes(pdf_bytes(PAGE_WORDS), "long.pdf", limits=Limits(max_pdf_pages=2))


def _with_content(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, FlateDecode-compressed."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["placeholder"]))))
    stream = StreamObject()
    stream.set_data(zlib.compress(content, 9))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_decompression_bomb_is_stopped() -> None:
    bomb = _with_content(b" " * (40 * 1024 * 1024))
    assert len(bomb) < 200_000
    with pytest.raises(ReadError) as info, hang_guard():
        read_bytes(bomb, "bomb.pdf", limits=Limits(pdf_max_stream_bytes=1_000_000))
    assert "setting pdf_max_stream_bytes" in info.value.cause


def test_text_bomb_is_stopped_by_max_text_chars() -> None:
    font = b"BT /F1 12 Tf 72 720 Td (" + b"militia " * 20 + b") Tj ET\n"
    bomb = _with_content(font * 2000)
    with pytest.raises(ReadError) as info:
        read_bytes(bomb, "text-bomb.pdf", limits=Limits(max_text_chars=50_000))
    assert "setting max_text_chars" in info.value.cause
