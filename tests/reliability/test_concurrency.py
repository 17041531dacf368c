"""Two analysts (processes) review and merge at the same time while an ingest runs beside them.

On PostgreSQL (the multi-user store) and on SQLite. No decision may be lost:
every successful review bumps its claim's row version exactly once and leaves
one audit row; a stale write is refused with Conflict (and retried), never
applied silently; no process dies with an unhandled error.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import threading
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select, text, update

from orbat.errors import Conflict
from orbat.store import Store
from orbat.store.engine import make_engine
from orbat.store.tables import audit, claims

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def analyst(url: str, user: str, seed: int, rounds: int, queue: mp.Queue) -> None:
    from orbat import pipeline

    rng = random.Random(seed)
    kb = Store.open(url)
    done: Counter[str] = Counter()
    conflicts = 0
    decisions = 0
    try:
        ids = sorted(c.id for c in kb.claims())
        for i in range(rounds):
            cid = rng.choice(ids[:40])  # a small pool, so the two analysts collide often
            for _attempt in range(20):
                current = kb.get_claim(cid)
                try:
                    kb.review_claim(
                        cid,
                        rng.choice(["accepted", "rejected"]),
                        user=user,
                        expected_version=current.row_version,
                    )
                    done[cid] += 1
                    break
                except Conflict:
                    conflicts += 1
            if i % 10 == 0:
                ents = kb.list_entities()
                a, b = rng.sample(ents, 2)
                na, nb = kb.nodes_of_entity(a.id), kb.nodes_of_entity(b.id)
                if na and nb and a.type == b.type:
                    d = kb.decide([(na[0].id, nb[0].id)], "different", user=user, reason="concurrency test")
                    decisions += 1
                    pipeline.resolve(kb)
                    if rng.random() < 0.5:
                        kb.undo_decision(d, user=user)
                        decisions += 1
        queue.put((user, dict(done), conflicts, decisions, None))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put((user, dict(done), conflicts, decisions, f"{type(exc).__name__}: {exc}"))
    finally:
        kb.close()


def ingester(url: str, folder: str, queue: mp.Queue) -> None:
    from orbat import pipeline

    kb = Store.open(url)
    try:
        report = pipeline.ingest(kb, [folder])
        queue.put(("ingest", {"ingested": len(report.ingested), "failed": len(report.failed)}, 0, 0, None))
    except Exception as exc:
        queue.put(("ingest", {}, 0, 0, f"{type(exc).__name__}: {exc}"))
    finally:
        kb.close()


def test_two_analysts_and_an_ingest_lose_no_decision(store: Store, store_url: str, tmp_path: Path) -> None:
    store.import_claims_jsonl(EXAMPLES / "expected_claims.jsonl")
    versions_before = {c.id: c.row_version for c in store.claims()}
    folder = tmp_path / "incoming"
    folder.mkdir()
    for i in range(30):
        (folder / f"note_{i}.txt").write_text(
            f"Field note {i}: the Hawks Brigade held {i} checkpoints near Homs.\n"
        )
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    procs = [
        ctx.Process(target=analyst, args=(store_url, "ana", 1, 60, queue)),
        ctx.Process(target=analyst, args=(store_url, "bob", 2, 60, queue)),
        ctx.Process(target=ingester, args=(store_url, str(folder), queue)),
    ]
    for p in procs:
        p.start()
    results = [queue.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    errors = [r for r in results if r[4]]
    assert not errors, errors
    by_user = {r[0]: r for r in results}
    assert by_user["ingest"][1] == {"ingested": 30, "failed": 0}
    successes: Counter[str] = Counter()
    for user in ("ana", "bob"):
        successes.update(by_user[user][1])
    # no lost update: each successful review moved its claim's version on by exactly one
    with store.reading() as conn:
        after = dict(conn.execute(select(claims.c.id, claims.c.row_version)).all())
        reviews = conn.execute(
            select(audit.c.user, func.count()).where(audit.c.action == "review").group_by(audit.c.user)
        ).all()
        decided = conn.execute(
            select(func.count()).where(
                audit.c.target_kind == "decision", audit.c.action.in_(["judge", "undo"])
            )
        ).scalar_one()
    for cid, n in successes.items():
        assert after[cid] == versions_before[cid] + n
    assert dict(reviews) == {u: sum(by_user[u][1].values()) for u in ("ana", "bob")}
    assert decided == by_user["ana"][3] + by_user["bob"][3]
    assert store.check() == []


def test_postgres_refuses_the_second_of_two_writes_made_on_the_same_read(pg_database: str) -> None:
    """The lost update, made to happen deterministically (the test above relies on timing).

    A third connection holds the claim's row lock without changing it. Two analysts (threads) read
    the claim at the same row version, pass the version check, and both block in their UPDATE. The
    lock is released: the first UPDATE applies; the second must find the version moved on and raise
    Conflict. Without ``row_version = <read version>`` in the UPDATE's WHERE clause both would apply,
    and the version would move on by one for two decisions: one of them silently lost.
    """
    store = Store.open(pg_database, create=True)
    blocker = make_engine(pg_database)
    try:
        store.import_claims_jsonl(EXAMPLES / "expected_claims.jsonl")
        claim = store.claims()[0]
        version = claim.row_version
        outcome: dict[str, str] = {}

        def review(user: str, status: str) -> None:
            try:
                store.review_claim(claim.id, status, user=user, expected_version=version)
                outcome[user] = "applied"
            except Conflict:
                outcome[user] = "conflict"
            except Exception as exc:  # reported by the assertion below
                outcome[user] = f"{type(exc).__name__}: {exc}"

        with blocker.connect() as holder:
            tx = holder.begin()
            holder.execute(
                update(claims).where(claims.c.id == claim.id).values(updated_by=claims.c.updated_by)
            )
            threads = [
                threading.Thread(target=review, args=("ana", "accepted")),
                threading.Thread(target=review, args=("bob", "rejected")),
            ]
            for t in threads:
                t.start()
            deadline = time.monotonic() + 60  # a hang guard, not a speed target
            waiting = 0
            while time.monotonic() < deadline:
                with (
                    blocker.connect() as watcher
                ):  # its own transaction: the view is a per-transaction snapshot
                    waiting = watcher.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock' AND query ILIKE 'UPDATE claims%'"
                        )
                    ).scalar_one()
                if waiting == 2 or not any(t.is_alive() for t in threads):
                    break
                time.sleep(0.02)
            assert waiting == 2, f"both analysts should be waiting on the row lock: {outcome}"
            tx.commit()
        for t in threads:
            t.join(timeout=60)
        assert sorted(outcome.values()) == ["applied", "conflict"], outcome
        winner = next(u for u, o in outcome.items() if o == "applied")
        after = store.get_claim(claim.id)
        assert after.row_version == version + 1 and after.updated_by == winner
        with store.reading() as conn:
            trail = conn.execute(
                select(audit.c.user).where(audit.c.target_kind == "claim", audit.c.target_id == claim.id)
            ).all()
        assert [r[0] for r in trail] == [winner]
    finally:
        blocker.dispose()
        store.close()
