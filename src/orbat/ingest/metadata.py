"""Document metadata: its keys, their normalisation, sidecars, and precedence.

Three layers, later ones winning key by key:

1. what the document carries (HTML ``<meta>``, PDF info dict, DOCX core
   properties, Markdown front matter);
2. a sidecar ``NAME.meta.yaml`` beside the file (``report.html`` +
   ``report.meta.yaml``);
3. ``overrides`` from the caller (CLI ``--title``, ``--date``, ...).

Keys: ``title``, ``author``/``authors`` (a string, ``;``-separated, or a list),
``publisher``, ``date``/``published`` (normalised to EDTF), ``url``
(http/https), ``language`` (ISO 639-1), ``source_kind`` (a key of
``VOCABULARY.source_kinds``), ``stance`` (one of ``VOCABULARY.stances``), and
``name`` (the document id; overrides only). Any other key of a sidecar or the
overrides is kept in ``Document.meta``. A bad value the document carries is
dropped with a warning (documents are often wrong about themselves); a bad
value a person wrote (sidecar, overrides) is a ReadError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from orbat.errors import ReadError
from orbat.ingest.dates import to_edtf
from orbat.model.vocabulary import VOCABULARY

SIDECAR_SUFFIX = ".meta.yaml"
_ALIASES = {"author": "authors", "date": "published", "lang": "language"}
FIELDS = ("title", "authors", "publisher", "published", "url", "language", "source_kind", "stance", "name")

_LANGUAGE_NAMES = {
    "english": "en",
    "eng": "en",
    "arabic": "ar",
    "ara": "ar",
    "french": "fr",
    "fra": "fr",
    "fre": "fr",
    "german": "de",
    "deu": "de",
    "ger": "de",
    "persian": "fa",
    "farsi": "fa",
    "fas": "fa",
    "per": "fa",
    "turkish": "tr",
    "tur": "tr",
    "russian": "ru",
    "rus": "ru",
    "kurdish": "ku",
    "kur": "ku",
    "hebrew": "he",
    "heb": "he",
    "spanish": "es",
    "spa": "es",
}
_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


class BadValue(ValueError):
    """A metadata value that cannot be used; its message says why."""


def sidecar_path(path: Path) -> Path:
    """``report.html`` -> ``report.meta.yaml`` (same folder, same stem)."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def load_sidecar(path: Path) -> dict[str, Any]:
    """The mapping in a sidecar file; ReadError naming the sidecar if it is unusable."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(str(path), f"cannot read sidecar: {exc}") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ReadError(str(path), f"invalid sidecar YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(str(path), "a sidecar must hold a YAML mapping of metadata keys")
    return {str(k): v for k, v in data.items()}


def language_code(value: object) -> str:
    """ISO 639-1 code for a language tag or name (``en-GB`` -> ``en``, ``Arabic`` -> ``ar``)."""
    text = str(value).strip()
    if text.lower() in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text.lower()]
    m = _LANG_TAG.match(text)
    if not m:
        raise BadValue(f"language {text!r} is not an ISO 639 code (such as en, ar)")
    code = m.group(1).lower()
    return _LANGUAGE_NAMES.get(code, code)


def _text(value: object, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple | dict):
        raise BadValue(f"{key} must be a single value, not {type(value).__name__}")
    text = " ".join(str(value).split())
    return text or None


def _authors(value: object) -> tuple[str, ...]:
    items: list[object] = list(value) if isinstance(value, list | tuple) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if item is None:
            continue
        for part in re.split(r"[;\n]", str(item)):
            name = " ".join(part.split())
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _url(value: object) -> str | None:
    text = _text(value, "url")
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadValue(f"url {text!r} is not an http(s) URL")
    return text


def _value(key: str, value: object) -> object:
    """The normalised value of a known key; raises BadValue."""
    if key == "authors":
        return _authors(value)
    if key == "published":
        edtf = to_edtf(value)
        if edtf is None:
            raise BadValue(f"date {value!r} is not a date (write 2016-05-24, 2016-05 or 2016)")
        return edtf
    if key == "url":
        return _url(value)
    if key == "language":
        return None if value in (None, "") else language_code(value)
    if key == "source_kind":
        kind = _text(value, key)
        if kind is not None and kind not in VOCABULARY.source_kinds:
            raise BadValue(f"source_kind {kind!r} is not one of: {', '.join(VOCABULARY.source_kinds)}")
        return kind
    if key == "stance":
        stance = _text(value, key)
        if stance is not None and stance not in VOCABULARY.stances:
            raise BadValue(f"stance {stance!r} is not one of: {', '.join(VOCABULARY.stances)}")
        return stance
    return _text(value, key)


def canonical_key(raw: object) -> str:
    """The metadata key a written key stands for (``Author`` -> ``authors``)."""
    written = str(raw).strip().lower()
    return _ALIASES.get(written, written)


def json_safe(value: object) -> object:
    """A JSON-safe copy of a sidecar value for ``Document.meta``."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@dataclass
class Metadata:
    """The merged metadata of one document."""

    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # key -> layer that set it

    def get(self, key: str) -> Any:
        return self.fields.get(key)

    def apply(
        self,
        layer: Mapping[str, Any] | None,
        *,
        origin: str,
        source: str,
        strict: bool,
        warnings: list[str],
    ) -> None:
        """Merge one layer over what is there. ``strict``: a bad value is a ReadError."""
        if not layer:
            return
        items = {}
        for raw_key, value in layer.items():
            key = canonical_key(raw_key)
            if key in items and str(raw_key).strip().lower() in _ALIASES:
                continue  # "authors" beats "author" in the same layer
            items[key] = value
        for key, value in items.items():
            if value is None or value == "" or value == []:
                continue
            if key not in FIELDS:
                if origin != "document":
                    self.extra[key] = json_safe(value)
                continue
            if key == "name" and origin != "overrides":
                if origin == "sidecar":
                    warnings.append("a sidecar cannot rename a document (its name is its file name); ignored")
                continue
            try:
                normalised = _value(key, value)
            except BadValue as exc:
                if strict:
                    raise ReadError(source, str(exc)) from None
                warnings.append(f"ignored document metadata: {exc}")
                continue
            if normalised in (None, ()):
                continue
            self.fields[key] = normalised
            self.origin[key] = origin
