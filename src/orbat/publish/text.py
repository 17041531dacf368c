"""Words for publishing: dates, quantities, articles, names and their English meaning.

Everything here turns a value of the model into readable English; nothing
reads the store.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from orbat.errors import OrbatError
from orbat.model.records import script_of
from orbat.model.values import Quantity, edtf_bounds, object_from_json
from orbat.resolve._text import fold_token, normalize
from orbat.resolve.glossary import Glossary, glossary

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}

_SINGLE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%])?$")


@lru_cache(maxsize=8192)
def _parts(value: str) -> tuple[str, str | None, str] | None:
    """(noun phrase, day|month|year precision, flag) of one EDTF date, or None (parsed once per
    string: a page asks for the same few dates hundreds of times)."""
    m = _SINGLE.match(value.strip())
    if not m:
        return None
    year, month, day, flag = m.group(1), m.group(2), m.group(3), m.group(4) or ""
    if month is None:
        return year, "year", flag
    mm = int(month)
    if mm in SEASONS:
        return f"{SEASONS[mm]} {year}", "season", flag
    if not 1 <= mm <= 12:
        return None
    if day is None:
        return f"{MONTHS[mm - 1]} {year}", "month", flag
    return f"{int(day)} {MONTHS[mm - 1]} {year}", "day", flag


def _interval(value: str) -> tuple[str | None, str | None] | None:
    v = value.strip()
    if v.startswith("[") and v.endswith("]") and ".." in v:
        v = v[1:-1]
    if "/" in v:
        a, b = v.split("/", 1)
        return (a or None if a not in ("", "..") else None, b or None if b not in ("", "..") else None)
    if ".." in v and "," not in v:
        a, b = v.split("..", 1)
        return (a or None, b or None)
    return None


def date_noun(value: str) -> str:
    """An EDTF date as a noun phrase: ``2012-06`` → "June 2012", ``2012-21`` → "spring 2012"."""
    parts = _parts(value)
    if parts is not None:
        noun, _precision, flag = parts
        if flag == "~":
            return f"about {noun}"
        if flag == "?":
            return f"{noun} (uncertain)"
        if flag == "%":
            return f"about {noun} (uncertain)"
        return noun
    interval = _interval(value)
    if interval is not None:
        a, b = interval
        if a and b:
            return f"between {date_noun(a)} and {date_noun(b)}"
        if b:
            return f"{date_noun(b)} or earlier"
        if a:
            return f"{date_noun(a)} or later"
    return value


def date_when(value: str) -> str:
    """An EDTF date as an adverbial: "in 2012", "on 1 November 2012", "around 2012", "by 2013"."""
    parts = _parts(value)
    if parts is not None:
        noun, precision, flag = parts
        prep = "on" if precision == "day" else "in"
        if flag == "~":
            return f"around {noun}"
        if flag == "?":
            return f"possibly {prep} {noun}"
        if flag == "%":
            return f"possibly around {noun}"
        return f"{prep} {noun}"
    interval = _interval(value)
    if interval is not None:
        a, b = interval
        if a and b:
            return f"between {date_noun(a)} and {date_noun(b)}"
        if b:
            return f"by {date_noun(b)}"
        if a:
            return f"in or after {date_noun(a)}"
    return f"in {value}"


def date_precision(value: str) -> str:
    """year, season, month, day, or range/other for intervals and odd input."""
    parts = _parts(value)
    if parts is None:
        return "range"
    return parts[1] or "range"


def is_approximate(value: str) -> bool:
    """True when the EDTF date is approximate, uncertain, a season, a year or a month, or a range."""
    parts = _parts(value)
    if parts is None:
        return True
    return parts[1] != "day" or parts[2] != ""


def bounds(value: str | None) -> tuple[str | None, str | None]:
    """Earliest and latest ISO day of an EDTF date (cached: parsing EDTF is slow)."""
    if not value:
        return None, None
    return _bounds(value)


@lru_cache(maxsize=4096)
def _bounds(value: str) -> tuple[str | None, str | None]:
    return edtf_bounds(value)


def sort_key(value: str | None) -> tuple[int, str, str]:
    """Order dates by their earliest day, then latest; undated last."""
    lo, hi = bounds(value)
    if lo is None and hi is None:
        return (1, "", "")
    return (0, lo or hi or "", hi or lo or "")


def overlaps(a: str, b: str) -> bool:
    """True when two EDTF dates can mean the same day (their bounds overlap)."""
    alo, ahi = bounds(a)
    blo, bhi = bounds(b)
    if (alo is None and ahi is None) or (blo is None and bhi is None):
        return False
    lo1, hi1 = alo or "0000-01-01", ahi or "9999-12-31"
    lo2, hi2 = blo or "0000-01-01", bhi or "9999-12-31"
    return lo1 <= hi2 and lo2 <= hi1


_PRECISION_RANK = {"day": 4, "month": 3, "season": 2, "year": 1}


def precision_rank(value: str) -> int:
    return _PRECISION_RANK.get(date_precision(value), 0)


# ---------------------------------------------------------------------------
# quantities
# ---------------------------------------------------------------------------


def quantity_of(obj: dict[str, object] | None) -> Quantity | None:
    if not obj or "quantity" not in obj:
        return None
    value = object_from_json(obj)
    return value if isinstance(value, Quantity) else None


def _num(x: float) -> str:
    n = int(x) if float(x).is_integer() else x
    return f"{n:,}" if isinstance(n, int) else f"{n:,.2f}"


def quantity_number(q: Quantity) -> str:
    """The number part: "about 2,000", "8,000 to 12,000", "up to 300", "at least 50"."""
    if q.value is not None:
        core = _num(q.value)
    elif q.min is not None and q.max is not None:
        core = f"{_num(q.min)} to {_num(q.max)}"
    elif q.max is not None:
        core = f"up to {_num(q.max)}"
    else:
        core = f"at least {_num(q.low)}"
    return ("about " if q.approx and not core.startswith(("up to", "at least")) else "") + core


def unit_words(unit: str | None) -> str:
    if not unit:
        return ""
    return unit.replace("/month", " a month").replace("/year", " a year").replace("/day", " a day")


def quantity_words(q: Quantity) -> str:
    """A quantity in words: "about 2,000 fighters", "25,000 SYP a month"."""
    unit = unit_words(q.unit)
    return quantity_number(q) + (f" {unit}" if unit else "")


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """Within 10 % of each other, or overlapping ranges (the scorer's rule)."""
    if a.low <= b.high and b.low <= a.high:
        return True
    big = max(abs(a.high), abs(b.high), 1.0)
    return abs(a.low - b.low) <= 0.1 * big and abs(a.high - b.high) <= 0.1 * big


# ---------------------------------------------------------------------------
# phrases
# ---------------------------------------------------------------------------

_ARTICLES = ("a ", "an ", "the ", "its ", "their ", "his ", "her ")


def with_article(text: str) -> str:
    """ "paramilitary militia" → "a paramilitary militia"; leaves "the ..." and plurals alone."""
    t = text.strip()
    low = t.casefold()
    if low.startswith(_ARTICLES) or not t:
        return t
    first = low.split()[0]
    if first.endswith("s") and not first.endswith(("ss", "us", "is")) and len(low.split()) == 1:
        return t
    if t[0].isupper() and script_of(t) == "Latn" and " " not in t:
        return t  # a proper name
    article = "an" if low[0] in "aeiou" and not low.startswith(("uni", "use", "one")) else "a"
    return f"{article} {t}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def join_words(items: list[str], conj: str = "and") -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} {items[-1]}"


# ---------------------------------------------------------------------------
# names: script and English meaning
# ---------------------------------------------------------------------------

_ARTICLE = re.compile(
    r"^(?:al|el|il|ul|ad|ed|adh|ar|er|as|es|ash|esh|at|et|ath|eth|az|ez|an|en)[-\u2010](?=\w)", re.IGNORECASE
)


@cache
def _glossary() -> Glossary | None:
    try:
        return glossary()
    except OrbatError:  # a broken glossary must not break publishing
        return None


def _fold(token: str) -> str | None:
    norm = normalize(token)
    if not norm or " " in norm:
        return None
    return fold_token(norm)


def _classes(token: str) -> frozenset[str]:
    g = _glossary()
    key = _fold(token)
    if g is None or key is None:
        return frozenset()
    return g.classes(key)


def _unit_class(token: str) -> str | None:
    g = _glossary()
    key = _fold(token)
    if g is None or key is None:
        return None
    units = g.units.get(key, frozenset())
    return sorted(units)[0] if len(units) == 1 else None


def english_meaning(name: str) -> str | None:
    """The English meaning of a transliterated Arabic unit name, from the resolution glossary.

    "Liwa al-Baqir" → "the Baqir Brigade"; "Quwat al-Difa al-Watani" →
    "the National Defense Forces"; None when the name does not start with a
    unit word (Liwa, Katibat, Fawj, Quwat, ...) or is not in Latin script.
    """
    if script_of(name) != "Latn":
        return None
    tokens = name.split()
    if len(tokens) < 2:
        return None
    unit = _unit_class(tokens[0])
    if unit is None:
        return None
    rest = [_ARTICLE.sub("", t) for t in tokens[1:]]
    translated: list[str] = []
    for tok in rest:
        classes = _classes(tok)
        if len(classes) == 1:
            translated.append(next(iter(classes)).replace("_", " ").title())
        else:
            translated = []
            break
    if translated:
        modifiers = " ".join(reversed(translated))
    elif len(rest) == 1:
        modifiers = capitalise(rest[0])
    else:
        modifiers = " ".join(tokens[1:])
    meaning = f"the {modifiers} {unit.replace('_', ' ').title()}"
    if meaning.casefold().removeprefix("the ") == name.casefold().removeprefix("the "):
        return None
    return meaning


def is_arabic_script(name: str) -> bool:
    return script_of(name) == "Arab"


# Final words after which an English name takes "the" ("the Local Defence Forces").
_THE_LAST = frozenset(
    [
        "forces",
        "force",
        "army",
        "armies",
        "division",
        "divisions",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "regiment",
        "corps",
        "party",
        "ministry",
        "state",
        "guard",
        "guards",
        "committees",
        "committee",
        "units",
        "unit",
        "front",
        "movement",
        "network",
        "council",
        "coalition",
        "family",
        "clan",
        "tribe",
        "offensive",
        "war",
        "battle",
        "siege",
        "campaign",
        "massacre",
        "intelligence",
        "agency",
        "service",
        "services",
        "directorate",
        "government",
        "republic",
        "kingdom",
        "emirates",
        "states",
        "union",
        "organisation",
        "organization",
        "institute",
        "centre",
        "center",
        "group",
        "wing",
    ]
)
# First words that take "the" ("the battle of al-Haffa", "the Ministry of Defense").
_THE_FIRST = frozenset(
    [
        "battle",
        "fall",
        "attacks",
        "siege",
        "ministry",
        "office",
        "united",
        "lionesses",
        "popular",
        "people's",
        "islamic",
        "national",
        "local",
    ]
)


@lru_cache(maxsize=8192)
def display_name(name: str, entity_type: str | None) -> str:
    """A name as it reads inside a sentence: "the Tiger Forces", "the battle of al-Haffa", "Hezbollah".

    People, places and names in Arabic script or already carrying an article are left alone.
    (Worked out once per (name, type).)
    """
    n = name.strip()
    if not n or entity_type in (None, "person") or script_of(n) != "Latn":
        return n
    base = re.sub(r"\s*\([^)]*\)$", "", n) or n  # "Aleppo offensive (July 2016)"
    words = base.split()
    low_first = words[0].casefold()
    if low_first in ("the", "a", "an") or low_first.startswith(("al-", "el-")):
        return n
    if n[0].islower():
        return f"the {n}"  # "the southern Aleppo countryside"
    if entity_type == "place":
        return n
    if entity_type == "event":
        return n if low_first == "operation" else f"the {n}"  # "the Iran–Israel proxy conflict"
    if entity_type == "kin_group" and len(words) == 1:
        return f"the {n}"  # "the Baggara"
    last = words[-1].casefold().strip(".,")
    if entity_type == "state":
        return f"the {n}" if low_first in ("united",) or last in ("states", "kingdom", "emirates") else n
    if last in _THE_LAST or low_first in _THE_FIRST or n[0].isdigit() or n[0].islower():
        return f"the {n}"
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) > 1:
        return f"the {n}"  # "the Latakia NDF"
    return n
