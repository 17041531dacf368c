"""``orbat_layout``: the document's layout (title, headings, paragraphs, fields, quoted blocks)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from orbat.extract.components.doctext import doc_text
from orbat.extract.layout import LAYOUT_VERSION, analyse

if not Doc.has_extension("orbat_layout"):
    Doc.set_extension("orbat_layout", default=None)


class LayoutComponent:
    version = LAYOUT_VERSION

    def __call__(self, doc: Doc) -> Doc:
        doc._.orbat_layout = analyse(doc_text(doc))
        return doc


@Language.factory("orbat_layout", assigns=["doc._.orbat_layout"], default_config={})
def make_orbat_layout(nlp: Language, name: str) -> LayoutComponent:
    return LayoutComponent()
