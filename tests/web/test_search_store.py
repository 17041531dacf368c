"""Full-text search in the store (SQLite FTS5 / PostgreSQL tsvector), on every configured backend."""

from __future__ import annotations

import pytest

from orbat.errors import VocabularyError
from orbat.model import Document
from orbat.store import Store
from orbat.store.search import SearchFilters, normalise, query_tokens, snippet


def test_normalisation_drops_apostrophes_and_splits_dashes():
    assert normalise("Kata’ib al-Baath") == "Kataib al Baath"
    assert query_tokens("  al-Baqir  ") == ["al", "baqir"]
    assert query_tokens('"NEAR(x" OR *') == ["near", "x", "or"]
    assert query_tokens("") == []


def test_snippet_finds_the_word_despite_apostrophes():
    text = "x" * 300 + " the Kata'ib al-Baath fought " + "y" * 300
    s = snippet(text, ["kataib"])
    assert "Kata'ib" in s and s.startswith("…") and s.endswith("…")


@pytest.fixture
def docs(store: Store) -> Store:
    store.add_document(
        Document(
            name="d1",
            text="Liwa al-Baqir was set up in Aleppo. Kata'ib al-Baath fought.",
            title="Baqir",
            published="2016-03-01",
            publisher="Pub A",
        ),
        b"1",
    )
    store.add_document(
        Document(
            name="d2", text="The al Baqir brigade and the Kataib al Baath.", title="Other", published="2013"
        ),
        b"2",
    )
    store.add_document(Document(name="d3", text="Nothing relevant here at all.", title="None"), b"3")
    return store


def test_spelling_variants_find_the_same_documents(docs: Store):
    for q in ("al-Baqir", "al Baqir", "AL‐BAQIR"):
        assert {d.name for d in docs.search(q).documents} == {"d1", "d2"}, q
    for q in ("Kataib", "Kata'ib", "Kata’ib"):
        assert {d.name for d in docs.search(q).documents} == {"d1", "d2"}, q
    assert [d.name for d in docs.search("liwa al baqir").documents] == ["d1"]
    assert docs.search("zzzz").documents == []
    assert docs.search("").documents == []


def test_query_syntax_is_never_interpreted(docs: Store):
    for q in ('foo" OR bar', "NEAR(a b)", "*", "title:Baqir", "a & b | !c", "'); DROP TABLE documents; --"):
        docs.search(q)  # no error
    assert docs.list_documents()


def test_document_filters(docs: Store):
    assert [d.name for d in docs.search("Baqir", filters=SearchFilters(date_from="2014")).documents] == ["d1"]
    assert [d.name for d in docs.search("Baqir", filters=SearchFilters(date_to="2013-12")).documents] == [
        "d2"
    ]
    assert [d.name for d in docs.search("Baqir", filters=SearchFilters(source="Pub A")).documents] == ["d1"]
    with pytest.raises(VocabularyError):
        SearchFilters(entity_type="spaceship")


def test_index_follows_updates_and_deletes(docs: Store):
    from sqlalchemy import delete, update

    from orbat.store.tables import documents

    with docs.transaction() as conn:
        conn.execute(update(documents).where(documents.c.name == "d3").values(text="Now about Baqir too."))
        conn.execute(delete(documents).where(documents.c.name == "d2"))
    assert {d.name for d in docs.search("Baqir").documents} == {"d1", "d3"}
    assert docs.search("relevant").documents == []


def test_entities_and_claims_are_searchable_with_aliases(store: Store, tmp_path):  # type: ignore[no-untyped-def]
    import json

    text = "The Desert Hawks (Suqur al-Sahra) were set up in 2013 by Mohammed Jaber."
    store.add_document(Document(name="s1", text=text), text.encode())
    path = tmp_path / "in.jsonl"
    records = [
        {
            "kind": "entity",
            "id": "E1",
            "type": "armed_group",
            "name": "Desert Hawks Brigade",
            "aliases": ["Suqur al-Sahra"],
        },
        {"kind": "entity", "id": "E2", "type": "person", "name": "Mohammed Jaber", "aliases": []},
        {
            "kind": "claim",
            "doc": "s1",
            "subject": "E1",
            "predicate": "founded",
            "object": {"date": "2013"},
            "quote": "set up in 2013",
        },
        {
            "kind": "claim",
            "doc": "s1",
            "subject": "E1",
            "predicate": "founded_by",
            "object": {"entity": "E2"},
            "quote": "by Mohammed Jaber",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store.import_claims_jsonl(path)
    assert [h.entity.id for h in store.search("suqur al sahra").entities] == ["E1"]
    assert [
        h.entity.id for h in store.search("Jaber", filters=SearchFilters(entity_type="person")).entities
    ] == ["E2"]
    hits = store.search("Jaber").claims
    assert [h.claim.predicate for h in hits] == ["founded_by"]
    assert [
        h.claim.predicate for h in store.search("2013", filters=SearchFilters(predicate="founded")).claims
    ] == ["founded"]
    assert store.search("2013", filters=SearchFilters(date_from="2014")).claims == []


def test_common_words_are_capped_before_ranking(store: Store):
    for i in range(30):
        store.add_document(Document(name=f"c{i}", text=f"forces forces number {i}"), str(i).encode())
    r = store.search("forces", cap=10, limit=5)
    assert r.capped and len(r.documents) == 5
    assert not store.search("forces", cap=100).capped
