"""Coverage-guided fuzzing with atheris (libFuzzer for Python), run by tests/fuzz/test_atheris.py.

    python -m tests.fuzz.atheris_targets readers CORPUS_DIR -runs=20000 -timeout=60
    python -m tests.fuzz.atheris_targets extractor CORPUS_DIR -runs=2000 -timeout=120

``readers``: the first byte picks a file name suffix, the rest is the file;
``orbat.ingest.read_bytes`` must return or raise an OrbatError. ``extractor``:
the input decoded as UTF-8 (with replacement) is a document's text;
``RuleExtractor.extract`` must return an Extraction whose evidence quotes the
text at its offsets, or raise an OrbatError. Anything else is a crash that
libFuzzer reports with the input that caused it; ``-timeout`` is the hang limit
per input (a safety limit, not a speed target).
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import atheris

with atheris.instrument_imports(include=["orbat", "pypdf", "docx"]):
    # the readers import their parsers lazily: import them here, inside the instrumented block
    import orbat.ingest.html_page
    import orbat.ingest.markdown
    import orbat.ingest.pdf
    import orbat.ingest.word  # noqa: F401
    from orbat.errors import OrbatError
    from orbat.ingest import read_bytes

# imported after the instrumented block, so that the readers are instrumented when first imported
from tests.fuzz.common import SMALL as LIMITS

SUFFIXES = ["", ".txt", ".md", ".html", ".pdf", ".docx", ".htm", ".markdown"]


def readers(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    with contextlib.suppress(OrbatError):
        read_bytes(data[1:], "fuzz" + suffix, limits=LIMITS)


_extractor: Any = None


def extractor(data: bytes) -> None:
    global _extractor
    from orbat.model import Document

    if _extractor is None:
        from orbat.extract.pipeline import RuleExtractor

        _extractor = RuleExtractor()
    text = data.decode("utf-8", errors="replace")
    try:
        ex = _extractor.extract(Document(name="fuzz", text=text))
    except OrbatError:
        return
    for claim in ex.claims:
        for ev in claim.evidence:
            if ev.start is None or ev.end is None or text[ev.start : ev.end] != ev.quote:
                raise AssertionError(f"evidence does not quote the text: {ev!r}")
    for m in ex.mentions:
        if text[m.start : m.end] != m.text:
            raise AssertionError(f"mention does not quote the text: {m!r}")


TARGETS = {"readers": readers, "extractor": extractor}


def main() -> None:
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
