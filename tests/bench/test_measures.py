"""The measuring parts of the benchmark on small inputs: names, the bulk-loaded claim store, timing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from orbat.bench.claimstore import bulk_load, synth_entities
from orbat.bench.generator import Corpus
from orbat.bench.resolution import growth_exponent, run_resolution, synth_names
from orbat.bench.timing import measure, percentile
from orbat.store import Store


def test_percentile_interpolates() -> None:
    xs = [float(x) for x in range(1, 101)]
    assert percentile(xs, 50) == pytest.approx(50.5)
    assert percentile(xs, 95) == pytest.approx(95.05)
    assert percentile([3.0], 95) == 3.0


def test_measure_stops_at_its_budget() -> None:
    calls: list[int] = []
    lat = measure("q", lambda i: calls.append(i) or 1, warmup=2, min_runs=5, max_runs=50, budget_s=0.0)
    assert lat.runs == 5
    assert calls[:2] == [-1, -2]
    assert lat.p50_ms is not None and lat.p50_ms >= 0


def test_the_python_workload_is_fixed_and_its_two_process_ceiling_is_worked_out() -> None:
    from orbat.bench.machine import python_speed, python_workload

    # the same work whatever the machine: its result depends on the number of rounds only
    assert python_workload(3) == python_workload(3) != python_workload(4)
    sp = python_speed(repeats=1)
    assert sp["one_ms"] > 0 and sp["two_at_once_ms"] > 0
    assert sp["two_process_ceiling"] == pytest.approx(2 * sp["one_ms"] / sp["two_at_once_ms"], abs=0.02)
    # two processes cannot do more than twice the work of one, give or take the noise of one run
    assert 0 < sp["two_process_ceiling"] < 2.5


def test_synthetic_names_are_deterministic_with_known_truth() -> None:
    a, ta = synth_names(500, seed=2)
    b, tb = synth_names(500, seed=2)
    assert [r.names for r in a] == [r.names for r in b] and ta == tb
    assert len(a) == 500
    assert {r.type for r in a} == {"armed_group", "person"}
    # every entity's records are consecutive and share a type
    for i in range(1, len(a)):
        if ta[i] == ta[i - 1]:
            assert a[i].type == a[i - 1].type


def test_blocking_finds_most_true_pairs() -> None:
    run = run_resolution(1500, seed=3)
    assert run.names == 1500
    assert run.true_pairs > 1000
    assert 0.9 <= run.pair_completeness <= run.transitive_completeness <= 1.0
    assert 0 < run.candidates_per_name <= 100
    assert run.resolve_s is not None and run.clusters is not None
    assert run.cluster_pair_precision is not None and run.cluster_pair_precision > 0.9


def test_growth_exponent() -> None:
    small = run_resolution(300, seed=1, full_resolve=False)
    big = run_resolution(1200, seed=1, full_resolve=False)
    exp = growth_exponent([small, big])
    assert exp is not None and exp < 2.0


def test_synthetic_entities_have_a_group_as_hub() -> None:
    ents = synth_entities(100, seed=1)
    assert ents[0].type == "armed_group"
    assert len({e.id for e in ents}) == 100


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_bulk_load_fills_the_store_tables(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'kb.db'}"
        if backend == "sqlite"
        else request.getfixturevalue("pg_databases")()
    )
    stats = bulk_load(url, 3_000, Corpus(10, seed=1), n_entities=300, seed=1)
    assert stats.claims == 3_000 and stats.documents == 10
    assert stats.bytes_total > 0 and stats.bytes_per_million > 0
    store = Store.open(url)
    try:
        hub = store.claims(entity=stats.hub)
        assert len(hub) == stats.hub_claims > 3_000 // 20  # Zipf: the hub has a large share
        c = hub[0]
        assert c.subject == stats.hub and c.subject_name == stats.hub_name
        assert c.evidence and c.evidence[0].quote
        assert c.evidence[0].end - c.evidence[0].start == len(c.evidence[0].quote)
        found = store.search(stats.hub_name.split()[-1])
        assert any(h.entity.id == stats.hub for h in found.entities)
        assert found.claims
        assert len(store.list_entities()) == 300
    finally:
        store.close()


def test_stores_are_loaded_at_once_and_a_failed_load_is_reported(
    tmp_path: Path, pg_databases: Callable[[], str]
) -> None:
    """Section (d) loads SQLite here and PostgreSQL in a spawned process; one failure spares the other."""
    from orbat.bench.claimstore import LoadStats
    from orbat.bench.cli import Plan, load_concurrently, parse_args

    a = parse_args(["--quick", "--claims", "2000", "--size", "10"])
    plan = Plan(a)
    urls = {"sqlite": f"sqlite:///{tmp_path / 'a.db'}", "postgres": pg_databases()}
    out = load_concurrently(urls, a, plan, None)
    lite, pg = out["sqlite"], out["postgres"]
    assert isinstance(lite, LoadStats) and isinstance(pg, LoadStats)
    assert (lite.backend, pg.backend) == ("sqlite", "postgres")
    # the same generated store in both
    assert lite.claims == pg.claims == 2_000 and lite.entities == pg.entities == plan.entities
    assert (lite.hub, lite.hub_claims) == (pg.hub, pg.hub_claims)
    store = Store.open(urls["postgres"])
    try:
        assert len(store.claims(entity=pg.hub)) == pg.hub_claims
    finally:
        store.close()
    broken = {
        "sqlite": f"sqlite:///{tmp_path / 'b.db'}",
        "postgres": "postgresql://postgres@127.0.0.1:1/none",
    }
    out = load_concurrently(broken, a, plan, None)
    assert isinstance(out["postgres"], Exception)
    assert isinstance(out["sqlite"], LoadStats) and out["sqlite"].claims == 2_000


def test_the_memory_run_re_resolves_from_scratch_only_where_it_fits() -> None:
    from orbat.bench.cli import FULL_RESOLUTION_DOCS, Plan, parse_args

    assert Plan(parse_args(["--sections", "e", "--memory-docs", "10000"])).memory_full_resolution
    big = ["--sections", "e", "--size", "100k", "--full"]
    assert Plan(parse_args(big)).memory_docs == 100_000 > FULL_RESOLUTION_DOCS
    assert not Plan(parse_args(big)).memory_full_resolution
    assert Plan(parse_args([*big, "--full-resolution"])).memory_full_resolution
    assert not Plan(parse_args(["--memory-docs", "150", "--no-full-resolution"])).memory_full_resolution


def test_large_runs_are_scored_on_an_even_sample_of_their_documents() -> None:
    from orbat.bench.endtoend import score_sample

    names = [f"syn_{i:06d}" for i in range(30_000)]
    sample = score_sample(names, 5_000)
    assert len(sample) == 5_000 and sample[:2] == ["syn_000000", "syn_000006"] and sample[-1] == "syn_029994"
    assert score_sample(names[:7], 5_000) == names[:7]  # small runs: every document
    assert len(score_sample(names[:10_001], 5_000)) <= 5_000


def test_a_sample_is_scored_on_its_own_documents(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scoring a sample passes the scorer the sampled documents' gold files and names: its gold claims
    are those of the sampled documents only, and its figures are those of scoring them alone."""
    import json

    from orbat import pipeline
    from orbat.bench import endtoend

    scorer = endtoend.find_scorer()
    if scorer is None:
        pytest.skip("no shared scorer beside the working copy")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    store = Store.open(url, create=True)
    ingested = pipeline.ingest(store, sorted(str(p) for p in (small_corpus / "docs").glob("*.md")))
    assert ingested.ok
    assert pipeline.extract(store, ingested.document_ids, workers=1).claims > 0
    pipeline.resolve(store, workers=1)
    store.close()
    names = sorted(p.stem for p in (small_corpus / "docs").glob("*.md"))
    monkeypatch.setattr(endtoend, "SCORE_SAMPLE", 4)
    sampled = endtoend.export_and_score(url, small_corpus / "gold", names, scorer)
    assert sampled is not None and "error" not in sampled, sampled
    picked = endtoend.score_sample(names, 4)
    assert sampled["documents_scored"] == len(picked) == 4 and sampled["documents"] == 12
    assert sampled["pred_claims"] > 0 and sampled["core_recall"] > 0
    gold = sum(len(json.loads((small_corpus / "gold" / f"{n}.json").read_text())["claims"]) for n in picked)
    assert 0 < sampled["gold_claims"] <= gold
    # the same figures as scoring those documents and no others
    alone = endtoend.export_and_score(url, small_corpus / "gold", picked, scorer)
    assert alone is not None and alone["documents_scored"] == alone["documents"] == 4
    keys = ("core_precision", "core_recall", "gold_claims", "pred_claims", "entity_recall", "er_f1")
    assert {k: sampled[k] for k in keys} == {k: alone[k] for k in keys}
    # and only the sampled documents' claims were scored: the store holds the other 8 documents' too
    monkeypatch.setattr(endtoend, "SCORE_SAMPLE", 12)
    whole = endtoend.export_and_score(url, small_corpus / "gold", names, scorer)
    assert whole is not None and whole["documents_scored"] == 12
    assert sampled["pred_claims"] < whole["pred_claims"] and sampled["gold_claims"] < whole["gold_claims"]


def test_every_stage_reported_has_the_memory_of_the_process_that_reported_it(tmp_path: Path) -> None:
    """A stage that ends between two samples of the watching process still has its memory: the
    reporting process reads its own at each report and as each stage ends."""
    from orbat.bench.endtoend import Status, read_status

    status = Status(tmp_path / "status", every=60.0)
    for stage in ("ingest", "extract", "resolve"):
        status(stage, 0, 10)
        status(stage, 5, 10)  # within ``every``: not written, no reading
    status("done", 1, 1)
    assert read_status(tmp_path / "status") == ("done", 1, 1)
    assert set(status.rss_by_stage) == {"ingest", "extract", "resolve", "done"}
    assert all(mb > 0 for mb in status.rss_by_stage.values())
    assert Status(None).rss_by_stage == {}
