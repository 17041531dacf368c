"""Entity resolution: which names, in which documents, name one real thing.

Pure functions over in-memory records; the store and the pipeline persist
the judgements and call these. Imports only ``orbat.model`` and
``orbat.errors`` from the project.

    from orbat.resolve import NameRecord, resolve
    res = resolve([NameRecord("n1", "armed_group", ("Liwa al-Baqir",), "doc1"),
                   NameRecord("n2", "armed_group", ("The Baqir Brigade",), "doc2")])
    res.clusters  # {"n1": "n1", "n2": "n1"}
"""

from orbat.resolve.blocking import EntityKeys, candidate_pairs, record_keys
from orbat.resolve.clusters import Judgement, cluster
from orbat.resolve.names import acronym_of, fold, is_acronym, name_keys, normalize, skeleton
from orbat.resolve.resolver import Resolution, batch_lexicon, canonical_name, resolve, review_pairs
from orbat.resolve.scoring import AUTO_MERGE, GUARD_RULES, REVIEW, MatchResult, NameRecord, score_pair

__all__ = [
    "AUTO_MERGE",
    "GUARD_RULES",
    "REVIEW",
    "EntityKeys",
    "Judgement",
    "MatchResult",
    "NameRecord",
    "Resolution",
    "acronym_of",
    "batch_lexicon",
    "candidate_pairs",
    "canonical_name",
    "cluster",
    "fold",
    "is_acronym",
    "name_keys",
    "normalize",
    "record_keys",
    "resolve",
    "review_pairs",
    "score_pair",
    "skeleton",
]
