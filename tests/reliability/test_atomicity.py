"""One transaction per unit of work, proved at every statement boundary (deterministic crash injection).

The SIGKILL test (test_crash.py) kills a real process at points chosen by
watching its progress; it cannot aim at the few milliseconds between two
statements of one unit of work. This test can: it makes the store "die" (a
BaseException no code catches, raised from the driver hook, so the open
transaction is abandoned exactly as a killed process abandons it) just before
the n-th SQL statement of a unit of work, for every n the unit executes (or an
even sample of them for long units). After each crash the store must hold
exactly what it held before — nothing half written — and pass ``check()``;
then the same unit runs to the end.

Units: storing a document (new, and a new version of one), an extraction,
a re-extraction, a resolution run, an analyst decision and its undo, a review,
a claims-jsonl import, a restore. On every configured backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from orbat.model import Entity
from orbat.store import Store
from tests.store.test_contract import make_doc, make_extraction
from tests.store.test_integrity_backup import dump

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MAX_POINTS = 30


class Crash(BaseException):
    """The process dies here (not an Exception: no handler in orbat may swallow it)."""


WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Probe:
    statements: int = 0
    write_commits: int = 0
    crashed: bool = False
    dirty: bool = False


@contextmanager
def crash_before_statement(engine: Engine, n: int) -> Iterator[Probe]:
    """Raise Crash just before the n-th statement sent to the database, unless the unit has already
    committed a write (then it runs on, so that a second write transaction shows up in the count)."""
    probe = Probe()

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        probe.statements += 1
        if probe.statements == n and not probe.write_commits:
            probe.crashed = True
            raise Crash(f"statement {n}")
        if statement.lstrip().upper().startswith(WRITES):
            probe.dirty = True

    def on_commit(*_args: Any) -> None:
        if probe.dirty:
            probe.write_commits += 1
        probe.dirty = False

    def on_rollback(*_args: Any) -> None:
        probe.dirty = False

    listeners = [("before_cursor_execute", on_statement), ("commit", on_commit), ("rollback", on_rollback)]
    for name, fn in listeners:
        event.listen(engine, name, fn)
    try:
        yield probe
    finally:
        for name, fn in listeners:
            event.remove(engine, name, fn)


def next_point(n: int) -> int:
    """Every statement for the first 40, then every ~10 %: the prefix cost stays bounded on long units."""
    return n + 1 if n < 40 else int(n * 1.1) + 1


def assert_all_or_nothing(store: Store, unit: Callable[[], object], *, at_least: int = 2) -> int:
    """Crash ``unit`` before its 1st, 2nd, ... statement. Each crash before the unit's write commits
    must leave the store exactly as before (and passing check()). The first attempt that reaches the
    commit runs to the end, and must have written in exactly one transaction.
    Returns how many crashes left nothing behind."""
    before = dump(store)
    n = 1
    tried = 0
    while True:
        with crash_before_statement(store.engine, n) as probe, suppress(Crash):
            unit()
        if not probe.crashed:
            break
        tried += 1
        assert probe.write_commits == 0
        assert dump(store) == before, f"a crash before statement {n} left part of the work behind"
        assert store.check() == []
        n = next_point(n)
    assert probe.write_commits == 1, f"the unit wrote in {probe.write_commits} transactions, not one"
    assert tried >= at_least, f"the unit sent only {probe.statements} statements: nothing was tested"
    assert dump(store) != before, "the unit, run whole, changed nothing"
    assert store.check() == []
    return tried


def test_every_unit_of_work_lands_whole_or_not_at_all(store: Store, tmp_path: Path) -> None:
    doc, data = make_doc()
    assert_all_or_nothing(store, lambda: store.add_document(doc, data))
    upload, upload_data = make_doc(name="uploaded", text=doc.text + " Uploaded.")
    assert_all_or_nothing(
        store, lambda: store.add_document(upload, upload_data, audit_as="ana", audit_after={"file": "u.txt"})
    )
    stored = store.add_document(doc, data)  # now a no-op: unchanged
    assert stored.status == "unchanged"

    assert_all_or_nothing(store, lambda: store.save_extraction(stored.id, make_extraction(doc)))

    def resolve() -> None:
        nodes = store.all_nodes()
        store.save_resolution(
            {n.id: n.id for n in nodes},
            [Entity(n.id, n.type, n.name) for n in nodes],
            [(nodes[0].id, nodes[1].id, "different", 0.1, {"rule": "test"})],
        )

    assert_all_or_nothing(store, resolve)

    # a new version of the document, and its re-extraction replacing stale proposals
    doc2, data2 = make_doc(text=doc.text + " It was dissolved in 2017.")
    assert_all_or_nothing(store, lambda: store.add_document(doc2, data2))
    v2 = store.document_row("hawks")["id"]
    assert_all_or_nothing(store, lambda: store.save_extraction(v2, make_extraction(doc2, version="2")))
    assert_all_or_nothing(
        store,
        lambda: store.save_extraction(v2, make_extraction(doc2, version="2", founded="2014"), force=True),
    )

    claim = store.claims(predicate="size")[0]
    assert_all_or_nothing(store, lambda: store.review_claim(claim.id, "accepted", user="ana", reason="ok"))
    a, b = (n.id for n in store.all_nodes()[:2])
    decided: list[str] = []
    assert_all_or_nothing(
        store, lambda: decided.append(store.decide([(a, b)], "same", user="ana", action="merge"))
    )
    assert_all_or_nothing(store, lambda: store.undo_decision(decided[-1], user="ana"))

    tried = assert_all_or_nothing(
        store, lambda: store.import_claims_jsonl(EXAMPLES / "expected_claims.jsonl")
    )
    assert tried > 40

    backup = tmp_path / "kb.orbat.gz"
    store.backup(backup)
    target = Store.open(f"sqlite:///{tmp_path / 'restored.db'}", create=True)
    try:
        assert_all_or_nothing(target, lambda: target.restore(backup))
        assert dump(target) == dump(store)
    finally:
        target.close()


def test_a_new_version_keeps_the_reviewed_claims_it_repeats(store: Store) -> None:
    """Found by the test above: a changed file's unchanged sentences give the same claim ids (they
    hash the document's name and offsets), and storing the new version's extraction crashed on the
    claims' primary key. Now the claim keeps its row and review and gains the new version as evidence."""
    doc, data = make_doc(uri="/data/hawks.txt")
    v1 = store.add_document(doc, data)
    store.save_extraction(v1.id, make_extraction(doc))
    founded = store.claims(predicate="founded")[0]
    store.review_claim(founded.id, "accepted", user="ana", reason="checked")
    doc2, data2 = make_doc(text=doc.text + " It was dissolved in 2017.", uri="/data/hawks.txt")
    v2 = store.add_document(doc2, data2)
    assert v2.status == "new version"
    counts = store.save_extraction(v2.id, make_extraction(doc2))
    assert counts["claims"] == 3 and counts["new_claims"] == 0
    again = store.get_claim(founded.id)
    assert again.status == "accepted" and again.row_version == founded.row_version + 1
    assert sorted(ev.document_id for ev in again.evidence) == [v1.id, v2.id]
    assert store.check() == []
    # re-extracting the new version is still a no-op
    assert store.save_extraction(v2.id, make_extraction(doc2)) == {"skipped": 1}
