"""Name analysis: what each word of a name does, for a given entity type.

A name is split into words, and each word is given a role:

* the *core*: the words that identify the thing ("Baqir", "Nayrab",
  "Latakia", "Khalid", "Hassan");
* the *unit* words of armed groups and organisations ("Liwa", "Brigade",
  "Forces"), compared as translation classes, and optional;
* *qualifiers* that make a group a regional part of another ("Latakia NDF",
  "... Center in Latakia", "... militia from Mhardeh") and *branch* words
  ("branch", "wing", "center");
* the *heads* of an "X of Y" name ("Lionesses of the NDF");
* *numbers* and *months* (ordinals, years, "forty-five" = 45);
* *modifiers* of places and events (north/south..., countryside), the
  *kind* of an event (battle, offensive, siege...), titles of persons.

Words are compared through ``Tok``: the folded spelling, the consonant
skeleton, and the glossary classes ("Liwa" and "Brigade" share the class
``brigade``). Arabic-script words get the same three keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from orbat.resolve._text import (
    ARTICLE_FORMS,
    fold_name,
    fold_token,
    is_arabic,
    normalize,
    skeleton_token,
    strip_apostrophes,
)
from orbat.resolve.glossary import Glossary, acronym_key, glossary

GROUP_TYPES = frozenset({"armed_group", "organization"})
_POSSESSIVE = re.compile(r"(\w{3,})[" + "'\u2019\u02bc" + r"]s\b")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]*[A-Z0-9]\.?$")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_FREE_ARTICLES = frozenset({"al", "el", "ez", "ed", "esh", "ash", "adh", "az", "ul"})
_DIN = frozenset({"din", "deen", "dine", "dean"})


def is_acronym_token(token: str) -> bool:
    """An abbreviation written in capitals: "NDF", "IRGC-QF", "U.S."."""
    token = token.strip("()[],;:")
    if not _ACRONYM.match(token):
        return False
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and len(token) <= 10


@dataclass(frozen=True)
class Tok:
    """One identifying word of a name, with its comparison keys."""

    text: str
    fold: str
    skel: str
    arabic: bool = False
    classes: frozenset[str] = frozenset()
    country: str | None = None
    place: str | None = None
    acronym: bool = False

    @property
    def key(self) -> str:
        """A blocking key for the word: its first class, or its skeleton."""
        if self.country:
            return "country:" + self.country
        if self.classes:
            return min(self.classes)
        return self.skel or self.fold


@dataclass(frozen=True)
class Analysis:
    """A name taken apart for comparison (see the module docstring)."""

    name: str
    type: str
    norm: str
    compact: str
    arabic: bool
    acronym: str | None = None  # the whole name is this acronym (key form)
    known: frozenset[str] = frozenset()  # glossary entities this name is a name of
    core: tuple[Tok, ...] = ()
    heads: frozenset[int] = frozenset()  # indices into core: heads of "X of Y"
    units: frozenset[str] = frozenset()
    unit_words: frozenset[str] = frozenset()  # the unit words as written (folded)
    numbers: frozenset[str] = frozenset()
    months: frozenset[int] = frozenset()
    quals: frozenset[str] = frozenset()  # place qualifiers of a group
    branch: bool = False
    modifiers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    government: frozenset[str] = frozenset()  # a state's government words ("regime")
    honorific: bool = False
    relational: bool = False
    initials: frozenset[str] = frozenset()

    @property
    def generic(self) -> bool:
        """No identifying word at all ("the army", "the regime", "the war")."""
        return not self.core and not self.acronym and not self.numbers and not self.known

    @property
    def subunit(self) -> bool:
        """Names a part of something: has place qualifiers or a branch word."""
        return bool(self.quals) or self.branch


@dataclass
class Lexicon:
    """Place and country names known to the resolver: the glossary's, plus the caller's.

    ``resolve`` adds the names of the place and state records it is given, so
    that "Mhardeh" in "NDF militia from Mhardeh" is known as a place.
    """

    places: dict[str, str] = field(default_factory=dict)  # folded name -> place id
    countries: dict[str, str] = field(default_factory=dict)  # folded name -> country id
    _cache: dict[tuple[str, str], Analysis] = field(default_factory=dict, repr=False)
    _starts: tuple[int, frozenset[str]] | None = field(default=None, repr=False)
    # names analysed before the cache is emptied (``reserve`` raises it for a batch)
    cache_limit: int = field(default=500_000, repr=False)
    # scores of name pairs already compared (filled by scoring.score_pair)
    compared: dict[tuple[str, str, str, bool, int], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def default(cls) -> Lexicon:
        g = glossary()
        return cls(places=dict(g.places), countries=dict(g.countries))

    def with_names(self, places: Iterable[str] = (), states: Iterable[str] = ()) -> Lexicon:
        """A copy that also knows these place and state names."""
        lex = Lexicon(places=dict(self.places), countries=dict(self.countries))
        g = glossary()
        for name in places:
            key = _place_key(name)
            if key and not _is_generic_word(key) and not g.classes(key):
                lex.places.setdefault(key, key)
        for name in states:
            key = fold_name(name)
            if key and " " not in key and not _is_generic_word(key):
                lex.countries.setdefault(key, key)
        return lex

    def place_starts(self) -> frozenset[str]:
        """First words of the place names of more than one word."""
        if self._starts is None or self._starts[0] != len(self.places):
            firsts = frozenset(k.split(" ", 1)[0] for k in self.places if " " in k)
            self._starts = (len(self.places), firsts)
        return self._starts[1]

    def reserve(self, names: int) -> None:
        """Hold the analyses of ``names`` names at once: a batch's pairs visit its names in no order,
        and a cache emptied halfway through would analyse them all again."""
        self.cache_limit = max(self.cache_limit, names + names // 4)

    def analyse(self, name: str, type_: str) -> Analysis:
        cached = self._cache.get((name, type_))
        if cached is None:
            cached = _analyse(name, type_, self)
            if len(self._cache) > self.cache_limit:
                self._cache.clear()
            self._cache[(name, type_)] = cached
        return cached


def _is_generic_word(key: str) -> bool:
    g = glossary()
    return key in g.function_words or key in g.place_neutral or key in g.government_words


def _place_key(name: str) -> str:
    """The folded name of a place without neutral qualifiers ("Aleppo province" -> "alipu")."""
    g = glossary()
    toks = [fold_token(t) for t in normalize(name).split(" ") if t and t != "al"]
    toks = [t for t in toks if t not in g.place_neutral and t not in g.function_words]
    if any(t in g.directions or t in g.countryside for t in toks):
        return ""
    return " ".join(toks)


_DEFAULT: Lexicon | None = None


def default_lexicon() -> Lexicon:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Lexicon.default()
    return _DEFAULT


def analyse(name: str, type_: str, lexicon: Lexicon | None = None) -> Analysis:
    """Take ``name`` apart as a name of an entity of ``type_``."""
    return (lexicon or default_lexicon()).analyse(name, type_)


# --- tokenisation ------------------------------------------------------------


@dataclass
class _Item:
    role: str  # content, fn, num, month, unit, branch, hon, kin, drop, dir, cside, kind, acronym
    tok: Tok
    value: str = ""


def _tok(text: str, g: Glossary, lex: Lexicon, *, with_units: bool, with_words: bool = True) -> Tok:
    fold = fold_token(text)
    classes = g.words.get(fold, frozenset()) if with_words else frozenset()
    if with_units:
        classes = classes | g.units.get(fold, frozenset())
    return Tok(
        text=text,
        fold=fold,
        skel=skeleton_token(text),
        arabic=is_arabic(text),
        classes=classes,
        country=lex.countries.get(fold) or g.countries.get(fold),
        place=lex.places.get(fold),
    )


def _raw_tokens(name: str) -> tuple[list[tuple[str, bool]], bool]:
    """(normalised token, is acronym) pairs, and whether a possessive was removed."""
    s = unicodedata.normalize("NFKC", name.replace("\u00b4", "'")).strip()
    possessive = False
    if not is_arabic(s):
        s2 = _POSSESSIVE.sub(r"\1", s)
        possessive = s2 != s
        s = s2
    out: list[tuple[str, bool]] = []
    pieces = s.split()
    # in a name written all in capitals, only known acronyms are acronyms ("LIWAA SOUD")
    shouting = len(pieces) > 1 and s == s.upper() and any(c.isalpha() for c in s)
    known = glossary().entity_by_acronym
    for piece in pieces:
        bare = piece.strip('()[]{},;:!?"')
        if (
            bare
            and is_acronym_token(bare)
            and not is_arabic(bare)
            and (not shouting or acronym_key(bare) in known)
        ):
            out.append((acronym_key(bare).lower(), True))
            continue
        for t in normalize(piece).split(" "):
            if t:
                out.append((t, False))
    # articles: "al" from normalize; free-standing forms before another word
    cleaned: list[tuple[str, bool]] = []
    skip = False
    for i, (t, acr) in enumerate(out):
        if skip:
            skip = False
            continue
        if (
            not acr
            and t in _FREE_ARTICLES
            and i + 1 < len(out)
            and out[i + 1][0] in _DIN
            and cleaned
            and not cleaned[-1][1]
        ):
            cleaned[-1] = (cleaned[-1][0] + "din", False)  # "Badr al-Din" = "Badreddine"
            skip = True
            continue
        if not acr and (t == "al" or (t in _FREE_ARTICLES and i + 1 < len(out))):
            continue
        if not acr and t == "the":
            cleaned.append(("the", False))
            continue
        cleaned.append((t, acr))
    return cleaned, possessive


def _numbers(items: list[_Item], g: Glossary) -> None:
    """Mark numbers: digits, ordinals, number words ("forty five" -> 45), year ranges."""
    prev_num: _Item | None = None
    for it in items:
        f = it.tok.text
        m = _ORDINAL.match(it.tok.text)
        value: int | None = None
        if it.tok.text.isdigit():
            value = int(it.tok.text)
            if (
                prev_num is not None
                and len(it.tok.text) == 2
                and len(prev_num.value) == 4
                and prev_num.role == "num"
            ):
                value = int(prev_num.value[:2] + it.tok.text)  # "2015-16" -> 2016
        elif m:
            value = int(m.group(1))
        elif f in g.numbers:
            value = g.numbers[f]
            if (
                prev_num is not None
                and prev_num.role == "num"
                and prev_num.value.isdigit()
                and int(prev_num.value) % 10 == 0
                and 20 <= int(prev_num.value) < 100
                and value < 10
            ):
                prev_num.value = str(int(prev_num.value) + value)  # "forty five"
                it.role = "drop"
                prev_num = None
                continue
        elif f in g.months:
            it.role, it.value = "month", str(g.months[f])
            continue
        if value is not None:
            it.role, it.value = "num", str(value)
            prev_num = it
        else:
            prev_num = None


def _initials(name: str, g: Glossary, group: bool = False) -> frozenset[str]:
    """Acronyms the name could be written as.

    The initials of all words and of content words; the same with a word
    joined by hyphens to a lower-case continuation read as one word
    ("Ahl al-Haq-wal-Din" -> AH as well as AHWD); and for an English name of
    a group, its initials in the word order of the Arabic name it glosses:
    the unit word first, then the name, then the qualifiers, each translated
    word by the initial of its transliteration ("Baqir National Forces" ->
    QBW, for Quwat al-Baqir al-Wataniya).
    """
    if is_arabic(name):
        return frozenset()
    words: list[str] = []
    whole: list[str] = []  # words with their hyphenated lower-case continuations left out
    for chunk in re.split(r"[\s/]+", unicodedata.normalize("NFKC", name)):
        first = True
        for piece in re.split(r"[\-\u2010-\u2015]+", chunk):
            bare = strip_apostrophes(piece).strip('()[]{},.;:!?"')
            if not bare or not bare[0].isalnum():
                continue
            low = bare.casefold()
            if low in ARTICLE_FORMS and len(low) <= 3:
                continue
            words.append(bare)
            if first or not bare[0].islower():
                whole.append(bare)
            first = False
    if len(words) < 2:
        return frozenset()
    out = set()
    for seq in (words, whole) if whole != words else (words,):
        everything = "".join(w[0] for w in seq if w.casefold() != "the")
        content = "".join(w[0] for w in seq if fold_token(w) not in g.function_words)
        for cand in (everything, content):
            if len(cand) >= 2:
                out.add(cand.upper())
    if group:
        out |= _arabic_order_initials(whole, g)
    return frozenset(out)


def _arabic_order_initials(words: list[str], g: Glossary) -> set[str]:
    """Initials of an English group name in the Arabic name's order: unit, name, qualifiers.

    Only for the plain English pattern "[the] Name [Qualifiers] Unit": the
    unit word last, no other function word.
    """
    if words and words[0].casefold() == "the":
        words = words[1:]
    folded = [fold_token(normalize(w)) for w in words]
    if len(words) < 2 or folded[-1] not in g.units or folded[-1] not in g.arabic_initials:
        return set()
    quals: list[frozenset[str]] = []
    rest: list[str] = []
    for w, f in zip(words[:-1], folded[:-1], strict=True):
        if f in g.function_words or f in g.units:
            return set()
        initials = g.arabic_initials.get(f)
        if initials is None:
            if quals:  # a name word after a qualifier: not the pattern
                return set()
            rest.append(w[0].upper())
        else:
            quals.append(initials)
    if not rest:
        return set()
    out = {""}
    for part in [g.arabic_initials[folded[-1]], frozenset({"".join(rest)}), *quals]:
        out = {x + y for x in out for y in sorted(part)[:3]}
        if len(out) > 8:
            break
    return out


def _analyse(name: str, type_: str, lex: Lexicon) -> Analysis:
    g = glossary()
    norm = normalize(name)
    arabic = is_arabic(name)
    raw, possessive = _raw_tokens(name)
    group = type_ in GROUP_TYPES
    stripped = name.strip()
    whole_acronym = (
        acronym_key(stripped) if len(raw) == 1 and raw[0][1] and is_acronym_token(stripped) else None
    )
    known = g.known(name, type_)
    items: list[_Item] = []
    for text, acr in raw:
        if acr:
            items.append(_Item("acronym", Tok(text=text, fold=text, skel=text, acronym=True)))
        else:
            items.append(_Item("content", _tok(text, g, lex, with_units=group, with_words=type_ != "person")))
    _numbers(items, g)

    honorific = relational = branch = False
    units: set[str] = set()
    modifiers: set[str] = set()
    kinds: set[str] = set()
    government: set[str] = set()
    for it in items:
        if it.role != "content":
            continue
        f = it.tok.fold
        if it.tok.text == "the" or f in g.function_words:
            it.role, it.value = "fn", f
        elif type_ == "person" and f in g.honorifics:
            it.role, honorific = "drop", True
        elif type_ == "person" and f in g.kin_terms:
            it.role, relational = "kin", True
        elif group and f in g.branch_words:
            it.role, branch = "branch", True
        elif group and f in g.units:
            it.role = "unit"
            units |= g.units[f]
        elif type_ in ("place", "event") and f in g.directions:
            it.role = "dir"
            modifiers |= {g.directions[f], "countryside"}
        elif type_ in ("place", "event") and f in g.countryside:
            it.role = "cside"
            modifiers.add("countryside")
        elif type_ in ("place", "event") and f in g.place_neutral:
            it.role = "drop"
        elif type_ == "event" and f in g.event_kinds:
            it.role = "kind"
            kinds |= g.event_kinds[f]
        elif type_ == "event" and f in g.event_connectors:
            it.role = "drop"
        elif type_ == "state" and f in g.government_words:
            it.role = "drop"
            government.add(f)
        elif type_ == "kin_group" and f in g.kin_neutral:
            it.role = "drop"
    if type_ == "person":
        relational = relational and (possessive or any(i.role == "fn" for i in items))
        _merge_particles(items, g, lex)

    # acronyms of well-known entities inside a name are expanded into its words
    expanded_units: set[str] = set()
    core_items: list[tuple[_Item, bool]] = []  # (item, is head of "X of Y")
    seen_content = False
    head_open = True
    qual_mode = False
    quals: set[str] = set()
    for it in items:
        if it.role == "fn":
            if group and seen_content and it.value in g.place_prepositions:
                qual_mode = True
            if it.value == fold_token("of") and seen_content and head_open:
                head_open = False
                core_items = [(ci, True) for ci, _ in core_items]
            continue
        if it.role in ("acronym", "content"):
            seen_content = True
        if it.role == "acronym":
            ids = g.entity_by_acronym.get(it.tok.text.upper(), frozenset())
            ids = frozenset(i for i in ids if type_ in g.entities[i].types)
            if len(ids) == 1 and (ident := next(iter(ids))) is not None:
                base = g.entities[ident].names[0]
                sub = analyse(base, type_, lex)
                if qual_mode:
                    quals.add(ident)
                    continue
                for t in sub.core:
                    core_items.append((_Item("content", t), False))
                expanded_units |= sub.units
                if whole_acronym:
                    known = known | ids
                continue
            if qual_mode:
                quals.add(it.tok.skel)
                continue
            core_items.append((it, False))
            continue
        if it.role != "content":
            continue
        if qual_mode:
            quals.add(it.tok.place or it.tok.skel)
            continue
        core_items.append((it, False))

    core = [ci.tok for ci, _ in core_items]
    heads = {i for i, (_, h) in enumerate(core_items) if h}
    if group:
        core, heads, more = _place_qualifiers(core, heads, items, lex)
        quals |= more
    if type_ == "state":
        core = _countries_as_core(core)
    numbers = frozenset(it.value for it in items if it.role == "num")
    months = frozenset(int(it.value) for it in items if it.role == "month")
    initials = _initials(name, g, group) if not whole_acronym else frozenset()
    for ident in known:
        initials |= frozenset(acronym_key(a) for a in g.entities[ident].acronyms)
    return Analysis(
        name=name,
        type=type_,
        norm=norm,
        compact=norm.replace(" ", ""),
        arabic=arabic,
        acronym=whole_acronym,
        known=known,
        core=tuple(core),
        heads=frozenset(heads),
        units=frozenset(units | expanded_units),
        unit_words=frozenset(it.tok.fold for it in items if it.role == "unit"),
        numbers=numbers,
        months=months,
        quals=frozenset(quals),
        branch=branch,
        modifiers=frozenset(modifiers),
        kinds=frozenset(kinds),
        government=frozenset(government),
        honorific=honorific,
        relational=relational,
        initials=initials,
    )


def _merge_particles(items: list[_Item], g: Glossary, lex: Lexicon) -> None:
    """Join "Abu X", "Abd al-X", "Umm X" into one word, as written in one-word spellings."""
    for i, it in enumerate(items):
        if it.role != "content" or it.tok.fold not in g.name_particles:
            continue
        nxt = next((j for j in range(i + 1, len(items)) if items[j].role == "content"), None)
        if nxt is None:
            continue
        text = it.tok.text + items[nxt].tok.text
        items[nxt] = _Item("content", _tok(text, g, lex, with_units=False, with_words=False))
        it.role = "drop"


def _place_qualifiers(
    core: list[Tok], heads: set[int], items: list[_Item], lex: Lexicon
) -> tuple[list[Tok], set[int], set[str]]:
    """Known places inside a group name qualify it ("Aleppo Baath Battalions").

    A place word is a qualifier only when the rest of the name still has an
    identifying word that is not a place or country ("Fawj al-Safira" keeps
    Safira), and not when it is joined by "and" to another word ("Nubl and
    Zahara Regiment").
    """
    if not any(t.place for t in core) and not lex.place_starts().intersection(t.fold for t in core):
        return core, heads, set()
    texts = [it.tok.text for it in items]
    coordinated = set()
    for i, t in enumerate(texts):
        if t in ("and", "wa", "w", "&"):
            if i > 0:
                coordinated.add(texts[i - 1])
            if i + 1 < len(texts):
                coordinated.add(texts[i + 1])
    spans: list[tuple[int, int, str]] = []  # [start, end) and place id
    i = 0
    while i < len(core):
        hit = None
        for n in (3, 2, 1):
            if i + n > len(core):
                continue
            key = " ".join(t.fold for t in core[i : i + n])
            place = core[i].place if n == 1 else None
            if n > 1:
                place = lex.places.get(key)
            if place:
                hit = (i, i + n, place)
                break
        if hit and not any(core[k].text in coordinated for k in range(hit[0], hit[1])):
            spans.append(hit)
            i = hit[1]
        else:
            i += 1
    if not spans:
        return core, heads, set()
    in_span = {k for s, e, _ in spans for k in range(s, e)}
    rest = [t for k, t in enumerate(core) if k not in in_span]
    if not any((t.acronym or (not t.place and not t.country)) for t in rest):
        return core, heads, set()
    keep = [k for k in range(len(core)) if k not in in_span]
    new_heads = {keep.index(k) for k in heads if k in keep}
    return [core[k] for k in keep], new_heads, {p for _, _, p in spans}


def _countries_as_core(core: list[Tok]) -> list[Tok]:
    """A state's name reduced to its country: "Syrian Arab Republic" -> syria."""
    out: list[Tok] = []
    for t in core:
        if t.country:
            out.append(
                Tok(
                    text=t.text,
                    fold=t.fold,
                    skel=t.skel,
                    classes=frozenset({"country:" + t.country}),
                    country=t.country,
                )
            )
        else:
            out.append(t)
    # multi-word country names ("United States")
    if len(out) >= 2:
        g = glossary()
        key = " ".join(t.fold for t in out)
        country = g.countries.get(key)
        if country:
            return [
                Tok(text=key, fold=key, skel=key, classes=frozenset({"country:" + country}), country=country)
            ]
    return out
