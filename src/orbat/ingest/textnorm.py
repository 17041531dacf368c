"""Normalisation of extracted text, applied exactly once before a Document is built.

Evidence offsets index ``Document.text``, so this is the last change the text
ever sees. :func:`normalise_text` does, in order:

1. line breaks: ``\\r\\n``, ``\\r``, NEL (U+0085), LINE SEPARATOR (U+2028),
   PARAGRAPH SEPARATOR (U+2029), vertical tab and form feed become ``\\n``;
2. a leading byte-order mark (U+FEFF) is dropped;
3. control characters (Unicode category Cc: C0, DEL, C1) are removed, except
   ``\\n`` and ``\\t``;
4. Unicode NFC composition.

Nothing else is touched. In particular format characters (category Cf) stay:
the bidirectional marks and isolates (U+200E/F, U+202A-E, U+2066-9) and the
zero-width joiner/non-joiner that Arabic and Persian spelling needs. The web
layer renders them safely; removing them would change how names read.
"""

from __future__ import annotations

import re
import unicodedata

_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_CONTROL_ANY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """The text with line breaks unified, control characters dropped, and NFC applied."""
    text = _BREAKS.sub("\n", text)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def control_ratio(text: str, sample: int = 65536) -> float:
    """Share of control characters (other than common whitespace) in the first ``sample`` chars."""
    head = text[:sample]
    if not head:
        return 0.0
    return len(_CONTROL_ANY.findall(head)) / len(head)


def is_blank(text: str) -> bool:
    return not text.strip()
