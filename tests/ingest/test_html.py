"""HTML: main text without boilerplate, metadata, encodings, hostile pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import ReadError
from orbat.ingest import Limits, read_bytes, read_path
from tests.reliability.guards import hang_guard

KEEP = [
    "The first paragraph explains that the brigade was formed in the spring of 2013 by volunteers from two villages.",
    "According to the second paragraph, the group later moved its headquarters to a small town on the river bank.",
    "A third paragraph notes that a spokesman put the number of fighters at roughly nine hundred in early 2016.",
]
DROP = [
    "Home",
    "Analysis",
    "Example Review masthead",
    "Jane Roe is a researcher who has written about militias in the region for many years",
    "Another article on tribes in the valley",
    "Yet another story on a different front",
    "A recommended read about something else",
    "Copyright 2016 Example Review",
    "script text that must go",
    "style rule",
    "a comment that must go",
]

PAGE = f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Militia report | Example Review</title>
<meta name="author" content="Jane Roe">
<meta property="og:title" content="The brigade in the east">
<meta property="og:site_name" content="Example Review">
<meta property="article:published_time" content="2016-05-24T10:00:00Z">
<link rel="canonical" href="https://example.org/analysis/brigade-east">
<style>.x {{ color: red }} /* style rule */</style>
</head><body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/analysis">Analysis</a></li></ul></nav>
<header class="masthead"><div class="logo">Example Review masthead</div></header>
<main><article>
<h1>The brigade in the east</h1>
<p>{KEEP[0]}</p>
<!-- a comment that must go -->
<p>{KEEP[1]}</p>
<p>{KEEP[2]}</p>
<div class="author-bio"><p>Jane Roe is a researcher who has written about militias in the region for many years.</p></div>
<section class="related-posts"><h3>Related</h3><ul>
<li><a href="/r1">Another article on tribes in the valley</a></li>
<li><a href="/r2">More on border crossings and smuggling</a></li></ul></section>
<h3>See more</h3><ul><li><a href="/s1">Yet another story on a different front</a></li>
<li><a href="/s2">The last story in the list of links</a></li></ul>
</article></main>
<aside><h4>Recommended</h4><p><a href="/q">A recommended read about something else</a></p></aside>
<footer><p>Copyright 2016 Example Review. All rights reserved.</p></footer>
<script>var x = "script text that must go";</script>
</body></html>"""


def _check_main_text(text: str) -> None:
    for sentence in KEEP:
        assert sentence in text
    for junk in DROP:
        assert junk not in text, junk
    # paragraphs are separated by blank lines
    assert f"{KEEP[0]}\n\n{KEEP[1]}\n\n{KEEP[2]}" in text


def test_article_text_kept_and_boilerplate_dropped(tmp_path: Path) -> None:
    path = tmp_path / "brigade-east.html"
    path.write_text(PAGE, encoding="utf-8")
    result = read_path(path)
    doc = result.document
    _check_main_text(doc.text)
    assert doc.name == "brigade-east"
    assert doc.media_type == "text/html"
    assert doc.meta["extractor"] == "trafilatura"
    assert doc.title == "The brigade in the east"
    assert doc.authors == ("Jane Roe",)
    assert doc.publisher == "Example Review"
    assert doc.published == "2016-05-24"
    assert doc.url == "https://example.org/analysis/brigade-east"
    assert doc.language == "en"


def test_simple_extractor_also_drops_boilerplate() -> None:
    result = read_bytes(PAGE.encode(), "p.html", limits=Limits(html_max_elements=10))
    assert result.document.meta["extractor"] == "tree"
    assert any("html_max_elements" in w for w in result.warnings)
    _check_main_text(result.document.text)


def test_short_page_falls_back_to_simple_extractor() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><p>One short line about a checkpoint.</p></body></html>"
    )
    doc = read_bytes(page.encode(), "short.html").document
    assert doc.text == "One short line about a checkpoint."


def test_json_ld_fills_missing_metadata() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "headline": "Headline from JSON-LD", "datePublished": "2019-07-01",'
        ' "author": [{"@type": "Person", "name": "Sami Nasser"}], "publisher": {"name": "Daily Example"}}]}'
        "</script></head><body><article>" + "".join(f"<p>{s}</p>" for s in KEEP) + "</article></body></html>"
    )
    doc = read_bytes(page.encode(), "ld.html").document
    assert doc.title == "Headline from JSON-LD"
    assert doc.published == "2019-07-01"
    assert doc.authors == ("Sami Nasser",)
    assert doc.publisher == "Daily Example"


def test_meta_charset_cp1256_page() -> None:
    arabic = "قالت مصادر في المدينة إن اللواء نقل مقره إلى بلدة قريبة من النهر بعد معارك استمرت أسبوعين."
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>{arabic}</p></body></html>'
    doc = read_bytes(page.encode("cp1256"), "ar.htm").document
    assert arabic in doc.text
    assert doc.language == "ar"


def test_wrong_declared_charset_with_utf8_bytes() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Ḥasakah and Dayr az-Zawr, café.</p></body></html>'
    result = read_bytes(page.encode("utf-8"), "x.html")
    assert "Ḥasakah and Dayr az-Zawr, café." in result.document.text


def test_xhtml_with_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>An XHTML page about a unit.</p></body></html>'
    assert "An XHTML page about a unit." in read_bytes(page.encode(), "x.xhtml").document.text


def test_html_sniffed_without_suffix() -> None:
    doc = read_bytes(PAGE.encode(), "download").document
    assert doc.media_type == "text/html"
    assert KEEP[0] in doc.text


def test_page_over_html_limit_names_the_setting() -> None:
    page = (
        "<html><body>" + "<p>filler text about nothing in particular</p>" * 30_000 + "</body></html>"
    ).encode()
    assert len(page) > 1_000_000
    with pytest.raises(ReadError) as info:
        read_bytes(page, "big.html", limits=Limits(max_html_bytes=1_000_000))
    assert (
        info.value.cause == f"HTML is {len(page)} bytes, over the limit of 1000000 (setting max_html_bytes)"
    )


def test_fifty_megabyte_page_refused_before_parsing() -> None:
    page = b"<html><body><p>" + b"a" * (50 * 1024 * 1024) + b"</p></body></html>"
    with (
        pytest.raises(ReadError, match=r"over the limit of 52428800 \(setting max_html_bytes\)"),
        hang_guard(),
    ):
        read_bytes(page, "huge.html", limits=Limits(max_bytes=200 * 1024 * 1024))


def test_deeply_nested_page_is_fast_and_keeps_all_text() -> None:
    depth = 100_000
    page = (
        "<html><body><p>Before the nesting.</p>"
        + "<div>" * depth
        + "<p>Deep inside the nesting.</p>"
        + "</div>" * depth
    ) + "<p>After the nesting.</p></body></html>"
    with hang_guard():
        result = read_bytes(page.encode(), "deep.html")
    text = result.document.text
    assert (
        "Before the nesting." in text and "Deep inside the nesting." in text and "After the nesting." in text
    )
    assert result.document.meta["extractor"] == "flat"
    assert any("safety limits" in w for w in result.warnings)


def test_huge_attribute_does_not_lose_text() -> None:
    page = (
        '<html><body><p title="'
        + "x" * 12_000_000
        + '">First visible sentence.</p><p>Second visible sentence.</p></body></html>'
    )
    with hang_guard():
        text = read_bytes(page.encode(), "attr.html").document.text
    assert "First visible sentence." in text and "Second visible sentence." in text
    assert "xxxx" not in text


def test_unclosed_comments_and_scripts_stay_linear() -> None:
    page = "<html><body><p>Visible start of the page.</p>" + "<!-- <script " * 200_000 + "tail"
    try:
        with hang_guard():
            result = read_bytes(page.encode(), "broken.html")
    except ReadError as exc:
        assert exc.cause == "empty document"
    else:
        assert "<script" not in result.document.text


def test_markup_without_text_is_empty_document() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes(b"<html><head><title>Only a title</title></head><body><div></div></body></html>", "e.html")
    assert info.value.cause == "empty document"
