"""Crash safety: SIGKILL `orbat ingest` in the middle of its work, check the store, re-run, no duplicates.

Each round starts the real command as a subprocess on a real store (a SQLite
file, and a PostgreSQL database when ORBAT_TEST_POSTGRES_URL is set) and
watches the store from outside. It does not kill after a random delay (which
may land before the process has done anything, or after it has finished): it
kills with SIGKILL as soon as the store shows the round's target stage *in
progress*: documents half stored, extraction half done, resolution running.
After each kill:

- the process really was killed mid-work (it was alive, and the store held
  part, not all, of the work of that stage);
- nothing committed before the kill is lost (the counts never go down);
- ``orbat check`` passes (foreign keys, evidence offsets, SHA-256 of bytes);
- no document's bytes are stored twice, and no document has half an extraction.

Finally the same command runs to the end: the store must hold each document
exactly once, each extracted exactly once, every node resolved to an entity,
and pass ``orbat check``; a second full run changes nothing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from orbat.store import Store
from orbat.store.engine import make_engine
from orbat.store.tables import claims, documents, extraction_runs, mentions, nodes

ORBAT = [sys.executable, "-m", "orbat"]
GROUPS = ["Falcons", "Lions", "Eagles", "Guardians", "Martyrs", "Volunteers", "Knights", "Shields"]
PLACES = ["Homs", "Hama", "Latakia", "Tartus", "Aleppo", "Idlib", "Daraa", "Raqqa"]
N_DOCS = 120
#: a safety bound per round (to fail rather than hang), not a speed target
ROUND_TIMEOUT = 300.0


def write_corpus(folder: Path, n: int = N_DOCS) -> None:
    rng = random.Random(20261121)
    folder.mkdir()
    for i in range(n):
        g, p = rng.choice(GROUPS), rng.choice(PLACES)
        year = rng.randint(2011, 2020)
        size = rng.randint(2, 90) * 100
        body = (
            f"Report {i}: the {g} Brigade of {p}\n\n"
            f"The {g} Brigade was formed in {p} in {year} by local volunteers. "
            f"According to a local official, the brigade had about {size} fighters by {year + 1}. "
            f"It fought alongside the Syrian Arab Army near {p} and was led by Ahmad al-{g[:-1]}i.\n"
        )
        (folder / f"report_{i:03d}.txt").write_text(body, encoding="utf-8")


def ingest_cmd(db: str, folder: Path) -> list[str]:
    return [*ORBAT, "--db", db, "ingest", "--no-progress", str(folder)]


@dataclass(frozen=True)
class Counts:
    docs: int
    distinct: int
    runs: int


def counts(engine: Engine) -> Counts:
    with engine.connect() as conn:
        docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        distinct = conn.execute(select(func.count(func.distinct(documents.c.sha256)))).scalar_one()
        runs = conn.execute(select(func.count()).select_from(extraction_runs)).scalar_one()
    return Counts(int(docs), int(distinct), int(runs))


def unresolved(engine: Engine) -> int:
    """Nodes not yet mapped to an entity (extracted after the last resolution run landed)."""
    with engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(nodes).where(nodes.c.entity_id.is_(None))
            ).scalar_one()
        )


def half_extracted(engine: Engine) -> list[int]:
    """Documents with extraction output (nodes, mentions or claims) but no extraction run: must be none."""
    with engine.connect() as conn:
        done = select(extraction_runs.c.document_id)
        out: set[int] = set()
        for table in (nodes, mentions, claims):
            col = table.c.document_id
            out.update(
                int(r[0])
                for r in conn.execute(select(col).where(col.is_not(None), col.not_in(done)).distinct())
            )
    return sorted(out)


def runs_without_their_output(engine: Engine) -> list[int]:
    """Documents whose extraction run says N claims and M nodes while the store holds others: must be none."""
    with engine.connect() as conn:
        n_claims: dict[int, int] = dict(
            conn.execute(select(claims.c.document_id, func.count()).group_by(claims.c.document_id)).all()
        )
        n_nodes: dict[int, int] = dict(
            conn.execute(select(nodes.c.document_id, func.count()).group_by(nodes.c.document_id)).all()
        )
        runs = conn.execute(select(extraction_runs.c.document_id, extraction_runs.c.counts)).all()
    return sorted(
        doc
        for doc, said in runs
        if n_claims.get(doc, 0) != said.get("claims") or n_nodes.get(doc, 0) != said.get("nodes")
    )


def orbat_check(db: str) -> None:
    proc = subprocess.run([*ORBAT, "--db", db, "check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"orbat check failed:\n{proc.stdout}\n{proc.stderr}"


def store_check(db: str) -> None:
    """What `orbat check` runs, in this process (saves an interpreter start per round)."""
    kb = Store.open(db)
    try:
        problems = kb.check()
    finally:
        kb.close()
    assert problems == [], f"orbat check failed after a kill: {[str(p) for p in problems]}"


@dataclass(frozen=True)
class Kill:
    stage: str
    seen: Counts  # what the store held the moment the process was killed
    after: Counts  # what it held once the process was gone


def kill_when(db: str, corpus: Path, engine: Engine, stage: str, target: int) -> Kill | None:
    """Start the ingest; SIGKILL it as soon as ``stage`` reaches ``target``. None: it finished first."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        ingest_cmd(db, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    deadline = time.monotonic() + ROUND_TIMEOUT
    try:
        while time.monotonic() < deadline:
            now = counts(engine)
            if stage == "documents":
                due = now.docs >= target
            elif stage == "extraction":
                due = now.runs >= target
            else:  # every document extracted: the process is resolving now
                due = now.runs == N_DOCS
            if due:
                if proc.poll() is not None:
                    return None
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=60)
                assert proc.returncode == -signal.SIGKILL
                return Kill(stage, now, counts(engine))
            if proc.poll() is not None:
                return None
            time.sleep(0.02)
        raise AssertionError(f"the ingest did not reach {stage} >= {target} in {ROUND_TIMEOUT} s")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=60)


def test_sigkill_during_ingest_leaves_a_consistent_store_and_rerun_finishes(
    tmp_path: Path, store_url: str
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    subprocess.run([*ORBAT, "--db", store_url, "init"], check=True, capture_output=True, timeout=120)
    engine = make_engine(store_url)
    rounds = [("documents", 30), ("documents", 90), ("extraction", 1), ("extraction", 60), ("resolve", 1)]
    kills: list[Kill] = []
    try:
        for stage, target in rounds:
            before = counts(engine)
            kill = kill_when(store_url, corpus, engine, stage, target)
            assert kill is not None, (
                f"the ingest finished before reaching {stage} {target}: nothing was tested"
            )
            kills.append(kill)
            # killed mid-work: the stage had started and was not finished
            if stage == "documents":
                assert target <= kill.seen.docs < N_DOCS, kill
            elif stage == "extraction":
                assert kill.seen.docs == N_DOCS and target <= kill.seen.runs < N_DOCS, kill
            else:  # killed while resolving: the resolution had not landed
                assert kill.seen.runs == N_DOCS and unresolved(engine) > 0, kill
            # nothing committed is lost, nothing is half written
            assert kill.after.docs >= kill.seen.docs >= before.docs
            assert kill.after.runs >= kill.seen.runs >= before.runs
            assert kill.after.docs == kill.after.distinct  # never the same bytes twice
            assert half_extracted(engine) == []
            assert runs_without_their_output(engine) == []
            store_check(store_url)
    finally:
        engine.dispose()
    assert [k.stage for k in kills] == [s for s, _ in rounds]

    final = subprocess.run(ingest_cmd(store_url, corpus), capture_output=True, text=True, timeout=900)
    assert final.returncode == 0, final.stdout + final.stderr
    orbat_check(store_url)
    kb = Store.open(store_url)
    try:
        engine = kb.engine
        assert counts(engine) == Counts(N_DOCS, N_DOCS, N_DOCS)
        with kb.reading() as conn:
            n_claims = conn.execute(select(func.count()).select_from(claims)).scalar_one()
            without_entity = conn.execute(
                select(func.count()).select_from(claims).where(claims.c.subject_entity.is_(None))
            ).scalar_one()
        assert n_claims > N_DOCS
        assert runs_without_their_output(engine) == []
        assert unresolved(engine) == 0 and without_entity == 0  # the killed resolution was redone
        # a second full run changes nothing
        again = subprocess.run(ingest_cmd(store_url, corpus), capture_output=True, text=True, timeout=900)
        assert again.returncode == 0, again.stdout + again.stderr
        assert counts(engine) == Counts(N_DOCS, N_DOCS, N_DOCS)
        assert "unchanged" in again.stdout
    finally:
        kb.close()
