"""The synthetic corpus generator: deterministic, and its gold is read off its own text."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from orbat.bench.generator import Corpus, generate, parse_size
from orbat.ingest import read_path
from orbat.model import VOCABULARY, Claim, Qualifiers, object_from_json
from tests.conftest import SHARED


def test_same_seed_same_documents_and_gold() -> None:
    a, b = Corpus(40, seed=3), Corpus(40, seed=3)
    for i in (0, 7, 39):
        da, db = a.document(i), b.document(i)
        assert da.markdown == db.markdown
        assert da.gold == db.gold


def test_another_seed_other_documents() -> None:
    assert Corpus(40, seed=3).document(5).body != Corpus(40, seed=4).document(5).body


def test_written_files_are_deterministic(tmp_path: Path) -> None:
    generate(tmp_path / "a", 6, seed=11)
    generate(tmp_path / "b", 6, seed=11)
    for rel in ["gold.jsonl", "docs/syn_000003.md", "gold/syn_000005.json"]:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_documents_are_300_to_600_words_of_prose(small_corpus: Path) -> None:
    manifest = json.loads((small_corpus / "manifest.json").read_text())
    assert manifest["documents"] == 12
    for path in sorted((small_corpus / "docs").glob("*.md")):
        doc = read_path(path).document
        words = len(doc.text.split())
        assert 300 <= words <= 640, (path.name, words)
        assert doc.title and doc.published and doc.publisher
        assert doc.name == path.stem


def test_gold_quotes_and_names_are_in_the_ingested_text(small_corpus: Path) -> None:
    for gold_file in sorted((small_corpus / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text())
        doc = read_path(small_corpus / "docs" / f"{gold['doc']}.md").document
        assert gold["doc"] == doc.name
        assert gold["claims"]
        for c in gold["claims"]:
            assert c["quote"] in doc.text, c["quote"]
        lowered = doc.text.casefold()
        ids = set()
        for e in gold["entities"]:
            assert re.fullmatch(r"[a-z0-9_]+", e["id"])
            assert e["type"] in VOCABULARY.entity_types
            ids.add(e["id"])
            for name in e["names"]:
                assert name.casefold() in lowered, name
        for c in gold["claims"]:
            assert c["subject"] in ids
            if "entity" in c["object"]:
                assert c["object"]["entity"] in ids


def test_gold_claims_are_valid_claims_of_the_vocabulary(small_corpus: Path) -> None:
    hedges = set()
    predicates = set()
    for gold_file in sorted((small_corpus / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text())
        types = {e["id"]: e["type"] for e in gold["entities"]}
        for c in gold["claims"]:
            claim = Claim(
                subject=c["subject"],
                predicate=c["predicate"],
                object=object_from_json(c["object"]),
                qualifiers=Qualifiers.from_json(c["qualifiers"]),
            )
            pred = VOCABULARY.predicate(claim.predicate)
            assert pred.allows_subject(types[c["subject"]])
            if "entity" in c["object"]:
                assert pred.allows_object_type(types[c["object"]["entity"]])
            hedges.add(claim.qualifiers.hedge)
            predicates.add(claim.predicate)
    assert {"asserted", "reported", "uncertain"} <= hedges
    assert {"founded", "leader", "size", "casualties", "operates_in", "supported_by", "alias"} <= predicates


def test_hedged_claims_name_their_source() -> None:
    corpus = Corpus(200, seed=7)
    seen = defaultdict(int)
    for i in range(200):
        for c in corpus.document(i).gold["claims"]:
            q = c["qualifiers"]
            seen[q["hedge"]] += 1
            if q["hedge"] == "doubted":
                assert q.get("claimed_by") and q["claimed_by"].casefold() in c["quote"].casefold()
                assert "exaggeration" in c["quote"] or "inflated" in c["quote"] or "supports" in c["quote"]
            if q.get("claimed_by"):
                assert q["claimed_by"].casefold() in c["quote"].casefold()
    assert seen["doubted"] > 0


def test_one_group_is_spelled_differently_across_documents() -> None:
    corpus = Corpus(300, seed=7)
    names: dict[str, set[str]] = defaultdict(set)
    for i in range(300):
        for e in corpus.document(i).gold["entities"]:
            if e["type"] == "armed_group":
                names[e["id"]].update(e["names"])
    varied = [ids for ids, ns in names.items() if len(ns) >= 3]
    assert len(varied) >= 10
    forms = max(names.values(), key=len)
    assert any("(" not in f and f.isupper() for f in forms) or any(" " in f for f in forms)


def test_interchange_gold_matches_the_per_document_gold(small_corpus: Path) -> None:
    records = [json.loads(line) for line in (small_corpus / "gold.jsonl").read_text().splitlines()]
    entities = {r["id"]: r for r in records if r["kind"] == "entity"}
    claims = [r for r in records if r["kind"] == "claim"]
    per_doc = sum(len(json.loads(f.read_text())["claims"]) for f in (small_corpus / "gold").glob("*.json"))
    assert len(claims) == per_doc
    for c in claims:
        assert c["subject"] in entities
        assert re.fullmatch(r"syn_\d{6}", c["doc"])


def test_scorer_gives_the_gold_a_perfect_score(small_corpus: Path) -> None:
    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip("shared scorer not found")
    out = subprocess.run(
        [
            sys.executable,
            str(scorer),
            "--gold",
            str(small_corpus / "gold"),
            "--pred",
            str(small_corpus / "gold.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    assert result["core"][-1] == pytest.approx(1.0)
    assert result["gold_claims"] > 100


def test_sizes_parse() -> None:
    assert parse_size("1k") == 1_000
    assert parse_size("100k") == 100_000
    assert parse_size("250") == 250
    with pytest.raises(argparse.ArgumentTypeError):
        parse_size("lots")


def test_generation_streams_quickly(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "c", 300, seed=1)
    assert manifest["documents"] == 300
    assert len(list((tmp_path / "c" / "docs").glob("*.md"))) == 300
    assert 300 * 300 <= manifest["words"] <= 300 * 640
