"""Linear-time text extraction for pages the main-text extractor cannot take.

Two fallbacks, both linear in the size of the page:

* :func:`tree_text` works on a parsed tree. It drops scripts, styles, forms,
  ``<nav>``, ``<header>``, ``<footer>``, ``<aside>``, elements whose class or
  id names boilerplate (``related``, ``author-bio``, ``share``, ...), lists
  that are mostly links, and a "Related" / "See more" / "Recommended" heading
  with the list after it; the rest becomes blocks separated by blank lines.
  Used for pages too large for trafilatura and pages it finds no text in.
* :func:`flat_text` works on the markup as a string, with regular expressions
  whose every pattern runs in linear time. Used when the HTML parser stopped
  at a safety limit (nesting deeper than 256 elements, a single value over
  10 MB) and its tree would silently lose text: all text is kept, boilerplate
  included.
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml.html import HtmlElement

DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "button",
        "select",
        "textarea",
        "object",
        "embed",
        "canvas",
        "head",
        "dialog",
        "menu",
    ]
)
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "ul",
        "caption",
    ]
)
LINE_TAGS = frozenset(["li", "tr", "dt", "dd"])
_BOILERPLATE = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "footer",
        "sidebar",
        "related",
        "recommended",
        "recommendations",
        "share",
        "sharing",
        "social",
        "comments",
        "bio",
        "biography",
        "newsletter",
        "subscribe",
        "subscription",
        "promo",
        "advert",
        "advertisement",
        "ads",
        "breadcrumb",
        "breadcrumbs",
        "cookie",
        "cookies",
        "popup",
        "modal",
        "masthead",
        "toolbar",
        "pagination",
        "pager",
        "tags",
    ]
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_MORE_HEADING = re.compile(
    r"^\s*(related|see (also|more)|read (more|next)|more (from|on|stories|articles)|recommended|"
    r"you (may|might) (also )?like|most (read|popular)|popular|trending)\b",
    re.I,
)
_NEVER_DROP = frozenset(["html", "body", "main", "article"])
_MAX_BOILERPLATE_WORDS = 400
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_LISTS = frozenset(["ul", "ol", "dl", "menu"])
_SPACES = re.compile(r"[^\S\t\n]+")


def _is_boilerplate(el: HtmlElement) -> bool:
    """Named as boilerplate by class/id/role, and small (a layout class must not sink the article)."""
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
    if el.tag in _NEVER_DROP or not names.strip():
        return False
    if not any(tok.lower() in _BOILERPLATE for tok in _TOKEN_SPLIT.split(names)):
        return False
    return len(el.text_content().split()) <= _MAX_BOILERPLATE_WORDS


def _link_dense(el: HtmlElement) -> bool:
    text = el.text_content()
    total = len(text.split())
    if total == 0:
        return True
    linked = sum(len(a.text_content().split()) for a in el.iter("a"))
    return linked / total >= 0.6


def _doomed(root: HtmlElement) -> list[HtmlElement]:
    doomed: list[HtmlElement] = []
    skip: set[HtmlElement] = set()
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or el in skip:
            continue
        if tag in DROP_TAGS or _is_boilerplate(el) or (tag in _LISTS and _link_dense(el)):
            doomed.append(el)
        elif tag in _HEADINGS and _MORE_HEADING.match(el.text_content() or ""):
            doomed.append(el)
            nxt = el.getnext()
            if nxt is not None and isinstance(nxt.tag, str):
                doomed.append(nxt)
                skip.add(nxt)
    return doomed


def tree_text(root: HtmlElement) -> str:
    """The text of a parsed page without its boilerplate, blocks separated by blank lines."""
    for el in _doomed(root):
        if el.getparent() is not None:
            el.drop_tree()
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        lines = (_SPACES.sub(" ", line).strip(" ") for line in "".join(buf).split("\n"))
        block = "\n".join(line for line in lines if line.strip())
        if block:
            blocks.append(block)
        buf.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
            elif tag == "br" or tag in LINE_TAGS:
                buf.append("\n")
            elif tag in ("td", "th") and el.getprevious() is not None:
                buf.append("\t")
            if tag is not None and el.text:
                buf.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
            elif tag in LINE_TAGS:
                buf.append("\n")
            if el.tail and el is not root:
                buf.append(el.tail)
    flush()
    return "\n\n".join(blocks)


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_RAW = re.compile(r"<(script|style|noscript|template|head|svg)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|main|blockquote|pre|dd|dt|figcaption|hr)\b[^<>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z!?/][^<>]*>")
_BLANKS = re.compile(r"\n(?:[^\S\n]*\n)+")


def flat_text(markup: str) -> str:
    """All text of an HTML string, tags removed, block elements as line breaks (linear time)."""
    text = _COMMENT.sub(" ", markup)
    text = _RAW.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
