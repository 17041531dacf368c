"""Plain text: encodings, normalisation, binary and empty input."""

from __future__ import annotations

import codecs
import hashlib
import random
import unicodedata
from pathlib import Path

import pytest

from orbat.errors import ReadError
from orbat.ingest import read_bytes, read_path
from orbat.ingest.textnorm import normalise_text

ARABIC = "قالت مصادر في المدينة إن اللواء نقل مقره إلى بلدة قريبة من النهر بعد معارك استمرت أسبوعين."
ENGLISH = "The militia held the bridge for a week before a truce was agreed with the tribal elders.\n"


def test_utf8_text_keeps_name_hash_and_text(tmp_path: Path) -> None:
    data = ENGLISH.encode("utf-8")
    path = tmp_path / "field-note.txt"
    path.write_bytes(data)
    result = read_path(path)
    doc = result.document
    assert doc.name == "field-note"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert result.data == data
    assert doc.text == ENGLISH
    assert doc.media_type == "text/plain"
    assert doc.language == "en"
    assert doc.meta["encoding"] == "utf-8"
    assert doc.source_uri == path.resolve().as_uri()


def test_utf8_bom_is_dropped_but_bytes_hash_includes_it() -> None:
    data = codecs.BOM_UTF8 + ENGLISH.encode("utf-8")
    result = read_bytes(data, "note.txt")
    assert result.document.text == ENGLISH
    assert result.document.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str) -> None:
    text = ARABIC + "\n" + ENGLISH
    result = read_bytes(text.encode(codec), "mixed.txt")
    assert result.document.text == normalise_text(text)


def test_cp1256_arabic_is_detected_and_kept_intact() -> None:
    data = (ARABIC + "\n" + ARABIC).encode("cp1256")
    result = read_bytes(data, "bayan.txt")
    doc = result.document
    assert doc.text == ARABIC + "\n" + ARABIC
    assert doc.language == "ar"
    assert doc.meta["encoding"] == "cp1256"
    assert any("cp1256" in w for w in result.warnings)


def test_latin1_text_is_decoded() -> None:
    text = "Le café du quartier était fermé depuis l'été, d'après les habitants de la rue."
    result = read_bytes(text.encode("latin-1"), "note.txt")
    assert result.document.text == text


def test_arabic_utf8_keeps_bidi_marks_and_zwnj() -> None:
    text = "\u200fلواء\u200c الباقر\u200e (Liwa al-Baqir) \u2067نص\u2069 " + ARABIC
    doc = read_bytes(text.encode(), "bidi.txt").document
    assert doc.text == text
    assert doc.language == "ar"


def test_normalisation_nfc_newlines_and_controls() -> None:
    raw = "Cafe\u0301 one\r\ntwo\rthree\x0cfour\u2028five\x00\x07six\tseven\x85eight\x9b"
    padding = " The convoy left before dawn and reached the checkpoint by noon." * 5
    doc = read_bytes((raw + padding).encode("utf-8"), "n.txt").document
    assert doc.text == "Café one\ntwo\nthree\nfour\nfivesix\tseven\neight" + padding
    assert unicodedata.is_normalized("NFC", doc.text)


def test_binary_file_named_txt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.cause == "binary content, not text"
    assert info.value.source == str(path)


def test_control_characters_without_nul_are_binary() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 0x0E, 0x0F, 0x10, 0x11, 65, 66]) * 200
    with pytest.raises(ReadError, match="binary content, not text"):
        read_bytes(data, "x.txt")


def test_random_bytes_have_no_plausible_encoding() -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(ReadError) as info:
        read_bytes(data, "noise.txt")
    assert info.value.cause in (
        "binary content, not text",
        "not valid UTF-8, and no plausible text encoding fits the bytes",
    )


def test_bad_utf16_after_bom_is_an_error() -> None:
    with pytest.raises(ReadError, match="invalid utf-16"):
        read_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "broken.txt")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode()])
def test_empty_or_whitespace_only_is_empty_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.cause == "empty document"


def test_short_text_gets_no_language_guess() -> None:
    assert read_bytes(b"Liwa al-Baqir", "n.txt").document.language is None


def test_unknown_suffix_text_is_sniffed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text(ENGLISH, encoding="utf-8")
    doc = read_path(path).document
    assert doc.media_type == "text/plain"
    assert doc.name == "notes"


def test_max_text_chars_is_enforced() -> None:
    from orbat.ingest import Limits

    with pytest.raises(ReadError, match="setting max_text_chars"):
        read_bytes(ENGLISH.encode() * 10, "long.txt", limits=Limits(max_text_chars=100))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/report.txt", "report"),
        ("C:\\Users\\me\\Desktop\\brief.txt", "brief"),
        ("archive.2016.txt", "archive.2016"),
        ("noext", "noext"),
    ],
)
def test_upload_names_become_safe_document_ids(name: str, expected: str) -> None:
    assert read_bytes(ENGLISH.encode(), name).document.name == expected


def test_unsupported_formats_get_a_hint() -> None:
    with pytest.raises(ReadError, match="RTF is not read"):
        read_bytes(b"{\\rtf1\\ansi Some text}", "memo")
    with pytest.raises(ReadError, match="OCR is not performed"):
        read_bytes(b"whatever", "scan.png")
    with pytest.raises(ReadError, match="ZIP archive that is not a DOCX"):
        import io
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as archive:
            archive.writestr("a.txt", "x")
        read_bytes(buf.getvalue(), "bundle")


def test_text_plain_media_type_defers_to_a_known_suffix() -> None:
    source = "---\ntitle: Upload\n---\nBody text about a convoy on the coastal road."
    doc = read_bytes(source.encode(), "upload.md", media_type="text/plain").document
    assert doc.media_type == "text/markdown" and doc.title == "Upload"
    doc = read_bytes(source.encode(), "upload.bin", media_type="text/plain").document
    assert doc.media_type == "text/plain" and doc.text.startswith("---")


def test_limits_must_be_positive() -> None:
    from orbat.ingest import Limits

    with pytest.raises(ValueError, match="max_bytes must be positive"):
        Limits(max_bytes=0)
    assert Limits().max_bytes == 50 * 1024 * 1024


def test_sniffing_utf16_html_and_dash_lines() -> None:
    page = "<!doctype html><html><body><p>A page saved as UTF-16 by an old editor.</p></body></html>"
    doc = read_bytes(page.encode("utf-16"), "saved").document
    assert doc.media_type == "text/html"
    assert doc.text == "A page saved as UTF-16 by an old editor."
    # a leading rule without a closing one is not front matter: the text stays as it is
    text = "---\nMinutes of the *council* meeting on the water supply of the district.\n"
    doc = read_bytes(text.encode(), "minutes").document
    assert doc.media_type == "text/plain" and doc.text == text
