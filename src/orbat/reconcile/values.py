"""When two claimed values say the same thing.

- entities: the same entity;
- dates: one refines the other (``2012`` and ``2012-11-01``), i.e. one span of
  days contains the other; ``2012`` and ``2015`` are incompatible;
- quantities: ranges that overlap, or middles within 10 % of each other, in
  the same unit (when both give one);
- text: the two share at least half of their content words (each side's).

``ordinal_clash`` finds text values that differ only by an ordinal or a number
("fifth imam" / "fourth imam", "2nd battalion" / "3rd battalion"): the rest of
their words agree but the numbers differ, which makes them a contradiction
rather than two different things.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from orbat.model.values import Quantity
from orbat.model.views import ClaimView
from orbat.reconcile.temporal import Span, bounds

T = TypeVar("T")


def _words(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _words(
        "a an the of and or in on at to for by with from as is are was were be been its it their "
        "this that these those al el"
    )
)
_APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4\u02b9\u2032]")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

ORDINAL_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        _words(
            "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
        )
    )
}
CARDINAL_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_NUMERIC = re.compile(r"^(\d+)(?:st|nd|rd|th)?$")


@dataclass(frozen=True)
class Value:
    """A claim's object, parsed for comparison."""

    kind: str  # entity | date | quantity | text
    display: str
    entity: str | None = None
    span: Span | None = None  # dates
    edtf: str | None = None
    quantity: Quantity | None = None
    text: str | None = None
    facet: str | None = None  # a sub-series (the ``kind`` qualifier of casualties: killed, wounded)


def value_of(claim: ClaimView) -> Value:
    """The comparable value of a claim's object."""
    display = claim.object_display()
    if claim.object_kind == "entity":
        return Value("entity", display, entity=claim.object_entity)
    raw = claim.object_value or {}
    if claim.object_kind == "date" and isinstance(raw.get("date"), str):
        return Value("date", display or raw["date"], span=bounds(raw["date"]), edtf=raw["date"])
    if claim.object_kind == "quantity" and isinstance(raw.get("quantity"), dict):
        q = raw["quantity"]
        qty = Quantity(
            value=q.get("value"),
            min=q.get("min"),
            max=q.get("max"),
            approx=bool(q.get("approx", False)),
            unit=q.get("unit"),
        )
        return Value("quantity", display or qty.display(), quantity=qty)
    text = raw.get("text") if isinstance(raw.get("text"), str) else claim.object_text
    return Value("text", display or (text or ""), text=text or display)


_DASHES = re.compile(r"[-_\u2010-\u2015/]+")
_WORD = re.compile(r"\w+")
# a page compares each text value with many others: each text is normalised once (per process)
_CACHE = 65_536


@lru_cache(maxsize=_CACHE)
def _normalised(text: str) -> tuple[str, ...]:
    s = unicodedata.normalize("NFKC", text)
    s = _ARABIC_MARKS.sub("", s)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _APOSTROPHES.sub("", s).casefold()
    s = _DASHES.sub(" ", s)
    return tuple(_WORD.findall(s))


@lru_cache(maxsize=_CACHE)
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _normalised(text) if w not in STOPWORDS and len(w) > 1)


def content_words(text: str) -> set[str]:
    return set(_content_words(text))


def number_of(word: str) -> int | None:
    """The number a word stands for (``fifth``, ``5th``, ``five``, ``5``), else None."""
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    if word in CARDINAL_WORDS:
        return CARDINAL_WORDS[word]
    m = _NUMERIC.match(word)
    return int(m.group(1)) if m else None


@lru_cache(maxsize=_CACHE)
def _split_numbers(text: str) -> tuple[frozenset[int], frozenset[str]]:
    nums: set[int] = set()
    words: set[str] = set()
    for w in _normalised(text):
        n = number_of(w)
        if n is not None:
            nums.add(n)
        elif w not in STOPWORDS and len(w) > 1:
            words.add(w)
    return frozenset(nums), frozenset(words)


def texts_similar(a: str, b: str) -> bool:
    """Each text shares at least half of its content words with the other."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return fold_text(a) == fold_text(b)
    shared = len(wa & wb)
    return shared >= 0.5 * max(len(wa), len(wb))


def fold_text(text: str) -> str:
    return " ".join(_normalised(text))


def ordinal_clash(a: str, b: str) -> bool:
    """Texts about the same thing that differ by an ordinal or a number.

    Both must carry numbers, the numbers must differ, and the remaining
    content words must overlap by at least half of the shorter side.
    """
    na, wa = _split_numbers(a)
    nb, wb = _split_numbers(b)
    if not na or not nb or na == nb or not wa or not wb:
        return False
    return len(wa & wb) >= 0.5 * min(len(wa), len(wb))


def _unit(q: Quantity) -> str | None:
    return " ".join(q.unit.casefold().split()) if q.unit else None


def quantities_compatible(a: Quantity, b: Quantity) -> bool:
    ua, ub = _unit(a), _unit(b)
    if ua and ub and ua != ub:
        return False
    if a.low <= b.high and b.low <= a.high:
        return True
    ma, mb = (a.low + a.high) / 2, (b.low + b.high) / 2
    return abs(ma - mb) <= 0.1 * max(abs(ma), abs(mb))


def dates_compatible(a: Span, b: Span) -> bool:
    """One date refines the other: one span contains the other."""
    return a.contains(b) or b.contains(a)


def compatible(a: Value, b: Value) -> bool:
    """True when ``a`` and ``b`` can be the same value."""
    if a.kind != b.kind:
        return False
    if a.facet and b.facet and a.facet.casefold() != b.facet.casefold():
        return False
    if a.kind == "entity":
        return a.entity == b.entity
    if a.kind == "date":
        assert a.span is not None and b.span is not None
        return dates_compatible(a.span, b.span)
    if a.kind == "quantity":
        assert a.quantity is not None and b.quantity is not None
        return quantities_compatible(a.quantity, b.quantity)
    ta, tb = a.text or a.display, b.text or b.display
    return texts_similar(ta, tb) and not ordinal_clash(ta, tb)


def cluster(items: Sequence[T], value: Callable[[T], Value]) -> list[list[T]]:
    """Complete-linkage clusters: an item joins a cluster only if compatible with all its members.

    Items are visited in their given order; the result keeps clusters in order
    of their first member. ``2012``, ``2012-03`` and ``2012-11`` make two
    clusters, because March and November 2012 are not the same date.
    """
    pairs = [(item, value(item)) for item in items]
    if all(v.kind == "entity" and not v.facet for _, v in pairs):
        # entity values are compatible exactly when they name the same entity (an equivalence):
        # the complete-linkage clusters are the groups by entity, in order of first appearance
        by_entity: dict[str | None, list[T]] = {}
        for item, v in pairs:
            by_entity.setdefault(v.entity, []).append(item)
        return list(by_entity.values())
    clusters: list[list[T]] = []
    values: list[list[Value]] = []
    for item, v in pairs:
        for members, vals in zip(clusters, values, strict=True):
            if all(compatible(v, other) for other in vals):
                members.append(item)
                vals.append(v)
                break
        else:
            clusters.append([item])
            values.append([v])
    return clusters


__all__ = [
    "STOPWORDS",
    "Value",
    "cluster",
    "compatible",
    "content_words",
    "dates_compatible",
    "number_of",
    "ordinal_clash",
    "quantities_compatible",
    "texts_similar",
    "value_of",
]
