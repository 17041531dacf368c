"""Reconciliation on the gold annotations of the three shared corpus documents.

The gold files are turned into claims-jsonl records (entities from their
names, claims with ``doc`` = the gold document id) and imported into a store.
The expectations below come from our own reading of the three documents:

- 000 (the Latakia militias essay): the Aleppo Baath Battalions' start in
  mid-2012 rests on their commander's word and is contested by the author;
  the Latakia battalions' dead are counted at different dates (four in late
  2012/early 2013, fourteen by 2014); their first leader's command ends with
  his death in April 2014, which must not be flagged.
- 001 (the Local Defence Forces article): the 50,000 figure the author calls
  an exaggeration; Liwa al-Baqir's dead counted by the brigade in March 2016
  and by alSouria.net's sources up to January 2016; its leader named by the
  author, a ministry document and alSouria.net alike; the death of the
  leader's brother in March 2016 per two claimants.
- 004 (the NDF encyclopedia article): formed on 1 November 2012, yet also
  dated to the beginning of 2013; strength of 60,000 and 100,000 in 2013 and
  50,000 in 2023; dissolved in 2024, on 8 December (the same date, refined).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from orbat.errors import OrbatError
from orbat.model import VOCABULARY, Claim, Qualifiers, object_from_json
from orbat.reconcile import ClaimGroup, GroupClass, conflicts, reconcile
from orbat.store import Store

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(os.environ.get("ORBAT_SHARED", ROOT.parent / "shared")) / "gold"
G = GroupClass

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason=f"no gold annotations at {GOLD}")


def gold_records(gold: Path) -> tuple[list[dict[str, Any]], int]:
    """claims-jsonl records from the gold files; and how many gold claims did not fit the model."""
    entities: dict[str, dict[str, Any]] = {}
    claims: list[dict[str, Any]] = []
    skipped = 0
    for path in sorted(gold.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        for e in g["entities"]:
            names = [n for n in e.get("names") or [] if n.strip()] or [e["id"]]
            known = entities.setdefault(
                e["id"], {"kind": "entity", "id": e["id"], "type": e["type"], "names": []}
            )
            known["names"] = list(dict.fromkeys([*known["names"], *names]))
        for c in g["claims"]:
            try:
                predicate, _ = VOCABULARY.canonical_predicate(c["predicate"])
                allowed = VOCABULARY.predicate(predicate).qualifiers | {"claimed_by", "hedge"}
                quals = {k: v for k, v in (c.get("qualifiers") or {}).items() if k in allowed}
                # validate as the importer will, so that one odd gold line cannot fail the import
                Claim(c["subject"], predicate, object_from_json(c["object"]), Qualifiers.from_json(quals))
            except (OrbatError, KeyError, TypeError):
                skipped += 1
                continue
            record = {
                "kind": "claim",
                "doc": g["doc"],
                "subject": c["subject"],
                "predicate": c["predicate"],
                "object": c["object"],
                "qualifiers": quals,
                "quote": c.get("quote"),
            }
            claims.append(record)
    ents = [
        {"kind": "entity", "id": e["id"], "type": e["type"], "name": e["names"][0], "aliases": e["names"][1:]}
        for e in entities.values()
    ]
    ids = set(entities)
    kept = [
        c
        for c in claims
        if c["subject"] in ids and ("entity" not in c["object"] or c["object"]["entity"] in ids)
    ]
    return ents + kept, skipped + len(claims) - len(kept)


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], ClaimGroup]]:
    records, skipped = gold_records(GOLD)
    assert skipped <= 0.05 * len(records)  # the gold fits the model almost entirely
    tmp = tmp_path_factory.mktemp("gold")
    path = tmp / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    store = Store.open(f"sqlite:///{tmp / 'kb.db'}", create=True)
    try:
        store.import_claims_jsonl(path)
        found = reconcile(store.claims(include_rejected=False), store.source_grades())
        yield {(g.subject or "", g.predicate): g for g in found}
    finally:
        store.close()


EXPECTED = [
    ("local_defence_forces", "size", G.DOUBTED),  # "an obvious exaggeration"
    ("liwa_al_baqir", "casualties", G.CHANGE_OVER_TIME),  # different claimants, different dates
    ("national_defense_forces", "founded", G.CONTRADICTION),  # 1 November 2012 vs 2013
    ("national_defense_forces", "size", G.CHANGE_OVER_TIME),  # 2013 figures vs 2023
    ("aleppo_baath_battalions", "participated_in", G.DOUBTED),  # Hilal Hilal's account contested
    ("latakia_baath_battalions", "casualties", G.CHANGE_OVER_TIME),  # four, then fourteen
    ("liwa_al_baqir", "leader", G.AGREEMENT),  # Khalid al-Hassan, three sources
    ("khalid_al_hassan_brother", "died", G.AGREEMENT),  # March 2016, two claimants
]


@pytest.mark.parametrize(("subject", "predicate", "cls"), EXPECTED)
def test_expected_classes(
    groups: dict[tuple[str, str], ClaimGroup], subject: str, predicate: str, cls: GroupClass
):
    group = groups[(subject, predicate)]
    assert cls in group.classes, (subject, predicate, sorted(group.classes))


def test_refined_dates_are_one_value(groups: dict[tuple[str, str], ClaimGroup]):
    dissolved = groups[("national_defense_forces", "dissolved")]
    assert len(dissolved.values) == 1 and not dissolved.is_conflict  # 2024 and 2024-12-08


def test_no_one_is_active_after_death(groups: dict[tuple[str, str], ClaimGroup]):
    # Khadra's command ends with his death in April 2014; the martyrs of late 2012 were members until then
    assert [g for g in groups.values() if g.issues] == []
    assert ("hossam_ibrahim_khadra", "died") in groups


def test_conflicts_include_the_expected_ones(groups: dict[tuple[str, str], ClaimGroup]):
    found = {(g.subject, g.predicate) for g in conflicts(groups.values())}
    assert {
        ("local_defence_forces", "size"),
        ("national_defense_forces", "founded"),
        ("aleppo_baath_battalions", "participated_in"),
    } <= found
    assert ("national_defense_forces", "size") not in found  # a series, not a conflict
