"""Fetching a document from a URL, on a user's request (the only network access of ingest).

httpx with: http and https only; redirects followed up to
``Limits.fetch_max_redirects``; ``Limits.fetch_timeout`` seconds for each
network operation and, checked as bytes arrive, for the whole download; the
body streamed and cut off past ``Limits.fetch_max_bytes`` (also when the
server announces more with ``Content-Length``). Compressed transfer is not
asked for, so the byte limit counts what is stored. The response's media type
and charset guide the reader; the final URL (after redirects) is the
document's ``url`` unless the page names a canonical one.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from orbat.errors import ReadError
from orbat.ingest.formats import SUFFIXES
from orbat.ingest.limits import DEFAULT_LIMITS, Limits
from orbat.ingest.reader import ReadResult, read_bytes

USER_AGENT = "orbat (document ingest)"
ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain,text/markdown;q=0.9,*/*;q=0.5"
_SLUG = re.compile(r"[\W_]+")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:\-]+)", re.I)


def url_file_name(url: str) -> str:
    """A file name for a URL: host and path as a slug, keeping a known suffix.

    ``https://www.example.org/news/brigade.html`` -> ``example-org-news-brigade.html``.
    A query string (or a slug over 100 characters) adds a short hash of the URL.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "document").removeprefix("www.")
    path = PurePosixPath(unquote(parts.path))
    suffix = path.suffix.lower() if path.suffix.lower() in SUFFIXES else ""
    stem = str(path.with_suffix("")) if suffix else str(path)
    slug = _SLUG.sub("-", f"{host} {stem}").strip("-")
    if len(slug) > 100 or parts.query:
        slug = slug[:100].rstrip("-") + "-" + hashlib.sha256(url.encode()).hexdigest()[:8]
    return slug + suffix


def _download(url: str, limits: Limits) -> tuple[bytes, str, str | None]:
    """(body, final URL, Content-Type header)."""
    import httpx  # imported on use: most runs never fetch

    deadline = time.monotonic() + limits.fetch_timeout
    too_slow = ReadError(url, f"timed out after {limits.fetch_timeout:g} s (setting fetch_timeout)")
    too_big = ReadError(
        url, f"response is over the limit of {limits.fetch_max_bytes} bytes (setting fetch_max_bytes)"
    )
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=limits.fetch_max_redirects,
                timeout=httpx.Timeout(limits.fetch_timeout),
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > limits.fetch_max_bytes:
                raise too_big
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.fetch_max_bytes:
                    raise too_big
                if time.monotonic() > deadline:
                    raise too_slow
                chunks.append(chunk)
            return b"".join(chunks), str(response.url), response.headers.get("content-type")
    except httpx.TimeoutException:
        raise too_slow from None
    except httpx.TooManyRedirects:
        raise ReadError(
            url, f"more than {limits.fetch_max_redirects} redirects (setting fetch_max_redirects)"
        ) from None
    except httpx.UnsupportedProtocol as exc:
        raise ReadError(url, f"redirected to a URL that is not http(s): {exc}") from None
    except httpx.HTTPError as exc:
        raise ReadError(url, f"fetch failed: {exc or type(exc).__name__}") from None


def read_url(
    url: str, overrides: Mapping[str, Any] | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Fetch ``url`` and read the document it serves. Raises ReadError(source=url, ...)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ReadError(url, "only http:// and https:// URLs can be fetched")
    data, final_url, content_type = _download(url.strip(), limits)
    media_type = content_type.split(";")[0].strip().lower() if content_type else None
    m = _CHARSET.search(content_type or "")
    result = read_bytes(
        data,
        url_file_name(final_url),
        media_type=media_type,
        overrides=overrides,
        limits=limits,
        source_uri=final_url,
        charset=m.group(1) if m else None,
        carried={"url": final_url},
    )
    fetched: dict[str, Any] = {"fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    if content_type:
        fetched["content_type"] = content_type
    if final_url != url.strip():
        fetched["requested_url"] = url.strip()
    document = replace(result.document, meta={**result.document.meta, **fetched})
    return ReadResult(document=document, data=result.data, warnings=result.warnings)
