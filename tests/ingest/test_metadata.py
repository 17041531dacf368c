"""Metadata: dates to EDTF, sidecars, overrides, precedence and validation."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from orbat.errors import ReadError
from orbat.ingest import read_bytes, read_path
from orbat.ingest.dates import to_edtf
from orbat.ingest.metadata import language_code

PAGE = """<!doctype html><html lang="en"><head><title>Carried title</title>
<meta name="author" content="Carried Author">
<meta property="og:site_name" content="Carried Publisher">
<meta property="article:published_time" content="2015-03-02T08:00:00Z">
</head><body><article>
<p>The regiment set up a checkpoint at the northern entrance of the town in the autumn.</p>
<p>Residents said the checkpoint was manned by fighters from two local families.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("raw", "edtf"),
    [
        ("2016-05-24", "2016-05-24"),
        ("2016-05-24T10:00:00+03:00", "2016-05-24"),
        ("May 2016", "2016-05"),
        ("2016", "2016"),
        ("24 May 2016", "2016-05-24"),
        ("May 24, 2016", "2016-05-24"),
        ("Tue, 24 May 2016 10:00:00 GMT", "2016-05-24"),
        ("D:20160524103000+02'00'", "2016-05-24"),
        ("2016/05/24", "2016-05-24"),
        ("2016?", "2016?"),
        ("2012-21", "2012-21"),
        (date(2016, 5, 24), "2016-05-24"),
        (datetime(2016, 5, 24, 23, 0), "2016-05-24"),
        (2016, "2016"),
        ("05/06/2016", None),
        ("2016-02-30", None),
        ("sometime", None),
    ],
)
def test_dates_to_edtf(raw: object, edtf: str | None) -> None:
    assert to_edtf(raw) == edtf


@pytest.mark.parametrize(
    ("raw", "code"), [("en-GB", "en"), ("ar_SY", "ar"), ("Arabic", "ar"), ("fra", "fr"), ("AR", "ar")]
)
def test_language_codes(raw: str, code: str) -> None:
    assert language_code(raw) == code


def test_document_carried_metadata_from_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_path(path).document
    assert doc.title == "Carried title"
    assert doc.authors == ("Carried Author",)
    assert doc.publisher == "Carried Publisher"
    assert doc.published == "2015-03-02"
    assert doc.language == "en"
    assert doc.meta["metadata_from"]["title"] == "document"


def test_sidecar_overrides_document_and_overrides_win(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.meta.yaml").write_text(
        "title: Sidecar title\nauthor: Sidecar Author; Second Author\ndate: March 2015\n"
        "source_kind: news\nproject: east-file\nreviewed: 2020-01-02\n",
        encoding="utf-8",
    )
    doc = read_path(path).document
    assert doc.title == "Sidecar title"
    assert doc.authors == ("Sidecar Author", "Second Author")
    assert doc.published == "2015-03"
    assert doc.publisher == "Carried Publisher"  # not in the sidecar: the document's stays
    assert doc.source_kind == "news"
    assert doc.meta["project"] == "east-file"
    assert doc.meta["reviewed"] == "2020-01-02"

    doc = read_path(path, overrides={"title": "Override title", "date": "2014", "publisher": None}).document
    assert doc.title == "Override title"
    assert doc.published == "2014"
    assert doc.authors == ("Sidecar Author", "Second Author")
    assert doc.publisher == "Carried Publisher"
    assert doc.meta["metadata_from"] == {
        "title": "overrides",
        "authors": "sidecar",
        "publisher": "document",
        "published": "overrides",
        "language": "document",
        "source_kind": "sidecar",
    }


def test_unknown_source_kind_lists_allowed(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A short note about a unit that was seen near the airport.", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_path(path, overrides={"source_kind": "blog"})
    assert "source_kind 'blog' is not one of" in info.value.cause
    assert "think_tank" in info.value.cause and "opposition_media" in info.value.cause


def test_bad_sidecar_value_names_the_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A short note about a unit that was seen near the airport.", encoding="utf-8")
    side = tmp_path / "note.meta.yaml"
    side.write_text("date: the day after\n", encoding="utf-8")
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.source == str(side)
    assert "is not a date" in info.value.cause
    side.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReadError, match="invalid sidecar YAML") as info:
        read_path(path)
    assert info.value.source == str(side)
    side.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ReadError, match="YAML mapping"):
        read_path(path)


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"stance": "friendly"}, "stance 'friendly' is not one of"),
        ({"url": "ftp://example.org/x"}, "not an http(s) URL"),
        ({"language": "Klingonese dialect"}, "not an ISO 639 code"),
        ({"title": ["a", "b"]}, "title must be a single value"),
    ],
)
def test_bad_override_values(overrides: dict[str, object], needle: str) -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(b"Some text about a militia that guards a dam on the river.", "n.txt", overrides=overrides)
    assert needle in info.value.cause


def test_bad_document_carried_value_is_a_warning_not_an_error() -> None:
    page = PAGE.replace("2015-03-02T08:00:00Z", "last spring")
    result = read_bytes(page.encode(), "page.html")
    assert result.document.published is None
    assert any("ignored document metadata" in w and "last spring" in w for w in result.warnings)


def test_override_name_replaces_file_name() -> None:
    doc = read_bytes(
        b"Text about a militia that guards a dam on the river.", "x.txt", overrides={"name": "doc-7"}
    ).document
    assert doc.name == "doc-7"


def test_declared_language_contradicted_by_text() -> None:
    arabic = "قالت مصادر في المدينة إن اللواء نقل مقره إلى بلدة قريبة من النهر بعد معارك استمرت أسبوعين."
    page = f'<html lang="en"><head><title>t</title></head><body><p>{arabic}</p><p>{arabic}</p></body></html>'
    result = read_bytes(page.encode(), "ar.html")
    assert result.document.language == "ar"
    assert any("reads as 'ar'" in w for w in result.warnings)
    # a language a person gave is never second-guessed
    assert read_bytes(page.encode(), "ar.html", overrides={"language": "fa"}).document.language == "fa"
