"""Name-shape recognisers over plain text: armed groups, organisations, events, kin groups, places.

The small English model finds the boundaries of many names but labels
transliterated militia names PERSON and places ORG (measurements §2.3), so
the type comes from the shape of the name here: a run of capitalised words
with its head word ("... Brigade", "Liwa al-...", "... Party", "... offensive",
"... clan", "... countryside"). Every recogniser is a pure function of the
text and runs in time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from orbat.extract.lexicon import (
    ARABIC_UNIT_WORDS,
    BRANCH_WORDS,
    ENGLISH_UNIT_WORDS,
    EVENT_HEADS,
    GENERIC_REFERENTS,
    KIN_WORDS,
    MONTHS,
    NAME_STOP_FIRST,
    ORG_HEAD_FIRST,
    ORG_WORDS,
    PREPOSITIONS,
)
from orbat.extract.names import strip_article
from orbat.extract.spans import Found

RECOGNISE_VERSION = "recognise.v8"

P_STRUCTURE = 90
P_DEFINED = 80
P_PATTERN = 70
P_GAZETTEER = 60
P_GENERIC = 45
P_NER = 30

_WORD = re.compile(r"[^\W_](?:[\w’'ʿʾ]|[-‐](?=[^\W_]))*")
_ARTICLE_NAME = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|adh|ul|il)[-‐][^\W\d_]", re.IGNORECASE)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")

CONNECTORS = frozenset(["of", "for", "and", "the", "wa", "wal", "de", "du", "bin", "ibn", "bint", "on"])
#: words that describe rather than name ("Shi’i militias", "Iraqi militias")
ADJECTIVAL = frozenset(
    [
        "shi'i",
        "shia",
        "shi'a",
        "shiite",
        "shi'ite",
        "sunni",
        "alawite",
        "alawi",
        "druze",
        "christian",
        "kurdish",
        "arab",
        "jihadist",
        "islamist",
        "salafi",
        "salafist",
        "local",
        "foreign",
        "iraqi",
        "iranian",
        "afghan",
        "pakistani",
        "lebanese",
        "syrian",
        "russian",
        "turkish",
        "palestinian",
        "yemeni",
        "saudi",
        "american",
        "western",
        "other",
        "such",
    ]
)
DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "rural",
    ]
)
#: lower-case heads that may close a capitalised run ("Shabiha forces", "Palmyra offensive")
LOWER_GROUP_HEADS = frozenset(
    [
        "forces",
        "militia",
        "militias",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "regiment",
        "regiments",
        "army",
        "command",
        "committees",
    ]
)
GENERIC_UNIT_FIRST = frozenset(
    ["militia", "militias", "forces", "units", "unit", "group", "groups", "army", "armies"]
)
LOWER_EVENT_HEADS = frozenset(
    ["offensive", "offensives", "campaign", "battles", "clashes", "massacre", "war", "uprising"]
)
PLACE_HEADS = frozenset(
    ["countryside", "governorate", "province", "district", "city", "desert", "border", "camp", "mountains"]
)
PLACE_CAP_HEADS = frozenset(
    [
        "governorate",
        "province",
        "district",
        "camp",
        "heights",
        "city",
        "mountains",
        "countryside",
        "desert",
        "valley",
        "plain",
        "square",
        "airport",
        "airbase",
        "base",
        "prison",
        "hospital",
        "bridge",
        "dam",
    ]
)
EVENT_FIRST = frozenset(["battle", "battles", "siege", "operation", "fall", "attacks"])
#: Capitalised words that open a clause, not a name ("Today", "Meanwhile", "It").
CLAUSE_OPENERS = frozenset(
    [
        *("it", "they", "he", "she", "we", "i", "there", "here", "what", "today", "yesterday", "now"),
        *("then", "also", "however", "meanwhile", "moreover", "later", "earlier", "still", "yet", "so"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "but", "though"),
        *("although", "because", "if", "once", "whether", "neither", "either", "nor", "not", "only"),
        *("afterwards", "instead", "elsewhere", "nonetheless", "nevertheless", "thus", "hence", "indeed"),
        *("likewise", "first", "second", "third", "again", "together", "overall", "besides", "soon"),
    ]
)


@dataclass
class Word:
    start: int
    end: int
    text: str
    lower: str
    cap: bool
    possessive: bool


def words(text: str, lo: int = 0, hi: int | None = None) -> list[Word]:
    hi = len(text) if hi is None else hi
    out = []
    for m in _WORD.finditer(text, lo, hi):
        w = m.group(0)
        poss = False
        end = m.end()
        if w.endswith(("’s", "'s")) and len(w) > 2:
            w = w[:-2]
            end -= 2
            poss = True
        lower = w.casefold().replace("’", "'").rstrip("'")
        cap = w[:1].isupper() or bool(_ARTICLE_NAME.match(w))
        out.append(Word(m.start(), end, w, lower, cap, poss))
    return out


def _gap_ok(text: str, a: Word, b: Word) -> bool:
    gap = text[a.end : b.start]
    return gap == " " or (gap.strip(" ’'") == "" and "\n" not in gap and len(gap) <= 2)


def _runs(text: str, ws: list[Word]) -> Iterator[list[int]]:
    """Maximal runs of capitalised words joined by spaces and inner connectors (indices into ws)."""
    i, n = 0, len(ws)
    while i < n:
        if not (ws[i].cap or _ORDINAL.match(ws[i].text)):
            i += 1
            continue
        run = [i]
        j = i
        while j + 1 < n and not ws[j].possessive and _gap_ok(text, ws[j], ws[j + 1]):
            nxt = ws[j + 1]
            if nxt.cap:
                run.append(j + 1)
                j += 1
                continue
            if nxt.lower in CONNECTORS:
                # connectors join only capitalised words: "Battle of Yarmouk", "Nubl wa al-Zahara’"
                k = j + 1
                while k + 1 < n and ws[k + 1].lower in CONNECTORS and _gap_ok(text, ws[k], ws[k + 1]):
                    k += 1
                if k + 1 < n and ws[k + 1].cap and _gap_ok(text, ws[k], ws[k + 1]) and not ws[k].possessive:
                    run.extend(range(j + 1, k + 2))
                    j = k + 1
                    continue
            break
        yield run
        i = j + 1


def _mk(
    text: str, start: int, end: int, type_: str, source: str, priority: int = P_PATTERN, **kw: object
) -> Found:
    name = strip_article(text[start:end].strip(" -‐:;,"))
    return Found(start, end, type_, name, source, priority, **kw)  # type: ignore[arg-type]


def _arabic_unit(text: str, ws: list[Word], run: list[int]) -> tuple[Found | None, list[int]]:
    """ "Liwa al-Baqir Khalid al-Hassan" -> (Liwa al-Baqir, rest [Khalid al-Hassan])."""
    first = ws[run[0]]
    unit = ARABIC_UNIT_WORDS.get(first.lower)
    if unit is None or len(run) < 2:
        return None, run
    seen_article = False
    k = 1
    while k < len(run):
        w = ws[run[k]]
        if _ARTICLE_NAME.match(w.text) or w.lower in {"wa", "wal", "bin", "ibn", "abu", "abi", "umm"}:
            seen_article = seen_article or bool(_ARTICLE_NAME.match(w.text))
            k += 1
            continue
        if seen_article and w.cap and w.lower not in {"al"}:
            break
        k += 1
    used, rest = run[:k], run[k:]
    while len(used) > 1 and ws[used[-1]].lower in CONNECTORS:
        used = used[:-1]  # "Jabhat al-Nusra and the Islamic State": the conjunction ends the name
    last = ws[used[-1]]
    if len(used) < 2:
        return None, run
    f = _mk(text, first.start, last.end, "armed_group", "pattern.arabic_unit", unit=unit)
    return f, rest


def _classify(text: str, ws: list[Word], run: list[int], sent_initial: bool) -> Found | None:
    # drop leading determiners and the like ("Both", "The", "These")
    while run and ws[run[0]].lower in NAME_STOP_FIRST:
        run = run[1:]
    while run and ws[run[-1]].lower in CONNECTORS:
        run = run[:-1]
    if not run:
        return None
    heads = ENGLISH_UNIT_WORDS.keys() | ORG_WORDS | EVENT_HEADS | PLACE_CAP_HEADS
    for k in range(1, len(run) - 1):
        if ws[run[k]].lower == "and" and ws[run[k - 1]].lower in heads:
            return None  # coordinated names: each is classified as its own run (see recognise_names)
    for k in range(1, len(run) - 1):
        if (
            ws[run[k]].lower == "of"
            and not any(ws[i].lower in heads for i in run[:k])
            and ws[run[0]].lower not in EVENT_FIRST
            and ws[run[0]].lower not in ARABIC_UNIT_WORDS
        ):
            run = run[k + 1 :]
            while run and ws[run[0]].lower in CONNECTORS | NAME_STOP_FIRST:
                run = run[1:]
            if not run:
                return None
            break
    if ws[run[0]].lower in GENERIC_UNIT_FIRST:
        return None
    sponsor = [k for k in range(len(run) - 1) if _SPONSOR_MODIFIER.search(ws[run[k]].text)]
    if sponsor:
        # "(Later the) Iranian-backed Fatemiyoun Division": the sponsor describes, the name follows
        run = _after(ws, run, sponsor[-1])
        if not run:
            return None
    first, last = ws[run[0]], ws[run[-1]]
    lowers = [ws[i].lower for i in run]
    # a direction word before the name belongs to place and event names ("south Aleppo countryside")
    pre = run[0] - 1
    if pre >= 0 and ws[pre].lower in DIRECTIONS and _gap_ok(text, ws[pre], first):
        dir_start = ws[pre].start
    else:
        dir_start = first.start
    nxt_i = run[-1] + 1
    head: Word | None = None
    if nxt_i < len(ws) and not last.possessive and _gap_ok(text, last, ws[nxt_i]):
        cand = ws[nxt_i]
        if not cand.cap and (
            cand.lower in LOWER_GROUP_HEADS
            or cand.lower in KIN_WORDS
            or cand.lower in LOWER_EVENT_HEADS
            or cand.lower in PLACE_HEADS
            or cand.lower == "area"
        ):
            head = cand
        elif (
            cand.lower in PLACE_MODIFIERS
            and nxt_i + 1 < len(ws)
            and ws[nxt_i + 1].lower in PLACE_HEADS
            and _gap_ok(text, cand, ws[nxt_i + 1])
        ):
            head = ws[nxt_i + 1]  # "the Neirab refugee camp"
    if head is not None and head.lower in LOWER_GROUP_HEADS:
        ands = [k for k, i in enumerate(run) if ws[i].lower in {"and", "&"}]
        if ands:
            # "Hezbollah and the Iraqi militia": the head word belongs to the last conjunct only
            run = _after(ws, run, ands[-1])
            if not run:
                return None
            first = ws[run[0]]
            lowers = [ws[i].lower for i in run]
            dir_start = first.start
    start = first.start
    if head is not None and head.lower in LOWER_GROUP_HEADS and _indefinite_before(text, ws, run[0]):
        # "a Syriac Christian militia", "an Iraqi militia": a description, never a name; what it
        # describes is typed by the description (orbat.extract.describe)
        return None
    if head is not None:
        h = head.lower
        only_initial = sent_initial and len(run) == 1 and first.lower not in ARABIC_UNIT_WORDS
        if h in KIN_WORDS:
            name = text[start : last.end]
            return Found(
                start,
                head.end,
                "kin_group",
                strip_article(name),
                "pattern.kin",
                P_PATTERN,
                names=(strip_article(text[start : head.end]),),
            )
        if h in LOWER_EVENT_HEADS:
            return _event_with_paren(text, dir_start, head.end)
        if h == "area":
            return None
        if h in PLACE_HEADS:
            return _mk(text, dir_start, head.end, "place", "pattern.place")
        descriptive = all(w in ADJECTIVAL or w in MONTHS for w in lowers)
        if h in LOWER_GROUP_HEADS and not only_initial and (not descriptive or h == "army"):
            extra = () if descriptive else (strip_article(text[start : last.end]),)
            return _mk(
                text,
                start,
                head.end,
                "armed_group",
                "pattern.group_lower",
                unit=ENGLISH_UNIT_WORDS.get(h),
                names=extra,
            )
    if all(w in MONTHS or _YEAR.match(w) for w in lowers):
        return None
    # event names: "Battle of X", "Siege of X", "Operation X"
    if first.lower in EVENT_FIRST and len(run) >= 2:
        return _event_with_paren(text, start, last.end)
    if last.lower in EVENT_HEADS and len(run) >= 2:
        return _event_with_paren(text, dir_start, last.end)
    unit_i = next((k for k, w in enumerate(lowers) if w in ENGLISH_UNIT_WORDS), None)
    org_i = next((k for k, w in enumerate(lowers) if w in ORG_WORDS), None)
    if org_i is not None and lowers[org_i] in BRANCH_WORDS and (unit_i is None or unit_i > org_i):
        # "Latakia Center", "National Defense Center": a centre of an armed network
        # "Center for X", "Office of Foreign Assets Control": a body named for its remit, not a centre
        if org_i + 1 < len(lowers) and (lowers[org_i + 1] == "for" or (org_i == 0 and lowers[1] == "of")):
            return _mk(text, start, last.end, "organization", "pattern.org")
        if len(run) >= 2:
            end = last.end
            m = _IN_PLACE.match(text, end)
            if m and org_i == len(run) - 1:
                end = m.end()
            return _mk(text, start, end, "armed_group", "pattern.center", unit="center")
        return None
    if org_i is not None and (unit_i is None or org_i < unit_i or lowers[0] in ORG_HEAD_FIRST):
        if len(run) == 1 and lowers[0] not in ORG_HEAD_FIRST:
            return None
        return _mk(text, start, last.end, "organization", "pattern.org")
    if unit_i is not None:
        if len(run) == 1:
            return None
        if lowers[0] in ENGLISH_UNIT_WORDS and len(run) == 2 and sent_initial:
            return None
        return _mk(
            text, start, last.end, "armed_group", "pattern.group", unit=ENGLISH_UNIT_WORDS[lowers[unit_i]]
        )
    if last.lower in PLACE_CAP_HEADS and len(run) >= 2:
        return _mk(text, start, last.end, "place", "pattern.place")
    return None


def _after(ws: list[Word], run: list[int], k: int) -> list[int]:
    """The words of ``run`` after its ``k``-th, without the connectors and stop words that open it."""
    rest = run[k + 1 :]
    while rest and ws[rest[0]].lower in CONNECTORS | NAME_STOP_FIRST:
        rest = rest[1:]
    return rest


_INDEFINITE = frozenset(["a", "an", "another"])
_SPONSOR_MODIFIER = re.compile(
    r"[-‐](?:backed|affiliated|linked|led|aligned|allied|sponsored|funded|supported|trained|controlled|"
    r"run|based|dominated|leaning|oriented|organi[sz]ed|created|established|formed|armed|financed)$",
    re.IGNORECASE,
)
#: Lower-case words between a place name and its head ("the Neirab refugee camp").
PLACE_MODIFIERS = frozenset(
    ["refugee", "military", "border", "detention", "training", "displacement", "industrial"]
)


def _indefinite_before(text: str, ws: list[Word], i: int) -> bool:
    """Whether the word at ``i`` follows an indefinite article (lower-case adjectives between
    allowed: "a small Druze militia")."""
    k = i - 1
    skipped = 0
    while k >= 0 and _gap_ok(text, ws[k], ws[k + 1]):
        low = ws[k].lower
        if low in _INDEFINITE:
            return True
        if ws[k].cap or low in CONNECTORS or skipped >= 3:
            return False
        skipped += 1
        k -= 1
    return False


def _strip_run(text: str, ws: list[Word], run: list[int]) -> tuple[list[int], bool]:
    """A run without the capitalised words that open a clause rather than a name ("In",
    "The", "March"); and whether a preposition was among them."""
    after_prep = False
    while run and (
        ws[run[0]].lower in NAME_STOP_FIRST
        or ws[run[0]].lower in PREPOSITIONS
        or ws[run[0]].lower in MONTHS
        or ws[run[0]].lower in CLAUSE_OPENERS
        or ws[run[0]].lower in CONNECTORS
        or _YEAR.match(ws[run[0]].lower)
    ):
        after_prep = after_prep or ws[run[0]].lower in PREPOSITIONS
        run = run[1:]
    while run and ws[run[-1]].lower in CONNECTORS:
        run = run[:-1]
    return run, after_prep


@dataclass(frozen=True)
class NameRun:
    start: int
    end: int
    words: int
    after_preposition: bool  # a preposition opened the run ("In Qaraqosh")
    sentence_initial: bool


def name_run_ending_at(text: str, pos: int, window: int = 120) -> NameRun | None:
    """The run of capitalised words ("Suqur Tadmur", "Dir al-Watan") that ends at ``pos``."""
    lo = max(0, pos - window)
    ws = words(text, lo, pos)
    if lo > 0 and ws:
        ws = ws[1:]  # the first word may be cut by the window
    if not ws or ws[-1].end != pos:
        return None
    last = None
    for r in _runs(text, ws):
        last = r
    if not last or ws[last[-1]].end != pos:
        return None
    opener = ws[last[0]].start
    run, after_prep = _strip_run(text, ws, last)
    if not run:
        return None
    start = ws[run[0]].start
    if run[0] > 0 and not ws[run[0] - 1].cap and ws[run[0] - 1].lower in PREPOSITIONS:
        after_prep = after_prep or _gap_ok(text, ws[run[0] - 1], ws[run[0]])
    return NameRun(start, pos, len(run), after_prep, _sentence_initial(text, opener))


def name_run_starting_at(text: str, pos: int, window: int = 120) -> NameRun | None:
    """The run of capitalised words that starts at ``pos``."""
    ws = words(text, pos, min(len(text), pos + window))
    if not ws or ws[0].start != pos:
        return None
    if pos + window < len(text) and len(ws) > 1:
        ws = ws[:-1]  # the last word may be cut by the window
    first = next(iter(_runs(text, ws)), None)
    if not first or first[0] != 0:
        return None
    run, after_prep = _strip_run(text, ws, first)
    if not run or run[0] != 0:
        return None
    return NameRun(pos, ws[run[-1]].end, len(run), after_prep, _sentence_initial(text, pos))


_IN_PLACE = re.compile(r" in (?:[A-Z][\w’'-]*)(?: [A-Z][\w’'-]*)?")
_EVENT_PAREN = re.compile(r"\s\((?:[A-Z][a-z]+\s*)?(?:19|20)\d\d[^()\n]{0,30}\)")


def _event_with_paren(text: str, start: int, end: int) -> Found:
    """An event name with its dating parenthesis: "Battle of Harasta (2017–2018)"."""
    m = _EVENT_PAREN.match(text, end)
    if m:
        end = m.end()
    return _mk(text, start, end, "event", "pattern.event")


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\"“‘'(":
        k -= 1
    return k < 0 or text[k] in ".!?\n:;"


def _split_coordination(ws: list[Word], run: list[int]) -> list[list[int]]:
    """ "Baath Battalions and the National Defense Forces" -> two runs (cut after a head word)."""
    heads = ENGLISH_UNIT_WORDS.keys() | ORG_WORDS | EVENT_HEADS | PLACE_CAP_HEADS
    parts: list[list[int]] = []
    cur: list[int] = []
    for k, i in enumerate(run):
        new_np = (
            k + 2 < len(run)
            and ws[run[k + 1]].lower == "the"
            and any(ws[j].lower in heads for j in run[k + 2 :])
        )
        if ws[i].lower == "and" and cur and (ws[cur[-1]].lower in heads or new_np) and k + 1 < len(run):
            parts.append(cur)
            cur = []
            continue
        cur.append(i)
    if cur:
        parts.append(cur)
    out: list[list[int]] = []
    for part in parts:
        out.extend(_split_unit_of_unit(ws, part))
    return out


def _split_unit_of_unit(ws: list[Word], run: list[int]) -> list[list[int]]:
    """ "Tiger Forces of Air Force Intelligence" -> two names: a unit named with its unit word,
    "of", and another group's name (a unit word or organisation word in it)."""
    heads = ENGLISH_UNIT_WORDS.keys() | ORG_WORDS
    for k in range(2, len(run) - 1):
        if ws[run[k]].lower != "of" or ws[run[k - 1]].lower not in ENGLISH_UNIT_WORDS:
            continue
        rest = run[k + 1 :]
        while rest and ws[rest[0]].lower in CONNECTORS:
            rest = rest[1:]
        if len(rest) >= 2 and any(ws[i].lower in heads for i in rest):
            return [run[:k], rest]
    return [run]


def recognise_names(text: str) -> list[Found]:
    """Armed groups, organisations, events, kin groups and places recognised by the shape of their names."""
    ws = words(text)
    out: list[Found] = []
    for run in _runs(text, ws):
        rest = run
        while rest:
            k = next((j for j in range(1, len(rest)) if ws[rest[j]].lower in ARABIC_UNIT_WORDS), None)
            if k is not None and ws[rest[0]].lower not in ARABIC_UNIT_WORDS:
                # "Fighters of Liwa al-Quds": the unit word opens a name of its own
                head, rest = rest[:k], rest[k:]
                for part in _split_coordination(ws, head):
                    g = _classify(text, ws, part, _sentence_initial(text, ws[part[0]].start))
                    if g is not None:
                        out.append(g)
            f, rest2 = _arabic_unit(text, ws, rest)
            if f is not None:
                out.append(f)
                if rest2 == rest:
                    break
                rest = rest2
                continue
            for part in _split_coordination(ws, rest):
                lead = next((i for i in part if ws[i].lower not in NAME_STOP_FIRST), part[0])
                g = _classify(text, ws, part, _sentence_initial(text, ws[lead].start) and lead == part[0])
                if g is not None:
                    out.append(g)
            break
    out.extend(_event_phrases(text))
    out.extend(_place_phrases(text))
    out.extend(_generic_referents(text))
    out.extend(_websites(text))
    out.extend(_called_names(text))
    return out


_EVENT_RE = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:[Bb]attles?|[Ss]iege)\s+(?:of|for|to\s+(?:liberate|retake|capture|recapture|break))\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|northern|southern|eastern|western)\s+)?"
    r"(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*)(?:\s+(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*|countryside|checkpoint|camp)"
    r"|\s+and\s+(?=[A-Z]))*"
    r"(?:\s+\((?:19|20)\d\d(?:[–-]\d{2,4})?\))?)"
    r"|(?P<yname>(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?:19|20)\d\d(?:[–-]\d{2,4})?\s+(?:(?:[A-Z]|(?:al|el|ez|ad|ar|as|ash|at|az|an|ed|es|er)-[A-Z])[\w’'-]*\s+){0,3}"
    r"(?:offensive|campaign|uprising|revolution|clashes|"
    r"massacre|war|elections?))\b"
    r"|\b(?P<war>(?:[A-Z][a-z]+\s+)?[Cc]ivil\s+[Ww]ar)\b"
)


_EVENT_POSSESSOR = re.compile(r"\b(?P<p>(?:the\s+)?[\w-]+(?:[’']s|s[’'])\s+)$")


def _event_phrases(text: str) -> Iterator[Found]:
    for m in _EVENT_RE.finditer(text):
        g = "name" if m.group("name") else ("yname" if m.group("yname") else "war")
        s, e = m.start(g), m.end(g)
        # "the opposition's August 2013 offensive": the possessor is part of how the text names it
        poss = _EVENT_POSSESSOR.search(text, max(0, s - 40), s) if g == "yname" else None
        names = (text[poss.start("p") : e],) if poss else ()
        # trailing coordinated place names belong to the event only before its head
        yield _mk(text, s, e, "event", "pattern.event", names=names)


_PLACE_RE = re.compile(
    r"\b(?:the\s+)?(?P<name>(?:mountains|countryside|outskirts|suburbs|villages?|towns?|city|desert|"
    r"countryside)\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)"
    r"|\b(?P<dir>(?:north|south|east|west|northern|southern|eastern|western|north-east|north-west|south-east|"
    r"south-west|northeast|northwest|southeast|southwest|rural)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?"
    r"(?:\s+(?:countryside|province|governorate|desert))?)"
    r"|\b(?P<border>[A-Z][a-z]+\s+border)\b"
)
_NAME = r"(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*)(?:\s+(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*))*"
_PLACE_OF = re.compile(
    r"\b(?:village|villages|town|towns|city|area|district|region|neighbourhood|neighborhood|suburb|camp)\s+of\s+"
    r"(?:the\s+)?(?P<p>" + _NAME + r")(?P<more>(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r")*)"
)
_PLACE_APPOS = re.compile(
    r"(?P<p>" + _NAME + r")\s*[\[(,]\s*(?:a|an)\s+(?:small\s+|large\s+)?(?:village|town|city|district|"
    r"neighbou?rhood|suburb)\s+(?:in|of|near)\b"
    r"|(?P<q>" + _NAME + r"),\s+which\s+(?:lies|is\s+situated)\s+(?:in|near|on|north|south|east|west)\b"
)
_LIST_NAME = re.compile(_NAME)


def _place_phrases(text: str) -> Iterator[Found]:
    for m in _PLACE_RE.finditer(text):
        g = m.lastgroup or "name"
        s, e = m.start(g), m.end(g)
        if g == "name" and text[s:e].split()[0].lower() in {"villages", "village", "towns", "town", "city"}:
            continue  # "the village of X": X is the place (below)
        yield _mk(text, s, e, "place", "pattern.place")
    for m in _PLACE_OF.finditer(text):
        yield _mk(text, m.start("p"), m.end("p"), "place", "pattern.place_of", P_PATTERN + 2)
        if m.group("more"):
            for n in _LIST_NAME.finditer(text, m.start("more"), m.end("more")):
                if n.group(0) != "and":
                    yield _mk(text, n.start(), n.end(), "place", "pattern.place_of", P_PATTERN + 2)
    for m in _PLACE_APPOS.finditer(text):
        g = "p" if m.group("p") else "q"
        yield _mk(text, m.start(g), m.end(g), "place", "pattern.place_appos", P_PATTERN + 2)


_GENERIC_RE = re.compile(
    r"\b(?P<the>[Tt]he\s+)(?P<g>regime|government|army|opposition|armed\s+opposition|war|civil\s+war|"
    r"(?:(?:19|20)\d\d\s+)?revolution|rebels)\b"
    r"|\b(?P<g2>rebels|rebel\s+groups)\b"
    r"|\b(?P<g3>(?:[A-Z][\w’'-]+\s+){1,3}(?:regime|government|Government|state\s+apparatus|state))\b(?!\s+of)",
)


def _generic_referents(text: str) -> Iterator[Found]:
    for m in _GENERIC_RE.finditer(text):
        g = "g" if m.group("g") else ("g2" if m.group("g2") else "g3")
        s, e = m.start(g), m.end(g)
        phrase = text[s:e]
        low = re.sub(r"\s+", " ", phrase.casefold())
        if g == "g3":
            while phrase.split()[0].casefold() in NAME_STOP_FIRST and len(phrase.split()) > 2:
                cut = phrase.index(" ") + 1
                s, phrase = s + cut, phrase[cut:]
            head = low.split()[-1]
            first = phrase.split()[0]
            if first.casefold() in NAME_STOP_FIRST or first.casefold() in {"islamic", "new", "central"}:
                continue
            del head
            yield Found(s, e, "state", phrase, "pattern.state_phrase", P_GENERIC + 10, kind="generic")
            continue
        base = re.sub(r"^(?:19|20)\d\d\s+", "", low)
        type_ = GENERIC_REFERENTS.get(base, "event" if base == "revolution" else "armed_group")
        name = phrase if g != "g" else "the " + phrase
        # the mention covers "the" so that its name reads as written ("the regime")
        yield Found(m.start(0), e, type_, name, "pattern.generic", P_GENERIC, kind="generic")


_WEBSITE = re.compile(r"\b[A-Za-z][\w-]*\.(?:net|com|org|info|tv|news)\b")


def _websites(text: str) -> Iterator[Found]:
    for m in _WEBSITE.finditer(text):
        yield Found(m.start(), m.end(), "organization", m.group(0), "pattern.website", P_PATTERN)


_CALLED = re.compile(
    r"\b(?P<noun>wing|militia|group|brigade|battalion|unit|force|forces|party|movement|operation|campaign|"
    r"offensive|organi[sz]ation|network|outlet|newspaper|site|website|page|channel|faction|regiment|outfit|"
    r"company|firm|agency|charity|association)(?:\s*,)?\s+"
    r"(?:(?:also|later|locally|initially|originally)\s+)?(?:called|named|dubbed|known\s+as)\s+(?:the\s+)?(?:[\"“‘](?P<q>[A-Z][^\"”’\n]{1,80})[\"”’]"
    r"|(?P<n>[A-Z][\w’'-]*(?:\s+(?:of\s+|the\s+|al-)?[A-Z][\w’'-]*){0,6}))"
)
_NOUN_TYPE = {
    "wing": "armed_group",
    "militia": "armed_group",
    "group": "armed_group",
    "brigade": "armed_group",
    "battalion": "armed_group",
    "unit": "armed_group",
    "force": "armed_group",
    "forces": "armed_group",
    "movement": "armed_group",
    "network": "armed_group",
    "party": "organization",
    "operation": "event",
    "campaign": "event",
    "offensive": "event",
    "organisation": "organization",
    "organization": "organization",
    "outlet": "organization",
    "newspaper": "organization",
    "site": "organization",
    "website": "organization",
    "page": "organization",
    "channel": "organization",
    "faction": "armed_group",
    "regiment": "armed_group",
    "outfit": "armed_group",
    "company": "organization",
    "firm": "organization",
    "agency": "organization",
    "charity": "organization",
    "association": "organization",
}


def _called_names(text: str) -> Iterator[Found]:
    for m in _CALLED.finditer(text):
        type_ = _NOUN_TYPE[m.group("noun").lower()]
        g = "q" if m.group("q") else "n"
        yield Found(m.start(g), m.end(g), type_, m.group(g).strip(), "pattern.called", P_DEFINED)
