"""Incremental resolution through the real pipeline and store (SQLite and PostgreSQL): new
documents' in-document entities are resolved against the stored entities, and the store stays
as a full re-resolution would leave it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from orbat import pipeline
from orbat.cli import app
from orbat.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def partition(store: Store) -> set[frozenset[str]]:
    groups: dict[str | None, set[str]] = {}
    for n in store.all_nodes():
        groups.setdefault(n.entity_id, set()).add(n.id)
    assert None not in groups, "a node in no entity"
    return {frozenset(g) for g in groups.values()}


def entities(store: Store) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    return {e.id: (e.type, e.name, tuple(sorted(a.name for a in e.aliases))) for e in store.list_entities()}


def claim_subjects(store: Store) -> dict[str, str | None]:
    return {c.id: c.subject for c in store.claims()}


def write(folder: Path, docs: dict[str, str]) -> dict[str, Path]:
    """The documents written as text files in ``folder``: their paths by name."""
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: folder / name for name in docs}


def add(store: Store, path: Path) -> pipeline.ResolveReport:
    report = pipeline.ingest(store, [str(path)])
    pipeline.extract(store, report.document_ids)
    return pipeline.resolve(store, incremental=True)


def test_documents_resolved_one_at_a_time_give_what_a_full_resolution_gives(store: Store):
    for path in sorted(p for p in CORPUS.iterdir() if not p.name.endswith(".yaml")):
        add(store, path)
    assert store.check() == []
    one_by_one = partition(store)
    ents, subjects = entities(store), claim_subjects(store)
    assert len(one_by_one) > 50 and any(len(g) > 3 for g in one_by_one)
    pipeline.resolve(store)  # every node again, from scratch
    assert partition(store) == one_by_one
    assert entities(store) == ents
    assert claim_subjects(store) == subjects


def test_a_new_document_naming_two_stored_entities_merges_them(store: Store, tmp_path: Path):
    docs = {
        "a.txt": "The Desert Hawks Brigade fought in Homs in 2014, according to a local activist.\n",
        "b.txt": "Liwa Suqur al-Sahara recruited fighters in Hama in 2015.\n",
        "c.txt": "The Desert Hawks Brigade (Liwa Suqur al-Sahara) was formed in 2013 in Latakia.\n",
    }
    paths = write(tmp_path, docs)
    add(store, paths["a.txt"])
    add(store, paths["b.txt"])
    hawks, suqur = store.get_entity("Desert Hawks Brigade").id, store.get_entity("Liwa Suqur al-Sahara").id
    assert hawks != suqur  # nothing says yet that they are one group
    report = add(store, paths["c.txt"])
    assert report.nodes >= 2 and store.unresolved_counts() == []  # every new node resolved
    merged = store.get_entity("Liwa Suqur al-Sahara")
    assert merged.id == store.get_entity("Desert Hawks Brigade").id
    assert merged.id in (hawks, suqur)
    gone = ({hawks, suqur} - {merged.id}).pop()
    assert gone not in {e.id for e in store.list_entities()}
    # the claims of both follow the merge, and the name index knows the merged entity's aliases
    groups = {c.subject for c in store.claims() if c.subject_name == "Desert Hawks Brigade"}
    assert groups == {merged.id}
    assert gone not in {c.subject for c in store.claims()}
    assert merged.id in {hit.entity.id for hit in store.search("Suqur").entities}
    assert store.check() == []


def test_an_analysts_split_holds_when_new_documents_arrive(store: Store, tmp_path: Path):
    docs = {
        "a.txt": "The Desert Hawks Brigade was formed in 2013 in Latakia by local volunteers.\n",
        "c.txt": "In 2015 the Desert Hawks Brigade took part in the fighting around Homs.\n",
        "d.txt": "The Desert Hawks Brigade was dissolved in 2017, according to a local activist.\n",
    }
    paths = write(tmp_path, docs)
    add(store, paths["a.txt"])
    add(store, paths["c.txt"])
    nodes = store.nodes_of_entity(store.get_entity("Desert Hawks Brigade").id)
    assert len(nodes) == 2  # merged across the two documents
    store.decide([(nodes[0].id, nodes[1].id)], "different", user="ana", reason="two units share the name")
    pipeline.resolve(store)
    apart = {n.id: n.entity_id for n in store.all_nodes()}
    assert apart[nodes[0].id] != apart[nodes[1].id]
    add(store, paths["d.txt"])
    after = {n.id: n.entity_id for n in store.all_nodes()}
    assert after[nodes[0].id] != after[nodes[1].id]
    (new,) = [n for n in store.all_nodes() if n.name == "Desert Hawks Brigade" and n.id not in apart]
    assert after[new.id] in (after[nodes[0].id], after[nodes[1].id])
    assert store.check() == []


def test_resolve_new_only_from_the_command_line(tmp_path: Path):
    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    out = runner.invoke(app, ["--db", db, "ingest", str(CORPUS), "--no-extract", "--no-progress"])
    assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["--db", db, "extract", "--no-progress"])  # resolves the new nodes
    assert out.exit_code == 0, out.output
    store = Store.open(f"sqlite:///{db}")
    before = partition(store)
    assert store.unresolved_counts() == []
    out = runner.invoke(app, ["--db", db, "resolve", "--new-only", "--no-progress"])
    assert out.exit_code == 0, out.output
    assert "0 in-document entities" in out.output  # nothing new to resolve
    assert partition(store) == before


def test_analyst_decisions_re_resolve_their_entities_only_and_agree_with_a_full_run(
    store: Store, tmp_path: Path
):
    docs = {
        "a.txt": "The Desert Hawks Brigade was formed in 2013 in Latakia by local volunteers.\n",
        "b.txt": "Liwa Suqur al-Sahara fought near Palmyra in 2016, according to a local activist.\n",
        "c.txt": "In 2015 the Desert Hawks Brigade took part in the fighting around Homs.\n",
    }
    paths = write(tmp_path, docs)
    pipeline.build(store, [str(p) for p in paths.values()])

    def check(reopened: list[str]) -> None:
        nodes = len(store.nodes_of_entities(reopened))
        report = pipeline.resolve(store, reopen=reopened)
        assert report.nodes == nodes  # only the nodes of the entities decided on
        local, ents = partition(store), entities(store)
        assert store.check() == []
        pipeline.resolve(store)
        assert partition(store) == local
        assert entities(store) == ents

    hawks, suqur = store.get_entity("Desert Hawks Brigade").id, store.get_entity("Liwa Suqur al-Sahara").id
    a, b = store.nodes_of_entity(hawks)[0].id, store.nodes_of_entity(suqur)[0].id
    merge = store.decide([(a, b)], "same", user="ana", reason="Suqur al-Sahara = Desert Hawks")
    check([hawks, suqur])
    merged = store.get_entity("Liwa Suqur al-Sahara").id
    assert merged == store.get_entity("Desert Hawks Brigade").id
    store.undo_decision(merge, user="ana")
    check(sorted(store.decision_entities(merge)))
    assert store.get_entity("Liwa Suqur al-Sahara").id != store.get_entity("Desert Hawks Brigade").id
    hawks = store.get_entity("Desert Hawks Brigade").id
    left, right = (n.id for n in store.nodes_of_entity(hawks))
    split = store.decide([(left, right)], "different", user="ana", reason="two units share the name")
    check([hawks])
    apart = {n.id: n.entity_id for n in store.all_nodes()}
    assert apart[left] != apart[right]
    store.undo_decision(split, user="ana")
    check(sorted(store.decision_entities(split)))
    after = {n.id: n.entity_id for n in store.all_nodes()}
    assert after[left] == after[right]
