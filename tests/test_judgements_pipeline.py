"""Analyst judgements through the real pipeline: they survive re-extraction and
re-resolution, and undoing them restores the automatic result."""

from __future__ import annotations

from pathlib import Path

from orbat import pipeline
from orbat.store import Store

DOCS = {
    "hawks_a.txt": "The Desert Hawks Brigade was formed in 2013 in Latakia by local volunteers.\n",
    "hawks_b.txt": "Liwa Suqur al-Sahara fought near Palmyra in 2016, according to a local activist.\n",
    "hawks_c.txt": "In 2015 the Desert Hawks Brigade took part in the fighting around Homs.\n",
}


def entity_of(store: Store, name: str) -> str:
    return store.get_entity(name).id


def test_merge_and_different_survive_reruns_and_undo_restores(store: Store, tmp_path: Path):
    for fname, text in DOCS.items():
        (tmp_path / fname).write_text(text, encoding="utf-8")
    pipeline.build(store, [str(tmp_path)])
    hawks, suqur = entity_of(store, "Desert Hawks Brigade"), entity_of(store, "Liwa Suqur al-Sahara")
    assert hawks != suqur  # the matcher cannot know that Suqur means Hawks

    a = store.nodes_of_entity(hawks)[0].id
    b = store.nodes_of_entity(suqur)[0].id
    merge = store.decide([(a, b)], "same", user="ana", reason="Suqur al-Sahara = Desert Hawks")
    pipeline.resolve(store)
    assert entity_of(store, "Desert Hawks Brigade") == entity_of(store, "Liwa Suqur al-Sahara")

    # re-extraction with the same extractor (forced) and a fresh resolution keep the merge
    pipeline.extract(store, force=True)
    pipeline.resolve(store)
    assert entity_of(store, "Desert Hawks Brigade") == entity_of(store, "Liwa Suqur al-Sahara")

    store.undo_decision(merge, user="ana")
    pipeline.resolve(store)
    assert entity_of(store, "Desert Hawks Brigade") != entity_of(store, "Liwa Suqur al-Sahara")


def test_a_human_different_overrides_an_automatic_merge_until_undone(store: Store, tmp_path: Path):
    for fname, text in DOCS.items():
        (tmp_path / fname).write_text(text, encoding="utf-8")
    pipeline.build(store, [str(tmp_path)])
    hawks = entity_of(store, "Desert Hawks Brigade")
    nodes = store.nodes_of_entity(hawks)
    assert len({n.document_id for n in nodes}) == 2  # merged automatically across documents a and c
    left, right = nodes[0].id, nodes[1].id
    decision = store.decide([(left, right)], "different", user="ana", reason="two units share the name")
    pipeline.resolve(store)
    pipeline.extract(store, force=True)
    pipeline.resolve(store)
    after = {n.id: n.entity_id for n in store.all_nodes()}
    assert after[left] != after[right]
    store.undo_decision(decision, user="ana")
    pipeline.resolve(store)
    after = {n.id: n.entity_id for n in store.all_nodes()}
    assert after[left] == after[right]


def test_an_unexpected_reader_error_fails_one_file_and_the_batch_goes_on(
    store: Store, tmp_path: Path, monkeypatch
):
    """A bug in one reader is reported against that file; the other files are ingested."""
    import orbat.ingest

    real = orbat.ingest.read_path

    def flaky(path, *args, **kwargs):
        if path.name == "hawks_b.txt":
            raise ZeroDivisionError("reader bug")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(orbat.ingest, "read_path", flaky)
    folder = tmp_path / "incoming"  # the SQLite store itself lives in tmp_path
    folder.mkdir()
    for fname, text in DOCS.items():
        (folder / fname).write_text(text, encoding="utf-8")
    report = pipeline.ingest(store, [str(folder)])
    assert len(report.ingested) == 2
    assert [(src.rsplit("/", 1)[-1], cause) for src, cause in report.failed] == [
        ("hawks_b.txt", "internal error while reading: ZeroDivisionError: reader bug")
    ]
