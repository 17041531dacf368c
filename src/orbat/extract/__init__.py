"""Extraction: entities, typed claims, dates, quantities and hedges from document text.

The only package that imports spaCy (lazily: importing this package is cheap).
"""

from orbat.extract.base import EXTRACTORS, Extractor, extractor_tag, get_extractor

__all__ = ["EXTRACTORS", "Extractor", "extractor_tag", "get_extractor"]
