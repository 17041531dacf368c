"""End to end on the shared corpus: the real pipeline, the interchange export, the scorer.

Asserts the targets of the extraction and resolution issues with the scorer's
own code (shared/eval/score.py), so a regression in any stage shows here.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from orbat import pipeline
from orbat.publish.exports import export
from orbat.store import Store


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from tests.conftest import SHARED

    if not (SHARED / "corpus").is_dir() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("shared corpus, gold or scorer not found")
    spec = importlib.util.spec_from_file_location("orbat_shared_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    tmp = tmp_path_factory.mktemp("eval")
    store = Store.open(f"sqlite:///{tmp / 'eval.db'}", create=True)
    ingest, extracted, _ = pipeline.build(store, [str(SHARED / "corpus")])
    assert not ingest.failed and extracted is not None and not extracted.failed
    # every stored evidence quote is text[start:end] of its document, over the whole corpus
    assert store.check() == []
    buf = io.StringIO()
    export(store, "claims-jsonl", buf)
    pred = Path(tmp / "claims.jsonl")
    pred.write_text(buf.getvalue(), encoding="utf-8")
    return scorer.score([SHARED / "gold"], pred, None)


def test_core_claims_f1_reaches_the_target(figures: dict):
    _tp, _s, _g, _p, _r, f1 = figures["core"]
    assert f1 >= 0.805


def test_text_predicates_f1_reaches_the_target(figures: dict):
    assert figures["text"][5] >= 0.40


def test_entity_recall_reaches_the_target(figures: dict):
    assert figures["entity_recall"] >= 0.85


def test_resolution_is_precise_and_complete(figures: dict):
    precision, _recall, f1, pairs = figures["er"]
    assert pairs > 100
    assert precision >= 0.95 and f1 >= 0.90
