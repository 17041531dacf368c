"""Markdown: YAML front matter as metadata, the body reduced to readable plain text.

The body is parsed with markdown-it-py (CommonMark, plus tables), so emphasis,
links and code are recognised as CommonMark defines them rather than by
regular expressions. The text kept: headings and paragraphs as blocks
separated by a blank line; list items one per line with ``-`` or ``N.``
markers (nested items indented); table rows one per line with cells separated
by tabs; code blocks verbatim; link text without its URL; image alt text;
raw HTML without its tags. The first level-1 heading is the title unless the
front matter gives one. Front matter that is not a YAML mapping is left in the
text with a warning. A body over ``Limits.markdown_max_chars`` is kept as it
is, unparsed: markdown-it's cost on pathological input (thousands of unclosed
brackets) grows faster than linearly.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from orbat.ingest.encoding import decode
from orbat.ingest.extracted import MEDIA_MARKDOWN, Extracted
from orbat.ingest.limits import Limits
from orbat.ingest.metadata import FIELDS, canonical_key, json_safe

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TAG = re.compile(r"<[^<>]*>")
_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """(front matter mapping or None, body, warning or None)."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text, None
    try:
        data = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "syntax error"
        return None, text, f"front matter is not valid YAML ({problem}); kept as text"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, text, "front matter is not a YAML mapping; kept as text"
    return data, text[m.end() :], None


def _inline(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content or "".join(c.content for c in child.children or []))
    return "".join(parts).strip()


def render_text(body: str) -> tuple[str, str | None]:
    """(plain text of a Markdown body, text of its first level-1 heading or None)."""
    blocks: list[str] = []
    lists: list[list[Any]] = []  # [ordered, counter] per open list
    list_lines: list[str] = []
    marker: str | None = None
    rows: list[str] = []
    cells: list[str] | None = None
    heading: str | None = None
    title: str | None = None

    def add(text: str) -> None:
        if not text.strip():
            return
        nonlocal marker
        if lists:
            indent = "  " * (len(lists) - 1)
            lead = marker if marker is not None else " " * 2
            for i, line in enumerate(text.split("\n")):
                list_lines.append(indent + (lead if i == 0 else "  ") + line)
            marker = None
        else:
            blocks.append(text)

    for tok in _PARSER.parse(body):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if kind == "ordered_list_open" else 1
            lists.append([kind == "ordered_list_open", start - 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists and list_lines:
                blocks.append("\n".join(list_lines))
                list_lines.clear()
        elif kind == "list_item_open" and lists:
            lists[-1][1] += 1
            marker = f"{lists[-1][1]}. " if lists[-1][0] else "- "
        elif kind == "heading_open":
            heading = tok.tag
        elif kind == "tr_open":
            cells = []
        elif kind == "tr_close" and cells is not None:
            rows.append("\t".join(cells))
            cells = None
        elif kind == "table_close":
            add("\n".join(rows))
            rows = []
        elif kind == "inline":
            text = _inline(tok)
            if cells is not None:
                cells.append(text.replace("\n", " "))
                continue
            if heading == "h1" and title is None and text:
                title = " ".join(text.split())
            heading = None
            add(text)
        elif kind in ("fence", "code_block"):
            add(tok.content.rstrip("\n"))
        elif kind == "html_block":
            add(_TAG.sub("", tok.content).strip())
    if list_lines:
        blocks.append("\n".join(list_lines))
    return "\n\n".join(blocks), title


def read_markdown(data: bytes, source: str, limits: Limits, charset: str | None = None) -> Extracted:
    decoded = decode(data, source, charset)
    warnings = list(decoded.warnings)
    front, body, problem = split_front_matter(decoded.text.replace("\r\n", "\n"))
    if problem:
        warnings.append(problem)
    if len(body) > limits.markdown_max_chars:
        warnings.append(
            f"Markdown body is {len(body)} characters, over markdown_max_chars "
            f"({limits.markdown_max_chars}); kept as plain text, markup included"
        )
        text, heading = body, None
    else:
        text, heading = render_text(body)
    metadata: dict[str, Any] = {}
    info: dict[str, Any] = {"encoding": decoded.encoding}
    for key, value in (front or {}).items():
        if canonical_key(key) in FIELDS:
            metadata[str(key)] = value
        else:
            info.setdefault("front_matter", {})[str(key)] = json_safe(value)
    if heading and not any(canonical_key(k) == "title" for k in metadata):
        metadata["title"] = heading
    return Extracted(media_type=MEDIA_MARKDOWN, text=text, metadata=metadata, info=info, warnings=warnings)
