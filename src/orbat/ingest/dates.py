"""Publication dates in the forms documents and people write them, to EDTF.

``2016-05-24``, ``2016-05-24T10:00:00+03:00``, ``D:20160524103000Z`` (PDF),
``Tue, 24 May 2016 10:00:00 GMT`` (HTTP), ``24 May 2016``, ``May 24, 2016``,
``May 2016``, ``2016/05/24``, a YAML date or an integer year become EDTF at the
precision given (``2016-05-24``, ``2016-05``, ``2016``). Anything already
valid EDTF (``2016?``, ``2012-21``, ``[2012..2013]``) passes through. Day-first
numeric dates (``05/06/2016``) are ambiguous and refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from orbat.model.values import is_edtf

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"

_PATTERNS = [
    re.compile(r"^D:(?P<year>\d{4})(?:(?P<month>\d{2})(?P<day>\d{2})?)?(?:\d{2,6})?(?:[Zz+\-'].*)?$"),
    re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T?\d{2,6})?(?:[Zz+\-].*)?$"),
    re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}.*)?$"),
    re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})(?:[/.](?P<day>\d{1,2}))?$"),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}(?:[\sT,].*)?$", re.I),
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}(?:[\sT,].*)?$", re.I),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.I),
]


def _month_number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return _MONTHS.get(raw.lower())


def _build(year: str, month: str | None, day: str | None) -> str | None:
    if month is None:
        return year
    m = _month_number(month)
    if m is None or not 1 <= m <= 12:
        return None
    if day is None:
        return f"{year}-{m:02d}"
    try:
        return date(int(year), m, int(day)).isoformat()
    except ValueError:
        return None


def to_edtf(value: object) -> str | None:
    """The EDTF string for a date as written, or None if it cannot be read."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}" if 0 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            built = _build(groups["year"], groups.get("month"), groups.get("day"))
            if built is not None:
                return built
    if "," in text or re.search(r"\d{1,2}:\d{2}", text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    return text if is_edtf(text) else None
