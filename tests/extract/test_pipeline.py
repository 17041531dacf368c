from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.errors import OrbatError
from orbat.extract.base import EXTRACTORS, Extractor, get_extractor
from orbat.extract.pipeline import DOC_LEVEL, PARTS, RELEASE, RuleExtractor
from orbat.model import Document, Extraction
from tests.reliability.guards import HANG_LIMIT, hang_guard

SAMPLE = (
    "= Coastal Shield Brigade =\n\n"
    "The Coastal Shield Brigade (CSB) is a pro-government militia based in Baniyas. "
    "It was founded in March 2013 by the Ministry of Interior and is led by Samir Haddad. "
    "According to a local activist, the brigade has 1,200 fighters and lost 35 fighters in 2015.\n"
)


def test_pipeline_components_declare_their_needs(extractor: RuleExtractor) -> None:
    analysis = extractor.nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in extractor.nlp.pipe_names}
    assert [n for n in extractor.nlp.pipe_names if n in DOC_LEVEL] == list(DOC_LEVEL)
    assert "parser" not in extractor.nlp.pipe_names


def test_pipeline_registry() -> None:
    assert "rules" in EXTRACTORS
    with pytest.raises(OrbatError):
        get_extractor("no-such-backend")


def test_pipeline_extractor_protocol(extractor: RuleExtractor) -> None:
    assert isinstance(extractor, Extractor)
    assert extractor.extractor_id == "rules@" + extractor.version


def test_every_component_version_is_part_of_the_extractor_version(extractor: RuleExtractor) -> None:
    """A component added to the pipeline must be listed in PARTS, or a change to it would leave
    the extractor's version, and so every stored extraction, as it was."""
    versions = [getattr(extractor.nlp.get_pipe(n), "version", None) for n in extractor.nlp.pipe_names]
    orbat_parts = [
        v for n, v in zip(extractor.nlp.pipe_names, versions, strict=True) if n.startswith("orbat_")
    ]
    assert orbat_parts and all(v in PARTS for v in orbat_parts), (orbat_parts, PARTS)
    assert extractor.version.startswith(RELEASE + "+")


def _check_integrity(doc: Document, ex: Extraction) -> None:
    ids = {n.id for n in ex.nodes}
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.text
        assert m.node in ids
    for c in ex.claims:
        assert c.subject in ids
        obj = c.object.to_json()
        if "entity" in obj:
            assert obj["entity"] in ids
        assert c.origin.startswith(("rule:", "dep:")) and "@" in c.origin
        for ev in c.evidence:
            assert ev.start is not None and ev.end is not None
            assert doc.text[ev.start : ev.end] == ev.quote


def test_pipeline_offsets_and_references_are_exact(run: Callable[[str], Extraction]) -> None:
    doc = Document(name="t", text=SAMPLE)
    ex = run(SAMPLE)
    assert ex.claims
    _check_integrity(doc, ex)


def test_pipeline_is_deterministic(extractor: RuleExtractor) -> None:
    doc = Document(name="t", text=SAMPLE)
    a = extractor.extract(doc)
    b = extractor.extract(doc)
    assert a == b
    c = list(extractor.extract_many([doc, Document(name="u", text=SAMPLE)], batch_size=1))
    assert c[0] == a
    assert c[1].nodes[0].id != a.nodes[0].id  # node ids carry the document


def test_pipeline_long_text_is_chunked_with_global_offsets() -> None:
    small = RuleExtractor.__new__(RuleExtractor)
    from orbat.extract.config import ExtractConfig

    base = RuleExtractor(ExtractConfig(chunk_chars=400))
    del small
    text = (SAMPLE + "\n") * 8
    doc = Document(name="t", text=text)
    ex = base.extract(doc)
    _check_integrity(doc, ex)
    assert any(m.start > 2000 for m in ex.mentions)


def _guarded(extractor: RuleExtractor, text: str, limit: float = HANG_LIMIT) -> Extraction:
    """Extract under a hang guard (a safety limit; speed targets live in the benchmarks)."""
    doc = Document(name="h", text=text)
    with hang_guard(limit):
        ex = extractor.extract(doc)
    _check_integrity(doc, ex)
    return ex


@pytest.mark.parametrize(
    "text",
    [
        "قوات الدفاع الوطني هي ميليشيا سورية. " * 150,  # Arabic only
        "\n".join(" | ".join(str(i * j) for j in range(12)) for i in range(250)),  # a table of numbers
        "\n".join(f"https://example.org/page/{i}?ref=x&id={i * 7} [link {i}]" for i in range(300)),  # links
        "word-" * 3000,  # one long hyphenated token run
        "",
        "\n\n\n",
    ],
    ids=["arabic", "table", "links", "hyphens", "empty", "blank"],
)
def test_pipeline_hostile_input_does_not_crash(extractor: RuleExtractor, text: str) -> None:
    _guarded(extractor, text)


def test_pipeline_single_line_work_is_proportional(extractor: RuleExtractor) -> None:
    """Four times the text on one line gives about four times the output: nothing is dropped or
    repeated when a long line is cut (counted, not timed)."""
    unit = SAMPLE.replace("\n", " ")
    small = _guarded(extractor, unit * 40)
    large = _guarded(extractor, unit * 160)
    assert len(large.mentions) > 100
    assert 3 * len(small.mentions) <= len(large.mentions) <= 5 * len(small.mentions)


@pytest.mark.slow
def test_pipeline_two_megabyte_single_line(extractor: RuleExtractor) -> None:
    text = (SAMPLE.replace("\n", " ") * 7000)[:2_000_000]
    ex = _guarded(extractor, text, limit=1800)
    assert ex.nodes
