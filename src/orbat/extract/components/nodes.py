"""``orbat_nodes``: in-document nodes from the recognised mentions (see :mod:`orbat.extract.nodes`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from orbat.extract.nodes import NODES_VERSION, build_nodes, short_forms

for _ext in ("orbat_nodes", "orbat_doc_name"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class NodeBuilder:
    version = NODES_VERSION

    def __call__(self, doc: Doc) -> Doc:
        found = list(doc._.orbat_found or [])
        found.extend(short_forms(doc.text, found))
        found.sort(key=lambda f: (f.start, -f.end))
        doc._.orbat_found = found
        doc._.orbat_nodes = build_nodes(doc._.orbat_doc_name or "doc", found, list(doc._.orbat_aliases or []))
        return doc


@Language.factory(
    "orbat_nodes",
    requires=["doc._.orbat_found", "doc._.orbat_aliases"],
    assigns=["doc._.orbat_nodes"],
    default_config={},
)
def make_orbat_nodes(nlp: Language, name: str) -> NodeBuilder:
    return NodeBuilder()
