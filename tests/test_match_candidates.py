"""``pipeline.match_candidates``: entity pairs for an analyst to review (the web's matches page,
the API's ``/matches`` and ``orbat review-matches``)."""

from __future__ import annotations

from pathlib import Path

from orbat import pipeline
from orbat.store import Store


def test_pairs_in_the_review_band_until_an_analyst_decides(store: Store, tmp_path: Path):
    docs = {
        "a.txt": "Omar al-Hassan commanded the Desert Hawks Brigade in 2014.\n",
        "b.txt": "Omar Hussein al-Hassan was killed near Palmyra in 2016, according to a local activist.\n",
    }
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    pipeline.build(store, [str(tmp_path / n) for n in docs])
    short, full = store.get_entity("Omar al-Hassan"), store.get_entity("Omar Hussein al-Hassan")
    assert short.id != full.id  # a shorter form of a name across documents is not merged...
    found = pipeline.match_candidates(store)
    (pair,) = [c for c in found if {c.left, c.right} == {short.id, full.id}]  # ...but proposed
    assert {pair.left_name, pair.right_name} == {"Omar al-Hassan", "Omar Hussein al-Hassan"}
    assert 0.5 <= pair.score < 0.9 and pair.why.startswith("person-subset")
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert all(c.left != c.right for c in found)

    a, b = store.nodes_of_entity(short.id)[0].id, store.nodes_of_entity(full.id)[0].id
    store.decide([(a, b)], "different", user="ana", reason="cousins")
    pipeline.resolve(store, reopen=[short.id, full.id])
    assert not [c for c in pipeline.match_candidates(store) if {c.left, c.right} == {short.id, full.id}]
