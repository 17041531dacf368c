"""A resolution run's auto judgements are written in batches, all of them, replacing the last run's."""

from __future__ import annotations

import pytest

from orbat.model import Entity
from orbat.store import Store
from orbat.store import resolution as store_resolution
from tests.store.test_contract import make_doc, make_extraction


def test_every_auto_judgement_is_stored_across_batches(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_resolution, "_JUDGEMENT_BATCH", 7)
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    nodes = store.all_nodes()
    assert len(nodes) >= 2
    ids = [n.id for n in nodes]
    # 30 judgements (more than four batches), given as a generator as the pipeline gives them
    auto = (
        (ids[k % len(ids)], f"other-{k}", "different", 0.03, {"rule": "surname-conflict"}) for k in range(30)
    )
    entities = [Entity(n.id, n.type, n.name) for n in nodes]
    store.save_resolution({i: i for i in ids}, entities, auto)
    rows = store.judgements(source="auto")
    assert len(rows) == 30
    assert {r.right for r in rows} == {f"other-{k}" for k in range(30)}
    # the next run replaces them
    store.save_resolution({i: i for i in ids}, entities, iter([(ids[0], ids[-1], "same", 0.95, None)]))
    assert [(r.left, r.right, r.verdict) for r in store.judgements(source="auto")] == [
        (ids[0], ids[-1], "same")
    ]
