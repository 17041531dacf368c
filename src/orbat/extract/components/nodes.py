"""``orbat_nodes``: in-document nodes from the recognised mentions (see :mod:`orbat.extract.nodes`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from orbat.extract.components.doctext import doc_text
from orbat.extract.coref import Salience
from orbat.extract.layout import Layout, analyse
from orbat.extract.nodes import NODES_VERSION, build_nodes, centre_joins, government_joins, short_forms
from orbat.extract.spans import Found, top_level

for _ext in ("orbat_nodes", "orbat_doc_name"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class NodeBuilder:
    version = NODES_VERSION

    def __call__(self, doc: Doc) -> Doc:
        found = list(doc._.orbat_found or [])
        found.extend(short_forms(doc_text(doc), found))
        found.sort(key=lambda f: (f.start, -f.end))
        doc._.orbat_found = found
        name = doc._.orbat_doc_name or "doc"
        aliases = list(doc._.orbat_aliases or [])
        top = top_level(found)
        sentences = (
            [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
        )
        joined = government_joins(top, sentences, _state_id)
        nodes = build_nodes(name, found, aliases)
        layout: Layout = doc._.orbat_layout or analyse(doc_text(doc))
        salience = Salience(doc_text(doc), top, sentences, layout)
        joined = centre_joins(top, salience.group_at)
        if joined:
            nodes = build_nodes(name, found, aliases)
        doc._.orbat_nodes = nodes
        return doc


def _state_id(f: Found) -> str | None:
    """The gazetteer id of the state a mention names ("Syrian government" -> syria)."""
    if f.ref:
        return f.ref
    try:
        from orbat.gazetteer import lookup_entity, state_for_demonym
    except ImportError:  # pragma: no cover
        return None
    try:
        for e in lookup_entity(f.name):
            if e.type == "state":
                return e.id
        state = state_for_demonym(f.name)
    except OSError:  # pragma: no cover
        return None
    return state.id if state is not None else None


@Language.factory(
    "orbat_nodes",
    requires=["doc._.orbat_found", "doc._.orbat_aliases"],
    assigns=["doc._.orbat_nodes"],
    default_config={},
)
def make_orbat_nodes(nlp: Language, name: str) -> NodeBuilder:
    return NodeBuilder()
