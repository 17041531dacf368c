"""orbat: an evidence-first knowledge base of armed groups."""

__version__ = "0.1.0"
