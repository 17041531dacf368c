"""The extractor contract: Document in, Extraction out.

Every back end (the rules here, later a fine-tuned model or an LLM behind an
OpenAI-compatible API) implements :class:`Extractor` and registers in
``EXTRACTORS``; callers pick one by name with :func:`get_extractor`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from orbat.errors import OrbatError
from orbat.model import Document, Extraction


@runtime_checkable
class Extractor(Protocol):
    """Turns documents into extractions: nodes, mentions and claims with evidence.

    Implementations are deterministic for a given version and configuration,
    and work offline.
    """

    name: str
    version: str

    def extract(self, doc: Document) -> Extraction: ...

    def extract_many(
        self, docs: Iterable[Document], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Extraction]: ...


def _rules() -> type[Extractor]:
    from orbat.extract.pipeline import RuleExtractor  # imported lazily: loads spaCy

    return RuleExtractor


#: name -> factory of the extractor class (lazy, so that importing this module stays cheap)
EXTRACTORS: dict[str, Callable[[], type[Extractor]]] = {"rules": _rules}


def extractor_class(name: str = "rules") -> type[Extractor]:
    """The extractor class registered as ``name`` (its model is not loaded)."""
    try:
        factory = EXTRACTORS[name]
    except KeyError:
        known = ", ".join(sorted(EXTRACTORS))
        raise OrbatError(f"unknown extractor {name!r} (known: {known})") from None
    return factory()


def extractor_tag(name: str = "rules") -> str:
    """``name@version`` of a registered extractor, as extraction runs record it."""
    cls = extractor_class(name)
    return f"{cls.name}@{cls.version}"


def get_extractor(name: str = "rules", **kwargs: object) -> Extractor:
    """An extractor instance by registry name (``"rules"``)."""
    return extractor_class(name)(**kwargs)
