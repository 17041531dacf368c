"""Bytes to text: byte-order marks, declared charsets, UTF-8, then charset detection.

The order is: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then a declared
charset (HTTP header, HTML ``<meta charset>``) if the bytes decode with it,
unless they are valid non-ASCII UTF-8 (a declaration is more often wrong than
multi-byte UTF-8 is accidental); then UTF-16 without a BOM, recognised by its
zero bytes; then strict UTF-8; then charset-normalizer, restricted to the code
pages open-source reporting actually comes in (Western and Central European,
Cyrillic, Greek, Turkish, Hebrew, Arabic, CJK), which keeps it from
"explaining" binary noise or Latin text with an exotic Mac code page. Content
with NUL bytes or many control characters is refused as binary (a single
stray NUL is tolerated and later removed by normalisation).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from orbat.errors import ReadError
from orbat.ingest.textnorm import control_ratio

BINARY = "binary content, not text"
MAX_CONTROL_RATIO = 0.02

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

CANDIDATES = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "iso8859_9",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
)

# WHATWG: labels that browsers decode as windows-1252.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = field(default_factory=tuple)


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def codec_name(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None if it is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4 or len(data) % 2:
        return None
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    # ASCII-range characters put a zero byte on one side of each pair, and only there.
    if odd >= 0.1 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.1 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _check_text(text: str, source: str) -> None:
    """Refuse text with more than the odd stray NUL, or with many control characters."""
    head = text[:65536]
    if head.count("\x00") > max(1, len(head) // 1000) or control_ratio(head) > MAX_CONTROL_RATIO:
        raise ReadError(source, BINARY)


def decode(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, or raise ReadError (binary content, no plausible encoding)."""
    bom = bom_encoding(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise ReadError(source, f"invalid {bom} text after its byte-order mark: {exc.reason}") from None
        _check_text(text, source)
        return Decoded(text, bom)
    warnings: list[str] = []
    wanted = codec_name(declared)
    if declared and not wanted:
        warnings.append(f"unknown declared charset {declared!r}, ignored")
    if wanted and wanted not in ("utf-8", "utf-16", "utf-32") and not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # multi-byte UTF-8 sequences do not happen by chance: the declaration is wrong
            _check_text(text, source)
            return Decoded(
                text, "utf-8", (*warnings, f"declared charset {declared} ignored: the bytes are UTF-8")
            )
    if wanted:
        try:
            text = data.decode(wanted)
        except UnicodeDecodeError:
            warnings.append(f"declared charset {declared} does not fit the bytes; detecting instead")
        else:
            _check_text(text, source)
            return Decoded(text, wanted, tuple(warnings))
    if data.count(b"\x00", 0, 65536) > 1:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ReadError(source, BINARY)
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise ReadError(source, BINARY) from None
        _check_text(text, source)
        return Decoded(text, utf16, (*warnings, f"no byte-order mark; read as {utf16}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_text(text, source)
        return Decoded(text, "utf-8", tuple(warnings))
    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise ReadError(source, "not valid UTF-8, and no plausible text encoding fits the bytes")
    text = str(best)
    _check_text(text, source)
    warnings.append(f"not UTF-8; decoded as {best.encoding} (detected)")
    return Decoded(text, best.encoding, tuple(warnings))
