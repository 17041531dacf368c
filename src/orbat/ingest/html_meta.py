"""Metadata an HTML page carries about itself.

Read, first found wins: title from ``og:title``, ``twitter:title``,
``citation_title``, ``dc.title``, then ``<title>``; authors from
``<meta name=author>``, ``article:author`` (unless it is a profile URL),
``citation_author``, ``dc.creator``; publisher from ``og:site_name``,
``citation_publisher``, ``dc.publisher``; date from
``article:published_time``, ``datePublished``, ``citation_publication_date``,
``dc.date``, ``date``, ``pubdate``; URL from ``<link rel=canonical>`` then
``og:url``; language from ``<html lang>``, ``content-language``, ``og:locale``.
schema.org JSON-LD (``headline``, ``author``, ``datePublished``,
``publisher``) fills what the tags leave open. Values are raw; the metadata
layer normalises them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

_TITLE = ("og:title", "twitter:title", "citation_title", "dc.title")
_AUTHOR = ("author", "article:author", "citation_author", "dc.creator", "parsely-author", "sailthru.author")
_PUBLISHER = ("og:site_name", "citation_publisher", "dc.publisher", "publisher")
_DATE = (
    "article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dc.date",
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
)
_LD_MAX_BYTES = 1_000_000
_LD_MAX_BLOCKS = 20
_LD_MAX_DEPTH = 6


def _meta_tags(root: HtmlElement) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), []).append(content.strip())
    return tags


def _first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if tags.get(key):
            return tags[key][0]
    return None


def _ld_objects(root: HtmlElement) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        if depth > _LD_MAX_DEPTH:
            return
        if isinstance(node, list):
            for item in node[:100]:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            found.append(node)
            if "@graph" in node:
                walk(node["@graph"], depth + 1)

    for i, script in enumerate(root.iter("script")):
        if i > 1000 or len(found) > 200:
            break
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > _LD_MAX_BYTES:
            continue
        try:
            walk(json.loads(raw), 0)
        except (ValueError, RecursionError):
            continue
        if len(found) >= _LD_MAX_BLOCKS * 10:
            break
    return found


def _ld_name(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return [value["name"]]
    if isinstance(value, list):
        return [name for item in value[:50] for name in _ld_name(item)]
    return []


def _from_ld(root: HtmlElement) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for obj in _ld_objects(root):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(
            isinstance(k, str) and ("Article" in k or k in ("Report", "WebPage", "BlogPosting"))
            for k in kinds
        ):
            continue
        if isinstance(obj.get("headline"), str):
            out.setdefault("title", obj["headline"])
        authors = [a for a in _ld_name(obj.get("author")) if not a.startswith("http")]
        if authors:
            out.setdefault("authors", authors)
        if isinstance(obj.get("datePublished"), str):
            out.setdefault("published", obj["datePublished"])
        publisher = _ld_name(obj.get("publisher"))
        if publisher:
            out.setdefault("publisher", publisher[0])
    return out


def html_metadata(root: HtmlElement, base_url: str | None = None) -> dict[str, Any]:
    """Raw metadata of a parsed page (keys as in :mod:`orbat.ingest.metadata`)."""
    tags = _meta_tags(root)
    out: dict[str, Any] = {}
    title = _first(tags, _TITLE)
    if title is None:
        el = next(root.iter("title"), None)
        title = el.text_content().strip() if el is not None else None
    if title:
        out["title"] = title
    authors = [
        a for key in _AUTHOR for a in tags.get(key, []) if not a.lower().startswith(("http://", "https://"))
    ]
    if authors:
        out["authors"] = list(dict.fromkeys(authors))
    for key, names in (("publisher", _PUBLISHER), ("published", _DATE)):
        value = _first(tags, names)
        if value:
            out[key] = value
    if "published" not in out:
        for el in root.iter("time"):
            if el.get("itemprop") == "datePublished" or el.get("pubdate") is not None:
                stamp = el.get("datetime") or el.text_content()
                if stamp and stamp.strip():
                    out["published"] = stamp.strip()
                    break
    canonical = None
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            canonical = el.get("href", "").strip()
            break
    url = canonical or _first(tags, ("og:url",))
    if url:
        out["url"] = urljoin(base_url, url) if base_url else url
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or _first(tags, ("content-language", "og:locale", "dc.language"))
    if lang:
        out["language"] = lang.split(",")[0].strip()
    for key, value in _from_ld(root).items():
        out.setdefault(key, value)
    return out
