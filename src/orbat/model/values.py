"""Object values of claims: entity references, EDTF dates, quantities, text.

Each value knows how to validate itself, how to turn into the JSON object of
the interchange format (``{"date": "2012-06"}``) and back.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from orbat.errors import ValidationError

_EDTF_CACHE: dict[str, bool] = {}


def _parseable(value: str) -> str:
    """The spec writes "on or before" as ``..2013-12``; EDTF spells it ``[..2013-12]``."""
    if "/" not in value and not value.startswith("[") and (value.startswith("..") or value.endswith("..")):
        return f"[{value}]"
    return value


_SIMPLE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%])?")
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


def _simple_bounds(value: str) -> tuple[str, str] | None:
    """Bounds of a plain EDTF day/month/season/year (qualifiers allowed), or None."""
    import calendar

    m = _SIMPLE.fullmatch(value)
    if not m:
        return None
    year = int(m.group("y"))
    if m.group("m") is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(m.group("m"))
    if 21 <= month <= 24 and m.group("d") is None:
        first, last = _SEASON_MONTHS[month]
        end_year = year + 1 if month == 24 else year
        last_day = calendar.monthrange(end_year, last)[1]
        return f"{year:04d}-{first:02d}-01", f"{end_year:04d}-{last:02d}-{last_day:02d}"
    if not 1 <= month <= 12:
        return None
    days = calendar.monthrange(year, month)[1]
    if m.group("d") is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{days:02d}"
    day = int(m.group("d"))
    if not 1 <= day <= days:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", f"{year:04d}-{month:02d}-{day:02d}"


def is_edtf(value: str) -> bool:
    """True if ``value`` is a valid EDTF (level 0-2) string, per the ``edtf`` package.

    Also accepts the claims spec's open bounds ``..2013-12`` (on or before) and
    ``2013..`` (on or after), validated as the EDTF sets ``[..2013-12]``/``[2013..]``.
    """
    if value in _EDTF_CACHE:
        return _EDTF_CACHE[value]
    if _simple_bounds(value) is not None:  # the common forms, without the slow grammar
        return True
    from edtf import parse_edtf  # imported lazily: pyparsing grammar is slow to build
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parse_edtf(_parseable(value))
        ok = True
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        ok = False
    _EDTF_CACHE[value] = ok
    return ok


def check_edtf(value: str, what: str = "date") -> str:
    value = (value or "").strip()
    if not value or not is_edtf(value):
        raise ValidationError(f"{what} {value!r} is not a valid EDTF date")
    return value


_YEAR = re.compile(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@lru_cache(maxsize=65536)
def edtf_bounds(value: str) -> tuple[str | None, str | None]:
    """Earliest and latest ISO day an EDTF string can mean (None when open).

    Used to order claims on a timeline and to compare dates. Open bounds
    (``..2013-12``, ``2013..``, ``2012/..``) leave their open side as None.
    """
    value = (value or "").strip()
    if "/" in value and not value.startswith(("[", "{")):
        left, _, right = value.partition("/")
        lo = None if left in ("", "..") else edtf_bounds(left)[0]
        hi = None if right in ("", "..") else edtf_bounds(right)[1]
        return lo, hi
    simple = _simple_bounds(value)
    if simple is not None:
        return simple
    inner = value.strip("[]")
    if "/" not in inner and (inner.startswith("..") or inner.endswith("..")):
        lo, hi = edtf_bounds(inner.strip("."))
        return (None, hi) if inner.startswith("..") else (lo, None)
    try:
        from edtf import parse_edtf

        parsed = parse_edtf(value)
        lo_t = parsed.lower_strict()
        hi_t = parsed.upper_strict()
        fmt = "{:04d}-{:02d}-{:02d}"
        lo_s = fmt.format(lo_t.tm_year, lo_t.tm_mon, lo_t.tm_mday) if lo_t and lo_t.tm_year > -9998 else None
        hi_s = fmt.format(hi_t.tm_year, hi_t.tm_mon, hi_t.tm_mday) if hi_t and hi_t.tm_year < 9999 else None
        return lo_s, hi_s
    except Exception:  # the edtf package raises a range of errors on odd input
        m = _YEAR.search(value)
        if not m:
            return None, None
        y = m.group(1)
        return f"{y}-01-01", f"{y}-12-31"


@dataclass(frozen=True)
class EntityRef:
    entity: str

    kind = "entity"

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity}

    def sort_key(self) -> str:
        return self.entity


@dataclass(frozen=True)
class DateValue:
    edtf: str

    kind = "date"

    def __post_init__(self) -> None:
        check_edtf(self.edtf)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.edtf}

    def sort_key(self) -> str:
        return self.edtf


@dataclass(frozen=True)
class Quantity:
    value: float | None = None
    min: float | None = None
    max: float | None = None
    approx: bool = False
    unit: str | None = None

    kind = "quantity"

    def __post_init__(self) -> None:
        nums = [x for x in (self.value, self.min, self.max) if x is not None]
        if not nums:
            raise ValidationError("a quantity needs a value or a min/max range")
        for x in nums:
            if not isinstance(x, int | float) or isinstance(x, bool) or not math.isfinite(x):
                raise ValidationError(f"quantity {x!r} is not a finite number")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValidationError("a quantity has either a value or a min/max range, not both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValidationError(f"quantity range {self.min}-{self.max} is reversed")

    @property
    def low(self) -> float:
        v = self.value if self.value is not None else (self.min if self.min is not None else self.max)
        assert v is not None
        return v

    @property
    def high(self) -> float:
        v = self.value if self.value is not None else (self.max if self.max is not None else self.min)
        assert v is not None
        return v

    def to_json(self) -> dict[str, Any]:
        q: dict[str, Any] = {}
        if self.value is not None:
            q["value"] = _num(self.value)
        else:
            if self.min is not None:
                q["min"] = _num(self.min)
            if self.max is not None:
                q["max"] = _num(self.max)
        if self.approx:
            q["approx"] = True
        if self.unit:
            q["unit"] = self.unit
        return {"quantity": q}

    def sort_key(self) -> str:
        return f"{self.low:020.3f}"

    def display(self) -> str:
        def f(x: float) -> str:
            n = _num(x)
            return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}"

        core = f(self.value) if self.value is not None else f"{f(self.low)}–{f(self.high)}"
        return ("about " if self.approx else "") + core + (f" {self.unit}" if self.unit else "")


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


@dataclass(frozen=True)
class TextValue:
    text: str

    kind = "text"

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValidationError("a text value cannot be empty")

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text}

    def sort_key(self) -> str:
        return self.text.casefold()


ObjectValue = EntityRef | DateValue | Quantity | TextValue


def object_from_json(obj: Any) -> ObjectValue:
    """Parse the interchange ``object`` (exactly one of entity/date/quantity/text)."""
    if not isinstance(obj, dict) or len(obj) != 1:
        raise ValidationError(f"object must hold exactly one of entity, date, quantity, text: {obj!r}")
    ((key, val),) = obj.items()
    if key == "entity":
        if not isinstance(val, str) or not val:
            raise ValidationError(f"entity object must be a non-empty id: {val!r}")
        return EntityRef(val)
    if key == "date":
        if not isinstance(val, str):
            raise ValidationError(f"date object must be an EDTF string: {val!r}")
        return DateValue(check_edtf(val))
    if key == "quantity":
        if not isinstance(val, dict):
            raise ValidationError(f"quantity object must be an object: {val!r}")
        unknown = set(val) - {"value", "min", "max", "approx", "unit"}
        if unknown:
            raise ValidationError(f"unknown quantity fields: {sorted(unknown)}")
        return Quantity(
            value=val.get("value"),
            min=val.get("min"),
            max=val.get("max"),
            approx=bool(val.get("approx", False)),
            unit=val.get("unit"),
        )
    if key == "text":
        if not isinstance(val, str):
            raise ValidationError(f"text object must be a string: {val!r}")
        return TextValue(val)
    raise ValidationError(f"unknown object kind {key!r}")
