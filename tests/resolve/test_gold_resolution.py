"""Resolution against the hand annotations, scored the way shared/eval/score.py scores it.

Setting: one record per (gold document, gold entity, surface name), typed
with the gold type and placed in its document, so the resolver must group
even the names that one text gives together ("Name (ABC)"). That is harder
than the pipeline's case, where the extractor already groups such names.

The figure is score.py's entity-resolution figure: for every pair of
distinct normalised gold names (``norm_name``), are they in one system
entity (pairwise precision and recall over the names the system emitted).
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from orbat.resolve import NameRecord, resolve


def _load_score(shared: Path) -> ModuleType:
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("orbat_eval_score", path)
    if spec is None or spec.loader is None:
        pytest.skip(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pairwise_resolution(shared: Path) -> dict[str, Any]:
    score = _load_score(shared)
    norm = score.norm_name
    records: list[NameRecord] = []
    gold_names: dict[str, set[str]] = defaultdict(set)
    for f in sorted((shared / "gold").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        for e in g["entities"]:
            for n in e["names"]:
                if norm(n):
                    gold_names[e["id"]].add(norm(n))
                records.append(NameRecord(f"{g['doc']}|{e['id']}|{n}", e["type"], (n,), g["doc"]))
    res = resolve(records)

    # as score.py: a name belongs to every system entity that has it
    name_to_sys: dict[str, set[str]] = defaultdict(set)
    for record in records:
        name_to_sys[norm(record.names[0])].add(res.clusters[record.id])
    name_to_gold: dict[str, set[str]] = defaultdict(set)
    for gid, names in gold_names.items():
        for n in names:
            name_to_gold[n].add(gid)
    emitted = [n for n in name_to_gold if n in name_to_sys]
    g_pairs = s_pairs = hits = 0
    wrong: list[tuple[str, str]] = []
    for i, a in enumerate(emitted):
        for b in emitted[i + 1 :]:
            same_gold = bool(name_to_gold[a] & name_to_gold[b])
            same_sys = bool(name_to_sys[a] & name_to_sys[b])
            g_pairs += same_gold
            s_pairs += same_sys
            hits += same_gold and same_sys
            if same_sys and not same_gold:
                wrong.append((a, b))
    p = hits / s_pairs if s_pairs else 0.0
    r = hits / g_pairs if g_pairs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "gold_pairs": g_pairs,
        "wrong": wrong,
        "records": len(records),
    }


def test_gold_pairwise_resolution(shared: Path) -> None:
    got = pairwise_resolution(shared)
    print(
        f"\ngold resolution over {got['records']} records, {got['gold_pairs']} gold pairs: "
        f"P {got['precision']:.3f} R {got['recall']:.3f} F1 {got['f1']:.3f}"
    )
    assert got["precision"] >= 0.95, got["wrong"]
    assert got["f1"] >= 0.90
