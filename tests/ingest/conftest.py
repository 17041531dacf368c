"""Fixtures for ingest tests: documents built in the test, never copied from the corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("ORBAT_SHARED", Path(__file__).resolve().parents[3] / "shared"))


@pytest.fixture
def corpus_dir() -> Path:
    corpus = SHARED / "corpus"
    if not corpus.is_dir() or not any(corpus.glob("*.txt")):
        pytest.skip(f"shared corpus not found at {corpus}")
    return corpus
