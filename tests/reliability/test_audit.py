"""Audit trail and chain of custody, on every backend.

- Every analyst change (accept, reject, edit = status/rank/credibility, add a
  claim, merge, split, undo, publisher and document grades, user admin,
  imports) writes exactly one audit row, in the same transaction, saying who,
  when, what it was before, what it is after and why.
- The audit table is append-only *in the database*: migration 0003 installs
  triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), so no
  code path, present or future, and no one with a SQL prompt can rewrite it.
- ``orbat history`` shows the trail of a claim and of an entity.

(``orbat check`` re-hashing every stored document's bytes is proved by
tests/store/test_integrity_backup.py::test_check_finds_tampered_bytes_and_shifted_evidence.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from orbat.cli import app
from orbat.model import Qualifiers, TextValue
from orbat.store import Store
from orbat.store.tables import audit
from tests.store.test_contract import make_doc, make_extraction, resolve_identity


def populated(store: Store) -> Store:
    doc, data = make_doc()
    stored = store.add_document(doc, data)
    store.save_extraction(stored.id, make_extraction(doc))
    resolve_identity(store)
    return store


def audit_rows(store: Store) -> list[dict[str, Any]]:
    with store.reading() as conn:
        return [dict(r) for r in conn.execute(select(audit).order_by(audit.c.id)).mappings()]


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def one_new_row(store: Store, change: Callable[[], object]) -> dict[str, Any]:
    """Run ``change``; exactly one audit row must appear, written now, and no old row may change."""
    before = audit_rows(store)
    started = datetime.now(UTC) - timedelta(seconds=5)
    change()
    after = audit_rows(store)
    assert after[: len(before)] == before, "an existing audit row changed"
    new = after[len(before) :]
    assert len(new) == 1, new
    row = new[0]
    assert started <= _aware(row["at"]) <= datetime.now(UTC) + timedelta(seconds=5)
    return row


def test_every_analyst_change_writes_one_audit_row(store: Store, tmp_path: Path) -> None:
    populated(store)
    founded = store.claims(predicate="founded")[0]
    size = store.claims(predicate="size")[0]

    r = one_new_row(store, lambda: store.review_claim(founded.id, "accepted", user="ana", reason="checked"))
    assert (r["user"], r["action"], r["target_kind"], r["target_id"]) == (
        "ana",
        "review",
        "claim",
        founded.id,
    )
    assert (r["before"], r["after"], r["reason"]) == (
        {"status": "proposed"},
        {"status": "accepted"},
        "checked",
    )

    r = one_new_row(store, lambda: store.review_claim(size.id, "rejected", user="bob", reason="misread"))
    assert (r["user"], r["before"], r["after"]) == ("bob", {"status": "proposed"}, {"status": "rejected"})

    r = one_new_row(store, lambda: store.rank_claim(founded.id, "preferred", user="ana", reason="primary"))
    assert (r["action"], r["before"]["rank"], r["after"]["rank"]) == ("rank", "normal", "preferred")

    r = one_new_row(store, lambda: store.set_credibility(founded.id, 2, user="ana", reason="two sources"))
    assert (r["action"], r["before"], r["after"]) == ("grade", {"credibility": None}, {"credibility": 2})

    group = store.claims(predicate="founded")[0].subject
    assert group is not None
    r = one_new_row(
        store,
        lambda: store.add_analyst_claim(
            subject_entity=group,
            predicate="alias",
            object_=TextValue("Hawks"),
            qualifiers=Qualifiers(),
            document="hawks",
            start=4,
            end=24,
            user="ana",
            reason="read it",
        ),
    )
    assert (r["action"], r["before"], r["after"]["document"], r["reason"]) == (
        "add",
        None,
        "hawks",
        "read it",
    )

    a, b = (n.id for n in store.all_nodes()[:2])
    decision: list[str] = []
    r = one_new_row(
        store,
        lambda: decision.append(
            store.decide([(a, b)], "same", user="cem", reason="same unit", action="merge")
        ),
    )
    assert (r["user"], r["action"], r["target_kind"], r["target_id"]) == (
        "cem",
        "merge",
        "decision",
        decision[0],
    )
    assert r["after"]["pairs"] == [[a, b]] and r["reason"] == "same unit"
    r = one_new_row(store, lambda: store.undo_decision(decision[0], user="cem", reason="too hasty"))
    assert (r["action"], r["before"], r["reason"]) == ("undo", {"edges": 1}, "too hasty")
    r = one_new_row(
        store, lambda: store.decide([(a, b)], "different", user="cem", reason="two units", action="split")
    )
    assert r["action"] == "split"

    r = one_new_row(
        store, lambda: store.set_publisher_grade("Example Wire", "B", user="ana", reason="record")
    )
    assert (r["target_kind"], r["before"], r["after"]) == ("publisher", None, {"reliability": "B"})
    r = one_new_row(store, lambda: store.set_publisher_grade("Example Wire", "C", user="ana"))
    assert (r["before"], r["after"]) == ({"reliability": "B"}, {"reliability": "C"})
    r = one_new_row(store, lambda: store.set_document_grade("hawks", reliability="A", user="ana", reason="x"))
    assert (r["target_kind"], r["before"], r["after"]) == (
        "document",
        {"reliability": None},
        {"reliability": "A"},
    )

    r = one_new_row(store, lambda: store.add_user("dora", "viewer", "a-password-1", by="adam"))
    assert (r["user"], r["action"], r["target_id"], r["after"]) == ("adam", "add", "dora", {"role": "viewer"})
    r = one_new_row(store, lambda: store.set_user("dora", role="analyst", password="another-pw-2", by="adam"))
    assert r["before"]["role"] == "viewer" and r["after"] == {"role": "analyst", "password": "changed"}
    assert "another-pw-2" not in str(r) and "a-password-1" not in str(r)  # never a password, nor its hash
    token: list[str] = []
    r = one_new_row(store, lambda: token.append(store.new_api_token("dora", label="script", by="adam")))
    assert r["action"] == "token" and token[0] not in str(r)  # never the token
    r = one_new_row(store, lambda: store.revoke_api_tokens("dora", by="adam"))
    assert (r["action"], r["after"]) == ("revoke", {"tokens": 1})

    jsonl = tmp_path / "claims.jsonl"
    jsonl.write_text(
        '{"kind": "entity", "id": "E1", "type": "armed_group", "name": "Imported Brigade"}\n',
        encoding="utf-8",
    )
    r = one_new_row(store, lambda: store.import_claims_jsonl(jsonl, user="imp"))
    assert (r["user"], r["action"]) == ("imp", "import")


@pytest.mark.parametrize(
    "statement",
    [
        update(audit).values(reason="rewritten"),
        update(audit).values(user="someone else"),
        delete(audit),
    ],
    ids=["update-reason", "update-user", "delete"],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(store: Store, statement: Any) -> None:
    populated(store)
    store.review_claim(store.claims()[0].id, "accepted", user="ana", reason="checked")
    before = audit_rows(store)
    assert before
    with pytest.raises(DBAPIError, match="append-only"), store.transaction() as conn:
        conn.execute(statement)
    assert audit_rows(store) == before
    # inserting stays possible: the trail grows
    with store.transaction() as conn:
        conn.execute(
            insert(audit).values(
                at=datetime.now(UTC), user="x", action="note", target_kind="claim", target_id="C"
            )
        )
    assert len(audit_rows(store)) == len(before) + 1


def test_postgres_refuses_truncate_of_the_audit_table(pg_database: str) -> None:
    store = populated(Store.open(pg_database, create=True))
    try:
        store.review_claim(store.claims()[0].id, "accepted", user="ana")
        with pytest.raises(DBAPIError, match="append-only"), store.transaction() as conn:
            conn.execute(text("TRUNCATE audit"))
        assert len(audit_rows(store)) == 1
    finally:
        store.close()


def test_history_shows_who_when_before_after_why(store: Store, store_url: str) -> None:
    populated(store)
    claim = store.claims(predicate="founded")[0]
    store.review_claim(claim.id, "rejected", user="ana", reason="wrong year")
    nodes = store.all_nodes()
    store.decide(
        [(nodes[0].id, nodes[1].id)], "different", user="bob", reason="not the founder", action="split"
    )
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", store_url, "history", claim.id], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "ana" in shown.output and "review" in shown.output and "wrong year" in shown.output
    assert "proposed → rejected" in shown.output
    assert datetime.now(UTC).strftime("%Y-%m-%d") in shown.output
    entity = store.get_entity(claim.subject or "")
    shown = runner.invoke(app, ["--db", store_url, "history", entity.id], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "split" in shown.output and "bob" in shown.output and "not the founder" in shown.output


def test_an_upload_is_stored_only_with_its_audit_row(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chain of custody: who uploaded a document is written in the document's own transaction. If the
    audit row cannot be written, the document is not stored either (it used to be committed first)."""
    from orbat.settings import Settings
    from orbat.web.jobs import Jobs, UploadFile

    jobs = Jobs(store, Settings(database_url="sqlite://", secret_key="s" * 48))
    data = b"The Coastal Shield Brigade was founded in 2014 in Latakia.\n"
    real = store.record_audit

    def failing(conn: Any, **kw: Any) -> None:
        if kw.get("action") == "upload":
            raise RuntimeError("the audit row could not be written")
        real(conn, **kw)

    monkeypatch.setattr(store, "record_audit", failing)
    job = jobs.submit("ana", [UploadFile("coastal.txt", "text/plain", data)], {})
    done = jobs.wait(job.id, timeout=300)
    assert done is not None and done.state == "failed"
    assert [d["name"] for d in store.list_documents()] == []
    monkeypatch.setattr(store, "record_audit", real)
    job = jobs.submit("ana", [UploadFile("coastal.txt", "text/plain", data)], {})
    jobs.wait(job.id, timeout=300)
    jobs.shutdown()
    doc_id = store.document_row("coastal")["id"]
    trail = store.audit_trail("document", str(doc_id))
    assert [(t["user"], t["action"]) for t in trail] == [("ana", "upload")]
