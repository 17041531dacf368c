"""What a profile or an entity page reads: the chain of command read ahead in one go, and the same
profile as when every level is read when the layout asks for it. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from orbat.publish.context import EntityContext
from orbat.publish.profiles import build_profile
from orbat.publish.render_md import render_markdown
from orbat.store import Store
from orbat.web import views
from tests.publish.conftest import armed_groups_with_claims
from tests.store.test_claims_of_chains import _chain_store


def _claim_reads(store: Store) -> tuple[list[str], object]:
    """The statements that read claims (and, apart, those that read entities by id)."""
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        head = statement.lstrip().upper()
        if head.startswith("SELECT CLAIMS.ID"):
            statements.append(statement)
        elif head.startswith("SELECT ID, TYPE, NAME"):
            statements.append("entities by id")

    event.listen(store.engine, "before_cursor_execute", count)
    return statements, count


def test_the_chain_of_command_read_ahead_is_the_one_read_level_by_level(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ids = _chain_store(store, tmp_path)
    statements, listener = _claim_reads(store)
    ahead = render_markdown(build_profile(store, ids["unit"], generated="2026-01-01"))
    event.remove(store.engine, "before_cursor_execute", listener)
    assert "The Corps is part of the Army" in ahead  # three levels above the unit's parents
    assert "Ghost" not in ahead  # behind a doubted claim
    assert "entities by id" not in statements  # the entities named come with the claims
    if store.dialect == "postgresql":
        assert len(statements) == 2  # the unit's claims; its parents' chain in one recursive read

    monkeypatch.setattr(EntityContext, "prefetch_others", lambda self, requests, **kw: None)
    cold = render_markdown(build_profile(store, ids["unit"], generated="2026-01-01"))
    assert cold == ahead


def test_pages_of_the_sample_corpus_are_the_same_when_nothing_is_read_ahead(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
):
    groups = armed_groups_with_claims(sample_store)
    assert groups
    ahead = {
        g: (render_markdown(build_profile(sample_store, g, generated="x")), views.profile(sample_store, g))
        for g in groups
    }
    monkeypatch.setattr(EntityContext, "prefetch_others", lambda self, requests, **kw: None)
    for g in groups:
        md, page = ahead[g]
        assert render_markdown(build_profile(sample_store, g, generated="x")) == md
        again = views.profile(sample_store, g)
        assert (
            again.written == page.written
            and again.groups == page.groups
            and again.footnotes == page.footnotes
        )


def test_a_filter_that_keeps_every_claim_gives_the_group_of_them_all(sample_store: Store):
    """``EntityContext.fact(where=...)`` whose filter keeps every claim of the property answers with the
    group of them all (built once for the profile and its infobox): the group a fresh build of the same
    claims gives. A filter that leaves a claim out builds the group of the claims it keeps."""
    from orbat.publish.facts import fact_group

    checked = 0
    for g in armed_groups_with_claims(sample_store):
        ctx = EntityContext.load(sample_store, g)
        for inverse in (False, True):
            claims = ctx.inverse if inverse else ctx.forward
            for pred in sorted({c.predicate for c in ctx.claims}):
                every = claims(pred)
                if not every:
                    continue
                whole = ctx.fact(pred, inverse=inverse)
                assert ctx.fact(pred, inverse=inverse, where=lambda c: True) is whole
                fresh = fact_group(pred, every, inverse=inverse, grades=ctx.grades)
                assert whole == fresh
                if len(every) > 1:
                    left = every[0].id
                    part = ctx.fact(pred, inverse=inverse, where=lambda c, left=left: c.id != left)
                    assert part is not whole and part is not None
                    assert part == fact_group(pred, every[1:], inverse=inverse, grades=ctx.grades)
                    checked += 1
    assert checked
