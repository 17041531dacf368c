"""Fixtures of the extraction tests: the rule pipeline, loaded once per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orbat.extract.pipeline import RuleExtractor
from orbat.model import Document, Extraction


@pytest.fixture(scope="session")
def extractor() -> RuleExtractor:
    return RuleExtractor()


Triples = set[tuple[str, str, str]]


@pytest.fixture(scope="session")
def run(extractor: RuleExtractor) -> Callable[[str], Extraction]:
    def _run(text: str) -> Extraction:
        return extractor.extract(Document(name="t", text=text))

    return _run


@pytest.fixture(scope="session")
def triples(run: Callable[[str], Extraction]) -> Callable[[str], Triples]:
    """(subject name, predicate, object) of every claim: entity objects by node name, others as JSON text."""

    def _triples(text: str) -> Triples:
        ex = run(text)
        names = {n.id: n.name for n in ex.nodes}
        out: Triples = set()
        for c in ex.claims:
            obj = c.object.to_json()
            if "entity" in obj:
                value = names[obj["entity"]]
            elif "date" in obj:
                value = obj["date"]
            elif "text" in obj:
                value = obj["text"]
            else:
                q = obj["quantity"]
                value = str(q.get("value", q.get("min")))
            out.add((names[c.subject], c.predicate, value))
        return out

    return _triples
