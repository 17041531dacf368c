"""Analysts' actions shared by the pages and the API: resolution decisions and claim review.

Resolution rewrites the entity table, so decisions and uploads re-resolve
one at a time (``RESOLVE_LOCK``) within this process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from orbat import pipeline
from orbat.errors import Conflict, NotFound, ValidationError
from orbat.model import Qualifiers, object_from_json
from orbat.model.views import ClaimView
from orbat.store import Store

RESOLVE_LOCK = threading.Lock()


@dataclass(frozen=True)
class DecisionResult:
    decision: str
    action: str
    entities: int
    message: str


def _nodes(store: Store, entity_id: str) -> list[str]:
    ent = store.get_entity(entity_id)
    nodes = store.nodes_of_entity(ent.id)
    if not nodes:
        raise NotFound(f"entity {ent.id} has no records")
    return [n.id for n in nodes]


def judge(
    store: Store,
    *,
    action: str,
    left: str,
    right: str | None,
    names: list[str],
    reason: str | None,
    user: str,
) -> DecisionResult:
    """Record a merge/same/different/split decision, then re-resolve."""
    left_entity = store.get_entity(left)
    if action == "split":
        nodes = store.nodes_of_entity(left_entity.id)
        wanted = {n.casefold().strip() for n in names if n.strip()}
        if not wanted:
            raise ValidationError("a split needs the names to move out")
        out = [n.id for n in nodes if any(x.casefold() in wanted for x in n.names)]
        keep = [n.id for n in nodes if n.id not in out]
        if not out:
            raise ValidationError(f"no record of {left_entity.name!r} carries {', '.join(names)}")
        if not keep:
            raise ValidationError("every record carries those names: nothing would remain")
        with RESOLVE_LOCK:
            decision = store.decide(
                [(x, y) for x in out for y in keep],
                "different",
                user=user,
                reason=reason,
                action="split",
                deleted_edges=store.human_edges_between(out, keep, "same"),
            )
            res = pipeline.resolve(store, reopen=[left_entity.id])
        return DecisionResult(
            decision, action, res.entities, f"split {len(out)} record(s) off {left_entity.name}"
        )
    if not right:
        raise ValidationError(f"{action} needs two entities")
    right_entity = store.get_entity(right)
    if left_entity.id == right_entity.id:
        raise ValidationError("pick two different entities")
    na, nb = _nodes(store, left_entity.id), _nodes(store, right_entity.id)
    verdict = "different" if action == "different" else "same"
    with RESOLVE_LOCK:
        if verdict == "same":
            pairs = [(na[0], nb[0])]
            removed: list[int] = []
        else:
            pairs = [(x, y) for x in na for y in nb]
            removed = store.human_edges_between(na, nb, "same")
        decision = store.decide(
            pairs, verdict, user=user, reason=reason, action=action, deleted_edges=removed
        )
        res = pipeline.resolve(store, reopen=[left_entity.id, right_entity.id])
    what = "merged" if verdict == "same" else "kept apart"
    return DecisionResult(
        decision, action, res.entities, f"{left_entity.name} and {right_entity.name} {what}"
    )


def undo(store: Store, decision: str, *, reason: str | None, user: str) -> DecisionResult:
    with RESOLVE_LOCK:
        store.undo_decision(decision, user=user, reason=reason)
        res = pipeline.resolve(store, reopen=sorted(store.decision_entities(decision)))
    return DecisionResult(decision, "undo", res.entities, f"decision {decision} withdrawn")


def review(
    store: Store,
    claim_id: str,
    *,
    expected_version: int,
    status: str | None,
    rank: str | None,
    credibility: int | None,
    reason: str | None,
    user: str,
) -> ClaimView:
    """Apply the parts of a review that change something, each checked against the version seen."""
    current = store.get_claim(claim_id)
    if current.row_version != expected_version:
        raise Conflict(
            f"claim {claim_id} was changed by {current.updated_by or 'someone'} meanwhile "
            f"(version {current.row_version}, you saw {expected_version}); reload it"
        )
    result, version = current, expected_version
    if status is not None and status != current.status:
        result = store.review_claim(claim_id, status, user=user, reason=reason, expected_version=version)
        version = result.row_version
    if rank is not None and rank != current.rank:
        result = store.rank_claim(claim_id, rank, user=user, reason=reason, expected_version=version)
        version = result.row_version
    if credibility is not None and credibility != current.credibility:
        result = store.set_credibility(claim_id, credibility, user=user, reason=reason)
    return result


def add_claim(
    store: Store,
    *,
    subject: str,
    predicate: str,
    object_json: object,
    qualifiers: dict[str, str | None],
    document: str,
    start: int,
    end: int,
    reason: str | None,
    user: str,
) -> ClaimView:
    from orbat.model import VOCABULARY, EntityRef

    pred, swapped = VOCABULARY.canonical_predicate(predicate)
    obj = object_from_json(object_json)
    subject_id = store.get_entity(subject).id
    if isinstance(obj, EntityRef):
        obj = EntityRef(store.get_entity(obj.entity).id)
    if swapped:
        if not isinstance(obj, EntityRef):
            raise ValidationError(f"inverse predicate {predicate} needs an entity object")
        subject_id, obj = obj.entity, EntityRef(subject_id)
    return store.add_analyst_claim(
        subject_entity=subject_id,
        predicate=pred,
        object_=obj,
        qualifiers=Qualifiers.from_json({k: v for k, v in qualifiers.items() if v not in (None, "")}),
        document=document,
        start=start,
        end=end,
        user=user,
        reason=reason,
    )
