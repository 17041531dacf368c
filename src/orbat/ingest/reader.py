"""Reading one document from a file or from bytes: format, text, metadata, Document."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from orbat.errors import OrbatError, ReadError
from orbat.ingest.extracted import Extracted
from orbat.ingest.formats import choose, reader_for
from orbat.ingest.language import detect_language
from orbat.ingest.limits import DEFAULT_LIMITS, Limits
from orbat.ingest.metadata import Metadata, load_sidecar, sidecar_path
from orbat.ingest.textnorm import is_blank, normalise_text
from orbat.model.records import Document

PAGE_SEPARATOR = "\n\n"
EMPTY = "empty document"
VANISHED = "file vanished during the run"


@dataclass(frozen=True)
class ReadResult:
    """A document as read, the exact bytes it was read from, and what went less than well."""

    document: Document
    data: bytes
    warnings: tuple[str, ...] = ()


def doc_name(file_name: str) -> str:
    """The document id of a file name: its last path component without its extension."""
    base = PureWindowsPath(PurePosixPath(file_name).name).name.strip()
    stem = PurePosixPath(base).stem if base not in ("", ".", "..") else ""
    return stem or base.strip(".") or "document"


def _suffix(file_name: str) -> str:
    return PurePosixPath(PureWindowsPath(file_name).name).suffix


def _text_and_pages(extracted: Extracted) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """The normalised text and, for paged formats, each page's span in it."""
    if extracted.pages is None:
        return normalise_text(extracted.text), ()
    parts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    offset = 0
    for number, page in enumerate(extracted.pages, 1):
        text = normalise_text(page).strip()
        if parts:
            offset += len(PAGE_SEPARATOR)
        spans.append((number, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    return PAGE_SEPARATOR.join(parts), tuple(spans)


def build(
    data: bytes,
    name: str,
    source: str,
    extracted: Extracted,
    *,
    limits: Limits,
    sidecar: Mapping[str, Any] | None = None,
    sidecar_source: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    carried: Mapping[str, Any] | None = None,
    source_uri: str | None = None,
) -> ReadResult:
    """Turn a reader's output into a Document; ``carried`` adds to what the document says of itself."""
    warnings = list(extracted.warnings)
    text, pages = _text_and_pages(extracted)
    if is_blank(text):
        raise ReadError(source, EMPTY)
    if len(text) > limits.max_text_chars:
        raise ReadError(
            source,
            f"text is {len(text)} characters, over the limit of {limits.max_text_chars} (setting max_text_chars)",
        )
    meta = Metadata()
    meta.apply(
        {**(carried or {}), **extracted.metadata},
        origin="document",
        source=source,
        strict=False,
        warnings=warnings,
    )
    meta.apply(sidecar, origin="sidecar", source=sidecar_source or source, strict=True, warnings=warnings)
    meta.apply(overrides, origin="overrides", source=source, strict=True, warnings=warnings)
    language = meta.get("language")
    if language is None or meta.origin.get("language") == "document":
        detected = detect_language(text, limits.language_sample_chars)
        if language is None:
            language = detected
        elif detected and detected != language:
            warnings.append(
                f"the document says its language is {language!r} but its text reads as {detected!r}"
            )
            language = detected
    extra = {**extracted.info, **meta.extra}
    if meta.origin:
        extra["metadata_from"] = dict(meta.origin)
    try:
        document = Document(
            name=meta.get("name") or name,
            text=text,
            sha256=hashlib.sha256(data).hexdigest(),
            title=meta.get("title"),
            authors=meta.get("authors") or (),
            publisher=meta.get("publisher"),
            published=meta.get("published"),
            url=meta.get("url"),
            language=language,
            source_kind=meta.get("source_kind") or "other",
            stance=meta.get("stance"),
            media_type=extracted.media_type,
            source_uri=source_uri,
            pages=pages,
            meta=extra,
        )
    except OrbatError as exc:
        raise ReadError(source, str(exc)) from None
    return ReadResult(document=document, data=data, warnings=tuple(warnings))


def read_bytes(
    data: bytes,
    name: str,
    media_type: str | None = None,
    overrides: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    source_uri: str | None = None,
    *,
    charset: str | None = None,
    carried: Mapping[str, Any] | None = None,
) -> ReadResult:
    """Read a document from bytes (an upload): ``name`` is its file name, e.g. ``report.pdf``.

    The format comes from ``media_type``, else the suffix of ``name``, else the
    content. ``charset`` is a declared text encoding (an HTTP header's);
    ``carried`` is metadata known from the transport (a fetched URL), ranked
    with what the document says of itself.
    """
    source = source_uri or name
    if len(data) > limits.max_bytes:
        raise ReadError(
            source, f"file is {len(data)} bytes, over the limit of {limits.max_bytes} (setting max_bytes)"
        )
    if not data.strip():
        raise ReadError(source, EMPTY)
    kind = choose(data, source, _suffix(name), media_type)
    reader = reader_for(kind)
    if kind == "html":
        base = (carried or {}).get("url")
        extracted = reader(data, source, limits, charset, base_url=base)
    else:
        extracted = reader(data, source, limits, charset)
    return build(
        data,
        doc_name(name),
        source,
        extracted,
        limits=limits,
        overrides=overrides,
        carried=carried,
        source_uri=source_uri,
    )


def _read_file(path: Path, limits: Limits) -> bytes:
    source = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReadError(source, VANISHED) from None
    except PermissionError:
        raise ReadError(source, "permission denied") from None
    except OSError as exc:
        raise ReadError(source, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(source, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(source, "not a regular file")
    if info.st_size > limits.max_bytes:
        raise ReadError(
            source, f"file is {info.st_size} bytes, over the limit of {limits.max_bytes} (setting max_bytes)"
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(source, VANISHED) from None
    except PermissionError:
        raise ReadError(source, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(source, "is a directory, not a file") from None
    except OSError as exc:
        cause = "permission denied" if exc.errno in (errno.EACCES, errno.EPERM) else exc.strerror or str(exc)
        raise ReadError(source, f"cannot read: {cause}") from None
    if len(data) > limits.max_bytes:
        raise ReadError(source, f"file grew past the limit of {limits.max_bytes} bytes (setting max_bytes)")
    return data


def read_path(
    path: Path,
    overrides: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ReadResult:
    """Read the document in a file, with its sidecar ``NAME.meta.yaml`` if there is one.

    Raises ReadError(source=str(path), cause=...) for every input that cannot
    be read: vanished, unreadable, too large, empty, binary, corrupt, ...
    """
    path = Path(path)
    source = str(path)
    data = _read_file(path, limits)
    side = sidecar_path(path)
    sidecar = load_sidecar(side) if side != path and side.is_file() else None
    if not data.strip():
        raise ReadError(source, EMPTY)
    kind = choose(data, source, path.suffix)
    extracted = reader_for(kind)(data, source, limits)
    return build(
        data,
        doc_name(path.name),
        source,
        extracted,
        limits=limits,
        sidecar=sidecar,
        sidecar_source=str(side),
        overrides=overrides,
        source_uri=path.resolve().as_uri(),
    )
