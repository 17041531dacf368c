"""Language identification of document text with py3langid (ISO 639-1 codes).

py3langid is langid.py's model in a fast NumPy implementation: 97 languages,
offline, deterministic, about a millisecond per document once loaded. The model
is loaded on first use and shared.
"""

from __future__ import annotations

import functools
from typing import Any

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5


@functools.cache
def _identifier() -> Any:
    from py3langid import langid

    for constructor in ("from_model_file", "from_pickled_model"):
        build = getattr(langid.LanguageIdentifier, constructor, None)
        if build is not None:
            return build(langid.MODEL_FILE, norm_probs=True)
    raise RuntimeError("unsupported py3langid version")  # pragma: no cover


def detect_language(text: str, sample_chars: int = 5000) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if unsure.

    Only the first ``sample_chars`` characters are read. Texts with fewer than
    ``MIN_LETTERS`` letters, or on which the model's normalised probability is
    below ``MIN_CONFIDENCE``, get None rather than a guess.
    """
    sample = text[:sample_chars]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    if probability < MIN_CONFIDENCE:
        return None
    return str(code)
