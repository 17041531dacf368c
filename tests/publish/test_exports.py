"""Every export format, checked with its ecosystem's own validator."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
from followthemoney import model

from orbat.errors import OrbatError
from orbat.publish.exports import BINARY_EXPORTERS, EXPORTERS, export, export_binary
from orbat.publish.exports.stix import confidence
from orbat.store import Store


def run(store: Store, fmt: str, entity: str | None = None) -> str:
    buf = io.StringIO()
    n = export(store, fmt, buf, entity=entity)
    assert n > 0
    return buf.getvalue()


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_text_format_writes_something_for_one_entity(published: Store, fmt: str):
    assert run(published, fmt, entity="liwa_al_baqir").strip()


def test_ftm_entities_validate_with_followthemoney(published: Store):
    lines = run(published, "ftm").splitlines()
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    for p in proxies:
        p.schema.validate(p.to_dict())
        assert all(p.has(r) for r in p.schema.required), (p.schema.name, p.id)
    schemata = {p.schema.name for p in proxies}
    assert {
        "Organization",
        "Person",
        "Directorship",
        "Membership",
        "UnknownLink",
        "Event",
        "Address",
        "Document",
    } <= schemata
    by_id = {p.id: p for p in proxies}
    baqir = next(p for p in proxies if "Liwa al-Baqir" in p.get("name", quiet=True))
    assert "لواء الباقر" in baqir.get("alias") and "mil" in baqir.get("topics")
    assert set(baqir.get("incorporationDate")) == {"2012", "2015"}
    assert any("“" in n for n in baqir.get("notes"))
    links = [p for p in proxies if p.schema.edge]
    for link in links:
        assert link.get("recordId") and link.get("proof") and link.get("description")
        for doc in link.get("proof"):
            assert by_id[doc].schema.name == "Document"
    leader = next(p for p in links if p.schema.name == "Directorship" and baqir.id in p.get("organization"))
    assert by_id[leader.get("director")[0]].get("name") == ["Khalid al-Hassan"]
    damascus = next(p for p in proxies if p.schema.name == "Address" and p.get("full") == ["Damascus"])
    assert damascus.get("latitude") and damascus.get("country") == ["sy"]


def test_stix_bundle_validates(published: Store):
    from stix2validator import ValidationOptions, validate_string

    text = run(published, "stix")
    result = validate_string(text, ValidationOptions(version="2.1"))
    results = result if isinstance(result, list) else [result]
    assert all(r.is_valid for r in results), [str(e) for r in results for e in r.errors][:5]
    bundle = json.loads(text)
    objects = bundle["objects"]
    types = {o["type"] for o in objects}
    assert {"identity", "threat-actor", "location", "relationship", "report", "note", "campaign"} <= types
    by_id = {o["id"]: o for o in objects}
    rel_types = {o["relationship_type"] for o in objects if o["type"] == "relationship"}
    assert {"attributed-to", "located-at", "related-to"} <= rel_types
    for o in objects:
        for key in ("source_ref", "target_ref", "created_by_ref"):
            if key in o:
                assert o[key] in by_id, (o["id"], key)
        for ref in o.get("object_refs", []):
            assert ref in by_id
    baqir = next(o for o in objects if o["type"] == "threat-actor" and o["name"] == "Liwa al-Baqir")
    assert "لواء الباقر" in baqir["aliases"]
    notes = [o for o in objects if o["type"] == "note"]
    quotes = {ev.quote for c in published.claims() for ev in c.evidence}
    assert quotes <= {n["content"] for n in notes}
    reports = [o for o in objects if o["type"] == "report"]
    assert len(reports) == 9 and all(r["object_refs"] for r in reports)
    individuals = {
        o["name"] for o in objects if o["type"] == "identity" and o["identity_class"] == "individual"
    }
    assert "Khalid al-Hassan" in individuals
    assert any("latitude" in o for o in objects if o["type"] == "location")
    confidences = {o.get("confidence") for o in objects if o["type"] == "relationship"}
    assert confidences <= {95, 75, 50, 25, 10, None} and confidences - {None}
    assert run(published, "stix") == text  # deterministic


def test_confidence_scale():
    assert [confidence(c) for c in (1, 2, 3, 4, 5, 6, None)] == [95, 75, 50, 25, 10, None, None]


def test_csv_formats(published: Store):
    claims = list(csv.DictReader(io.StringIO(run(published, "csv-claims"))))
    assert len(claims) == len(published.claims(include_rejected=False))
    assert {"id", "subject", "predicate", "hedge", "quote"} <= set(claims[0])
    entities = list(csv.DictReader(io.StringIO(run(published, "csv-entities"))))
    assert any(r["name"] == "Liwa al-Baqir" and "لواء الباقر" in r["aliases"] for r in entities)
    buf = io.BytesIO()
    assert export_binary(published, "csv", buf) > 0
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        assert sorted(z.namelist()) == ["claims.csv", "entities.csv", "evidence.csv"]
        evidence = list(csv.DictReader(io.TextIOWrapper(z.open("evidence.csv"), encoding="utf-8")))
        assert evidence and all(r["quote"] for r in evidence)
    with pytest.raises(OrbatError, match="binary"):
        export(published, "csv", io.StringIO())
    assert "csv" in BINARY_EXPORTERS


def test_jsonl_graph_and_geojson_exports(published: Store):
    records = [json.loads(x) for x in run(published, "jsonl").splitlines()]
    baqir = next(r for r in records if r["id"] == "liwa_al_baqir")
    assert baqir["claims"] and all(c["subject"] == "liwa_al_baqir" for c in baqir["claims"])
    assert all(c["object"] == {"entity": "liwa_al_baqir"} for c in baqir["as_object"])
    g = nx.read_graphml(io.BytesIO(run(published, "graphml").encode()), force_multigraph=True)
    assert "liwa_al_baqir" in g
    g = nx.read_gexf(io.BytesIO(run(published, "gexf", entity="liwa_al_baqir").encode()))
    assert "khalid_al_hassan" in g and "katibat_al_nayrab" not in g
    fc = json.loads(run(published, "geojson"))
    assert fc["type"] == "FeatureCollection" and fc["features"]
    graph = json.loads(run(published, "graph-json"))
    assert graph["nodes"] and graph["edges"]


def test_unknown_format(published: Store):
    with pytest.raises(OrbatError, match="unknown export format"):
        export(published, "xlsx", io.StringIO())
