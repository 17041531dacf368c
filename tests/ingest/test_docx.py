"""DOCX: paragraphs and tables in order, core properties, corrupt files and zip bombs."""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from orbat.errors import ReadError
from orbat.ingest import Limits, read_bytes, read_path
from tests.ingest.builders import PAGE_WORDS
from tests.reliability.guards import hang_guard


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Order of battle notes", level=1)
    document.add_paragraph(PAGE_WORDS[0])
    table = document.add_table(rows=3, cols=2)
    for row, (unit, size) in zip(
        table.rows, [("Unit", "Fighters"), ("First company", "120"), ("Second company", "85")], strict=True
    ):
        row.cells[0].text = unit
        row.cells[1].text = size
    merged = document.add_table(rows=1, cols=3)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "Merged cell"
    merged.rows[0].cells[2].text = "Last cell"
    paragraph = document.add_paragraph(PAGE_WORDS[1])
    paragraph.add_run().add_break()
    paragraph.add_run("A second line in the same paragraph.")
    document.add_paragraph("")
    document.add_paragraph(PAGE_WORDS[2])
    props = document.core_properties
    props.title = "Battalion notes"
    props.author = "Omar Haddad"
    props.created = datetime(2017, 3, 9, 12, 0)
    props.language = "en-US"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    data = docx_bytes()
    path = tmp_path / "notes.docx"
    path.write_bytes(data)
    result = read_path(path)
    doc = result.document
    assert doc.name == "notes"
    assert doc.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert result.data == data
    assert doc.text == "\n\n".join(
        [
            "Order of battle notes",
            PAGE_WORDS[0],
            "Unit\tFighters\nFirst company\t120\nSecond company\t85",
            "Merged cell\tLast cell",
            PAGE_WORDS[1] + "\nA second line in the same paragraph.",
            PAGE_WORDS[2],
        ]
    )
    assert doc.title == "Battalion notes"
    assert doc.authors == ("Omar Haddad",)
    assert doc.published == "2017-03-09"
    assert doc.language == "en"


def test_not_a_zip_is_corrupt_docx() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(b"plain words pretending to be a word document", "fake.docx")
    assert info.value.cause.startswith("corrupt DOCX")


def test_truncated_docx_is_corrupt() -> None:
    data = docx_bytes()
    with pytest.raises(ReadError, match="corrupt DOCX"):
        read_bytes(data[: len(data) // 2], "cut.docx")


def test_zip_without_document_part() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    with pytest.raises(ReadError, match=r"corrupt DOCX: no word/document.xml"):
        read_bytes(buf.getvalue(), "other.docx")


def test_zip_bomb_refused_from_the_directory() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (8 * 1024 * 1024) + b"/>")
    data = buf.getvalue()
    assert len(data) < 100_000
    with pytest.raises(ReadError) as info, hang_guard():
        read_bytes(data, "bomb.docx", limits=Limits(docx_max_uncompressed=1024 * 1024))
    assert info.value.cause.startswith("DOCX expands past 1048576 bytes (zip bomb?)")


def test_zip_bomb_declaring_gigabytes_against_default_limit() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(buf.getvalue())
    # claim 4 GB uncompressed in the central directory entry (offset 24: uncompressed size)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFF_FF00)
    with pytest.raises(ReadError, match=r"DOCX expands past 209715200 bytes \(zip bomb\?\)"):
        read_bytes(bytes(data), "liar.docx")


def test_docx_sniffed_without_suffix() -> None:
    doc = read_bytes(docx_bytes(), "attachment").document
    assert doc.media_type.endswith("wordprocessingml.document")
    assert PAGE_WORDS[0] in doc.text


def test_docx_media_type_for_upload() -> None:
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert PAGE_WORDS[2] in read_bytes(docx_bytes(), "upload.bin", media_type=media).document.text


def test_legacy_word_is_refused_with_a_hint() -> None:
    with pytest.raises(ReadError, match=r"save it as \.docx"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old")
    with pytest.raises(ReadError, match=r"legacy Word \.doc"):
        read_bytes(b"anything", "old.doc")
