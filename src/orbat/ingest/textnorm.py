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
zero-width joiner/non-joiner that Arabic and Persian spelling needs. Removing
them would change how names read; displays pass text through
:func:`visible_controls` instead (the web templates and the CLI's console do).
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


#: Characters that act on a display instead of showing: C0/C1 controls other than tab and line feed
#: (a terminal obeys ESC sequences, CR rewrites a line) and the bidirectional embeddings, overrides and
#: isolates U+202A-E, U+2066-9 (RLO shows "gpj.exe" as "exe.jpg"; an unclosed one reorders what follows).
_DISPLAY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    """``text`` for display: each character that would act on the display becomes a visible
    ``‹U+202E›``. Bidirectional *marks* (U+200E/F, U+061C) and joiners stay: they cannot reorder
    letters. The stored text is never changed; only what is shown."""
    if not _DISPLAY_UNSAFE.search(text):
        return text
    return _DISPLAY_UNSAFE.sub(lambda m: f"\u2039U+{ord(m.group(0)):04X}\u203a", text)


def control_ratio(text: str, sample: int = 65536) -> float:
    """Share of control characters (other than common whitespace) in the first ``sample`` chars."""
    head = text[:sample]
    if not head:
        return 0.0
    return len(_CONTROL_ANY.findall(head)) / len(head)


def is_blank(text: str) -> bool:
    return not text.strip()
