"""Markdown: front matter metadata and markup reduced to plain text."""

from __future__ import annotations

from pathlib import Path

from orbat.ingest import read_bytes, read_path

REPORT = """---
title: "A brigade on the eastern front"
author: [Jane Roe, Omar Haddad]
publisher: Example Monitor
date: 2016-05-24
url: https://example.org/reports/brigade
language: en
source_kind: think_tank
stance: independent
tags: [militia, east]
---

# Heading that is not the title

The brigade was *formed* in **2013** by volunteers, according to [a local page](https://example.org/x).

- first point about salaries
- second point about `training`
  - a nested detail

1. ordered one
2. ordered two

> A quoted sentence from an interview.

| Year | Fighters |
|------|----------|
| 2014 | 500      |

```
code stays verbatim
```

<div class="note">Raw <b>HTML</b> loses its tags.</div>

![a photo of the checkpoint](photo.jpg)
"""


def test_front_matter_metadata(tmp_path: Path) -> None:
    path = tmp_path / "brigade.md"
    path.write_text(REPORT, encoding="utf-8")
    result = read_path(path)
    doc = result.document
    assert doc.name == "brigade"
    assert doc.media_type == "text/markdown"
    assert doc.title == "A brigade on the eastern front"
    assert doc.authors == ("Jane Roe", "Omar Haddad")
    assert doc.publisher == "Example Monitor"
    assert doc.published == "2016-05-24"
    assert doc.url == "https://example.org/reports/brigade"
    assert doc.language == "en"
    assert doc.source_kind == "think_tank"
    assert doc.stance == "independent"
    assert doc.meta["front_matter"] == {"tags": ["militia", "east"]}


def test_markup_reduced_to_readable_text() -> None:
    text = read_bytes(REPORT.encode(), "brigade.md").document.text
    assert "title:" not in text and "---" not in text
    assert text.startswith("Heading that is not the title\n\n")
    assert "The brigade was formed in 2013 by volunteers, according to a local page." in text
    assert "https://example.org/x" not in text
    assert "*" not in text and "`" not in text and "[" not in text
    assert "- first point about salaries\n- second point about training\n  - a nested detail" in text
    assert "1. ordered one\n2. ordered two" in text
    assert "A quoted sentence from an interview." in text
    assert "Year\tFighters\n2014\t500" in text
    assert "code stays verbatim" in text
    assert "Raw HTML loses its tags." in text
    assert "a photo of the checkpoint" in text and "photo.jpg" not in text
    blocks = text.split("\n\n")
    assert "Heading that is not the title" in blocks


def test_first_h1_is_title_without_front_matter() -> None:
    source = "Intro line.\n\n# The militia in the valley\n\nBody text about the militia and the valley."
    doc = read_bytes(source.encode(), "valley.markdown").document
    assert doc.title == "The militia in the valley"
    assert doc.text.startswith("Intro line.\n\nThe militia in the valley\n\nBody text")


def test_invalid_front_matter_is_kept_as_text_with_warning() -> None:
    source = "---\ntitle: [unclosed\n---\n\nA paragraph about a checkpoint near the river crossing."
    result = read_bytes(source.encode(), "bad.md")
    assert any("front matter" in w for w in result.warnings)
    assert "A paragraph about a checkpoint" in result.document.text
    assert result.document.title is None


def test_markdown_sniffed_from_front_matter_without_suffix() -> None:
    source = "---\ntitle: Sniffed\n---\nSome *text* about a unit that moved north in the summer."
    doc = read_bytes(source.encode(), "upload").document
    assert doc.media_type == "text/markdown"
    assert doc.title == "Sniffed"
    assert doc.text == "Some text about a unit that moved north in the summer."


def test_markdown_over_size_limit_is_kept_unparsed() -> None:
    from orbat.ingest import Limits

    source = "---\ntitle: Big\n---\n" + "Some *marked* text about a depot. " * 100
    result = read_bytes(source.encode(), "big.md", limits=Limits(markdown_max_chars=1000))
    assert result.document.title == "Big"
    assert result.document.text.startswith("Some *marked* text")
    assert any("markdown_max_chars" in w for w in result.warnings)
