"""The planted disagreements of the sample corpus (examples/README.md) come out in their classes.

The store is built as an analyst would have it: the nine sample documents with
their metadata (publisher, date, source kind, stance), then the expected
claims of examples/expected_claims.jsonl imported on top of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from orbat.model import Document
from orbat.reconcile import ClaimGroup, GroupClass, conflicts, reconcile
from orbat.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
G = GroupClass


def document_metadata(path: Path) -> tuple[dict[str, Any], str]:
    """Front matter (Markdown), a sidecar .meta.yaml (text) or <meta> tags (HTML)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md" and text.startswith("---"):
        return yaml.safe_load(text.split("---", 2)[1]), text
    sidecar = path.with_suffix(".meta.yaml")
    if sidecar.exists():
        return yaml.safe_load(sidecar.read_text(encoding="utf-8")), text
    metas = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', text))
    return {
        "publisher": metas.get("og:site_name"),
        "date": metas.get("article:published_time", "")[:10] or None,
        "source_kind": metas.get("orbat:source_kind"),
        "stance": metas.get("orbat:stance"),
    }, text


def build_sample_store(store: Store) -> None:
    for path in sorted((EXAMPLES / "corpus").iterdir()):
        if path.name.endswith(".meta.yaml"):
            continue
        meta, text = document_metadata(path)
        doc = Document(
            name=path.stem,
            text=text,
            publisher=meta.get("publisher"),
            published=str(meta["date"])[:10] if meta.get("date") else None,
            source_kind=meta.get("source_kind") or "other",
            stance=meta.get("stance"),
        )
        store.add_document(doc, text.encode("utf-8"))
    store.import_claims_jsonl(EXAMPLES / "expected_claims.jsonl")


@pytest.fixture(scope="module")
def groups(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], ClaimGroup]]:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('sample') / 'kb.db'}", create=True)
    try:
        build_sample_store(store)
        found = reconcile(store.claims(include_rejected=False), store.source_grades())
        yield {(g.subject or "", g.predicate): g for g in found}
    finally:
        store.close()


# (subject, predicate, main class, other classes that must be there too) — examples/README.md
PLANTED = [
    ("liwa_al_baqir", "founded", G.CONTRADICTION, set()),  # 1. 2012 (its own claim) vs 2015
    ("national_defense_forces", "size", G.CHANGE_OVER_TIME, set()),  # 2. 60,000 → 100,000 → 50,000
    ("local_defence_forces", "size", G.DOUBTED, set()),  # 3. the 50,000 "obvious exaggeration"
    ("national_defense_forces", "founded", G.CONTRADICTION, set()),  # 4. 1 Nov 2012 vs 2013
    ("muhammad_al_baqir", "position", G.CONTRADICTION, set()),  # 5. fifth vs fourth imam
    ("liwa_al_baqir", "named_after", G.AGREEMENT, set()),  # 5. the eponym itself agrees
    ("liwa_al_baqir", "casualties", G.CONTRADICTION, {G.CHANGE_OVER_TIME}),  # 6. ~300 then 246
    ("aleppo_baath_battalions", "participated_in", G.DOUBTED, set()),  # 7. Hilal Hilal's mid-2012
    ("liwa_al_baqir", "size", G.CONTRADICTION, set()),  # 8. ~2,000 vs ~3,000, no common date
]

CONTROLS = [
    ("liwa_al_baqir", "headquarters"),
    ("liwa_al_baqir", "leader"),
    ("national_defense_forces", "dissolved"),
    ("latakia_baath_battalions", "founded"),
    ("mhardeh_ndf", "accused_of"),
]


@pytest.mark.parametrize(("subject", "predicate", "main", "also"), PLANTED)
def test_planted_disagreements_are_classified(
    groups: dict[tuple[str, str], ClaimGroup], subject: str, predicate: str, main: GroupClass, also: set
):
    group = groups[(subject, predicate)]
    assert group.kind is main, (group.kind, sorted(group.classes))
    assert also <= group.classes


def test_the_weaker_side_loses(groups: dict[tuple[str, str], ClaimGroup]):
    imam = groups[("muhammad_al_baqir", "position")]
    assert imam.best is not None and imam.best.display.startswith("fifth")
    assert [v.display for v in imam.rivals] == ["fourth Shia imam"]
    ldf = groups[("local_defence_forces", "size")]
    assert ldf.best is not None and ldf.best.display == "about 8,000–12,000 fighters"  # the surviving side
    assert ldf.rivals[0].display == "50,000 fighters" and ldf.rivals[0].disputed
    ndf = groups[("national_defense_forces", "founded")]
    assert ndf.best is not None and ndf.best.display == "2012" and ndf.best.independent == 3
    series = [c.claim.object_text for c in groups[("national_defense_forces", "size")].series()]
    assert series == ["60,000 fighters", "100,000 fighters", "50,000 fighters"]


@pytest.mark.parametrize(("subject", "predicate"), CONTROLS)
def test_controls_reconcile_cleanly(groups: dict[tuple[str, str], ClaimGroup], subject: str, predicate: str):
    group = groups[(subject, predicate)]
    assert group.kind is G.AGREEMENT and len(group.values) == 1 and not group.is_conflict


def test_controls_with_several_values_agree_on_the_planted_value(groups: dict[tuple[str, str], ClaimGroup]):
    supported = groups[("national_defense_forces", "supported_by")]
    soleimani = next(v for v in supported.values if v.display == "Qasem Soleimani")
    assert soleimani.support is G.AGREEMENT and not supported.is_conflict
    # the salary comes from alSouria.net through two documents: one independent source, no conflict
    salary = groups[("liwa_al_baqir", "salary")]
    assert salary.kind is G.SINGLE and len(salary.claims) == 2 and salary.values[0].independent == 1


def test_exactly_the_expected_conflicts(groups: dict[tuple[str, str], ClaimGroup]):
    found = {(g.subject, g.predicate) for g in conflicts(groups.values())}
    assert found == {
        ("liwa_al_baqir", "founded"),
        ("local_defence_forces", "size"),
        ("national_defense_forces", "founded"),
        ("muhammad_al_baqir", "position"),
        ("liwa_al_baqir", "casualties"),
        ("aleppo_baath_battalions", "participated_in"),
        ("liwa_al_baqir", "size"),
        # "did not actually hold the line alone": the author disputes an affiliated claim
        ("latakia_ndf", "activity"),
    }
    assert not any(g.issues for g in groups.values())  # nobody is active after their death


def test_on_every_backend(store: Store):
    build_sample_store(store)
    found = reconcile(store.claims(entity="liwa_al_baqir", include_rejected=False), store.source_grades())
    kinds = {g.predicate: g.kind for g in found}
    assert kinds["founded"] is G.CONTRADICTION and kinds["headquarters"] is G.AGREEMENT
