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
    # the CPU time the host took is recorded for the run and each section
    assert 0.0 <= m["steal"]["share"] < 1.0 and m["steal"]["steal_s"] >= 0.0
    assert {"extraction", "endtoend", "resolution", "memory"} <= r["steal"].keys()
    assert m["logical_cores"] >= 1 and m["ram_gb"] > 0 and m["sqlite"] and m["python"]
    # how fast the machine ran Python, at the start and at the end of the run
    for key in ("python_speed", "python_speed_end"):
        assert m[key]["one_ms"] > 0 and m[key]["two_at_once_ms"] > 0, m[key]
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
    # the costliest page that is not a sample: the entity with the most claims still read whole
    whole = store["entities"]["largest_whole_claims"]
    assert 0 < whole <= store["bounds"]["whole_up_to"]
    assert queries["entity page: largest read whole"]["runs"] >= 1
    assert queries["profile: largest read whole"]["runs"] >= 1
    mem = r["memory"]
    assert mem["workers"] == 2
    # the memory sampled per stage: extraction by the 2 pool workers, resolution in forked batches
    stages = mem["sampled_by_stage"]
    assert {"ingest", "extract", "resolve"} <= stages.keys(), stages
    assert stages["extract"]["other_processes"] == 2 and stages["extract"]["busiest_other_mb"] > 0
    assert stages["resolve"]["main_mb"] > 0
    # 20 documents make one resolution batch, whose forked process may end between two samples
    # (tests/resolve/test_parallel.py shows that batches run forked); a process seen has its memory
    if stages["resolve"]["other_processes"]:
        assert stages["resolve"]["busiest_other_mb"] > 0
    assert len(r["memory"]["resolve_batches"]) >= 1
    assert mem["extract_series"] and all(p["main_mb"] > 0 for p in mem["extract_series"])
    assert ex["speedup_orbat_2"] > 0 and len(ex["speedup_orbat_2_pairs"]) >= 5
    md = out.read_text()
    for heading in ("## Machine", "## Targets", "## (a)", "## (b)", "## (c)", "## (d)", "## (e)"):
        assert heading in md
    assert "extract: peak RSS of the pipeline process" in md
    assert "(steal)" in md and "extraction" in md
    assert "Python speed: a fixed workload" in md and "two processes: " in md
    assert "| entity page: random entity |" in md


def test_a_backend_that_cannot_be_reached_is_reported_and_the_others_still_run(tmp_path: Path) -> None:
    res = tmp_path / "results.json"
    code = main(
        [
            "--quick",
            "--sections",
            "d",
            "--backends",
            "sqlite,postgres",
            "--pg-url",
            "postgresql://postgres@127.0.0.1:1/none",
            "--out",
            str(tmp_path / "performance.md"),
            "--json",
            str(res),
            "--workdir",
            str(tmp_path / "w"),
        ]
    )
    assert code == 0
    store = json.loads(res.read_text())["store"]
    assert store["postgres"]["error"].startswith("OperationalError"), store["postgres"]
    assert store["sqlite"]["load"]["claims"] == 10_000 and store["sqlite"]["latency"]
    assert "Failed:" in (tmp_path / "performance.md").read_text()
