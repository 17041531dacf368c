"""Resolution in worker processes gives the result of one process."""

from __future__ import annotations

import os

import pytest

from orbat.resolve import blocking, resolver
from orbat.resolve import resolve as run_resolution
from orbat.resolve.blocking import pair_codes
from tests.resolve.synthetic import generate

pytestmark = pytest.mark.skipif(not blocking.can_fork(), reason="worker processes are forked")


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    # many slices and chunks out of a small batch, so that every worker gets several
    monkeypatch.setattr(blocking, "_SLICE", 97)
    monkeypatch.setattr(resolver, "_CHUNK", 1009)


def test_candidates_chosen_in_workers_are_the_same(small_slices: None) -> None:
    records, _ = generate(1200, seed=5)
    one = pair_codes(records, workers=1)
    two = pair_codes(records, workers=2)
    assert len(one) > 4000
    assert one.tolist() == two.tolist()


def test_resolution_in_workers_is_the_same(small_slices: None) -> None:
    records, truth = generate(1200, seed=5)
    one = run_resolution(records, workers=1, keep_pairs=True)
    two = run_resolution(records, workers=2)
    assert one.scored > 4 * 1009
    assert two.clusters == one.clusters
    assert [(j.left, j.right, j.verdict, j.rule, j.score) for j in two.auto] == [
        (j.left, j.right, j.verdict, j.rule, j.score) for j in one.auto
    ]
    assert [(a, b, r.rule, r.score) for a, b, r in two.review] == [
        (a, b, r.rule, r.score) for a, b, r in one.review
    ]
    # the stages are timed, and the pairs kept only when asked
    assert set(one.timings) == {"blocking", "scoring", "attachments", "clustering"}
    assert one.pairs is not None and len(one.pairs) == one.scored
    assert two.pairs is None
    # and it resolved something: most records of one synthetic entity share a cluster
    same = sum(
        1
        for i, r in enumerate(records[:-1])
        if truth[r.id] == truth[records[i + 1].id] and one.clusters[r.id] == one.clusters[records[i + 1].id]
    )
    assert same > 100


def _square_of_shared() -> int:
    from orbat.resolve.blocking import forked

    return int(forked()) ** 2


def _fails() -> int:
    raise ValueError("no such name")


def _forks_again() -> list[int]:
    from orbat.resolve.blocking import forked, forked_map

    return list(forked_map(_square_of_item, list(forked()), 2, None))


def _square_of_item(x: int) -> int:
    return x * x


def test_run_forked_returns_what_the_child_computed_and_raises_what_it_raised():
    from orbat.resolve.blocking import can_fork, run_forked

    assert run_forked(_square_of_shared, 7) == 49
    with pytest.raises(ValueError, match="no such name"):
        run_forked(_fails, None)
    # the child is no daemon: it may start worker processes of its own (resolve(workers=2) does)
    assert run_forked(_forks_again, [1, 2, 3]) == [1, 4, 9]
    if can_fork():
        assert run_forked(os.getpid, None) != os.getpid()


def _shared_is_collectable(_i: int) -> tuple[int, bool]:
    import gc

    from orbat.resolve.blocking import forked

    return gc.get_freeze_count(), id(forked()) in {id(o) for o in gc.get_objects()}


def _shared_is_collectable_once() -> tuple[int, bool]:
    return _shared_is_collectable(0)


def test_forked_processes_keep_what_they_inherit_out_of_the_collector():
    from orbat.resolve.blocking import can_fork, forked_map, run_forked

    if not can_fork():
        pytest.skip("the platform does not fork")
    shared = [(str(i), i) for i in range(1000)]  # records: tuples the collector tracks
    for frozen, tracked in forked_map(_shared_is_collectable, [1, 2], 2, shared):
        assert frozen >= len(shared) and not tracked
    frozen, tracked = run_forked(_shared_is_collectable_once, shared)
    assert frozen >= len(shared) and not tracked


def test_the_analyses_a_lexicon_keeps_are_bounded_by_its_limit() -> None:
    """The pipeline keeps the entities' keys across batches with a lexicon of few analyses
    (``pipeline.KEYS_ANALYSES``): its cache is emptied when it passes the limit."""
    from orbat.pipeline import KEYS_ANALYSES
    from orbat.resolve import EntityKeys, batch_lexicon

    lexicon = batch_lexicon([])
    lexicon.cache_limit = 50
    keys = EntityKeys(lexicon)
    keys.update((f"e{i}", "armed_group", (f"Liwa Number {i} Brigade", f"Fawj {i}")) for i in range(400))
    assert len(keys) == 400
    assert 0 < len(lexicon._cache) <= 51
    assert 0 < KEYS_ANALYSES < batch_lexicon([]).cache_limit
