"""A sentence as the relation rules see it: text with typed slots.

Each mention, date and quantity in the sentence is replaced by a token
``⟨G3⟩`` (type code + item index), so rules are regular expressions over
"⟨G0⟩ was set up in ⟨D1⟩ by ⟨S2⟩" whatever the names' spelling. Offsets
map back to the document.

Type codes: G armed group, O organisation, P person, S state, K kin group,
L place, E event, D date, Q quantity, A a group reference ("the brigade",
"it", "their"), H a person pronoun ("he", "his").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from orbat.extract.dates import DateMatch
from orbat.extract.quantities import QuantityMatch
from orbat.extract.spans import Found

CODE = {
    "armed_group": "G",
    "organization": "O",
    "person": "P",
    "state": "S",
    "kin_group": "K",
    "place": "L",
    "event": "E",
}
TYPE_OF_CODE = {v: k for k, v in CODE.items()}

_GROUP_REF = re.compile(
    r"\b(?P<det>the|this|that|these|those)\s+(?:same\s+)?(?P<noun>group|unit|brigade|battalion|battalions|militia|militias|"
    r"force|forces|organi[sz]ation|center|centre|formation|network|movement|regiment|brigades)\b(?!\s+(?:of|in|from)\b)"
    r"|\b(?P<pro>it|its|itself|they|their|them|themselves)\b",
    re.IGNORECASE,
)
_PERSON_REF = re.compile(r"\b(?:he|his|him)\b", re.IGNORECASE)
#: "the same battle", "that offensive": an event named before (code E, resolved by salience)
_EVENT_REF = re.compile(
    r"\b(?:the|that|this)\s+(?:same\s+)?(?:battle|offensive|siege|campaign)\b(?!\s+(?:of|for|to|in|against|on)\b)",
    re.IGNORECASE,
)


@dataclass
class Item:
    code: str
    start: int  # document offsets
    end: int
    found: Found | None = None
    date: DateMatch | None = None
    quantity: QuantityMatch | None = None
    ref: str = ""  # the reference word(s) of an A/H item


@dataclass
class Sentence:
    start: int
    end: int
    text: str  # the document's text of the sentence
    items: list[Item]
    masked: str
    seg_masked: list[int] = field(default_factory=list)  # masked start of each segment
    seg_orig: list[int] = field(default_factory=list)  # document start of each segment
    seg_item: list[int] = field(default_factory=list)  # item index or -1 for plain text

    def orig(self, masked_pos: int) -> int:
        """The document offset of a position in the masked text."""
        i = bisect.bisect_right(self.seg_masked, masked_pos) - 1
        i = max(i, 0)
        if self.seg_item[i] >= 0:
            it = self.items[self.seg_item[i]]
            return it.start if masked_pos == self.seg_masked[i] else it.end
        return self.seg_orig[i] + (masked_pos - self.seg_masked[i])

    def items_in(self, a: int, b: int) -> list[Item]:
        """Items whose tokens lie in masked[a:b]."""
        return [self.items[int(m.group(2))] for m in TOKEN.finditer(self.masked, a, b)]

    def rel(self, doc_pos: int) -> int:
        return doc_pos - self.start


TOKEN = re.compile(r"⟨([A-Z])(\d+)⟩")


def build(
    text: str,
    start: int,
    end: int,
    found: list[Found],
    dates: list[DateMatch],
    quantities: list[QuantityMatch],
) -> Sentence:
    """The sentence text[start:end] with its mentions, dates and quantities masked."""
    raw: list[Item] = []
    for f in found:
        if start <= f.start and f.end <= end:
            raw.append(Item(CODE.get(f.type, "X"), f.start, f.end, found=f))
    occupied = [(i.start, i.end) for i in raw]

    def free(a: int, b: int) -> bool:
        return all(b <= s or e <= a for s, e in occupied)

    for d in dates:
        if start <= d.start and d.end <= end and free(d.start, d.end):
            raw.append(Item("D", d.start, d.end, date=d))
            occupied.append((d.start, d.end))
    for q in quantities:
        if start <= q.start and q.end <= end and free(q.start, q.end):
            raw.append(Item("Q", q.start, q.end, quantity=q))
            occupied.append((q.start, q.end))
    seg = text[start:end]
    for m in _GROUP_REF.finditer(seg):
        a, b = start + m.start(), start + m.end()
        if free(a, b):
            raw.append(Item("A", a, b, ref=m.group(0)))
            occupied.append((a, b))
    for m in _EVENT_REF.finditer(seg):
        a, b = start + m.start(), start + m.end()
        if free(a, b):
            raw.append(Item("E", a, b, ref=m.group(0)))
            occupied.append((a, b))
    for m in _PERSON_REF.finditer(seg):
        a, b = start + m.start(), start + m.end()
        if free(a, b):
            raw.append(Item("H", a, b, ref=m.group(0)))
            occupied.append((a, b))
    raw.sort(key=lambda i: i.start)
    parts: list[str] = []
    s = Sentence(start, end, seg, raw, "")
    pos = start
    mpos = 0
    for idx, it in enumerate(raw):
        if it.start > pos:
            chunk = text[pos : it.start]
            s.seg_masked.append(mpos)
            s.seg_orig.append(pos)
            s.seg_item.append(-1)
            parts.append(chunk)
            mpos += len(chunk)
        tok = f"⟨{it.code}{idx}⟩"
        s.seg_masked.append(mpos)
        s.seg_orig.append(it.start)
        s.seg_item.append(idx)
        parts.append(tok)
        mpos += len(tok)
        pos = it.end
    if pos < end:
        s.seg_masked.append(mpos)
        s.seg_orig.append(pos)
        s.seg_item.append(-1)
        parts.append(text[pos:end])
    s.masked = "".join(parts)
    return s
