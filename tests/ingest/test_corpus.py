"""The shared corpus files read as documents (read at run time; skipped if absent)."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

from orbat.ingest import expand_paths, read_path


def test_corpus_files_read(corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    assert [p for _, p, _ in expand_paths([str(corpus_dir / "*.txt")])] == files
    for path in files:
        data = path.read_bytes()
        result = read_path(path)
        doc = result.document
        assert doc.name == path.stem
        assert doc.sha256 == hashlib.sha256(data).hexdigest()
        assert result.data == data
        assert doc.text.strip()
        assert unicodedata.is_normalized("NFC", doc.text)
        assert doc.language == "en"
        assert doc.media_type == "text/plain"


def test_gold_quotes_are_found_in_read_text(corpus_dir: Path) -> None:
    """Offsets are ours to keep: a UTF-8 corpus file's text must come through unchanged."""
    gold_dir = corpus_dir.parent / "gold"
    for path in sorted(corpus_dir.glob("*.txt")):
        doc = read_path(path).document
        assert doc.text == unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        gold = gold_dir / f"{path.stem}.json"
        if not gold.is_file():
            continue
        claims = json.loads(gold.read_text(encoding="utf-8")).get("claims", [])
        quotes = [c["quote"] for c in claims if isinstance(c, dict) and c.get("quote")]
        assert quotes
        assert [q for q in quotes if q not in doc.text] == []
