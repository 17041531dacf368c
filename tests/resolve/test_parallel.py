"""Resolution in worker processes gives the result of one process."""

from __future__ import annotations

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
