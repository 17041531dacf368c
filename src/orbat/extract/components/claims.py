"""``orbat_claims``: typed claims with qualifiers and evidence (see :mod:`orbat.extract.relations`)."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from orbat.extract.components.doctext import doc_text
from orbat.extract.coref import Salience
from orbat.extract.dates import find_dates
from orbat.extract.layout import Layout, analyse
from orbat.extract.nodes import flatten
from orbat.extract.quantities import find_quantities
from orbat.extract.relations import special
from orbat.extract.relations.deps import DEP_VERSION, DepReader, Parser, claim_keys
from orbat.extract.relations.engine import ENGINE_VERSION, ClaimMaker, Context, sentence_views
from orbat.extract.relations.rules import RULES_VERSION
from orbat.extract.relations.sentence import Sentence, build
from orbat.extract.spans import top_level

for _ext in ("orbat_claims", "orbat_doc_date"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


def _sentence_spans(doc: Doc, max_chars: int) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets, whitespace trimmed, long ones cut at spaces."""
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for s in doc.sents:
        a, b = s.start_char, s.end_char
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > max_chars:
            cut = text.rfind(" ", a + max_chars // 2, a + max_chars)
            cut = cut if cut != -1 else a + max_chars
            out.append((a, cut))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            out.append((a, b))
    return out


class ClaimExtractor:
    version = f"claims.v{RULES_VERSION}+{ENGINE_VERSION}+dep.v{DEP_VERSION}"

    def __init__(self, max_sentence_chars: int = 1200, parser: Parser | None = None) -> None:
        self.max_sentence_chars = max_sentence_chars
        self.parser = parser

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        layout: Layout = doc._.orbat_layout or analyse(text)
        found_all = list(doc._.orbat_found or [])
        top = top_level(found_all)
        doc_date = doc._.orbat_doc_date
        dates = find_dates(text, doc_date)
        quantities = find_quantities(text)
        sentences = _sentence_spans(doc, self.max_sentence_chars)
        salience = Salience(text, top, sentences, layout)
        block_dates: dict[int, str] = {}
        for blk in layout.blocks:
            intro = [d for d in dates if blk.intro_start <= d.start and d.end <= blk.intro_end]
            if intro:
                block_dates[blk.start] = intro[0].edtf.split("/")[0]
        ctx = Context(doc._.orbat_doc_name or "doc", text, layout, salience, block_dates)
        maker = ClaimMaker(ctx)
        views: list[Sentence] = []
        prose: list[Sentence] = []
        regex_keys: list[set[str]] = []
        for view in sentence_views(text, sentences, top, dates, quantities):
            views.append(view)
            if layout.field_at(view.start) is not None:
                continue  # infobox lines are read by special.infobox
            n0 = len(maker.claims)
            maker.run_sentence(view)
            special.positions(maker, view)
            maker.withdraw_unasserted(view, n0)
            prose.append(view)
            regex_keys.append(claim_keys(maker.claims[n0:]))
        if self.parser is not None:
            reader = DepReader(maker)
            reader.run(self.parser, prose, regex_keys)
            maker.retain(reader.asserted(maker.claims))
        starts = [v.start for v in views]

        def sentence_at(a: int, b: int) -> Sentence | None:
            i = bisect.bisect_right(starts, a) - 1
            if i >= 0 and views[i].start <= a and b <= views[i].end:
                return views[i]
            if i >= 0:
                return build(text, a, b, [], [], [])
            return None

        subject = next((f for f in top if f.kind == "infobox-subject"), None) or salience.title_group
        special.infobox(maker, top, dates, quantities, subject)
        special.aliases(maker, list(doc._.orbat_aliases or []), sentence_at)
        special.branches(maker, flatten(top), sentence_at)
        special.event_places(maker, top, sentence_at)
        special.relatives(maker, top, sentence_at)
        doc._.orbat_claims = maker.claims
        return doc


SentenceAt = Callable[[int, int], Sentence | None]


@Language.factory(
    "orbat_claims",
    requires=["doc._.orbat_nodes", "doc._.orbat_found", "token.is_sent_start"],
    assigns=["doc._.orbat_claims"],
    default_config={"max_sentence_chars": 1200, "use_parser": True},
)
def make_orbat_claims(nlp: Language, name: str, max_sentence_chars: int, use_parser: bool) -> ClaimExtractor:
    parser = sentence_parser(nlp) if use_parser and "parser" in nlp.component_names else None
    return ClaimExtractor(max_sentence_chars, parser)


def sentence_parser(nlp: Language, batch_size: int = 64) -> Parser:
    """Parse sentences on their own with the model's tok2vec + parser (disabled in the pipeline:
    the whole document is never parsed, so the rule sentence boundaries stay as they are)."""
    steps = [nlp.get_pipe(n) for n in ("tok2vec", "parser") if n in nlp.component_names]

    def parse(texts: list[str]) -> list[Doc]:
        docs = [nlp.make_doc(t) for t in texts]
        for step in steps:
            docs = list(step.pipe(docs, batch_size=batch_size))  # type: ignore[attr-defined]
        return docs

    return parse
