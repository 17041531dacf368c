"""Profiles from the shared corpus's gold annotations: every footnote resolves to a stored quote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from orbat.model import VOCABULARY, Document
from orbat.publish.profiles import build_profile
from orbat.publish.render_html import render_html
from orbat.publish.render_md import render_markdown
from orbat.store import Store
from tests.conftest import SHARED
from tests.publish.test_profiles import assert_footnotes_resolve

GOLD = SHARED / "gold"


def short_id(ident: str) -> str:
    """Gold ids can be longer than the store's 64-character ids (PostgreSQL enforces it)."""
    if len(ident) <= 64:
        return ident
    return ident[:50] + "_" + hashlib.sha1(ident.encode("utf-8")).hexdigest()[:8]


def gold_to_claims_jsonl(gold_dir: Path, out: Path) -> int:
    """The gold files as one claims-jsonl file: entities merged by id across documents."""
    entities: dict[str, dict] = {}
    claims: list[dict] = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        doc = data.get("doc") or path.stem
        for e in data.get("entities", []):
            names = [n for n in e.get("names", []) if n.strip()]
            eid = short_id(e["id"])
            known = entities.setdefault(eid, {"kind": "entity", "id": eid, "type": e["type"], "names": []})
            known["names"] += [n for n in names if n not in known["names"]]
        for c in data.get("claims", []):
            # keep only the qualifiers our vocabulary takes for the predicate (gold is a little freer)
            pred, _ = VOCABULARY.canonical_predicate(c["predicate"])
            allowed = VOCABULARY.predicates[pred].qualifiers | {"claimed_by", "hedge"}
            qualifiers = {k: v for k, v in (c.get("qualifiers") or {}).items() if k in allowed}
            record = {
                "kind": "claim",
                "doc": doc,
                **c,
                "qualifiers": qualifiers,
                "subject": short_id(c["subject"]),
            }
            if "entity" in c["object"]:
                record["object"] = {"entity": short_id(c["object"]["entity"])}
            claims.append(record)
    lines = []
    for e in entities.values():
        names = e.pop("names") or [e["id"].replace("_", " ")]
        lines.append({**e, "name": names[0], "aliases": names[1:]})
    lines += claims
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return len(claims)


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"shared gold not found at {GOLD}")
def test_gold_profiles_cite_stored_quotes(store: Store, tmp_path: Path):
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        store.add_document(Document(name=path.stem, text=text), text.encode("utf-8"))
    records = tmp_path / "gold.jsonl"
    n = gold_to_claims_jsonl(GOLD, records)
    summary = store.import_claims_jsonl(records)
    assert summary.claims > 0.9 * n  # duplicates collapse
    located = [c for c in store.claims() if c.evidence and c.evidence[0].start is not None]
    assert len(located) > 0.9 * len(store.claims())
    groups = store.list_entities("armed_group")
    assert groups
    for group in groups:
        p = build_profile(store, group.id)
        if not p.footnotes:
            continue
        assert_footnotes_resolve(store, p, render_markdown(p), render_html(p))
