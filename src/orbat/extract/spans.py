"""The working records of the rule extractor: recognised mentions and alias links.

They live on the spaCy ``Doc`` (``doc._.orbat_found``, ``doc._.orbat_aliases``)
between components and become model records (Mention, Node, Claim) at the end.
All offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Found:
    """A recognised name (or resolved reference) in the text."""

    start: int
    end: int
    type: str  # an entity type of the vocabulary
    name: str  # the name it gives, cleaned (no leading "the", possessive or title)
    source: str  # which recogniser: "pattern.unit", "gazetteer", "ner.PERSON", "acronym", ...
    priority: int = 50
    names: tuple[str, ...] = ()  # other forms it gives ("Ayatollah Khamene’i" beside "Khamene’i")
    unit: str | None = None  # unit class of a group name ("brigade" for Liwa/Brigade)
    parts: tuple[Found, ...] = ()  # a branch's parts: (place, network)
    kind: str = ""  # "branch", "acronym", "generic", "anaphor", "list-item", ...
    ref: str | None = None  # gazetteer id, when known
    node: str = ""  # in-document node id, set by the nodes component
    key: str = ""  # grouping key, set by the nodes component
    subject: bool = False  # stands as a clause subject (set by coref)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    def overlaps(self, other: Found) -> bool:
        return self.start < other.end and other.start < self.end

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Found({self.start},{self.end},{self.type},{self.name!r},{self.source})"


@dataclass(frozen=True)
class AliasLink:
    """Two names the text gives for one thing ("X (Y)", "X, also known as Y")."""

    main: Found
    alias: Found
    cue: str  # "paren", "acronym", "aka", "called", ...
    start: int  # evidence span
    end: int


class Occupied:
    """Characters of a text already taken by a mention: O(span length) queries and updates."""

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length + 1)

    def free(self, a: int, b: int) -> bool:
        return self.mask.find(1, a, b) == -1

    def last_taken_end(self, a: int, b: int) -> int | None:
        """The end of the last taken character in [a, b), or None."""
        k = self.mask.rfind(1, a, b)
        return None if k == -1 else k + 1

    def add(self, a: int, b: int) -> None:
        self.mask[a:b] = b"\x01" * (b - a)


def top_level(found: list[Found]) -> list[Found]:
    """Mentions not inside another (branch parts and nested names dropped), in text order."""
    out: list[Found] = []
    last_end = -1
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.start >= last_end:
            out.append(f)
            last_end = f.end
    return out
