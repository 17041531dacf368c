"""The HTTP API over a real store (SQLite, and PostgreSQL when configured): reads, writes, roles, CSRF."""

from __future__ import annotations

from fastapi.testclient import TestClient

from orbat.store import Store
from tests.web.conftest import Client


def test_health_is_public_and_counts_entities(anon: TestClient, kb: Store):
    r = anon.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json()["entities"] == len(kb.list_entities()) > 10


def test_anonymous_api_calls_get_401(anon: TestClient):
    for url in ("/api/v1/entities", "/api/v1/claims", "/api/v1/search?q=NDF", "/api/v1/me"):
        r = anon.get(url)
        assert r.status_code == 401, url
        assert r.headers["www-authenticate"] == "Bearer"


def test_documents_list_and_one_document_with_text_and_claims(viewer: Client):
    docs = viewer.http.get("/api/v1/documents").json()
    names = {d["name"] for d in docs}
    assert {"ndf_encyclopedia", "liwa_al_baqir_opposition"} <= names
    d = viewer.http.get("/api/v1/documents/liwa_al_baqir_opposition").json()
    assert d["text"] and d["claims"]
    for c in d["claims"]:
        for ev in c["evidence"]:
            if ev["start"] is not None:
                assert d["text"][ev["start"] : ev["end"]] == ev["quote"]
                assert ev["href"] == f"/documents/liwa_al_baqir_opposition#q-{ev['start']}-{ev['end']}"
    assert viewer.http.get("/api/v1/documents/no_such_doc").status_code == 404


def test_original_bytes_download_as_attachment(viewer: Client):
    r = viewer.http.get("/api/v1/documents/ndf_encyclopedia/original")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.content.startswith(b"---")  # the original bytes, front matter included


def test_entities_and_entity_grouped_by_property_with_conflicts(viewer: Client):
    ents = viewer.http.get("/api/v1/entities", params={"type": "armed_group"}).json()
    assert ents and all(e["type"] == "armed_group" for e in ents)
    assert viewer.http.get("/api/v1/entities", params={"type": "spaceship"}).status_code == 422
    e = viewer.http.get("/api/v1/entities/liwa_al_baqir").json()
    assert e["name"] == "Liwa al-Baqir"
    founded = next(p for p in e["properties"] if p["predicate"] == "founded")
    assert founded["conflict"] is True and founded["class"] == "contradiction"
    assert {c["object"]["date"] for c in founded["claims"]} >= {"2012", "2015"}
    assert e["footnotes"] and all(f["href"].startswith("/documents/") for f in e["footnotes"])
    assert viewer.http.get("/api/v1/entities/nobody").status_code == 404


def test_claims_filters(viewer: Client):
    all_claims = viewer.http.get("/api/v1/claims", params={"limit": 1000}).json()
    assert len(all_claims) > 50
    founded = viewer.http.get("/api/v1/claims", params={"predicate": "founded", "limit": 1000}).json()
    assert founded and all(c["predicate"] == "founded" for c in founded)
    of_one = viewer.http.get("/api/v1/claims", params={"entity": "liwa_al_baqir"}).json()
    assert of_one and all(c["subject"] == "liwa_al_baqir" for c in of_one)
    by_doc = viewer.http.get("/api/v1/claims", params={"document": "ndf_dissolution"}).json()
    assert by_doc and all(c["document"] == "ndf_dissolution" for c in by_doc)
    assert viewer.http.get("/api/v1/claims", params={"status": "bogus"}).status_code == 422
    one = viewer.http.get(f"/api/v1/claims/{founded[0]['id']}").json()
    assert one["id"] == founded[0]["id"] and one["audit"] == []


def test_conflicts_lists_the_planted_disagreements(viewer: Client):
    page = viewer.http.get("/api/v1/conflicts", params={"limit": 200}).json()
    groups = page["conflicts"]
    pairs = {(g["subject"], g["predicate"]) for g in groups}
    assert ("liwa_al_baqir", "founded") in pairs
    assert ("national_defense_forces", "founded") in pairs
    assert all(g["conflict"] for g in groups)
    assert page["next"] is None and page["candidates"] >= len(groups)
    founded = viewer.http.get("/api/v1/conflicts", params={"predicate": "founded"}).json()["conflicts"]
    assert founded and {g["predicate"] for g in founded} == {"founded"}
    assert viewer.http.get("/api/v1/conflicts", params={"predicate": "nonsense"}).status_code == 422


def test_conflicts_come_a_page_at_a_time(viewer: Client):
    """Pages follow one another without gaps or repeats, and together give every conflict."""
    everything = viewer.http.get("/api/v1/conflicts", params={"limit": 200}).json()["conflicts"]
    seen: list[tuple[str, str]] = []
    start: int | None = 0
    while start is not None:
        page = viewer.http.get("/api/v1/conflicts", params={"start": start, "limit": 2}).json()
        assert len(page["conflicts"]) <= 2
        seen += [(g["subject"], g["predicate"]) for g in page["conflicts"]]
        assert page["next"] is None or page["next"] > start
        start = page["next"]
    assert seen == [(g["subject"], g["predicate"]) for g in everything]
    assert len(set(seen)) == len(seen) >= 4


def test_conflict_candidates_come_from_the_covering_index(kb: Store):
    """Only (subject, predicate) groups with two or more claims are reconciled; the store finds
    them by grouping on its (subject_entity, predicate) index."""
    groups = kb.claim_groups()
    assert groups and all(g.claims >= 2 for g in groups)
    singles = {(c.subject, c.predicate) for c in kb.claims()} - {(g.subject, g.predicate) for g in groups}
    assert singles  # most properties have one claim: never reconciled for the conflicts page
    if kb.dialect == "sqlite":
        with kb.reading() as conn:
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT subject_entity, predicate, count(*) FROM claims "
                    "WHERE subject_entity IS NOT NULL GROUP BY subject_entity, predicate HAVING count(*) >= 2"
                )
            )
        assert "COVERING INDEX ix_claims_subject_pred" in plan


def test_search_matches_hyphen_and_apostrophe_variants(viewer: Client):
    a = viewer.http.get("/api/v1/search", params={"q": "al-Baqir"}).json()
    b = viewer.http.get("/api/v1/search", params={"q": "al Baqir"}).json()
    assert [e["id"] for e in a["entities"]] == [e["id"] for e in b["entities"]]
    assert "liwa_al_baqir" in [e["id"] for e in a["entities"]]
    assert a["documents"] and a["claims"]
    k1 = viewer.http.get("/api/v1/search", params={"q": "Kata'ib"}).json()
    k2 = viewer.http.get("/api/v1/search", params={"q": "Kataib"}).json()
    assert [e["id"] for e in k1["entities"]] == [e["id"] for e in k2["entities"]] != []
    filtered = viewer.http.get("/api/v1/search", params={"q": "Baqir", "type": "person"}).json()
    assert filtered["entities"] and all(e["type"] == "person" for e in filtered["entities"])
    by_pred = viewer.http.get("/api/v1/search", params={"q": "Tarkan", "predicate": "headquarters"}).json()
    assert by_pred["claims"] and all(c["predicate"] == "headquarters" for c in by_pred["claims"])
    dated = viewer.http.get("/api/v1/search", params={"q": "Baqir", "from": "2016", "to": "2016"}).json()
    assert all(c["sort_date"] and c["sort_date"].startswith("2016") for c in dated["claims"])
    src = viewer.http.get(
        "/api/v1/search", params={"q": "Baqir", "source": "liwa_al_baqir_opposition"}
    ).json()
    assert src["documents"] and {d["name"] for d in src["documents"]} == {"liwa_al_baqir_opposition"}
    assert all(c["document"] == "liwa_al_baqir_opposition" for c in src["claims"])
    assert viewer.http.get("/api/v1/search", params={"q": "x", "from": "yesterday"}).status_code == 422


def test_graph_timeline_and_map(viewer: Client):
    g = viewer.http.get("/api/v1/graph").json()
    nodes = {n["data"]["id"] for n in g["elements"]["nodes"]}
    assert g["elements"]["edges"]
    for e in g["elements"]["edges"]:
        assert e["data"]["source"] in nodes and e["data"]["target"] in nodes
    leaders = viewer.http.get("/api/v1/graph", params={"predicate": "leader"}).json()
    assert leaders["elements"]["edges"] and {
        e["data"]["predicate"] for e in leaders["elements"]["edges"]
    } == {"leader"}
    assert viewer.http.get("/api/v1/graph", params={"predicate": "nonsense"}).status_code == 422
    assert all(n["data"]["href"] == "/entities/" + n["data"]["id"] for n in g["elements"]["nodes"])
    assert "leader" in g["predicates"]
    t = viewer.http.get("/api/v1/timeline", params={"entity": "national_defense_forces"}).json()
    starts = [i["start"] for i in t["items"]]
    assert starts and starts == sorted(starts) and t["total"] == len(starts)
    assert all(i["source"].startswith("/documents/") and "#q-" in i["source"] for i in t["items"])
    assert all(i["text"] and i["href"] for i in t["items"])
    two = viewer.http.get(
        "/api/v1/timeline", params={"entity": "national_defense_forces", "offset": 1, "limit": 2}
    ).json()
    assert [i["claim_ids"] for i in two["items"]] == [i["claim_ids"] for i in t["items"][1:3]]
    m = viewer.http.get("/api/v1/map").json()
    assert m["type"] == "FeatureCollection" and m["features"]
    aleppo = [f for f in m["features"] if f["properties"]["name"] == "Aleppo"]
    assert aleppo and aleppo[0]["properties"]["relations"]
    assert aleppo[0]["properties"]["href"] == "/entities/" + aleppo[0]["properties"]["id"]
    lon, lat = aleppo[0]["geometry"]["coordinates"]
    assert 36.5 < lon < 37.5 and 35.8 < lat < 36.6  # the city of Aleppo


def test_viewer_cannot_write(viewer: Client, kb: Store):
    claim = kb.claims(status="proposed", limit=1)[0]
    r = viewer.post(f"/api/v1/claims/{claim.id}/review", json={"expected_version": 1, "status": "accepted"})
    assert r.status_code == 403
    assert (
        viewer.post("/api/v1/merges", json={"action": "merge", "left": "a", "right": "b"}).status_code == 403
    )
    assert viewer.http.get("/api/v1/users").status_code == 403
    assert kb.get_claim(claim.id).status == "proposed"


def test_review_accepts_and_rejects_with_optimistic_locking_and_audit(analyst: Client, kb: Store):
    a, b = kb.claims(status="proposed", limit=2)
    r = analyst.post(
        f"/api/v1/claims/{a.id}/review", json={"expected_version": a.row_version, "status": "accepted"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted" and r.json()["updated_by"] == "ana"
    stale = analyst.post(
        f"/api/v1/claims/{a.id}/review", json={"expected_version": a.row_version, "status": "rejected"}
    )
    assert stale.status_code == 409
    assert kb.get_claim(a.id).status == "accepted"
    r = analyst.post(
        f"/api/v1/claims/{b.id}/review",
        json={"expected_version": b.row_version, "status": "rejected", "reason": "misread"},
    )
    assert r.json()["status"] == "rejected"
    trail = analyst.http.get(f"/api/v1/claims/{b.id}").json()["audit"]
    assert trail[0]["user"] == "ana" and trail[0]["action"] == "review" and trail[0]["reason"] == "misread"
    need_reason = analyst.post(
        f"/api/v1/claims/{b.id}/review", json={"expected_version": b.row_version + 1, "rank": "preferred"}
    )
    assert need_reason.status_code == 422


def test_state_changes_need_the_csrf_token_with_a_session(analyst: Client, kb: Store):
    claim = kb.claims(status="proposed", limit=1)[0]
    body = {"expected_version": claim.row_version, "status": "accepted"}
    missing = analyst.http.post(f"/api/v1/claims/{claim.id}/review", json=body)
    wrong = analyst.http.post(
        f"/api/v1/claims/{claim.id}/review", json=body, headers={"X-CSRF-Token": "nope"}
    )
    assert missing.status_code == 403 and wrong.status_code == 403
    assert "CSRF" in missing.json()["detail"]
    assert kb.get_claim(claim.id).status == "proposed"


def test_api_tokens_work_without_csrf_and_bad_tokens_are_refused(app, kb: Store):  # type: ignore[no-untyped-def]
    token = kb.new_api_token("ana", label="script")
    claim = kb.claims(status="proposed", limit=1)[0]
    with TestClient(app) as http:
        auth = {"Authorization": f"Bearer {token}"}
        assert http.get("/api/v1/me", headers=auth).json()["name"] == "ana"
        r = http.post(
            f"/api/v1/claims/{claim.id}/review",
            json={"expected_version": claim.row_version, "status": "accepted"},
            headers=auth,
        )
        assert r.status_code == 200
        assert http.get("/api/v1/me", headers={"Authorization": "Bearer orbat_forged"}).status_code == 401
        kb.revoke_api_tokens("ana", by="adam")
        assert http.get("/api/v1/me", headers=auth).status_code == 401


def test_analyst_adds_own_claim_with_checked_evidence(analyst: Client, kb: Store):
    doc = kb.get_document("liwa_al_baqir_opposition")
    at = doc.text.index("Tarkan")
    body = {
        "subject": "liwa_al_baqir",
        "predicate": "headquarters",
        "object": {"entity": "tarkan"},
        "qualifiers": {"as_of": "2016"},
        "document": "liwa_al_baqir_opposition",
        "start": at,
        "end": at + len("Tarkan"),
        "reason": "read it myself",
    }
    r = analyst.post("/api/v1/claims", json=body)
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["status"] == "accepted" and c["origin"] == "analyst:ana"
    assert c["evidence"][0]["quote"] == "Tarkan"
    assert analyst.post("/api/v1/claims", json=body).status_code == 409  # the same claim twice
    outside = {**body, "start": 10**7, "end": 10**7 + 3}
    assert analyst.post("/api/v1/claims", json=outside).status_code == 422
    no_evidence = {k: v for k, v in body.items() if k not in ("document", "start", "end")}
    assert analyst.post("/api/v1/claims", json=no_evidence).status_code == 422
    bad_pred = {**body, "predicate": "likes"}
    assert analyst.post("/api/v1/claims", json=bad_pred).status_code == 422


def test_merge_then_undo_re_resolves(analyst: Client, kb: Store):
    before = len(kb.list_entities())
    r = analyst.post(
        "/api/v1/merges",
        json={"action": "merge", "left": "latakia_ndf", "right": "homs_ndf", "reason": "test"},
    )
    assert r.status_code == 201, r.text
    decision = r.json()["decision"]
    assert len(kb.list_entities()) == before - 1
    assert analyst.http.get("/api/v1/decisions").json()[0]["decision"] == decision
    undo = analyst.post(f"/api/v1/merges/{decision}/undo", json={"reason": "wrong"})
    assert undo.status_code == 200
    assert len(kb.list_entities()) == before
    assert analyst.post(f"/api/v1/merges/{decision}/undo", json={}).status_code == 404
    same = analyst.post("/api/v1/merges", json={"action": "merge", "left": "homs_ndf", "right": "homs_ndf"})
    assert same.status_code == 422
    cands = analyst.http.get("/api/v1/merge-candidates").json()
    assert isinstance(cands, list)


def test_split_moves_named_records_out(analyst: Client, kb: Store):
    r = analyst.post("/api/v1/merges", json={"action": "merge", "left": "latakia_ndf", "right": "homs_ndf"})
    merged_id = next(e.id for e in kb.list_entities() if e.id in ("latakia_ndf", "homs_ndf"))
    assert r.status_code == 201
    r = analyst.post(
        "/api/v1/merges",
        json={"action": "split", "left": merged_id, "names": ["Homs NDF"], "reason": "two branches"},
    )
    assert r.status_code == 201, r.text
    ids = {e.id for e in kb.list_entities()}
    assert {"latakia_ndf", "homs_ndf"} <= ids


def test_admin_manages_users_tokens_and_grades(admin: Client, analyst: Client, kb: Store):
    r = admin.post("/api/v1/users", json={"name": "zoe", "role": "viewer", "password": "zoe-pass-123"})
    assert r.status_code == 201
    assert (
        admin.post(
            "/api/v1/users", json={"name": "zoe", "role": "viewer", "password": "zoe-pass-123"}
        ).status_code
        == 409
    )
    assert admin.post("/api/v1/users/zoe", json={"role": "analyst"}).json()["role"] == "analyst"
    tok = admin.post("/api/v1/users/zoe/tokens", json={"label": "x"}).json()["token"]
    assert kb.user_for_token(tok).name == "zoe"
    g = admin.post(
        "/api/v1/documents/ndf_dissolution/grade", json={"reliability": "B", "stance": "independent"}
    )
    assert g.status_code == 200 and g.json()["reliability"] == "B"
    assert (
        admin.post("/api/v1/documents/ndf_dissolution/grade", json={"stance": "nonsense"}).status_code == 422
    )
    assert (
        analyst.post(
            "/api/v1/users", json={"name": "eve", "role": "admin", "password": "eve-pass-123"}
        ).status_code
        == 403
    )
    assert (
        analyst.post("/api/v1/documents/ndf_dissolution/grade", json={"reliability": "F"}).status_code == 403
    )
    users = {u["name"]: u["role"] for u in admin.http.get("/api/v1/users").json()}
    assert users["zoe"] == "analyst" and "eve" not in users


def test_graph_relations_holding_at_a_date(viewer: Client):
    every = viewer.http.get("/api/v1/graph").json()["elements"]["edges"]
    then = viewer.http.get("/api/v1/graph", params={"date": "2013"}).json()["elements"]["edges"]
    assert 0 < len(then) < len(every)
    for e in then:  # nothing that started after 2013 or ended before it
        d = e["data"]
        assert not (d.get("start") and d["start"][:4] > "2013"), d
        assert not (d.get("end") and d["end"][:4] < "2013"), d
    around = viewer.http.get("/api/v1/graph", params={"entity": "liwa_al_baqir"}).json()
    ids = {n["data"]["id"] for n in around["elements"]["nodes"]}
    assert "liwa_al_baqir" in ids and around["focus"] == "liwa_al_baqir"
    assert len(ids) < len(
        {n["data"]["id"] for n in viewer.http.get("/api/v1/graph").json()["elements"]["nodes"]}
    )


def test_entities_a_page_at_a_time_and_as_you_type(viewer: Client, kb: Store):
    first = viewer.http.get("/api/v1/entities", params={"limit": 5})
    total = int(first.headers["X-Total-Count"])
    assert total == sum(kb.entity_type_counts().values()) > 10 and len(first.json()) == 5
    second = viewer.http.get("/api/v1/entities", params={"limit": 5, "offset": 5}).json()
    assert not {e["id"] for e in first.json()} & {e["id"] for e in second}
    typed = viewer.http.get("/api/v1/entities", params={"q": "baq"}).json()
    assert "liwa_al_baqir" in [e["id"] for e in typed]
    assert all("baq" in (e["name"] + " ".join(a["name"] for a in e["aliases"])).casefold() for e in typed)
    places = viewer.http.get("/api/v1/entities", params={"q": "a", "type": "place"}).json()
    assert places and all(e["type"] == "place" for e in places)
    arabic = viewer.http.get("/api/v1/entities", params={"q": "الباقر"}).json()  # an alias, in Arabic script
    assert "liwa_al_baqir" in [e["id"] for e in arabic]
    assert viewer.http.get("/api/v1/entities", params={"q": "100%_"}).json() == []


def test_entity_carries_the_published_profile(viewer: Client):
    e = viewer.http.get("/api/v1/entities/liwa_al_baqir").json()
    assert [s["key"] for s in e["sections"]][:1] and any(s["key"] == "history" for s in e["sections"])
    labels = {r["label"] for r in e["infobox"]}
    assert {"Active", "Headquarters"} <= labels
    numbers = [f["number"] for f in e["footnotes"]]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {n for s in e["sections"] for st in s["statements"] for n in st["notes"]}
    cited |= {n for p in e["properties"] for c in p["claims"] for n in c["notes"]}
    assert cited == set(numbers)  # one numbering for the profile and the claim tables


def test_publisher_grades(admin: Client, analyst: Client, kb: Store):
    r = admin.post("/api/v1/publishers/Sample Levant Wire/grade", json={"reliability": "D", "reason": "test"})
    assert r.status_code == 200, r.text
    assert r.json()["reliability"] == "D"
    assert kb.publisher_grades()["Sample Levant Wire"].reliability == "D"
    rows = {p["name"]: p for p in admin.http.get("/api/v1/publishers").json()}
    assert rows["Sample Levant Wire"]["reliability"] == "D" and rows["Sample Levant Wire"]["documents"] >= 1
    assert admin.post("/api/v1/publishers/x/grade", json={"stance": "nonsense"}).status_code == 422
    assert admin.post("/api/v1/publishers/x/grade", json={}).status_code == 422
    assert analyst.post("/api/v1/publishers/x/grade", json={"reliability": "A"}).status_code == 403
    for _ in range(2):  # a name the database's lower() leaves alone is found again, not inserted twice
        again = admin.post("/api/v1/publishers/Ùlkü Press/grade", json={"reliability": "C"})
        assert again.status_code == 200, again.text
    assert admin.post("/api/v1/publishers/bad%06name/grade", json={"reliability": "C"}).status_code == 422
