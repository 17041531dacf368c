"""Date expressions in English analytical prose, normalised to EDTF.

:func:`find_dates` scans a text once (one compiled regular expression, run over
the lower-cased text, with a cheap look-ahead on the first word so that most
positions fail at once) and returns every date expression with its EDTF value and a hint, from the words
before it, about how a claim should use it:

* ``cue``: the raw cue word(s) before the date ("since", "from", "until", "by",
  "as of", "in", "on", "during", "before", "after", "began in", ...), lower
  case, "at least" dropped ("since at least 2018" -> "since");
* ``role``: ``start`` (since, from, starting/beginning in, began in, as early
  as), ``end`` (until, till, up to, through, ended in), ``as_of`` (as of, by,
  as late as, no later than), ``interval`` for a range, else None. "by" is
  given as ``as_of``: whether "centres established by late 2013" is a start is
  the claim extractor's call; it has the cue.

What is recognised (the vague word stays in ``text``, the value follows
shared/spec/annotation.md):

* years "2012", "in 2012", adjectival "a late 2012 interview", "the 2016
  offensive"; vague parts of a year "early/mid-/late 2012", "the end/beginning/
  middle of 2015", "the first half of 2014" -> the year;
* months "June 2012", "Jun. 2012", "June of 2012", "late March 2016" ->
  2012-06; days "14 June 2012", "June 14, 2012", "the 14th of June 2012",
  "Friday, August 16, 2024", "2012-06-14", "14/06/2012";
* seasons "spring 2014", "the summer of 2015" -> 2014-21 (21 spring, 22 summer,
  23 autumn/fall, 24 winter); decades "the 1980s", "the eighties (of the last
  century)" -> 198X; centuries "the 20th century" -> 19XX;
* approximate "around/circa/c./about/roughly 2012" -> 2012~;
* ranges -> EDTF intervals: "2012-2014", "2012–14", "(2017–2018)", "from 2012
  to 2014", "between 2012 and 2014", "April–May 2018", "14–16 June 2012",
  "1 November 2012 – 8 December 2024" (also with the dash lost: "1 November
  20128 December 2024"), "2023–present" -> 2023/..;
* a month without a year, after a cue ("In April", "by August") or coordinated
  with a dated one ("in February and April 2012"): the year of the previous
  date in the text, else of ``doc_date``;
* relative to ``doc_date`` (skipped when it is None): "last year", "this
  year", "the beginning of this year", "October of last year", "last
  October", "last month", "two months ago" (-> month, approximate),
  "yesterday";
* relative to the previous date in the text: "two days later" (needs a full
  day), "the next day", "a month later" (needs a month), "that year", "the
  following year", "the same month".

Numbers that are not years are left alone: "2000 fighters", "25,000",
"Document no. 845", "3002 Damascus", "more than 2000", "2000-3000 men".
Uncertainty ("probably in 2012") is left to :mod:`orbat.extract.hedges`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from orbat.extract.hedges import lower_same_length, phrase_trie
from orbat.extract.quantities import HEAD_NOUNS, OTHER_NOUNS, head_noun_after, phrase_before, words_before


def _words(s: str, sep: str | None = None) -> list[str]:
    """A lexicon written as one string: "a b c" -> ["a", "b", "c"]."""
    return s.split(sep)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    edtf: str
    role: str | None = None
    cue: str | None = None


# ---------------------------------------------------------------------------
# lexicons
# ---------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
SEASONS: dict[str, int] = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
CENTURY_WORDS: dict[str, int] = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}

#: cue (normalised) -> role
CUE_ROLES: dict[str, str] = {
    "since": "start",
    "from": "start",
    "starting": "start",
    "starting in": "start",
    "starting on": "start",
    "starting from": "start",
    "beginning": "start",
    "beginning in": "start",
    "beginning on": "start",
    "beginning from": "start",
    "began": "start",
    "began in": "start",
    "began on": "start",
    "begun in": "start",
    "started": "start",
    "started in": "start",
    "started on": "start",
    "commencing": "start",
    "as early as": "start",
    "no earlier than": "start",
    "effective": "start",
    "until": "end",
    "till": "end",
    "til": "end",
    "up to": "end",
    "up until": "end",
    "through": "end",
    "ending": "end",
    "ending in": "end",
    "ended in": "end",
    "ended on": "end",
    "as of": "as_of",
    "as at": "as_of",
    "by": "as_of",
    "as late as": "as_of",
    "no later than": "as_of",
}
#: cue words before a date (other than the role cues above)
PLAIN_CUES = frozenset(
    _words("in|on|during|at|within|throughout|before|after|following|between|of|prior to", "|")
)
_CUE_SET = frozenset(CUE_ROLES) | PLAIN_CUES
_CUE_STRIP_TAIL = ("the", "year", "least")

#: words before a number that make it a label, not a year ("no. 2012", "Resolution 2012")
LABEL_WORDS = frozenset(
    _words(
        "no nos nr number resolution decree law article art page pages p pp vol volume issue route highway road "
        "flight room box code tel phone model version ref item file document doc id section chapter para "
        "paragraph figure fig table unit hill point height observatory sector km kilometre kilometer us usd syp "
        "eur gbp lbp # $ £ €"
    )
)
#: phrases before a number that make it a count ("more than 2000")
COUNT_PHRASES = frozenset(
    _words(
        "more than|less than|fewer than|nearly|almost|some|as many as|over|under|total|totals|totaling|totalling|"
        "numbering|numbered|estimated|upwards of|at most|at least|total of|a further|another",
        "|",
    )
)
#: words right before a year that make it a date whatever follows
DATE_CUE_WORDS = frozenset(
    _words("in|since|by|until|till|during|from|early|late|mid|before|after|of|around|circa|as of", "|")
)

# ---------------------------------------------------------------------------
# the scanner
# ---------------------------------------------------------------------------

_MONTH_ALT = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec"
)
_NUMW = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))


_MONTH_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = "sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec"


def _mon(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_FULL})(?![a-z])|(?:{_MONTH_ABBR})(?![a-z])\.?)"


def _mon_full(name: str) -> str:
    return rf"(?P<{name}>(?:{_MONTH_FULL})(?![\w]))"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?:(?!\d)|(?=\d{{1,2}}\s+(?:{_MONTH_ALT})))(?![a-z%])"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"


_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_APPROX = r"(?P<approx>(?:around|circa|c\.|ca\.|approximately|approx\.|about|roughly)\s+)?"
_QUAL = (
    r"(?P<qual>(?:the\s+)?(?:very\s+)?(?:(?:early|late|mid|middle)(?:\s*-\s*|\s+)(?:in\s+)?|"
    r"(?:end|beginning|start|middle|close|turn|first\s+half|second\s+half|latter\s+half|latter\s+part|"
    r"first\s+part|early\s+part|last\s+part|first\s+quarter|second\s+quarter|third\s+quarter|"
    r"fourth\s+quarter|last\s+quarter|first\s+months|last\s+months|first\s+days|last\s+days|course)"
    r"\s+of\s+))?"
)
_REL_YEAR = (
    r"this|last|next|that|the\s+same|the\s+previous|the\s+following|the\s+next|the\s+preceding|"
    r"the\s+current|the\s+coming"
)

_ALTS = [
    rf"(?P<iso>{_year('iy')}-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])(?![\d-]))",
    rf"(?P<num>(?P<n1>[0-3]?\d)[/.](?P<n2>[01]?\d)[/.]{_year('ny')})",
    rf"(?P<dmyr>{_day('rd1')}\s*(?:[-–—]|to)\s*{_day('rd2')}\s+(?:of\s+)?{_mon('rdm')},?\s+{_year('rdy')})",
    rf"(?P<dmy>{_WEEKDAY}(?:the\s+)?{_day('dd')}\s+(?:of\s+)?{_mon('dm')},?\s+{_year('dy')})",
    rf"(?P<mdyr>{_mon('mrm')}\s+{_day('mrd1')}\s*[-–—]\s*{_day('mrd2')},?\s+{_year('mry')})",
    rf"(?P<mdy>{_WEEKDAY}{_mon('mm')}\s+(?:the\s+)?{_day('md')}(?!\d),?\s+{_year('my')})",
    rf"(?P<ym>{_mon('ymm')},?\s+(?:of\s+)?{_year('ymy')})",
    rf"(?P<mrel>{_mon('rmm')}\s+(?:of\s+)?(?P<rmrel>{_REL_YEAR})\s+year(?![\w]))",
    rf"(?P<season>(?:the\s+)?(?P<se>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_year('sy')})",
    rf"(?P<yrs>{_year('ra')}\s*(?P<rsep>[-–—−/])\s*(?P<rb>\d\d)(?![\d\w]))",
    r"(?P<decade>(?:the\s+)?(?:(?P<dec>(?:1[89]|20)\d)0[’']?s|[’'](?P<dec2>\d)0s|"
    r"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w])"
    r"(?:\s+of\s+(?P<cent>the\s+last|the\s+past|the\s+previous|the\s+twentieth|the\s+20th|this|the\s+current|"
    r"the\s+present|the\s+twenty-first|the\s+21st)\s+century)?)",
    r"(?P<century>(?:the\s+)?(?:(?P<cn>1\d|2[01]|[1-9])(?:st|nd|rd|th)|"
    r"(?P<cw>eighteenth|nineteenth|twentieth|twenty-first))\s+century)",
    rf"(?P<year>{_year('y')})",
    rf"(?P<relyear>(?P<rq>(?:earlier|later)\s+)?(?P<ry>{_REL_YEAR})\s+year(?![\w]))",
    r"(?P<theyear>the\s+year(?![\w])(?!\s+\d))",
    rf"(?P<relmonth>(?:(?:earlier|later)\s+)?(?P<rmo>{_REL_YEAR})\s+month(?![\w]))",
    rf"(?P<lastm>(?P<lm>last|this|next)\s+{_mon_full('lmm')})",
    rf"(?P<ago>(?P<agon>{_NUMW}|\d{{1,3}})\s+(?P<agou>day|week|month|year)s?\s+ago(?![\w]))",
    rf"(?P<later>(?P<ltn>{_NUMW}|\d{{1,3}})\s+(?P<ltu>day|week|month|year)s?\s+"
    r"(?P<ltd>later|earlier|afterwards|after\s+that|before\s+that|previously)(?![\w]))",
    r"(?P<nextday>the\s+(?P<ndd>next|following|previous|preceding|same)\s+(?P<ndu>day|morning|evening|night)"
    r"(?![\w]))",
    r"(?P<yday>yesterday)(?![\w])",
    rf"(?P<dmo>(?:the\s+)?{_day('bd')}\s+(?:of\s+)?{_mon('bdm')})",
    rf"(?P<mdo>{_mon('bmm')}\s+{_day('bmd')}(?![\d\w]))",
    rf"(?P<bare>{_mon_full('bm')})",
]

#: words that can open a date expression; a position that opens none of them
#: (or a digit) fails at once, before the alternatives are tried
FIRST_WORDS: tuple[str, ...] = (
    *MONTHS,
    *SEASONS,
    *DECADE_WORDS,
    *CENTURY_WORDS,
    *(w for w in NUMBER_WORDS if w not in {"a", "an"}),
    "a day",
    "a week",
    "a month",
    "a year",
    "an",
    *_words("monday tuesday wednesday thursday friday saturday sunday"),
    *_words(
        "around circa c. ca. approximately approx. about roughly early late mid middle end beginning start close "
        "turn first second third fourth last latter course very this next that earlier later yesterday"
    ),
    *(
        f"the {w}"
        for w in _words(
            "end beginning start middle close turn first second third fourth last latter course very "
            "early late mid spring summer autumn fall winter twenties thirties forties fifties sixties seventies "
            "eighties nineties eighteenth nineteenth twentieth twenty-first same previous following next "
            "preceding current coming year"
        )
    ),
)
_FIRST = phrase_trie(FIRST_WORDS)

_SCAN_RE = re.compile(
    r"(?:(?<![\w$£€#])(?<!\d[.,])|(?<=(?:19|20)\d\d)(?=\d{1,2}\s+[a-z]))"
    # cheap look at what opens the expression: a year, a day-sized number, an opening word
    rf"(?=(?:1[89]|20)\d\d|\d{{1,2}}(?![,\d])|['’]\d|the\s+['’]?\d|{_FIRST}(?![a-z]))"
    + _APPROX
    + _QUAL
    + "(?:"
    + "|".join(_ALTS)
    + ")",
)

_COUNT_AFTER_RE = re.compile(
    r"(?:\s*[-–—]\s*\d[\d,.]*|\s+(?:to|or|and)\s+\d[\d,.]*)?"
    r"(?:\s*(?:\+|%)|\s*-?\s*(?:strong|odd)\b|\s+(?:percent|per\s*cent|or\s+more|or\s+so|of\s+(?:them|whom|"
    r"which|these|those|their|its)\b))",
)
_RANGE_NUM_SKIP = re.compile(r"(?:\s*[-–—]\s*\d[\d,.]*|\s+(?:to|or|and)\s+\d[\d,.]*)")
_INTERVAL_GAP_RE = re.compile(r"\s*(?:[-–—−/]|to|until|till|through|thru|and)\s*")
_COORD_GAP_RE = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*")
_OPEN_END_RE = re.compile(
    r"\s*(?:[-–—−]|to|until|till)\s*(?:the\s+)?(?P<open>present(?:\s+day)?|now|today|date|ongoing)(?![\w])",
)


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------

_YMD = tuple[int, int | None, int | None]


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    s = f"{y:04d}"
    if m is not None:
        s += f"-{m:02d}"
        if d is not None:
            s += f"-{d:02d}"
    return s


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _parse_doc_date(doc_date: str | None) -> _YMD | None:
    if not doc_date:
        return None
    m = re.match(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", doc_date)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        return (y, None, None)
    if mo is not None and d is not None and not _valid_day(y, mo, d):
        return (y, mo, None)
    return (y, mo, d)


@dataclass
class _Atom:
    start: int
    end: int
    kind: str  # abs (dated) | bare (month alone) | dm, md (day and month, no year) | rel (relative)
    y: int | None = None
    m: int | None = None
    d: int | None = None
    season: int | None = None
    fixed: str | None = None  # decade / century / interval edtf computed directly
    approx: bool = False
    qual: bool = False
    rel: tuple[str, ...] = ()  # relative spec
    linked: bool = False  # a bare month given its year by a neighbour
    interval_to: _Atom | None = None  # a range found inside one regex match

    def edtf(self) -> str:
        if self.fixed is not None:
            return self.fixed
        assert self.y is not None
        if self.season is not None:
            return f"{self.y:04d}-{self.season}"
        s = _fmt(self.y, self.m, self.d)
        return s + "~" if self.approx else s

    def lo(self) -> tuple[int, int, int] | None:
        if self.y is None:
            return None
        if self.season is not None:
            return (self.y, 1, 1)
        return (self.y, self.m or 1, self.d or 1)

    def hi(self) -> tuple[int, int, int] | None:
        if self.y is None:
            return None
        if self.season is not None:
            return (self.y, 12, 31)
        return (self.y, self.m or 12, self.d or 31)


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _atom_from_match(text: str, low: str, m: re.Match[str]) -> _Atom | None:
    start, end = m.start(), m.end()
    approx = bool(m.group("approx"))
    qual = bool(m.group("qual"))
    a: _Atom | None = None
    kind = m.lastgroup or ""  # the alternative: its group closes last

    if kind == "year":
        if not _year_ok(text, low, start, m.end("y"), strong_cue=qual):
            return None
        a = _Atom(start, end, "abs", int(m["y"]))
    elif kind == "ym":
        a = _Atom(start, end, "abs", int(m["ymy"]), _month(m["ymm"]))
    elif kind == "dmy":
        y, mo, d = int(m["dy"]), _month(m["dm"]), int(m["dd"])
        if not _valid_day(y, mo, d):
            return None
        a = _Atom(start, end, "abs", y, mo, d)
    elif kind == "mdy":
        y, mo, d = int(m["my"]), _month(m["mm"]), int(m["md"])
        if not _valid_day(y, mo, d):
            return None
        a = _Atom(start, end, "abs", y, mo, d)
    elif kind == "bare":
        if not _capitalised(text, m, "bm"):
            return None
        a = _Atom(start, end, "bare", m=_month(m["bm"]))
        approx = False
    elif kind == "yrs":
        ya, rb, sep = int(m["ra"]), int(m["rb"]), m["rsep"]
        if rb > ya % 100:
            a = _Atom(start, end, "abs", ya)
            a.interval_to = _Atom(start, end, "abs", ya - ya % 100 + rb)
        elif sep == "-" and 1 <= rb <= 12:
            a = _Atom(start, end, "abs", ya, rb)  # ISO year-month 2012-06
        else:
            a = _Atom(start, m.end("ra"), "abs", ya)
        if not _year_ok(text, low, start, m.end("ra"), strong_cue=qual):
            return None
    elif kind == "season":
        a = _Atom(start, end, "abs", int(m["sy"]), season=SEASONS[m["se"].lower()])
        approx = False
    elif kind == "dmo":
        d = int(m["bd"])
        if not 1 <= d <= 31 or not _capitalised(text, m, "bdm") or _count_follows(low, end):
            return None
        a = _Atom(start, end, "dm", m=_month(m["bdm"]), d=d)
    elif kind == "mdo":
        d = int(m["bmd"])
        if not 1 <= d <= 31 or not _capitalised(text, m, "bmm") or _count_follows(low, end):
            return None
        a = _Atom(start, end, "md", m=_month(m["bmm"]), d=d)
    elif kind == "iso":
        y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
        if not _valid_day(y, mo, d):
            return None
        a = _Atom(start, end, "abs", y, mo, d)
    elif kind == "num":
        n1, n2, y = int(m["n1"]), int(m["n2"]), int(m["ny"])
        if 1 <= n2 <= 12 and n1 > 12 and _valid_day(y, n2, n1):
            a = _Atom(start, end, "abs", y, n2, n1)
        elif 1 <= n1 <= 12 and n2 > 12 and _valid_day(y, n1, n2):
            a = _Atom(start, end, "abs", y, n1, n2)
        elif 1 <= n1 <= 12 and 1 <= n2 <= 12:
            a = _Atom(start, end, "abs", y)  # 05/06/2012: day and month order unknown
        else:
            return None
    elif kind == "dmyr":
        y, mo = int(m["rdy"]), _month(m["rdm"])
        d1, d2 = int(m["rd1"]), int(m["rd2"])
        if not (_valid_day(y, mo, d1) and _valid_day(y, mo, d2)) or d1 >= d2:
            return None
        a = _Atom(start, end, "abs", y, mo, d1)
        a.interval_to = _Atom(start, end, "abs", y, mo, d2)
    elif kind == "mdyr":
        y, mo = int(m["mry"]), _month(m["mrm"])
        d1, d2 = int(m["mrd1"]), int(m["mrd2"])
        if not (_valid_day(y, mo, d1) and _valid_day(y, mo, d2)) or d1 >= d2:
            return None
        a = _Atom(start, end, "abs", y, mo, d1)
        a.interval_to = _Atom(start, end, "abs", y, mo, d2)
    elif kind == "mrel":
        a = _Atom(start, end, "rel", m=_month(m["rmm"]), rel=("month_of", _norm(m["rmrel"])))
    elif kind == "decade":
        if m["dec"]:
            fixed = f"{m['dec']}X"
        elif m["dec2"]:
            fixed = f"19{m['dec2']}X"
        else:
            head = low[start : m.start("decw")]
            if "the" not in head.split():
                return None  # "in their twenties" is an age
            cent = (m["cent"] or "").lower()
            century = (
                20 if any(w in cent for w in ("this", "current", "present", "twenty-first", "21st")) else 19
            )
            fixed = f"{century}{DECADE_WORDS[m['decw'].lower()]}X"
        a = _Atom(start, end, "abs", fixed=fixed)
        approx = False
    elif kind == "century":
        c = int(m["cn"]) if m["cn"] else CENTURY_WORDS[m["cw"].lower()]
        a = _Atom(start, end, "abs", fixed=f"{c - 1:02d}XX")
        approx = False
    elif kind == "relyear":
        a = _Atom(start, end, "rel", rel=("year", _norm(m["ry"])))
    elif kind == "theyear":
        if not qual:
            return None
        a = _Atom(start, end, "rel", rel=("year", "that"))
    elif kind == "relmonth":
        a = _Atom(start, end, "rel", rel=("month", _norm(m["rmo"])))
    elif kind == "lastm":
        if not _capitalised(text, m, "lmm"):
            return None
        a = _Atom(start, end, "rel", m=_month(m["lmm"]), rel=("named_month", m["lm"].lower()))
    elif kind == "ago":
        n = _count(m["agon"])
        if n is None:
            return None
        a = _Atom(start, end, "rel", rel=("ago", m["agou"].lower(), str(n)))
        approx = False
    elif kind == "later":
        n = _count(m["ltn"])
        if n is None:
            return None
        sign = 1 if m["ltd"].lower().split()[0] in {"later", "afterwards", "after"} else -1
        a = _Atom(start, end, "rel", rel=("later", m["ltu"].lower(), str(n * sign)))
        approx = False
    elif kind == "nextday":
        step = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[m["ndd"].lower()]
        a = _Atom(start, end, "rel", rel=("later", "day", str(step)))
        approx = False
    elif kind == "yday":
        a = _Atom(start, end, "rel", rel=("ago", "day", "1"))
    if a is None:
        return None
    if approx and m.group("approx").strip().lower() == "about":
        before = words_before(low, start, 1)
        if before and before[-1] not in _ABOUT_OK and before[-1][-1:] not in ",;(":
            approx = False
            a.start = m.end("approx")
    a.approx = approx and a.fixed is None and a.season is None
    a.qual = qual
    return a


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower())


def _count(s: str) -> int | None:
    s = s.lower()
    if s.isdigit():
        return int(s)
    return NUMBER_WORDS.get(s)


_ABOUT_OK = frozenset(_words("in since from by until till to of at circa"))


def _capitalised(text: str, m: re.Match[str], group: str) -> bool:
    """A month written without a year must be capitalised ("in April", not "may")."""
    return text[m.start(group)].isupper()


_NEXT_WORD_RE = re.compile(r"\s*[\"'‘’“”]?([a-z][\w’'-]*)")


def _count_follows(low: str, pos: int) -> bool:
    """A count noun (or "%", "-strong", "of them") right after ``pos``."""
    if _COUNT_AFTER_RE.match(low, pos, min(len(low), pos + 40)):
        return True
    skip = _RANGE_NUM_SKIP.match(low, pos, min(len(low), pos + 24))
    w = _NEXT_WORD_RE.match(low, skip.end() if skip else pos, min(len(low), pos + 64))
    return bool(w and (w.group(1) in HEAD_NOUNS or w.group(1) in OTHER_NOUNS))


def _year_ok(text: str, low: str, start: int, end: int, strong_cue: bool = False) -> bool:
    """Is the 4-digit number at text[start:end] a year (not a count or a label)?"""
    if _count_follows(low, end):
        return False
    if start > 0 and low[start - 1] in "#$£€":
        return False
    if start > 1 and low[start - 1] in ":/" and low[start - 2].isdigit():
        return False
    words = words_before(low, start, 4)
    if words:
        last = words[-1].rstrip(".")
        if last in LABEL_WORDS:
            return False
        count = phrase_before(words, COUNT_PHRASES, 3)
        if count and not (count == "at least" and len(words) > 2 and words[-3] in DATE_CUE_WORDS):
            return False
        if strong_cue or last in DATE_CUE_WORDS or phrase_before(words, DATE_CUE_WORDS, 2):
            return True
    elif strong_cue:
        return True
    skip = _RANGE_NUM_SKIP.match(low, end, min(len(low), end + 24))
    unit, _noun, _e, via_name = head_noun_after(text, skip.end() if skip else end)
    return not (unit is not None and not via_name)


# ---------------------------------------------------------------------------
# resolution
# ---------------------------------------------------------------------------


def _resolve_rel(a: _Atom, doc: _YMD | None, anchor: _Atom | None) -> bool:
    """Fill in y/m/d of a relative atom; False when it cannot be resolved."""
    kind = a.rel[0]
    if kind in {"year", "month_of"}:
        word = a.rel[1]
        doc_based = {"this": 0, "last": -1, "next": 1, "the current": 0, "the coming": 1}
        anchor_based = {
            "that": 0,
            "the same": 0,
            "the previous": -1,
            "the preceding": -1,
            "the following": 1,
            "the next": 1,
        }
        if word in doc_based:
            if doc is None:
                return False
            a.y = doc[0] + doc_based[word]
        else:
            if anchor is None or anchor.y is None:
                return False
            a.y = anchor.y + anchor_based[word]
        return True
    if kind == "month":
        word = a.rel[1]
        doc_based = {"this": 0, "last": -1, "next": 1, "the current": 0, "the coming": 1}
        if word in doc_based:
            if doc is None or doc[1] is None:
                return False
            a.y, a.m = _add_months(doc[0], doc[1], doc_based[word])
        else:
            if anchor is None or anchor.y is None or anchor.m is None:
                return False
            step = {"that": 0, "the same": 0, "the previous": -1, "the preceding": -1}.get(word, 1)
            a.y, a.m = _add_months(anchor.y, anchor.m, step)
        return True
    if kind == "named_month":
        if doc is None or doc[1] is None or a.m is None:
            return False
        word = a.rel[1]
        if word == "last":
            a.y = doc[0] if a.m < doc[1] else doc[0] - 1
        elif word == "next":
            a.y = doc[0] if a.m > doc[1] else doc[0] + 1
        else:
            a.y = doc[0]
        return True
    if kind == "ago":
        if doc is None:
            return False
        unit, n = a.rel[1], int(a.rel[2])
        return _shift(a, doc, unit, -n, approx_coarse=True)
    if kind == "later":
        if anchor is None or anchor.y is None or anchor.season is not None or anchor.fixed is not None:
            return False
        unit, n = a.rel[1], int(a.rel[2])
        return _shift(a, (anchor.y, anchor.m, anchor.d), unit, n, approx_coarse=False)
    return False


def _shift(a: _Atom, base: _YMD, unit: str, n: int, approx_coarse: bool) -> bool:
    y, m, d = base
    if unit in {"day", "week"}:
        if m is None or d is None:
            return False
        new = date(y, m, d) + timedelta(days=n * (7 if unit == "week" else 1))
        a.y, a.m, a.d = new.year, new.month, new.day
        a.approx = approx_coarse and unit == "week"
        return True
    if unit == "month":
        if m is None:
            return False
        a.y, a.m = _add_months(y, m, n)
        a.approx = approx_coarse
        return True
    a.y = y + n
    a.approx = approx_coarse
    return True


def _cue_before(low: str, start: int) -> tuple[str | None, str | None]:
    """(normalised cue, role) from the words right before ``start``."""
    if low.endswith(("pre-", "post-"), max(0, start - 5), start):
        return ("before" if low[start - 4 : start] == "pre-" else "after"), None
    words = words_before(low, start, 7)
    if not words or words[-1][-1:] in ',;:.!?)]"”’':
        return None, None
    while words and words[-1] in _CUE_STRIP_TAIL:
        if words[-1] == "least":
            if len(words) < 2 or words[-2] != "at":
                return None, None
            words = words[:-2]
        else:
            words = words[:-1]
    cue = phrase_before(words, _CUE_SET, 3)
    if cue is None:
        return None, None
    return cue, CUE_ROLES.get(cue)


def _bare_year(a: _Atom, anchor: _Atom | None, doc: _YMD | None) -> int | None:
    """The year of a month given without one: the previous date's, else the document's."""
    if anchor is not None and anchor.y is not None:
        return anchor.y
    if doc is not None and a.m is not None:
        if doc[1] is None:
            return doc[0]
        return doc[0] if a.m <= doc[1] else doc[0] - 1
    return None


def find_dates(text: str, doc_date: str | None = None) -> list[DateMatch]:
    """Date expressions in ``text`` as EDTF, sorted and non-overlapping.

    ``doc_date`` (EDTF, e.g. "2016-05-24") anchors "last year", "two months
    ago" and months given without a year; without it those are skipped
    (months without a year still take the year of an earlier date in the text).
    """
    doc = _parse_doc_date(doc_date)
    low = lower_same_length(text)
    atoms: list[_Atom] = []
    for m in _SCAN_RE.finditer(low):
        a = _atom_from_match(text, low, m)
        if a is not None:
            atoms.append(a)

    # months without a year take it from a coordinated or ranged neighbour (right to left)
    for i in range(len(atoms) - 2, -1, -1):
        a, b = atoms[i], atoms[i + 1]
        if a.kind not in {"bare", "dm", "md"} or b.y is None or b.m is None or b.season is not None:
            continue
        gap = low[a.end : b.start]
        if _COORD_GAP_RE.fullmatch(gap) or _INTERVAL_GAP_RE.fullmatch(gap):
            assert a.m is not None
            a.y = b.y if a.m <= b.m else b.y - 1
            a.kind = "abs"
            a.linked = True

    # resolve relative expressions and year-less months in reading order
    resolved: list[tuple[_Atom, str | None, str | None]] = []
    anchor: _Atom | None = None
    for a in atoms:
        cue, role = _cue_before(low, a.start)
        if a.kind == "rel":
            if not _resolve_rel(a, doc, anchor):
                continue
        elif a.kind in {"bare", "dm", "md"}:
            if a.kind == "bare" and cue is None and not a.qual:
                continue  # "May" or "March" alone is too often not a date
            y = _bare_year(a, anchor, doc)
            if y is None:
                continue
            a.y = y
            if a.d is not None and a.m is not None and not _valid_day(y, a.m, a.d):
                continue
        resolved.append((a, cue, role))
        last = a.interval_to or a
        if last.y is not None and last.fixed is None:
            anchor = last

    # ranges between two dates, and open ranges ("2023–present")
    out: list[DateMatch] = []
    i = 0
    while i < len(resolved):
        a, cue, role = resolved[i]
        end_atom: _Atom | None = a.interval_to
        end = a.end
        if end_atom is None and i + 1 < len(resolved):
            b = resolved[i + 1][0]
            gap = low[a.end : b.start]
            g = _INTERVAL_GAP_RE.fullmatch(gap) if gap else None
            glued = gap == "" and a.d is not None
            if (g or glued) and b.interval_to is None:
                word = gap.strip().lower()
                ok = word != "and" or cue == "between"
                lo, hi = a.lo(), b.hi()
                if ok and (lo is None or hi is None or lo <= hi) and (a.fixed is None) == (b.fixed is None):
                    end_atom, end = b, b.end
                    i += 1
        if end_atom is not None:
            value = f"{a.edtf()}/{end_atom.edtf()}"
            out.append(DateMatch(a.start, end, text[a.start : end], value, "interval", cue))
        else:
            open_end = _OPEN_END_RE.match(low, a.end, min(len(low), a.end + 30))
            if open_end:
                value = f"{a.edtf()}/.."
                out.append(
                    DateMatch(a.start, open_end.end(), text[a.start : open_end.end()], value, "interval", cue)
                )
            else:
                out.append(DateMatch(a.start, a.end, text[a.start : a.end], a.edtf(), role, cue))
        i += 1
    return out


def normalise_date(phrase: str, doc_date: str | None = None) -> str | None:
    """The EDTF value of the (longest) date expression in ``phrase``, or None."""
    found = find_dates(phrase, doc_date)
    if not found:
        return None
    return max(found, key=lambda d: d.end - d.start).edtf
