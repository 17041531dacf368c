"""``orbat_sentences``: rule sentence boundaries (fast; no parser needed).

A sentence starts at the document start, after a line break, and after
``.``/``!``/``?`` (with closing quotes or brackets) when the next word starts
with a capital, a digit or a quote, unless the full stop ends a known
abbreviation ("Gen.", "Brig.", "e.g.", "no."). Very long sentences (tables,
text without punctuation) are cut every ``max_tokens`` tokens so that
later rules do bounded work per sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

SENTENCES_VERSION = "sentences.v1"

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "brig",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "st",
        "mt",
        "ft",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "e.g",
        "i.e",
        "etc",
        "vs",
        "cf",
        "al",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
    ]
)
_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]", "»"})
_OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "«"})


class SentenceSplitter:
    version = SENTENCES_VERSION

    def __init__(self, max_tokens: int = 250) -> None:
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        starts = [False] * n
        starts[0] = True
        since = 0
        for i in range(n):
            tok = doc[i]
            since += 1
            if i + 1 >= n:
                break
            if "\n" in tok.text or "\n" in tok.whitespace_:
                starts[i + 1] = True
                since = 0
                continue
            if tok.text in {".", "!", "?", "…", "؟"} or (tok.text.endswith(".") and len(tok.text) > 1):
                j = i + 1
                while j < n and doc[j].text in _CLOSERS:
                    j += 1
                if j >= n:
                    break
                nxt = doc[j].text
                if tok.text == "." and i > 0 and doc[i - 1].lower_.rstrip(".") in ABBREVIATIONS:
                    continue
                if tok.text.endswith(".") and tok.text != "." and tok.lower_.rstrip(".") in ABBREVIATIONS:
                    continue
                if (
                    tok.text.endswith(".")
                    and tok.text != "."
                    and "." not in tok.text[:-1]
                    and len(tok.text) > 3
                ):
                    pass  # "end." glued: a sentence end
                elif tok.text.endswith(".") and tok.text != ".":
                    continue  # "U.S." and the like
                if nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in _OPENERS or not nxt[:1].isalpha():
                    starts[j] = True
                    since = 0
                    continue
            if since >= self.max_tokens and not tok.is_space:
                starts[i + 1] = True
                since = 0
        # one array write: setting token.is_sent_start one by one is quadratic in spaCy
        flags = numpy.fromiter((1 if x else -1 for x in starts), dtype=numpy.int64, count=n)
        doc.from_array([SENT_START], flags.astype(numpy.uint64).reshape(n, 1))  # type: ignore[arg-type]
        return doc


@Language.factory(
    "orbat_sentences",
    assigns=["token.is_sent_start"],
    default_config={"max_tokens": 250},
)
def make_orbat_sentences(nlp: Language, name: str, max_tokens: int) -> SentenceSplitter:
    return SentenceSplitter(max_tokens)
