"""HTML pages: the article's text, without the page around it.

The main text comes from trafilatura, a main-content extractor built and
benchmarked for exactly this task (news, blogs, think-tank reports): it
combines tag and class/id rules, link density and text-density scoring with
readability/jusText fallbacks, and drops navigation, headers, footers, author
bios, comment sections and "related"/"recommended" link lists far better than
a hand-written set of heuristics would. selectolax was the alternative; it is
a fast parser but leaves all of the extraction to us, and its HTML5 tree
builder takes quadratic time on deeply nested markup.

Hostile pages are contained in layers:

* a page over ``Limits.max_html_bytes`` is refused before parsing;
* parsing is libxml2's (lxml) with its safety limits on (nesting 256 deep, 10
  MB per value): it never recurses or allocates without bound. When it stops
  at such a limit the tree would lose text, so the page goes to
  :func:`~orbat.ingest.html_fallback.flat_text` instead (linear, keeps all
  text) with a warning;
* trafilatura's cost grows faster than linearly with page size, so a page
  with more than ``Limits.html_max_elements`` elements goes to the linear
  :func:`~orbat.ingest.html_fallback.tree_text`, as does a page where
  trafilatura finds nothing (very short pages).

Paragraphs, headings, list blocks and tables are separated by a blank line;
list items and table rows are lines; table cells are separated by tabs.
Metadata is read by :mod:`orbat.ingest.html_meta`.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from orbat.errors import ReadError
from orbat.ingest.encoding import bom_encoding, decode
from orbat.ingest.extracted import MEDIA_HTML, Extracted
from orbat.ingest.html_fallback import flat_text, tree_text
from orbat.ingest.html_meta import html_metadata
from orbat.ingest.limits import Limits

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
#: characters lxml parses but refuses to set on an element (dropping boilerplate moves text):
#: C0 controls other than tab, LF, CR, and U+FFFE/U+FFFF. The text would lose them anyway.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_NOT_XML_BREAK = re.compile("[\x0b\x0c]")
_WS = re.compile(r"[^\S\n]+")


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` in its first 4 KB."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _parse(markup: str) -> tuple[HtmlElement | None, bool]:
    """(tree or None, True if libxml2 stopped at a safety limit)."""
    parser = lxml.html.HTMLParser(
        recover=True, remove_comments=True, remove_pis=True, no_network=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    limited = any(err.level_name == "FATAL" for err in parser.error_log)
    return root, limited


def _inline(el: Any) -> str:
    """Text of a trafilatura output element; ``<lb/>`` is a line break."""
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "lb":
                parts.append("\n")
            elif node.text:
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    lines = (_WS.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _blocks(body: Any) -> list[str]:
    blocks: list[str] = []
    for child in body:
        if child.tag == "list":
            lines = [_inline(item) for item in child.iter("item")]
            block = "\n".join(line for line in lines if line)
        elif child.tag == "table":
            rows = []
            for row in child.iter("row"):
                cells = [_inline(cell).replace("\n", " ") for cell in row if cell.tag == "cell"]
                if any(cells):
                    rows.append("\t".join(cells))
            block = "\n".join(rows)
        else:
            block = _inline(child)
        if block:
            blocks.append(block)
    return blocks


def _main_text(root: HtmlElement, url: str | None) -> str:
    from trafilatura import bare_extraction

    result = bare_extraction(
        root,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_precision=True,
        with_metadata=False,
        deduplicate=False,
    )
    body = getattr(result, "body", None)
    if body is None:
        return ""
    return "\n\n".join(_blocks(body))


def read_html(
    data: bytes,
    source: str,
    limits: Limits,
    charset: str | None = None,
    base_url: str | None = None,
) -> Extracted:
    if len(data) > limits.max_html_bytes:
        raise ReadError(
            source,
            f"HTML is {len(data)} bytes, over the limit of {limits.max_html_bytes} (setting max_html_bytes)",
        )
    declared = None if bom_encoding(data) else (charset or meta_charset(data))
    decoded = decode(data, source, declared)
    warnings = list(decoded.warnings)
    markup = _XML_DECL.sub("", decoded.text, count=1)
    markup = _NOT_XML.sub("", _NOT_XML_BREAK.sub("\n", markup))
    root, limited = _parse(markup)
    metadata = html_metadata(root, base_url) if root is not None else {}
    info: dict[str, Any] = {"encoding": decoded.encoding}
    if root is None or limited:
        if limited:
            warnings.append(
                "HTML exceeds the parser's safety limits (nesting over 256 deep or a value over 10 MB); "
                "kept all of its text, boilerplate included"
            )
        info["extractor"] = "flat"
        return Extracted(MEDIA_HTML, flat_text(markup), metadata=metadata, info=info, warnings=warnings)
    elements = sum(1 for _ in root.iter())
    text = ""
    if elements > limits.html_max_elements:
        warnings.append(
            f"page has {elements} elements, over html_max_elements ({limits.html_max_elements}); "
            "used the simple extractor"
        )
    else:
        try:
            text = _main_text(root, base_url)
        except Exception as exc:  # a third-party heuristic; never let it sink the read
            log.warning("%s: trafilatura failed: %r", source, exc)
            warnings.append(f"main-text extraction failed ({type(exc).__name__}); used the simple extractor")
        if text:
            info["extractor"] = "trafilatura"
        else:
            root, _ = _parse(markup)  # trafilatura pruned the tree it was given
    if not text and root is not None:
        text = tree_text(root)
        info["extractor"] = "tree"
    return Extracted(MEDIA_HTML, text, metadata=metadata, info=info, warnings=warnings)
