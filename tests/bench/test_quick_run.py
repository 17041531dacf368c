"""A tiny run of ``python -m orbat.bench --quick`` completes and writes its JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from orbat.bench.cli import main


def test_quick_run_writes_results(tmp_path: Path) -> None:
    out, res = tmp_path / "performance.md", tmp_path / "results.json"
    code = main(
        [
            "--quick",
            "--backends",
            "sqlite",
            "--out",
            str(out),
            "--json",
            str(res),
            "--workdir",
            str(tmp_path / "w"),
        ]
    )
    assert code == 0
    r = json.loads(res.read_text())
    assert r["corpus"]["documents"] == 20
    assert r["claims"] == 10_000
    m = r["machine"]
    assert m["logical_cores"] >= 1 and m["ram_gb"] > 0 and m["sqlite"] and m["python"]
    ex = r["extraction"]["summary"]
    assert ex["spacy_1"] > 0 and ex["orbat_1"] > 0 and ex["ratio_1"] > 0
    e2e = r["endtoend"]
    assert e2e["documents"] == 20 and e2e["claims"] > 0 and e2e["peak_rss_mb"] > 0 and e2e["words_per_s"] > 0
    assert r["resolution"]["runs"][0]["pair_completeness"] > 0.5
    store = r["store"]["sqlite"]
    assert store["load"]["claims"] == 10_000
    queries = {q["query"]: q for q in store["latency"]}
    assert queries["entity page: random entity"]["runs"] >= 3
    assert any(q.startswith("search selective") for q in queries)
    # a page of a hub's claims is read from the (entity, predicate, sort_date, id) index, not sorted
    plan = store["plans"]["claims page of the hub, first 100"]
    assert "ix_claims_subject_pred" in plan and "TEMP B-TREE" not in plan, plan
    assert queries["entity page: hub"]["runs"] >= 1 and queries["graph JSON: hub"]["runs"] >= 1
    assert r["memory"]["workers"] == 2
    md = out.read_text()
    for heading in ("## Machine", "## Targets", "## (a)", "## (b)", "## (c)", "## (d)", "## (e)"):
        assert heading in md
    assert "| entity page: random entity |" in md
