"""``orbat extract --workers N`` and ``--scheduler ADDRESS`` store what one process stores.

The example corpus is ingested once; each run extracts a copy of that store
through the CLI (in this process, so the extractor loaded by the first run
serves the others: the worker processes of ``--workers 2`` are forked with
it, and the Dask worker of the in-process ``LocalCluster`` shares it) and
its claims-jsonl export is compared with the single-process run's, byte for
byte.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli import app

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"


def orbat(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def export(db: str, out: Path) -> str:
    orbat("--db", db, "export", "--format", "claims-jsonl", "-o", str(out))
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store of the example corpus, not extracted yet."""
    db = tmp_path_factory.mktemp("ingested") / "base.db"
    orbat("--db", str(db), "ingest", str(CORPUS), "--no-extract", "--no-progress")
    return db


def copy_of(ingested: Path, to: Path) -> str:
    with sqlite3.connect(ingested) as src, sqlite3.connect(to) as dst:
        src.backup(dst)
    return f"sqlite:///{to}"


@pytest.fixture(scope="module")
def single(ingested: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The claims-jsonl export of the example corpus extracted by one process."""
    tmp = tmp_path_factory.mktemp("single")
    db = copy_of(ingested, tmp / "one.db")
    orbat("--db", db, "extract", "--no-progress")
    text = export(db, tmp / "one.jsonl")
    assert text.count('"kind": "claim"') > 50
    return text


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real Dask cluster (scheduler and one single-threaded worker in this process); its address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_two_workers_export_what_one_process_does(single: str, ingested: Path, tmp_path: Path) -> None:
    db = copy_of(ingested, tmp_path / "two.db")
    out = orbat("--db", db, "extract", "--workers", "2", "--no-progress")
    assert "0 already done" in out
    assert export(db, tmp_path / "two.jsonl") == single


def test_extract_on_a_dask_cluster_exports_what_one_process_does(
    single: str, ingested: Path, scheduler: str, store_url: str, tmp_path: Path
) -> None:
    """PostgreSQL: the cluster's workers write; SQLite: this process writes what they extracted."""
    if store_url.startswith("sqlite:///"):
        copy_of(ingested, Path(store_url.removeprefix("sqlite:///")))
    else:
        orbat("--db", store_url, "ingest", str(CORPUS), "--no-extract", "--no-progress")
    out = orbat("--db", store_url, "extract", "--scheduler", scheduler, "--no-progress")
    assert "0 already done" in out
    assert export(store_url, tmp_path / "dask.jsonl") == single
    again = orbat("--db", store_url, "extract", "--scheduler", scheduler, "--no-progress")
    assert again.startswith("0 documents extracted")


def test_workers_and_scheduler_exclude_each_other(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["--db", str(tmp_path / "kb.db"), "extract", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
    )
    assert result.exit_code == 1
    assert "exclude each other" in result.output


def test_resolve_in_two_workers_stores_what_one_process_does(
    single: str, ingested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orbat.resolve import blocking, resolver

    if not blocking.can_fork():
        pytest.skip("resolution workers are forked")
    # slices and chunks small enough that the example corpus gives each worker several
    monkeypatch.setattr(blocking, "_SLICE", 50)
    monkeypatch.setattr(resolver, "_CHUNK", 200)
    db = copy_of(ingested, tmp_path / "resolved.db")
    orbat("--db", db, "extract", "--no-progress")
    out = orbat("--db", db, "resolve", "--workers", "2")
    assert "entities" in out
    assert export(db, tmp_path / "resolved.jsonl") == single


@pytest.mark.parametrize("workers", ["1", "2"])
def test_extraction_in_windows_of_documents_exports_what_one_window_does(
    workers: str, single: str, ingested: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orbat import pipeline

    monkeypatch.setattr(pipeline, "EXTRACT_WINDOW", 4)  # the example corpus in three windows
    db = copy_of(ingested, tmp_path / "windows.db")
    out = orbat("--db", db, "extract", "--workers", workers, "--no-progress")
    assert out.startswith("9 documents extracted")
    assert export(db, tmp_path / "windows.jsonl") == single
