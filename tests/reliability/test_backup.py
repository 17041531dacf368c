"""Backups taken while the store is in use, and the claims interchange round trip.

- A backup taken while another process keeps writing (reviews, new documents
  with their bytes, analyst decisions and undos) is one consistent snapshot:
  it restores, passes ``check()``, and every cross-table invariant the writer
  keeps in its transactions holds in it (each review moved its claim's row
  version on by one *and* wrote one audit row; each stored document has its
  bytes; each decision has its audit row). A backup that read its tables at
  different moments would show claims ahead of their audit trail or documents
  without their bytes.
- ``orbat export --format claims-jsonl`` of a store built from examples/corpus
  (ingest, extraction, resolution), imported into an empty store and exported
  again, gives the identical file.

(Backup → restore giving back exactly the same rows is
tests/store/test_integrity_backup.py::test_backup_restore_round_trip_is_exact.)
"""

from __future__ import annotations

import io
import multiprocessing as mp
import random
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from orbat import pipeline
from orbat.errors import Conflict
from orbat.model import Document
from orbat.publish.exports import export
from orbat.store import Store
from orbat.store.tables import audit, blobs, claims, documents, judgements

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
#: bounds of the writer: it stops when told, or after this many seconds / writes, whichever is first
WRITER_SECONDS = 120.0
WRITER_MAX_WRITES = 20_000


def writer(url: str, stop: Any, writes: Any) -> None:
    rng = random.Random(11)
    kb = Store.open(url)
    try:
        ids = sorted(c.id for c in kb.claims())
        nodes = [n.id for n in kb.all_nodes()]
        started = time.monotonic()
        i = 0
        while not stop.is_set() and time.monotonic() - started < WRITER_SECONDS and i < WRITER_MAX_WRITES:
            i += 1
            if i % 7 == 0:
                text = f"Field note {i}: the Hawks Brigade held {i} checkpoints near Homs."
                kb.add_document(Document(name=f"note-{i}", text=text), text.encode())
            elif i % 11 == 0:
                d = kb.decide([tuple(rng.sample(nodes, 2))], "different", user="w", reason="backup test")  # type: ignore[list-item]
                if i % 22 == 0:
                    kb.undo_decision(d, user="w")
            else:
                cid = rng.choice(ids)
                try:
                    current = kb.get_claim(cid)
                    kb.review_claim(
                        cid,
                        "accepted" if current.status != "accepted" else "rejected",
                        user="w",
                        expected_version=current.row_version,
                    )
                except Conflict:
                    continue
            with writes.get_lock():
                writes.value += 1
    finally:
        kb.close()


def assert_snapshot_invariants(kb: Store) -> None:
    assert kb.check() == []
    with kb.reading() as conn:
        reviews: dict[str, int] = dict(
            conn.execute(
                select(audit.c.target_id, func.count())
                .where(audit.c.target_kind == "claim", audit.c.action == "review")
                .group_by(audit.c.target_id)
            ).all()
        )
        versions = dict(conn.execute(select(claims.c.id, claims.c.row_version)).all())
        n_blobs = conn.execute(select(func.count()).select_from(blobs)).scalar_one()
        with_bytes = conn.execute(
            select(func.count()).select_from(documents).where(documents.c.sha256.is_not(None))
        ).scalar_one()
        decisions = conn.execute(
            select(func.count(func.distinct(judgements.c.decision))).where(judgements.c.source == "human")
        ).scalar_one()
        judged = conn.execute(
            select(func.count()).where(audit.c.target_kind == "decision", audit.c.action == "judge")
        ).scalar_one()
        undone_rows = conn.execute(
            select(func.count(func.distinct(judgements.c.decision))).where(
                judgements.c.source == "human", judgements.c.deleted_at.is_not(None)
            )
        ).scalar_one()
        undos = conn.execute(
            select(func.count()).where(audit.c.target_kind == "decision", audit.c.action == "undo")
        ).scalar_one()
    behind = {cid: (v, reviews.get(cid, 0)) for cid, v in versions.items() if v - 1 != reviews.get(cid, 0)}
    assert not behind, f"claims and their audit trail from different moments: {list(behind.items())[:5]}"
    assert n_blobs == with_bytes, "documents and their bytes from different moments"
    assert (decisions, undone_rows) == (judged, undos), (
        "decisions and their audit rows from different moments"
    )


def test_a_backup_taken_while_another_process_writes_is_one_consistent_snapshot(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    store.import_claims_jsonl(EXAMPLES / "expected_claims.jsonl")
    ctx = mp.get_context("spawn")
    stop = ctx.Event()
    writes = ctx.Value("i", 0)
    proc = ctx.Process(target=writer, args=(store_url, stop, writes))
    proc.start()
    paths: list[tuple[Path, int, int]] = []
    try:
        deadline = time.monotonic() + 120  # a hang guard
        while writes.value < 20 and proc.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        for k in range(5):
            path = tmp_path / f"during-{k}.orbat.gz"
            before = writes.value
            store.backup(path)
            paths.append((path, before, writes.value))
    finally:
        stop.set()
        proc.join(timeout=120)
    assert proc.exitcode == 0
    # the writer really wrote while the backups were being taken
    assert sum(after - before for _, before, after in paths) > 0, paths
    for i, (path, _, _) in enumerate(paths):
        target = Store.open(f"sqlite:///{tmp_path / f'restored-{i}.db'}", create=True)
        try:
            target.restore(path)
            assert_snapshot_invariants(target)
        finally:
            target.close()
    assert_snapshot_invariants(store)


def test_claims_export_import_export_round_trip_is_identical(store: Store, tmp_path: Path) -> None:
    report, ex, _res = pipeline.build(store, [str(EXAMPLES / "corpus")])
    assert report.ok and ex is not None and ex.claims > 50
    first = io.StringIO()
    n = export(store, "claims-jsonl", first)
    assert n > 100
    path = tmp_path / "claims.jsonl"
    path.write_text(first.getvalue(), encoding="utf-8")
    empty = Store.open(f"sqlite:///{tmp_path / 'empty.db'}", create=True)
    try:
        summary = empty.import_claims_jsonl(path)
        assert summary.claims == sum(1 for line in first.getvalue().splitlines() if '"kind": "claim"' in line)
        second = io.StringIO()
        export(empty, "claims-jsonl", second)
        assert second.getvalue() == first.getvalue()
        assert empty.check() == []
    finally:
        empty.close()
