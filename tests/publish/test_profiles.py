"""Profiles of the sample corpus: every footnote quotes stored evidence; disagreements, hedges,
Arabic names and review state show; HTML is self-contained and escapes what it prints."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from orbat.publish.infobox import infobox
from orbat.publish.profiles import Profile, build_profile
from orbat.publish.render_html import render_html, render_pdf
from orbat.publish.render_md import render_markdown
from orbat.store import Store
from tests.publish.conftest import armed_groups_with_claims

MD_UNESCAPE = re.compile(r"\\([\\`*_\[\]<>|#~])")


def md_plain(text: str) -> str:
    return MD_UNESCAPE.sub(r"\1", text)


def html_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def assert_footnotes_resolve(store: Store, profile: Profile, md: str, page: str) -> None:
    """Every footnote is a stored quote, cited, and printed with the quote in both renderings."""
    texts: dict[str, str | None] = {}
    assert profile.footnotes, f"{profile.name}: no footnotes"
    defined = {int(n) for n in re.findall(r"^\[\^(\d+)\]:", md, flags=re.M)}
    cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md)}
    assert defined == {f.number for f in profile.footnotes} == cited, profile.name
    assert [f.number for f in profile.footnotes] == list(range(1, len(profile.footnotes) + 1))
    plain_page = html_text(page)
    for f in profile.footnotes:
        line = next(x for x in md.splitlines() if x.startswith(f"[^{f.number}]:"))
        assert f"“{f.quote}”" in md_plain(line), (profile.name, f.number)
        assert f.quote in plain_page
        assert f'id="fn-{f.number}"' in page
        if f.document not in texts:
            texts[f.document] = store.get_document(f.document).text or None
        text = texts[f.document]
        if f.start is not None and f.end is not None:
            assert text is not None and text[f.start : f.end] == f.quote, (profile.name, f.number)
        for cid in f.claim_ids:
            claim = store.get_claim(cid)
            assert claim.status != "rejected"
            assert any(ev.quote == f.quote for ev in claim.evidence)


def test_every_armed_group_profile_cites_stored_quotes(published: Store):
    groups = armed_groups_with_claims(published)
    assert len(groups) >= 15
    for gid in groups:
        p = build_profile(published, gid)
        assert_footnotes_resolve(published, p, render_markdown(p), render_html(p))
        for section in p.sections:
            for st in section.statements:
                assert st.notes, (gid, st.plain())  # every sentence is sourced


def test_people_profiles_cite_stored_quotes(published: Store):
    for e in published.list_entities("person"):
        p = build_profile(published, e.id)
        if p.footnotes:
            assert_footnotes_resolve(published, p, render_markdown(p), render_html(p))


def test_liwa_al_baqir_profile_layout_names_and_disagreements(published: Store):
    p = build_profile(published, "Baqir Brigade")  # found by alias
    md = render_markdown(p)
    assert p.entity_id == "liwa_al_baqir" and p.meaning == "the Baqir Brigade"
    titles = [s.title for s in p.sections]
    for expected in (
        "Type of movement",
        "History and milestones",
        "Objectives",
        "Chain of command",
        "Affiliate relationships",
        "Places",
    ):
        assert expected in titles
    assert "**Liwa al-Baqir** (“the Baqir Brigade”)" in md
    arabic = [n for n in p.names if n.arabic]
    assert [n.name for n in arabic] == ["لواء الباقر"] and arabic[0].notes
    assert "- Arabic: لواء الباقر[^" in md
    for n in p.names:
        assert n.notes, n.name  # every alias has its own footnote
    history = next(s for s in p.sections if s.key == "history")
    founding = next(st for st in history.statements if "founding" in st.plain())
    assert founding.cls == "contradiction"
    text = founding.plain()
    assert text.startswith("Sources disagree on the founding of Liwa al-Baqir: 2012")
    assert text.index("2012") < text.index("2015")
    assert "according to alSouria.net" in text
    chain = " ".join(st.plain() for s in p.sections if s.key == "command" for st in s.statements)
    assert "Liwa al-Baqir is led by Khalid al-Hassan (commander)" in chain
    assert "Liwa al-Baqir is part of the Local Defence Forces" in chain
    places = " ".join(st.plain() for s in p.sections if s.key == "places" for st in s.statements)
    assert "headquartered in Tarkan" in places and "Tarkan is located in Safira district" in places
    assert p.latest_evidence == "2025-08-20"
    assert "latest evidence: 20 August 2025" in md


def test_history_is_in_date_order_and_hedges_are_words(published: Store):
    p = build_profile(published, "national_defense_forces")
    history = next(s for s in p.sections if s.key == "history")
    dates = [st.date for st in history.statements if st.date]
    from orbat.publish.text import sort_key

    assert [sort_key(d) for d in dates] == sorted(sort_key(d) for d in dates)
    text = " ".join(st.plain() for st in history.statements)
    assert "Sources disagree on the founding of the National Defense Forces" in text
    assert "Reportedly, as of June 2013, the National Defense Forces numbered 60,000 fighters" in text
    ldf = build_profile(published, "local_defence_forces")
    ldf_text = " ".join(st.plain() for s in ldf.sections for st in s.statements)
    assert (
        "claim that the Local Defence Forces numbers 50,000 fighters, but the source disputes this"
        in ldf_text
    )
    assert (
        "Possibly, as of 2016, the Local Defence Forces numbered about 8,000 to 12,000 fighters" in ldf_text
    )
    assert "According to a spokesman for Katibat al-Nayrab" in ldf_text
    subs = " ".join(st.plain() for s in ldf.sections if s.key == "subordinates" for st in s.statements)
    for unit in ("Katibat al-Nayrab", "Fawj al-Safira", "Liwa al-Baqir"):
        assert unit in subs


def test_infobox_values_are_all_footnoted(published: Store):
    box = infobox(published, "liwa_al_baqir")
    rows = {r.label: r for r in box.rows}
    for label in ("Active", "Commanders", "Size", "Headquarters", "Allies", "Native name"):
        assert label in rows
    assert "Khalid al-Hassan (commander)" in rows["Commanders"].values[0].plain()
    assert rows["Active"].values[0].disputed
    numbers = {f.number for f in box.footnotes}
    for row in box.rows:
        for value in row.values:
            if value.plain().startswith("and "):  # "and 3 more"
                continue
            notes = [n for p in value.parts if not isinstance(p, str) for n in p.numbers]
            assert notes and set(notes) <= numbers, (row.label, value.plain())
    assert json.loads(json.dumps(box.to_json()))["rows"]


def test_person_profile(published: Store):
    p = build_profile(published, "Khalid al-Hassan")
    text = " ".join(st.plain() for s in p.sections for st in s.statements)
    assert "Khalid al-Hassan leads Liwa al-Baqir (as commander)" in text
    assert "Omar Hussein al-Hassan (brother)" in text
    assert {"خالد الحسن", "الحاج خالد الحسن"} <= {n.name for n in p.names if n.arabic}
    hossam = build_profile(published, "hossam_ibrahim_khadra")
    died = " ".join(st.plain() for s in hossam.sections if s.key == "death" for st in s.statements)
    assert "died in April 2014 (killed in battle at Kassab)" in died


def test_html_is_self_contained_print_friendly_and_marks_unreviewed(published: Store):
    p = build_profile(published, "liwa_al_baqir")
    page = render_html(p)
    assert "<script" not in page.lower() and "<link" not in page.lower() and "<img" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, flags=re.I)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert "<style>" in page and "@media print" in page
    assert '<span lang="ar" dir="rtl">لواء الباقر</span>' in page
    assert p.unreviewed == p.statements > 0  # imported claims are proposals
    assert page.count('class="unreviewed"') >= p.statements


def test_rejected_claims_never_show_and_accepted_ones_lose_the_mark(sample_store: Store):
    claims = sample_store.claims(entity="liwa_al_baqir", predicate="salary")
    for c in claims:
        sample_store.review_claim(c.id, "rejected", user="tester", reason="test")
    hq = sample_store.claims(entity="liwa_al_baqir", predicate="headquarters")
    sample_store.review_claim(hq[0].id, "accepted", user="tester")
    p = build_profile(sample_store, "liwa_al_baqir")
    md, page = render_markdown(p), render_html(p)
    for c in claims:
        for ev in c.evidence:
            assert ev.quote not in md and ev.quote not in html_text(page)
    assert "SYP" not in md
    statements = [st for s in p.sections for st in s.statements]
    headquartered = next(st for st in statements if "headquartered in Tarkan" in st.plain())
    assert not headquartered.unreviewed
    assert all(st.unreviewed for st in statements if st is not headquartered and hq[0].id not in st.claim_ids)


def test_hostile_names_are_escaped(store: Store, tmp_path: Path):
    hostile = "<script>alert(1)</script>"
    records = [
        {
            "kind": "entity",
            "id": "evil",
            "type": "armed_group",
            "name": hostile,
            "aliases": ["*x*[y](javascript:z)"],
        },
        {
            "kind": "entity",
            "id": "p1",
            "type": "person",
            "name": "<img src=x onerror=alert(2)>",
            "aliases": [],
        },
        {
            "kind": "claim",
            "doc": "d1",
            "subject": "evil",
            "predicate": "leader",
            "object": {"entity": "p1"},
            "quote": f"{hostile} is led by <img src=x onerror=alert(2)>",
        },
        {
            "kind": "claim",
            "doc": "d1",
            "subject": "evil",
            "predicate": "group_type",
            "object": {"text": "<b>bold</b> militia"},
            "quote": "a <b>bold</b> militia",
        },
    ]
    path = tmp_path / "evil.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store.import_claims_jsonl(path)
    p = build_profile(store, "evil")
    page = render_html(p)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = render_markdown(p)
    assert "<script>" not in md and "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\*x\\*\\[y\\](javascript:z)" in md


def test_pdf(published: Store):
    pytest.importorskip("weasyprint")
    pdf = render_pdf(build_profile(published, "liwa_al_baqir"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Sources disagree on the founding of Liwa al-Baqir" in " ".join(text.split())
