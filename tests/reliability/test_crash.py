"""Crash safety: SIGKILL `orbat ingest` at random points, check the store, re-run, no duplicates.

Each round starts the real command as a subprocess on a real store (a SQLite
file, and a PostgreSQL database when ORBAT_TEST_POSTGRES_URL is set), kills it
with SIGKILL after a random delay, and runs `orbat check` on what is left.
Finally the same command runs to the end: the store must then hold each
document exactly once, each extracted exactly once, and pass `orbat check`.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from orbat.store import Store
from orbat.store.tables import documents, extraction_runs

ORBAT = [sys.executable, "-m", "orbat"]
GROUPS = ["Falcons", "Lions", "Eagles", "Guardians", "Martyrs", "Volunteers", "Knights", "Shields"]
PLACES = ["Homs", "Hama", "Latakia", "Tartus", "Aleppo", "Idlib", "Daraa", "Raqqa"]


def write_corpus(folder: Path, n: int = 200) -> None:
    rng = random.Random(20261121)
    folder.mkdir()
    for i in range(n):
        g, p = rng.choice(GROUPS), rng.choice(PLACES)
        year = rng.randint(2011, 2020)
        size = rng.randint(2, 90) * 100
        text = (
            f"Report {i}: the {g} Brigade of {p}\n\n"
            f"The {g} Brigade was formed in {p} in {year} by local volunteers. "
            f"According to a local official, the brigade had about {size} fighters by {year + 1}. "
            f"It fought alongside the Syrian Arab Army near {p} and was led by Ahmad al-{g[:-1]}i.\n"
        )
        (folder / f"report_{i:03d}.txt").write_text(text, encoding="utf-8")


def ingest_cmd(db: str, folder: Path) -> list[str]:
    return [*ORBAT, "--db", db, "ingest", "--no-progress", str(folder)]


def counts(db: str) -> tuple[int, int, int]:
    kb = Store.open(db)
    try:
        with kb.reading() as conn:
            docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            distinct = conn.execute(select(func.count(func.distinct(documents.c.sha256)))).scalar_one()
            runs = conn.execute(select(func.count()).select_from(extraction_runs)).scalar_one()
        return int(docs), int(distinct), int(runs)
    finally:
        kb.close()


def check(db: str) -> None:
    proc = subprocess.run([*ORBAT, "--db", db, "check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"orbat check failed after a kill:\n{proc.stdout}\n{proc.stderr}"


def test_sigkill_during_ingest_leaves_a_consistent_store_and_rerun_finishes(tmp_path: Path, store_url: str):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    subprocess.run([*ORBAT, "--db", store_url, "init"], check=True, capture_output=True, timeout=120)
    rng = random.Random(7)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(
            ingest_cmd(store_url, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        time.sleep(rng.uniform(1.5, 9.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
        check(store_url)
        docs, distinct, _runs = counts(store_url)
        assert docs == distinct  # never the same bytes twice
    assert kills >= 1, "the ingest always finished before the kill: the test did not test anything"
    final = subprocess.run(ingest_cmd(store_url, corpus), capture_output=True, text=True, timeout=900)
    assert final.returncode == 0, final.stdout + final.stderr
    check(store_url)
    docs, distinct, runs = counts(store_url)
    assert (docs, distinct, runs) == (200, 200, 200)
    # a second full run changes nothing
    again = subprocess.run(ingest_cmd(store_url, corpus), capture_output=True, text=True, timeout=900)
    assert again.returncode == 0
    assert counts(store_url) == (200, 200, 200)
    assert "unchanged" in again.stdout
