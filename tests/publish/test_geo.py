"""Map data: places geocoded offline as an RFC 7946 FeatureCollection with their relations."""

from __future__ import annotations

import json

from orbat.publish.geo import places_geojson
from orbat.store import Store


def check_collection(fc: dict) -> None:
    assert fc["type"] == "FeatureCollection" and isinstance(fc["features"], list)
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f["properties"], dict)
    json.dumps(fc)  # serialisable


def test_corpus_places(published: Store):
    fc = places_geojson(published)
    check_collection(fc)
    by_id = {f["id"]: f for f in fc["features"]}
    damascus = by_id["damascus"]
    lon, lat = damascus["geometry"]["coordinates"]
    assert 36.0 < lon < 36.6 and 33.3 < lat < 33.7
    assert damascus["properties"]["relations"][0]["predicate"] == "headquarters"
    assert damascus["properties"]["groups"] == ["national_defense_forces"]
    tarkan = by_id["tarkan"]["properties"]  # not in the gazetteer: placed at its district
    assert tarkan["approximate"] and tarkan["via"]
    stored = {c.id for c in published.claims()}
    for f in fc["features"]:
        assert set(f["properties"]["claim_ids"]) <= stored
    ungeocoded = {u["name"] for u in fc["properties"]["ungeocoded"]}
    assert {"Tel Shaghib", "Issan"} <= ungeocoded
    assert not ungeocoded & {f["properties"]["name"] for f in fc["features"]}


def test_one_groups_places(published: Store):
    fc = places_geojson(published, "Liwa al-Baqir")
    check_collection(fc)
    assert fc["properties"]["entity"] == "liwa_al_baqir"
    names = {f["properties"]["name"] for f in fc["features"]}
    assert {"Tarkan", "Deir ez-Zor"} <= names
    for f in fc["features"]:
        for rel in f["properties"]["relations"]:
            assert rel["subject"] == "liwa_al_baqir"
    deir = next(f for f in fc["features"] if f["properties"]["name"] == "Deir ez-Zor")
    rel = deir["properties"]["relations"][0]
    assert (rel["predicate"], rel["start"], rel["end"]) == ("operates_in", "2015", "2020")
