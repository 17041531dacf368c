"""The model: vocabulary, values and records. Imports nothing from orbat but errors."""

from orbat.model.records import (
    Alias,
    Claim,
    Document,
    Entity,
    Evidence,
    Extraction,
    Hedge,
    Mention,
    Node,
    Qualifiers,
    Rank,
    Status,
    node_id,
    script_of,
    utcnow,
)
from orbat.model.values import DateValue, EntityRef, ObjectValue, Quantity, TextValue, object_from_json
from orbat.model.vocabulary import VOCABULARY, Predicate, Vocabulary

__all__ = [
    "VOCABULARY",
    "Alias",
    "Claim",
    "DateValue",
    "Document",
    "Entity",
    "EntityRef",
    "Evidence",
    "Extraction",
    "Hedge",
    "Mention",
    "Node",
    "ObjectValue",
    "Predicate",
    "Qualifiers",
    "Quantity",
    "Rank",
    "Status",
    "TextValue",
    "Vocabulary",
    "node_id",
    "object_from_json",
    "script_of",
    "utcnow",
]
