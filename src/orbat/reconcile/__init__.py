"""Reconciliation: claims grouped per (entity, predicate), graded and classified.

Sits between resolution and the store in the data flow: it works on model
types only (``orbat.model.views.ClaimView``) and never touches a database.

    groups = reconcile(store.claims(entity=eid), store.source_grades())
    for g in conflicts(groups): ...
"""

from orbat.reconcile.grading import (
    CREDIBILITY_LABELS,
    RELIABILITY_LABELS,
    PublisherGrade,
    Source,
    SourceGrades,
    check_credibility,
    check_reliability,
    check_stance,
    claimant_key,
    derive_credibility,
)
from orbat.reconcile.groups import (
    CLASS_LABELS,
    CONFLICT_CLASSES,
    ClaimGroup,
    Conflict,
    GradedClaim,
    GroupClass,
    GroupMemo,
    ValueGroup,
    conflicts,
    reconcile,
)
from orbat.reconcile.temporal import Span, TemporalIssue, TimelineEntry, after_death, bounds, timeline
from orbat.reconcile.values import Value, compatible, ordinal_clash, value_of

__all__ = [
    "CLASS_LABELS",
    "CONFLICT_CLASSES",
    "CREDIBILITY_LABELS",
    "RELIABILITY_LABELS",
    "ClaimGroup",
    "Conflict",
    "GradedClaim",
    "GroupClass",
    "GroupMemo",
    "PublisherGrade",
    "Source",
    "SourceGrades",
    "Span",
    "TemporalIssue",
    "TimelineEntry",
    "Value",
    "ValueGroup",
    "after_death",
    "bounds",
    "check_credibility",
    "check_reliability",
    "check_stance",
    "claimant_key",
    "compatible",
    "conflicts",
    "derive_credibility",
    "ordinal_clash",
    "reconcile",
    "timeline",
    "value_of",
]
