"""Ingest throughput per format: ``python -m orbat.bench.formats [--docs 200] [--json FILE]``.

The same generated documents are written as plain text, Markdown, HTML (with
page furniture to strip), PDF (reportlab) and DOCX (python-docx); each set is
read by ``orbat.ingest.read_path`` and stored into a fresh SQLite store
(``Store.add_document``: bytes, SHA-256, text). Reported per format: files,
MB of input, seconds, MB/s and documents/s (median of ``--repeat`` runs).
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orbat.bench.generator import generate
from orbat.ingest import read_path
from orbat.store import Store


def _body(source: Path) -> tuple[str, list[str]]:
    doc = read_path(source).document
    paragraphs = [p.strip() for p in doc.text.split("\n\n") if p.strip()]
    title = (doc.title or (paragraphs[0] if paragraphs else "Report"))[:200]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return title, paragraphs


def _write_txt(path: Path, title: str, paras: list[str]) -> None:
    path.write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


def _write_md(path: Path, title: str, paras: list[str]) -> None:
    path.write_text(
        f"---\ntitle: {json.dumps(title)}\n---\n# {title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8"
    )


def _write_html(path: Path, title: str, paras: list[str]) -> None:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    furniture = (
        "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        "<aside><h3>Related articles</h3><ul><li><a href='/x'>More on this topic</a></li></ul></aside>"
        "<footer>© Example. All rights reserved.</footer>"
    )
    path.write_text(
        f"<!doctype html><html lang='en'><head><title>{html.escape(title)}</title></head><body>"
        f"{furniture}<article><h1>{html.escape(title)}</h1>{body}</article>{furniture}</body></html>",
        encoding="utf-8",
    )


def _write_pdf(path: Path, title: str, paras: list[str]) -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph(html.escape(title), styles["Title"])]
    story += [Paragraph(html.escape(p), styles["BodyText"]) for p in paras]
    SimpleDocTemplate(str(path), title=title).build(story)


def _write_docx(path: Path, title: str, paras: list[str]) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.add_heading(title, level=1)
    for p in paras:
        d.add_paragraph(p)
    d.save(str(path))


WRITERS: dict[str, Callable[[Path, str, list[str]], None]] = {
    "txt": _write_txt,
    "md": _write_md,
    "html": _write_html,
    "pdf": _write_pdf,
    "docx": _write_docx,
}


def run(n_docs: int, repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="orbat-formats-") as tmp:
        root = Path(tmp)
        generate(root / "corpus", n_docs)
        sources = sorted((root / "corpus" / "docs").glob("*.md"))
        for fmt, writer in WRITERS.items():
            folder = root / fmt
            folder.mkdir()
            for src in sources:
                title, paras = _body(src)
                writer(folder / f"{src.stem}.{fmt}", title, paras)
            files = sorted(folder.iterdir())
            size = sum(f.stat().st_size for f in files)
            times = []
            for i in range(repeat):
                store = Store.open(f"sqlite:///{root / f'{fmt}-{i}.db'}", create=True)
                t0 = time.perf_counter()
                for f in files:
                    result = read_path(f)
                    store.add_document(result.document, result.data)
                times.append(time.perf_counter() - t0)
                store.close()
            median = statistics.median(times)
            results[fmt] = {
                "files": len(files),
                "mb": round(size / 1e6, 3),
                "seconds": round(median, 3),
                "mb_per_s": round(size / 1e6 / median, 3),
                "docs_per_s": round(len(files) / median, 1),
            }
    return results


def table(results: dict[str, Any]) -> str:
    lines = ["| format | files | MB | seconds | MB/s | documents/s |", "|---|---|---|---|---|---|"]
    for fmt, r in results.items():
        lines.append(
            f"| {fmt} | {r['files']} | {r['mb']} | {r['seconds']} | {r['mb_per_s']} | {r['docs_per_s']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m orbat.bench.formats", description=__doc__)
    ap.add_argument("--docs", type=int, default=200, help="documents per format")
    ap.add_argument("--repeat", type=int, default=3, help="runs per format (the median is reported)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    results = run(args.docs, args.repeat)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
