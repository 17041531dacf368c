"""spaCy components of the rule extractor, one factory per module.

Importing this package registers the factories (``orbat_layout``,
``orbat_sentences``, ``orbat_entities``, ``orbat_nodes``, ``orbat_claims``).
"""

from orbat.extract.components import claims, entities, layout, nodes, sentences

__all__ = ["claims", "entities", "layout", "nodes", "sentences"]
