"""Hostile input to the readers: ``orbat.ingest.read_bytes`` on every format never crashes or hangs.

For any bytes, under any file name and declared media type, a reader either
returns a Document or raises ReadError (an OrbatError naming the cause). Any
other exception is a bug; so is running past the hang guard (a generous
safety limit, not a speed target). Inputs: random bytes; valid PDF, DOCX,
HTML, Markdown and text files with bytes flipped, cut or spliced in; text
full of control characters and bidirectional overrides in several
encodings; deeply nested and huge-attribute HTML; a 10 MB single token in
each text format; PDF and DOCX bombs. Every Document that comes out keeps
the invariants later stages rely on (no control characters but tab and
newline, page spans inside the text).

The default run is bounded (a few dozen examples per property); ``--slow``
runs thousands (and tests/fuzz/test_atheris.py drives atheris).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbat.errors import OrbatError, ReadError
from orbat.ingest import Limits, ReadResult, read_bytes
from tests.fuzz.common import INVISIBLE, SMALL
from tests.fuzz.conftest import hang_guard

SUFFIXES = ["", ".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".doc", ".bin"]
MEDIA = [
    None,
    "text/plain",
    "text/markdown",
    "text/html",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/octet-stream",
]
_BAD_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = settings(max_examples=3000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def read_safely(
    data: bytes, name: str, media_type: str | None = None, limits: Limits = SMALL
) -> ReadResult | None:
    """read_bytes under the hang guard: a ReadResult, or None when it refused with ReadError."""
    try:
        with hang_guard():
            result = read_bytes(data, name, media_type, limits=limits)
    except ReadError as exc:
        assert exc.cause and exc.source, exc
        return None
    except OrbatError:
        return None
    check_document(result, limits)
    return result


def check_document(result: ReadResult, limits: Limits) -> None:
    doc = result.document
    assert doc.text.strip()
    assert not _BAD_CONTROLS.search(doc.text), "control characters survived normalisation"
    assert len(doc.text) <= limits.max_text_chars
    for number, start, end in doc.pages:
        assert number >= 1 and 0 <= start <= end <= len(doc.text)
    assert doc.sha256 and len(doc.sha256) == 64


# --------------------------------------------------------------------------- valid samples


@cache
def samples() -> dict[str, bytes]:
    from docx import Document as Docx

    from tests.ingest.builders import pdf_bytes

    buf = io.BytesIO()
    word = Docx()
    word.add_heading("The Mountain Battalion", 1)
    word.add_paragraph("The battalion was formed in 2014 near a river town and had 400 fighters.")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "founded"
    table.rows[0].cells[1].text = "2014"
    word.save(buf)
    return {
        "a.pdf": pdf_bytes(["The battalion was formed in 2014.", "It had 400 fighters."], title="Report"),
        "a.docx": buf.getvalue(),
        "a.html": (
            b"<!doctype html><html><head><title>Report</title><meta name='author' content='A. Writer'>"
            b"</head><body><nav>menu</nav><article><h1>The battalion</h1><p>It was formed in 2014 "
            b"and had 400 fighters.</p><p>It fought near the river.</p></article></body></html>"
        ),
        "a.md": b"---\ntitle: Report\n---\n# The battalion\n\nIt was *formed* in 2014 with [400](x) fighters.\n",
        "a.txt": "The battalion was formed in 2014. قوات الدفاع الوطني\n".encode(),
    }


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid sample with a few bytes flipped, a cut, or random bytes spliced in."""
    name = draw(st.sampled_from(sorted(samples())))
    data = bytearray(samples()[name])
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["flip", "cut", "splice", "drop"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at:]
        elif op == "drop":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return name, bytes(data)


HOSTILE_CHARS = st.sampled_from(
    [
        *INVISIBLE,
        "\x00",
        "\x1b[2J",
        "\r",
        "\x85",
        "\u2028",
        "\ufffd",
        "\U0001f600",
        "<",
        "&#x202e;",
        "<script>",
        "]]>",
        "---",
        "# ",
        "\n\n",
        "Liwa al-Baqir",
        "لواء الباقر",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE_CHARS, st.text(max_size=20)), max_size=60).map("".join)


# --------------------------------------------------------------------------- properties


@FAST
@given(data=st.binary(max_size=20_000), suffix=st.sampled_from(SUFFIXES), media=st.sampled_from(MEDIA))
def test_random_bytes_are_read_or_refused(data: bytes, suffix: str, media: str | None) -> None:
    read_safely(data, f"upload{suffix}", media)


@FAST
@given(sample=mutated(), media=st.sampled_from([None, *MEDIA]))
def test_damaged_files_of_every_format_are_read_or_refused(
    sample: tuple[str, bytes], media: str | None
) -> None:
    name, data = sample
    read_safely(data, name, media)


@FAST
@given(
    text=HOSTILE_TEXT,
    suffix=st.sampled_from([".txt", ".md", ".html", ""]),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1256", "latin-1"]),
)
def test_text_with_controls_and_bidi_overrides_is_normalised(text: str, suffix: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    result = read_safely(data, f"hostile{suffix}")
    if result is not None and "\u202e" in text and encoding.startswith("utf-8") and suffix == ".txt":
        assert "\u202e" in result.document.text  # kept as data: shown safely, never dropped silently


@pytest.mark.slow
@DEEP
@given(data=st.binary(max_size=200_000), suffix=st.sampled_from(SUFFIXES), media=st.sampled_from(MEDIA))
def test_deep_random_bytes(data: bytes, suffix: str, media: str | None) -> None:
    read_safely(data, f"upload{suffix}", media)


@pytest.mark.slow
@DEEP
@given(sample=mutated(), media=st.sampled_from([None, *MEDIA]))
def test_deep_damaged_files(sample: tuple[str, bytes], media: str | None) -> None:
    read_safely(sample[1], sample[0], media)


# --------------------------------------------------------------------------- named hostile shapes


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_ten_megabyte_single_token_is_read_or_refused(suffix: str) -> None:
    token = b"A" * (10 * 1024 * 1024)
    data = b"<p>" + token + b"</p>" if suffix == ".html" else token
    limits = Limits(max_bytes=20 * 1024 * 1024, max_html_bytes=20 * 1024 * 1024)
    result = read_safely(data, f"token{suffix}", limits=limits)
    assert result is not None and len(result.document.text) >= 10 * 1024 * 1024


@pytest.mark.parametrize("depth", [1_000, 50_000, 200_000])
def test_deeply_nested_html_is_read(depth: int) -> None:
    page = b"<html><body>" + b"<div><span>" * depth + b"<p>Deep text.</p>" + b"</span></div>" * depth
    result = read_safely(page, "deep.html", limits=Limits())
    assert result is not None and "Deep text." in result.document.text


def test_huge_attributes_and_many_of_them_are_read() -> None:
    attrs = b" ".join(b'data-x%d="%s"' % (i, b"y" * 10_000) for i in range(500))
    page = b"<html><body><p " + attrs + b">Visible sentence.</p></body></html>"
    result = read_safely(page, "attrs.html", limits=Limits())
    assert result is not None and "Visible sentence." in result.document.text


def test_a_pdf_bomb_is_refused_by_its_limit() -> None:
    """A 30 MB page content stream compressed to a few kB (tests/ingest/test_pdf.py has the 40 MB one)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    from tests.ingest.builders import pdf_bytes

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["placeholder"]))))
    stream = StreamObject()
    stream.set_data(zlib.compress(b" " * (30 * 1024 * 1024), 9))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    assert len(buf.getvalue()) < 100_000
    with pytest.raises(ReadError, match="pdf_max_stream_bytes"), hang_guard():
        read_bytes(buf.getvalue(), "bomb.pdf", limits=Limits(pdf_max_stream_bytes=1_000_000))


@pytest.mark.parametrize("members", [1, 500])
def test_a_zip_bomb_in_a_docx_is_refused_by_its_limit(members: int) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (20 * 1024 * 1024) + b"</w:document>")
        for i in range(members - 1):
            z.writestr(f"word/media/{i}.bin", b"\0" * 100_000)
    assert len(buf.getvalue()) < 1_000_000
    with pytest.raises(ReadError, match="zip bomb|docx_max_members"), hang_guard():
        read_bytes(
            buf.getvalue(), "bomb.docx", limits=Limits(docx_max_uncompressed=5_000_000, docx_max_members=200)
        )


def test_a_docx_with_a_damaged_deflate_stream_is_refused() -> None:
    """Found by atheris: a member whose deflate stream is damaged raised zlib.error, a crash."""
    good = samples()["a.docx"]
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        info = z.getinfo("word/document.xml")
    data = bytearray(good)
    name_len, extra_len = (
        int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little"),
        int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little"),
    )
    start = info.header_offset + 30 + name_len + extra_len
    data[start] = 0xFF  # deflate block type 3: invalid
    with pytest.raises(ReadError, match="corrupt DOCX"), hang_guard():
        read_bytes(bytes(data), "damaged.docx")


def test_a_pdf_with_an_unknown_stream_filter_is_refused() -> None:
    """Found by atheris: a damaged filter name (``/Fla@eDecode``) raised NotImplementedError, a crash."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    from tests.ingest.builders import pdf_bytes

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["placeholder"]))))
    stream = StreamObject()
    stream.set_data(zlib.compress(b"BT /F1 12 Tf 72 720 Td (militia) Tj ET", 9))
    stream[NameObject("/Filter")] = NameObject("/Fla@eDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ReadError, match="corrupt PDF"), hang_guard():
        read_bytes(buf.getvalue(), "filter.pdf")


def test_a_docx_needing_an_unknown_zip_version_is_refused() -> None:
    """Found by atheris: a central directory asking for ZIP version 23.8 raised NotImplementedError."""
    data = bytearray(samples()["a.docx"])
    central = data.find(b"PK\x01\x02")
    data[central + 6 : central + 8] = (238).to_bytes(2, "little")  # "version needed to extract"
    with pytest.raises(ReadError, match="corrupt DOCX"), hang_guard():
        read_bytes(bytes(data), "version.docx")


def test_html_with_control_characters_next_to_boilerplate_is_read() -> None:
    """Found by atheris: dropping a menu moves the text after it into its parent, and lxml refused
    that text when it held a control character (ValueError, a crash)."""
    page = (
        b"<html><body><div>Intro<nav>menu</nav>\x01after the menu \x0b more</div>"
        b"<p>Visible sentence here.</p></body></html>"
    )
    result = read_safely(page, "controls.html", limits=Limits())
    assert result is not None and "Visible sentence here." in result.document.text
    assert "after the menu" in result.document.text
