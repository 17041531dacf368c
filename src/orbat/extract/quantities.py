"""Counts of people, casualties and money in English prose.

:func:`find_quantities` finds number expressions ("around 2000 fighters",
"50,000", "hundreds of members", "ten more dead", "25,000 Syrian pounds [per
month]", "$5 million", "2,000-3,000 fighters", "a 500-strong women's wing") and
returns each with a :class:`~orbat.model.values.Quantity` and the head noun.

Only quantities with a known unit are returned: people ("fighters"),
casualties ("killed", "wounded", "killed and wounded", "casualties",
"captured"), other people counts ("civilians", "people", "displaced") and money
("SYP", "USD", "SYP/month", ...). Counts of anything else ("2 weeks", "22 km",
"12 villages") and bare numbers are skipped, except a bare number in a size
context ("Size: 50,000", "numbering 5,000", "numbers are around 2000"), which
gets unit "fighters" and noun None.

``noun`` is the head noun as written after the number, quotes stripped, with
its adjectives ("fighters", "martyrs", "civilian deaths", "NDF fighters"); the
currency for money ("Syrian pounds", "$"); "strong" for "60,000-strong"; None
for a bare number. A killing verb around the count sets the unit: "lost 80
fighters", "scores of fighters were killed", "the number of those killed ...
reached 50 members" -> "killed". ``doubted`` is set by an aside right after
the count ("(an obvious exaggeration)", ", likely inflated") or "an
exaggerated figure of" before it.

Representation (the scorer matches a value within 10 % or overlapping ranges):

* "around/about/some/nearly/almost/roughly N", "N or so" -> ``value=N, approx``;
* "at least/more than/over/upwards of N", "N+", "N or more" -> ``min=N``
  (a one-sided range; the scorer reads it as N);
* "up to/as many as/fewer than/under N" -> ``max=N``;
* "N-M", "between N and M", "from N to M" -> ``min=N, max=M``;
* vague counts (approx ranges): "dozens"/"several dozen" 24-99, "a few dozen"
  24-60, "scores" 40-199, "hundreds"/"several hundred" 200-999, "a few
  hundred" 200-500, "thousands" 2,000-9,999, "tens of thousands"
  20,000-99,999, "hundreds of thousands" 200,000-999,999, "a dozen" ~12,
  "half a dozen" ~6.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orbat.extract.hedges import adjacent_doubt, lower_same_length, phrase_trie
from orbat.model.values import Quantity


def _words(s: str, sep: str | None = None) -> list[str]:
    """A lexicon written as one string: "a b c" -> ["a", "b", "c"]."""
    return s.split(sep)


# ---------------------------------------------------------------------------
# lexicons (plain data: add a word, get a unit)
# ---------------------------------------------------------------------------

#: head noun (lower case) -> unit
HEAD_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "fighters fighter members member men man troops soldiers soldier recruits recruit personnel "
            "militiamen militiaman combatants combatant volunteers volunteer gunmen gunman militants "
            "mujahideen mujahidin guards comrades operatives conscripts reservists cadres paramilitaries "
            "jihadists insurgents rebels officers servicemen auxiliaries loyalists shabiha "
            "strong"
        ),
        "fighters",
    ),
    **dict.fromkeys(
        _words("martyrs martyr killed dead deaths death fatalities fallen slain bodies"),
        "killed",
    ),
    **dict.fromkeys(_words("wounded injured injuries"), "wounded"),
    **dict.fromkeys(_words("casualties"), "casualties"),
    **dict.fromkeys(_words("prisoners captives detainees captured hostages abducted kidnapped"), "captured"),
    **dict.fromkeys(_words("civilians"), "civilians"),
    **dict.fromkeys(
        _words("people persons individuals women children residents men-at-arms youths students"), "people"
    ),
    **dict.fromkeys(_words("refugees displaced defectors"), "displaced"),
}

#: nouns that are counted but are not people or money: a number followed by
#: one of these is not returned (and is not a year either, see dates.py)
OTHER_NOUNS = frozenset(
    _words(
        "days day weeks week months month years year hours hour hrs minutes minute seconds decades decade "
        "km kms kilometres kilometers kilometre kilometer miles mile meters metres metre meter m mm cm kg kgs "
        "kilograms kilos tons tonnes lbs feet ft sq square hectares acres liters litres barrels "
        "percent per pct times fold "
        "villages village towns town cities city houses homes buildings vehicles cars trucks tanks rockets "
        "missiles shells rounds bullets weapons rifles guns checkpoints positions battalions brigades "
        "regiments divisions companies units groups militias factions formations camps bases sites "
        "neighbourhoods neighborhoods districts provinces governorates countries families clans tribes "
        "posts videos articles pages photos images attacks strikes raids operations battles offensives "
        "incidents cases votes seats points pages items"
    )
)

#: currency word(s) after a number -> ISO code
CURRENCY_AFTER: dict[str, str] = {
    "syrian pounds": "SYP",
    "syrian pound": "SYP",
    "syrian lira": "SYP",
    "syrian liras": "SYP",
    "syrian lire": "SYP",
    "syp": "SYP",
    "s.p.": "SYP",
    "l.s.": "SYP",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "usd": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "eur": "EUR",
    "lebanese pounds": "LBP",
    "lebanese pound": "LBP",
    "lbp": "LBP",
    "iranian rials": "IRR",
    "iranian rial": "IRR",
    "rials": "IRR",
    "irr": "IRR",
    "tomans": "IRR-toman",
    "turkish lira": "TRY",
    "turkish liras": "TRY",
    "try": "TRY",
    "iraqi dinars": "IQD",
    "iraqi dinar": "IQD",
    "dinars": "IQD",
    "iqd": "IQD",
    "british pounds": "GBP",
    "pounds sterling": "GBP",
    "gbp": "GBP",
}
#: currency symbol/code before a number -> ISO code
CURRENCY_BEFORE: dict[str, str] = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "syp": "SYP",
    "s.p.": "SYP",
    "sp": "SYP",
    "lbp": "LBP",
    "irr": "IRR",
    "iqd": "IQD",
    "try": "TRY",
}
_PERIODS = {
    "month": "month",
    "monthly": "month",
    "year": "year",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
    "annum": "year",
    "week": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
}

#: vague counts -> (min, max, approx)
VAGUE: dict[str, tuple[float, float]] = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "several hundred thousand": (200_000, 999_999),
    "a few hundred thousand": (200_000, 500_000),
    "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 5_000),
    "many thousands": (2_000, 9_999),
    "thousands": (2_000, 9_999),
    "several hundred": (200, 999),
    "a few hundred": (200, 500),
    "many hundreds": (200, 999),
    "hundreds": (200, 999),
    "several dozen": (24, 99),
    "a few dozen": (24, 60),
    "many dozens": (24, 99),
    "dozens": (24, 99),
    "scores": (40, 199),
    "millions": (2_000_000, 9_999_999),
    "half a dozen": (6, 6),
    "a dozen": (12, 12),
}

_MODIFIERS: dict[str, str] = {  # phrase before a number -> approx | min | max
    **dict.fromkeys(
        _words(
            "around about approximately approx. roughly some nearly almost circa c. ca. estimated est. "
            "an_estimated close_to just_under just_over an_approximate a_reported_total_of"
        ),
        "approx",
    ),
    **dict.fromkeys(
        _words(
            "at_least more_than over upwards_of in_excess_of greater_than no_fewer_than no_less_than "
            "not_less_than a_minimum_of well_over at_minimum"
        ),
        "min",
    ),
    **dict.fromkeys(
        _words(
            "up_to as_many_as no_more_than fewer_than less_than under at_most a_maximum_of not_more_than "
            "a_maximum"
        ),
        "max",
    ),
}

_UNITS_WORDS = {
    "zero": 0,
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_ABBR = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
}

# ---------------------------------------------------------------------------
# number parsing
# ---------------------------------------------------------------------------

_DIGITS_RE = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>thousand|million|billion|"
    r"k|m|mn|mln|bn|b)?$",
    re.IGNORECASE,
)


def parse_number(s: str) -> float | None:
    """The value of a number written in digits or words, or None.

    "25,000" -> 25000, "2.5 million" -> 2500000, "$5m" is not handled here
    (strip the currency first): "5m" -> 5000000, "twenty-five" -> 25,
    "a hundred" -> 100, "two hundred and fifty" -> 250, "a dozen" -> 12.
    """
    if s.isdigit():  # the common case, fast
        return float(s)
    t = s.strip().lower().replace("\u2009", "").replace("\u202f", "").replace("\xa0", " ")
    if not t:
        return None
    m = _DIGITS_RE.match(t)
    if m:
        value = float(m.group("num").replace(",", ""))
        scale = (m.group("scale") or "").lower()
        if scale:
            value *= _SCALE_WORDS.get(scale) or _SCALE_ABBR[scale]
        return value
    m = re.match(r"^(\d+(?:\.\d+)?)\s+(.+)$", t)  # "2.5 million", "3 hundred"
    if m and all(w in _SCALE_WORDS for w in m.group(2).split()):
        value = float(m.group(1))
        for w in m.group(2).split():
            value *= _SCALE_WORDS[w]
        return value
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if words == ["a", "dozen"] or words == ["dozen"]:
        return 12.0
    if words[:1] == ["a"] and len(words) > 1 and words[1] in _SCALE_WORDS:
        words[0] = "one"
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in _TENS_WORDS:
            current += _TENS_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALE_WORDS:
            total += (current or 1) * _SCALE_WORDS[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# ---------------------------------------------------------------------------
# the scanner
# ---------------------------------------------------------------------------
# Every pattern below is case-sensitive and lower case: it runs over the
# lower-cased text (same offsets), which is several times faster than
# IGNORECASE. Capitalisation is read from the original text where it matters.

_NUM_WORD = "|".join(
    sorted([*_UNITS_WORDS, *_TENS_WORDS, "hundred", "thousand", "million", "billion"], key=len, reverse=True)
)
_VAGUE_ALT = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True))
_CUR_BEFORE_ALT = r"us\s?\$|\$|usd|€|eur|£|gbp|syp|s\.p\.|lbp|irr|iqd"
_FIRST_WORDS = phrase_trie(
    [*_UNITS_WORDS, *_TENS_WORDS, *VAGUE, "a hundred", "a thousand", "a million", "an"]
)

_NUMBER = (
    rf"(?:(?<![\w.,/#])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?![\d,]\d)"
    rf"(?:\s*(?:thousand|million|billion)(?![a-z])|(?:k|m|mn|bn)(?![\w]))?(?![\w])"
    rf"|\b(?:an?\s+(?:hundred|thousand|million)|(?:{_NUM_WORD}))(?:(?:\s+and\s+|[\s-]+)(?:{_NUM_WORD}))*\b)"
)
_SCAN_RE = re.compile(
    # a cheap look at the first characters lets almost every position fail at once
    rf"(?=\d|[$€£]|(?:us|usd|eur|gbp|syp|s\.p|lbp|irr|iqd)\b|\b{_FIRST_WORDS}\b)"
    rf"(?P<cur>(?:{_CUR_BEFORE_ALT})\s?)?"
    rf"(?:(?P<vague>\b(?:{_VAGUE_ALT})\b)"
    rf"|(?P<a>{_NUMBER})(?:(?P<sep>\s*[-–—]\s*|\s+(?:to|or|and)\s+)(?:{_CUR_BEFORE_ALT})?\s?(?P<b>{_NUMBER}))?)"
)
_RANGE_LEAD_RE = re.compile(r"\b(?P<lead>between|from)\s+$")
_CUR_AFTER_RE = re.compile(
    r"\s*(?P<cur>"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(CURRENCY_AFTER, key=len, reverse=True))
    + r")(?![\w])"
)
_PERIOD_AFTER_RE = re.compile(
    r"\s*[\[(]?\s*(?:(?:per|a|an|each|every|/|a\s+single)\s*(?P<p>month|year|annum|week|day)"
    r"|(?P<adv>monthly|yearly|annually|weekly|daily))(?:\s*[\])])?"
)
_PERIOD_BEFORE_RE = re.compile(
    r"\b(?P<adv>monthly|annual|yearly|weekly|daily)\s+(?:[\w’'-]+\s+){0,2}(?:of\s+)?$"
)
_STRONG_RE = re.compile(r"(?:\s*-\s*|\s+)strong\b")
_SUFFIX_RE = re.compile(r"\s*(?P<plus>\+)|\s+or\s+(?P<ormore>more|fewer|less|so)\b|-(?P<odd>odd)\b")
_AND_NOUN_RE = re.compile(r"\s+(?:and|or|&)\s+[\"'‘’“”]?(\w+)")
_POST_VERB_RE = re.compile(
    r"(?:\s+(?:from|of|in)\s+(?:the\s+)?(?!(?:whom|which|them|those|these|who|all|each|both)\b)[a-z][\w’'-]*)?"
    r"\s+(?:who\s+|that\s+)?(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|been|being|got|"
    r"reportedly|allegedly|all|also|later|subsequently)\s+){0,3}"
    r"(?P<v>killed|dead|martyred|slain|executed|died|perished|wounded|injured|captured|taken\s+prisoner|"
    r"lost\s+their\s+lives|(?:(?:have|has|had)\s+)?(?:gave|given|giving|laid\s+down|sacrificed)\s+their\s+lives|fell)\b"
)
_TOLL_WORDS = ("number", "toll", "tally", "count", "total")
_TOLL_RE = re.compile(
    r"\b(?:number|toll|tally|count|total)\s+of\s+(?:[\w’'-]+\s+){0,6}?(?P<k>killed|dead|martyrs|deaths|"
    r"fatalities|wounded|injured|casualties)\b|\b(?P<dt>death|casualty)\s+(?:toll|tally|count)\b"
)
_TOLL_TAIL_RE = re.compile(
    r"\b(?:reached|reaches|reach|rose\s+to|rises\s+to|risen\s+to|climbed\s+to|stands\s+at|stood\s+at|is|was|"
    r"are|were|totals?|totalled|totaled|at|to|of)\s+$"
)
_SIZE_RE = re.compile(
    r"(?:\bsize\s*:|\bstrength\s*:|\bmanpower\s*:|\bnumbering|\bnumbered|\btotals?|\btotalling|\btotaling|"
    r"\b(?:numbers?|strength|size|manpower)\s+(?:is|are|was|were|of|at|as|stood\s+at|stands\s+at|reached|"
    r"reaches)|\bestimated\s+at|\bput\s+at|\bforce\s+of)\s*$"
)
#: "put the figure at 3,000", "the number is estimated at": a bare number that counts people when
#: the sentence speaks of a force's size ("Estimates of its size vary: ...").
_ESTIMATE_RE = re.compile(
    r"\b(?:put|puts|putting|placed|places|estimated?|gave|gives)\s+(?:the|this|that|their|its)\s+"
    r"(?:figure|number|total|estimate|count)\s+(?:at|as)\s+(?:(?:about|around|roughly|some|nearly|almost|"
    r"approximately|over|more\s+than|up\s+to|only|just)\s+)?$"
)
_GROWTH_RE = re.compile(
    r"\b(?:grew|grown|grows|growing|rose|risen|increased|swelled|swollen|expanded|shrank|shrunk|dropped|"
    r"fell|fallen|declined|decreased|reduced|reaching|reached)\s+(?:to\s+)?$"
)
_PEOPLE_HINT_RE = re.compile(
    r"\b(?:strong|fighters|members|men|troops|force|forces|strength|size|personnel|recruits|manpower|"
    r"ranks|numbers)\b"
)
_SCALED_END_RE = re.compile(r"[\s\d](thousand|million|billion|k|m|mn|bn)$")
_SCALED_A_RE = re.compile(r"(hundred|thousand|million|billion|k|m|mn|bn)$")
_ABBR_SCALE_RE = re.compile(r"\d\s*(?:k|m|mn|bn)$")
_OF_RE = re.compile(r"\s+of\b")
_TOKEN_RE = re.compile(r"[\"'‘’“”]?([A-Za-z][\w’'-]*[\w]|[A-Za-z])[\"'‘’“”]?|(\S)")

# words that may stand between a number and its head noun
_FILLERS = frozenset(
    _words(
        "more additional other further new extra of the their its his her our these those such "
        "armed local foreign civilian civil regime government pro-regime pro-government loyalist rebel "
        "opposition militia army security young female male women's trained well-trained well-armed regular "
        "reserve active elite full-time part-time fellow documented confirmed total own "
        "shia shi'i shiite sunni alawite alawi druze kurdish arab syrian iraqi afghan pakistani "
        "lebanese iranian palestinian russian turkish christian ismaili"
    )
)
_DETS = frozenset(_words("the their its his her our these those of"))
_NON_CONTENT = frozenset(
    _words("more additional other further new extra such documented confirmed total own")
)
_PEOPLE_UNITS = frozenset({"fighters", "people", "civilians"})


@dataclass(frozen=True)
class QuantityMatch:
    start: int
    end: int
    text: str
    quantity: Quantity
    noun: str | None = None
    doubted: bool = False


def head_noun_after(text: str, pos: int, limit: int = 80) -> tuple[str | None, str | None, int, bool]:
    """(unit, noun phrase, end, via_name) of the head noun after ``pos``.

    unit is "" for a counted non-people noun ("weeks", "km") and None when no
    noun follows; via_name tells that a capitalised word stood in between
    ("80 Hezbollah fighters").
    """
    first_content: int | None = None
    n_words = 0
    via_name = False
    for m in _TOKEN_RE.finditer(text, pos, min(len(text), pos + limit)):
        if m.group(2) is not None:  # punctuation
            if m.group(2) == "-" and n_words == 0:
                continue
            return None, None, pos, via_name
        word = m.group(1)
        lw = word.lower().replace("’", "'")
        n_words += 1
        if lw in HEAD_NOUNS:
            start = first_content if first_content is not None else m.start(1)
            return HEAD_NOUNS[lw], text[start : m.end(1)], m.end(), via_name
        if lw in OTHER_NOUNS:
            return "", lw, m.end(), via_name
        if n_words > 3:
            break
        if lw in _FILLERS or word[:1].isupper() or lw.endswith("'s"):
            if word[:1].isupper() and lw not in _FILLERS:
                via_name = True
            if first_content is None and lw not in _DETS and lw not in _NON_CONTENT:
                first_content = m.start(1)
            continue
        break
    return None, None, pos, via_name


def _after_noun(low: str, unit: str | None, noun: str | None, end: int) -> tuple[str | None, str | None, int]:
    """ "martyrs and wounded" -> killed and wounded; "fighters were killed" -> killed."""
    if unit in {"killed", "wounded"}:
        m = _AND_NOUN_RE.match(low, end, min(len(low), end + 40))
        if m:
            other = HEAD_NOUNS.get(m.group(1))
            if other in {"killed", "wounded"} and other != unit:
                return "killed and wounded", f"{noun} and {m.group(1)}", m.end()
    if unit is None or unit in _PEOPLE_UNITS:
        v = _POST_VERB_RE.match(low, end, min(len(low), end + 80))
        if v:
            verb = v.group("v")
            if verb in {"wounded", "injured"}:
                return "wounded", noun, end
            if verb in {"captured", "taken prisoner"}:
                return "captured", noun, end
            return "killed", noun, end
    return unit, noun, end


_LEFT_PUNCT = "([{\"'“”‘’"


def words_before(low: str, pos: int, k: int = 5, reach: int = 64) -> list[str]:
    """The last ``k`` whitespace-separated words before ``pos`` (leading quotes and
    brackets stripped). Cheaper than a regex anchored at ``pos``: no position
    of the window is tried in turn."""
    lo = max(0, pos - reach)
    words = low[lo:pos].split()
    if lo > 0 and words and not low[lo - 1].isspace() and not low[lo].isspace():
        words = words[1:]  # cut in the middle of a word
    return [w.lstrip(_LEFT_PUNCT) for w in words[-k:]]


def phrase_before(words: list[str], phrases: frozenset[str] | dict[str, str], longest: int = 4) -> str | None:
    """The longest phrase of ``phrases`` that the word list ends with."""
    for n in range(min(longest, len(words)), 0, -1):
        key = " ".join(words[-n:])
        if key in phrases:
            return key
    return None


def _sentence_window(text: str, pos: int, size: int = 240) -> int:
    start = max(0, pos - size)
    cut = max(text.rfind(". ", start, pos), text.rfind("\n", start, pos))
    return cut + 1 if cut >= 0 else start


def find_quantities(text: str) -> list[QuantityMatch]:
    """Quantities of people, casualties and money in ``text``, sorted, non-overlapping."""
    low = lower_same_length(text)
    out: list[QuantityMatch] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _SCAN_RE.search(low, pos)
        if m is None:
            break
        q = _build(text, low, m)
        if q is not None and not (out and q.start < out[-1].end):
            out.append(q)
            pos = max(q.end, m.start() + 1)
        else:
            # a rejected match gives its second number ("2014 and ten more dead") another chance
            pos = m.end("a") if m.group("a") else m.end()
            pos = max(pos, m.start() + 1)
    return out


def _build(text: str, low: str, m: re.Match[str]) -> QuantityMatch | None:
    start, end = m.start(), m.end()
    currency = None
    if m.group("cur"):
        currency = CURRENCY_BEFORE.get(re.sub(r"\s+", "", m.group("cur")))
        if currency is None:
            return None
    approx = False
    vague = m.group("vague")
    a_text, b_text = m.group("a"), m.group("b")
    if vague:
        lo, hi = VAGUE[" ".join(vague.split())]
        approx = True
        if vague == "scores" and not _OF_RE.match(low, end, end + 5):
            return None
    else:
        av = parse_number(a_text)
        if av is None:
            return None
        lo = hi = av
        if b_text is not None:
            sep = m.group("sep").strip()
            bv = parse_number(b_text)
            lead = _RANGE_LEAD_RE.search(low, max(0, start - 12), start)
            if bv is None or (sep == "and" and not (lead and lead.group("lead") == "between")):
                # not a range: keep the first number only
                end = m.end("a")
                b_text = None
            else:
                b_scale = _SCALED_END_RE.search(b_text.strip())
                if b_scale and not _SCALED_A_RE.search(a_text.strip()):
                    b_core = parse_number(b_text.strip()[: b_scale.start(1)].strip() or "1")
                    if b_core and av <= b_core:
                        av *= bv / b_core
                if bv < av:
                    end = m.end("a")
                    b_text = None
                else:
                    lo, hi = av, bv
                    if lead:
                        start = lead.start()
        # abbreviated scales (5m, 10k, 2bn) only for money
        if currency is None and _ABBR_SCALE_RE.search(a_text):
            return None
        # "one of the mujahideen" is a partitive, not a count
        if b_text is None and a_text.strip() in {"one", "a"} and _OF_RE.match(low, end, end + 6):
            return None

    raw_a = a_text or ""
    year_like = raw_a.isdigit() and len(raw_a) == 4 and 1900 <= int(raw_a) <= 2099 and b_text is None
    if year_like:  # "in 2012", "by late 2013": a date, not a count
        prev = words_before(low, start, 1)
        if prev and (prev[-1] in _YEAR_CUES or prev[-1].rstrip(",").isdigit()):
            return None

    # suffixes: "N+", "N or more", "300-odd", "N or so"
    kind = None
    suf = _SUFFIX_RE.match(low, end, min(len(low), end + 12))
    if suf and b_text is None and not vague:
        if suf.group("plus") or suf.group("ormore") == "more":
            kind = "min"
        elif suf.group("ormore") in {"fewer", "less"}:
            kind = "max"
        else:
            kind = "approx"
        end = suf.end()

    # what follows: a currency, "-strong", a head noun, "were killed"
    unit: str | None = None
    noun: str | None = None
    via_name = False
    if currency is None:
        c = _CUR_AFTER_RE.match(low, end, min(len(low), end + 30))
        if c:
            currency = CURRENCY_AFTER[" ".join(c.group("cur").split())]
            noun = text[c.start("cur") : c.end("cur")]
            end = c.end()
    else:
        noun = text[m.start("cur") : m.end("cur")].strip()
    if currency:
        unit = currency
        per = _PERIOD_AFTER_RE.match(low, end, min(len(low), end + 24))
        if per:
            unit = f"{currency}/{_PERIODS[per.group('p') or per.group('adv')]}"
            end = per.end()
    else:
        strong = _STRONG_RE.match(low, end, min(len(low), end + 12))
        if strong:
            unit, noun, end = "fighters", "strong", strong.end()
        else:
            h_unit, h_noun, h_end, via_name = head_noun_after(text, end)
            if h_unit == "":
                return None  # "2 weeks", "22 km"
            if via_name and year_like:
                return None  # "in 2013 Hezbollah fighters arrived"
            if h_unit is not None:
                unit, noun, end = h_unit, h_noun, h_end
        unit, noun, end = _after_noun(low, unit, noun, end)
        # a bare year, a bare word number or a bare vague count is no quantity
        if (
            unit is None
            and (vague or not raw_a[:1].isdigit() or year_like)
            and not any(w.startswith(_LEFT_VERB_STEMS) for w in words_before(low, start, 3))
        ):
            return None

    # years and numbered things are not counts
    if start > 0 and low[start - 1] in "#[]":
        return None
    if start > 1 and low[start - 1] == ":" and low[start - 2].isdigit():
        return None
    words = words_before(low, start, 5)
    if words:
        last = words[-1].rstrip(".")
        if last in LABEL_WORDS or last.endswith(("#", "[", "]")):
            return None
        if year_like and (
            last in _YEAR_CUES
            or last.rstrip(",").isdigit()
            or (last.endswith("-") and last[:-1] in _YEAR_CUES)
        ):
            return None

    # modifier before
    mod = phrase_before(words, _MOD_PHRASES, 4) if words else None
    if mod and not (vague and mod in {"some", "over", "under"}):
        kind = _MOD_PHRASES[mod]
        for w in reversed(mod.split()):
            start = low.rfind(w, 0, start)
        words = words[: -len(mod.split())]
    elif start > 0 and text[start - 1] == "~":
        kind = "approx"
        start -= 1

    if currency:
        if unit == currency:
            pb = _PERIOD_BEFORE_RE.search(low, max(0, start - 40), start)
            if pb:
                unit = f"{currency}/{_PERIODS[pb.group('adv')]}"
    else:
        if unit is None or unit in _PEOPLE_UNITS:
            v = _verb_before(words)
            if v:
                if v.startswith(("wound", "injur")):
                    unit = "wounded"
                elif v.startswith("captur"):
                    unit = "captured"
                else:
                    unit = "killed"
        if unit is None or unit in {"fighters", "people"}:
            unit = _toll_unit(low, start) or unit
        if unit is None:
            if vague or not a_text or year_like or not a_text[:1].isdigit():
                return None  # a bare year or a bare word number is not a size
            if _SIZE_RE.search(low, max(0, start - 40), start) or (
                (
                    _GROWTH_RE.search(low, max(0, start - 30), start)
                    or _ESTIMATE_RE.search(low, max(0, start - 60), start)
                )
                and _PEOPLE_HINT_RE.search(low, _sentence_window(low, start), start)
            ):
                unit = "fighters"
            else:
                return None

    if kind == "min":
        quantity = Quantity(min=lo, unit=unit) if lo == hi else Quantity(min=lo, max=hi, unit=unit)
    elif kind == "max":
        quantity = Quantity(max=hi, unit=unit) if lo == hi else Quantity(min=lo, max=hi, unit=unit)
    elif lo == hi:
        quantity = Quantity(value=lo, approx=approx or kind == "approx", unit=unit)
    else:
        quantity = Quantity(min=lo, max=hi, approx=approx or kind == "approx", unit=unit)

    doubted = adjacent_doubt(text, end) is not None or _doubt_before(words)
    noun_out = noun.strip("\"'‘’“” ") if noun else None
    return QuantityMatch(start, end, text[start:end], quantity, noun_out, doubted)


_MOD_PHRASES: dict[str, str] = {k.replace("_", " "): v for k, v in _MODIFIERS.items()}
#: words right before a number that make it a label, not a count ("no. 845", "Resolution 2254")
LABEL_WORDS = frozenset(
    _words(
        "no nos nr num number resolution decree law article art page pages p pp vol volume issue route highway "
        "road flight room box code tel phone model version ref item case file document doc id section chapter "
        "para paragraph figure fig table unit division brigade regiment battalion corps squadron hill "
        "observatory point height kilometre kilometer km mile aged age ages"
    )
)
_YEAR_CUES = frozenset(
    _words(
        "in since by until till during from early late mid before after spring summer autumn fall winter "
        "january february march april may june july august september october november december"
    )
)
_LEFT_VERB_STEMS = ("los", "kill", "wound", "injur", "captur", "martyr")
_PRE_VERBS = frozenset(
    _words(
        "lost losing lose loses killing killed kills kill martyring wounding wounded injuring injured capturing "
        "captured"
    )
)
_PRE_FILLERS = ("a total of", "another", "a further", "an additional")
_DOUBT_ADJS = frozenset(_words("exaggerated inflated implausible dubious improbable questionable doubtful"))
_DOUBT_NOUNS = frozenset(_words("figure number claim estimate total tally count"))


def _verb_before(words: list[str]) -> str | None:
    """ "lost 80 fighters", "killing another 12": the verb, or None."""
    if not words:
        return None
    filler = phrase_before(words, frozenset(_PRE_FILLERS), 3)
    if filler:
        words = words[: -len(filler.split())]
    return words[-1] if words and words[-1] in _PRE_VERBS else None


def _doubt_before(words: list[str]) -> bool:
    """ "an exaggerated figure of 50,000"."""
    if words and words[-1] == "of":
        words = words[:-1]
    return len(words) >= 2 and words[-1].rstrip("s") in _DOUBT_NOUNS and words[-2] in _DOUBT_ADJS


def _toll_unit(low: str, start: int) -> str | None:
    """ "the number of those killed ... reached 50 members" -> killed."""
    ws = _sentence_window(low, start)
    window = low[ws:start]
    if not any(w in window for w in _TOLL_WORDS):
        return None
    toll = None
    for t in _TOLL_RE.finditer(low, ws, start):
        toll = t
    if toll is None or not _TOLL_TAIL_RE.search(low, max(toll.end(), start - 24), start):
        return None
    if toll.group("dt") == "casualty":
        return "casualties"
    return HEAD_NOUNS.get(toll.group("k") or "killed", "killed")
