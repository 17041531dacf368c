"""A Doc's text, joined once for the components that read it (``doc._.orbat_text``)."""

from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("orbat_text"):
    Doc.set_extension("orbat_text", default=None)


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, joined at the first call and kept on it.

    ``Doc.text`` joins the text of every token again at each call (a token object made per token),
    and the components ask for it several times per document. A Doc's text never changes (merging
    tokens keeps it), so the first join serves them all."""
    text = doc._.orbat_text
    if text is None:
        text = doc._.orbat_text = doc.text
    return str(text)
