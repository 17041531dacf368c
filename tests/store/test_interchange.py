"""The claims-jsonl interchange format: round trip and refusal of bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from orbat.errors import ImportFormatError
from orbat.publish.exports import export
from orbat.store import Store
from orbat.store.tables import claims, nodes

RECORDS = [
    {
        "kind": "entity",
        "id": "E1",
        "type": "armed_group",
        "name": "Desert Hawks Brigade",
        "aliases": ["Liwa Suqur al-Sahara", "لواء صقور الصحراء"],
    },
    {"kind": "entity", "id": "E2", "type": "person", "name": "Mohammed Jaber", "aliases": []},
    {"kind": "entity", "id": "E3", "type": "place", "name": "Latakia", "aliases": ["Lattakia"]},
    {
        "kind": "claim",
        "doc": "sample_a",
        "subject": "E1",
        "predicate": "founded",
        "object": {"date": "2013"},
        "qualifiers": {"hedge": "asserted"},
        "quote": "set up in 2013",
    },
    {
        "kind": "claim",
        "doc": "sample_a",
        "subject": "E1",
        "predicate": "leader",
        "object": {"entity": "E2"},
        "qualifiers": {"role": "founder", "hedge": "asserted"},
        "quote": "founded by Mohammed Jaber",
    },
    {
        "kind": "claim",
        "doc": "sample_b",
        "subject": "E1",
        "predicate": "size",
        "object": {"quantity": {"value": 5000, "approx": True, "unit": "fighters"}},
        "qualifiers": {"as_of": "2015", "claimed_by": "a commander", "hedge": "reported"},
        "quote": "some 5,000 men",
    },
    {
        "kind": "claim",
        "doc": "sample_b",
        "subject": "E1",
        "predicate": "operates_in",
        "object": {"entity": "E3"},
        "qualifiers": {"start": "2013", "hedge": "uncertain"},
        "quote": "seemingly active around Latakia",
    },
]


def write(tmp_path: Path, records: list, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def export_text(store: Store) -> str:
    buf = io.StringIO()
    export(store, "claims-jsonl", buf)
    return buf.getvalue()


def test_round_trip_export_import_export_is_identical(store: Store, tmp_path: Path, store_url: str):
    store.import_claims_jsonl(write(tmp_path, RECORDS))
    first = export_text(store)
    parsed = [json.loads(line) for line in first.splitlines()]
    assert sum(r["kind"] == "claim" for r in parsed) == 4
    assert {r["id"] for r in parsed if r["kind"] == "entity"} == {"E1", "E2", "E3"}
    out = tmp_path / "export.jsonl"
    out.write_text(first, encoding="utf-8")
    other = Store.open(f"sqlite:///{tmp_path / 'other.db'}", create=True)
    other.import_claims_jsonl(out)
    assert export_text(other) == first


def test_inverse_predicates_are_folded_on_import(store: Store, tmp_path: Path):
    recs = [
        {"kind": "entity", "id": "G", "type": "armed_group", "name": "Group"},
        {"kind": "entity", "id": "U", "type": "armed_group", "name": "Unit"},
        {"kind": "claim", "doc": "d", "subject": "G", "predicate": "subunit", "object": {"entity": "U"}},
    ]
    store.import_claims_jsonl(write(tmp_path, recs))
    (c,) = store.claims()
    assert (c.subject, c.predicate, c.object_entity) == ("U", "part_of", "G")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {
                "kind": "claim",
                "doc": "d",
                "subject": "E1",
                "predicate": "commands",
                "object": {"entity": "E2"},
            },
            "unknown predicate 'commands'",
        ),
        ({"kind": "entity", "id": "E9", "type": "militia", "name": "X"}, "unknown entity type 'militia'"),
        (
            {
                "kind": "claim",
                "doc": "d",
                "subject": "E404",
                "predicate": "founded",
                "object": {"date": "2012"},
            },
            "unknown entity 'E404'",
        ),
        (
            {
                "kind": "claim",
                "doc": "d",
                "subject": "E1",
                "predicate": "founded",
                "object": {"date": "spring"},
            },
            "not a valid EDTF",
        ),
        (
            {
                "kind": "claim",
                "doc": "d",
                "subject": "E1",
                "predicate": "founded",
                "object": {"date": "2012"},
                "qualifiers": {"mood": "sad"},
            },
            "unknown qualifier",
        ),
        ({"kind": "relation"}, "unknown record kind"),
    ],
)
def test_bad_records_name_file_and_line_and_write_nothing(store: Store, tmp_path: Path, bad, message):
    path = write(tmp_path, [*RECORDS, bad])
    with pytest.raises(ImportFormatError, match=rf"in\.jsonl:{len(RECORDS) + 1}: .*{message}"):
        store.import_claims_jsonl(path)
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(claims)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(nodes)).scalar_one() == 0


def test_malformed_json_line_is_reported_with_its_number(store: Store, tmp_path: Path):
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"broken\.jsonl:2: malformed JSON"):
        store.import_claims_jsonl(path)


def test_quote_gets_offsets_when_the_document_text_is_stored(store: Store, tmp_path: Path):
    import hashlib

    from orbat.model import Document

    text = "The Desert Hawks Brigade was set up in 2013 by a businessman."
    data = text.encode()
    store.add_document(Document(name="sample_a", text=text, sha256=hashlib.sha256(data).hexdigest()), data)
    store.import_claims_jsonl(write(tmp_path, RECORDS[:4]))
    (c,) = store.claims(predicate="founded")
    ev = c.evidence[0]
    assert (ev.start, ev.end) == (text.index("set up"), text.index("set up") + len("set up in 2013"))
