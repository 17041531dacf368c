"""Attribution and hedging cues in a sentence: who asserts a claim, and how firmly.

Pure text functions over one sentence (no NLP model). The caller passes the
sentence and, when it has one, the character span of the claim inside it; the
span narrows which cues apply:

* ``doubted`` cues count inside the span's own comma-delimited segment or in an
  aside right after the span ("50,000 fighters (an obvious exaggeration)");
* ``uncertain`` cues count inside the span's segment ("X seems to be Y");
* ``reported`` cues (attribution) count anywhere in the sentence: an
  attribution usually governs the whole sentence ("According to X, ...",
  "X told Y that ...", "..., X said"). Verbs of saying count only in lower
  case ("states", not "United States") and not after I/we or "it should be"
  (the author's own voice).

Without a span the whole sentence is the scope. Precedence: doubted >
uncertain > reported > asserted.

All cues are compiled into one trie-shaped pattern run once over the
lower-cased sentence, so a sentence of any length costs one linear scan.

The cue lexicons are plain data (tuples of phrases). A phrase is matched on
word boundaries, case-insensitively, with any run of spaces; a ``*`` at the end
of a word stands for any word ending ("exaggerat*"). Adding a cue is adding a
phrase to one of the tuples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def _words(s: str, sep: str | None = None) -> list[str]:
    """A lexicon written as one string: "a b c" -> ["a", "b", "c"]."""
    return s.split(sep)


ASSERTED = "asserted"
REPORTED = "reported"
UNCERTAIN = "uncertain"
DOUBTED = "doubted"

#: The author disputes the claim.
DOUBTED_CUES: tuple[str, ...] = (
    "exaggerat*",
    "overstat*",
    "inflated",
    "did not actually",
    "does not actually",
    "do not actually",
    "was not actually",
    "were not actually",
    "not actually",
    "false claim*",
    "falsely",
    "untrue",
    "not true",
    "dubious",
    "implausibl*",
    "improbabl*",
    "unlikely",
    "questionable",
    "doubtful",
    "far-fetched",
    "debunked",
    "no evidence",
    "little evidence",
    "without evidence",
    "cannot be true",
    "hard to believe",
    "difficult to believe",
)

#: The author hedges: the claim may well be true but is not asserted outright.
UNCERTAIN_CUES: tuple[str, ...] = (
    "seemingly",
    "seems",
    "seem",
    "seemed",
    "likely",
    "probably",
    "probable",
    "possibly",
    "possible",
    "perhaps",
    "maybe",
    "might",
    "appears to",
    "appear to",
    "appeared to",
    "would appear",
    "apparently",
    "apparent",
    "suggests",
    "suggest",
    "suggesting",
    "suggested",
    "presumably",
    "suspected",
    "unconfirmed",
    "unclear",
    "uncertain",
    "believed to",
    "thought to",
    "it is possible",
    "could have",
    "may have",
)
#: Uncertain cues matched only in lower case ("may" but not the month "May").
UNCERTAIN_CUES_CASED: tuple[str, ...] = ("may",)

#: Attribution phrases: the claim is someone else's.
REPORTED_CUES: tuple[str, ...] = (
    "according to",
    "reportedly",
    "allegedly",
    "purportedly",
    "supposedly",
    "is reported to",
    "are reported to",
    "was reported to",
    "were reported to",
    "has been reported",
    "have been reported",
    "had been reported",
    "it is reported",
    "it was reported",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is claimed to",
    "was claimed to",
    "accused of",
    "describing itself as",
    "describes itself as",
    "described itself as",
    "describing themselves as",
    "portrayed itself as",
    "portrays itself as",
    "presents itself as",
    "presented itself as",
    "bills itself as",
    "calls itself",
    "sources say",
    "sources said",
    "sources told",
    "in an interview",
    "in a statement",
    "have been advertised",
    "has been advertised",
)

#: Verbs of saying: "X told ...", "X claimed ...". Matched in lower case only
#: (so "United States" is not "states"); the phrase before the verb is the
#: party (see :func:`claimed_by`).
SPEECH_VERBS: tuple[str, ...] = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "affirmed",
    "affirms",
    "affirm",
    "claimed",
    "claims",
    "claim",
    "reported",
    "reports",
    "mentioned",
    "mentions",
    "mention",
    "points out",
    "pointed out",
    "point out",
    "noted",
    "notes",
    "added",
    "adds",
    "announced",
    "announces",
    "asserted",
    "asserts",
    "alleged",
    "alleges",
    "confirmed",
    "confirms",
    "insisted",
    "insists",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "wrote",
    "writes",
    "posted",
    "posts",
    "published",
    "advertised",
    "advertises",
    "advertise",
    "boasted",
    "boasts",
    "declared",
    "declares",
    "explained",
    "explains",
    "estimated",
    "estimates",
    "argued",
    "argues",
    "maintained",
    "maintains",
    "talks about",
    "talked about",
    "speaks of",
    "spoke of",
    "described",
    "describes",
    "revealed",
    "reveals",
    "recounted",
    "recounts",
    "assured",
    "assures",
    "informed",
    "informs",
    "confided",
    "conceded",
    "concedes",
)

#: Nouns of sources: "a post by X", "an investigation by X".
SOURCE_NOUNS: tuple[str, ...] = (
    "post",
    "posts",
    "statement",
    "statements",
    "article",
    "report",
    "reports",
    "video",
    "message",
    "tweet",
    "communique",
    "communiqué",
    "interview",
    "account",
    "publication",
    "analysis",
    "investigation",
    "study",
    "survey",
    "estimate",
    "claim",
    "announcement",
    "broadcast",
    "page",
)

#: Speakers that are the author: "as I noted" is not an attribution.
AUTHOR_PRONOUNS = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
#: Pronoun speakers: attribution, but no usable name.
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "this", "that", "these", "those", "who"}
)


def _phrase_tokens(phrase: str) -> list[str]:
    toks: list[str] = []
    for i, word in enumerate(phrase.lower().split()):
        if i:
            toks.append(r"\s+")
        star = word.endswith("*")
        toks.extend(re.escape(c) for c in (word[:-1] if star else word))
        if star:
            toks.append(r"[\w’'-]*")
    return toks


def _trie_regex(node: dict[str, Any]) -> str:
    alts = [tok + _trie_regex(child) for tok, child in sorted(node.items()) if tok]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def phrase_trie(phrases: Iterable[str]) -> str:
    """A regular expression matching any of ``phrases`` (lower case), built as a
    trie so that a failing position costs one or two comparisons, not one per
    phrase. A space matches any run of whitespace; a ``*`` ending a word
    matches any word ending ("exaggerat*"). The longest phrase wins; wrap it
    in boundaries as needed. Prefixed by a lookahead on the possible first
    characters, which lets most positions fail at once."""
    root: dict[str, Any] = {}
    firsts: set[str] = set()
    for phrase in phrases:
        toks = _phrase_tokens(phrase)
        if not toks:
            continue
        firsts.add(phrase.lower().lstrip()[0])
        node = root
        for tok in toks:
            node = node.setdefault(tok, {})
        node[""] = {}
    charset = "".join(re.escape(c) for c in sorted(firsts))
    return f"(?=[{charset}])" + _trie_regex(root)


def lower_same_length(text: str) -> str:
    """``text`` in lower case, with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # rare: a character whose lower case is longer ("İ"); fold the others one by one
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_PASSIVE_VERBS = _words(
    "said claimed reported stated told advertised announced alleged asserted published posted described "
    "portrayed estimated"
)
_SOURCE_VERBS = (
    "",
    "published",
    "posted",
    "issued",
    "made",
    "written",
    "released",
    "shared",
    "given",
    "conducted",
)

#: every cue phrase -> its kind; the first kind listed wins a phrase in two lists
_KINDS: dict[str, str] = {}
for _kind, _phrases in (
    ("src", [f"{n} {v} by".replace("  ", " ") for n in SOURCE_NOUNS for v in _SOURCE_VERBS]),
    ("acc", ["according to"]),
    ("pas", [f"{v} by" for v in _PASSIVE_VERBS]),
    ("d", list(DOUBTED_CUES)),
    ("r", list(REPORTED_CUES)),
    ("u", list(UNCERTAIN_CUES)),
    ("uc", list(UNCERTAIN_CUES_CASED)),
    ("sp", list(SPEECH_VERBS)),
):
    for _p in _phrases:
        _KINDS.setdefault(" ".join(_p.lower().split()), _kind)
_STEMS = sorted(((p[:-1], k) for p, k in _KINDS.items() if p.endswith("*")), key=lambda x: -len(x[0]))

# All cues in one case-sensitive pattern, run once over the lower-cased
# sentence (a case-sensitive pattern opening with \b scans several times
# faster than an IGNORECASE one). Cased cues (verbs of saying, "may") are
# checked against the original text afterwards.
_CUES_RE = re.compile(r"\b" + phrase_trie(_KINDS) + r"(?![\w’'-])")
_DOUBTED_RE = re.compile(r"\b" + phrase_trie(DOUBTED_CUES) + r"(?![\w’'-])")


def _kind_of(matched: str) -> str | None:
    key = " ".join(matched.split())
    kind = _KINDS.get(key)
    if kind is not None:
        return kind
    for stem, k in _STEMS:
        if key.startswith(stem):
            return k
    return None


_AS_IT_RE = re.compile(r"\b[Aa]s\s+(?:its|the|their|his|her)\s+(?:\w+\s+){0,2}$")


def _cue_kind(sentence: str, m: re.Match[str]) -> str | None:
    """The kind of a hit of _CUES_RE (src acc pas d r u sp), or None when a
    cased cue is not lower case in the text or is said by the author."""
    kind = _kind_of(m.group(0))
    if kind in {"uc", "sp"}:
        written = sentence[m.start() : m.end()]
        if not written.islower():
            return None
        if kind == "sp" and _first_person_subject(sentence, m.start()):
            return None
        return "u" if kind == "uc" else "sp"
    if kind == "u" and _AS_IT_RE.search(sentence, max(0, m.start() - 40), m.start()):
        return None  # "as its name suggests" vouches, it does not hedge
    return kind


# a doubted cue with its article and intensifier: "an obvious exaggeration"
_DOUBT_PHRASE_RE = re.compile(
    r"(?:\b(?:an?|the|this|that)\s+)?(?:\b(?:obvious|obviously|clear|clearly|gross|grossly|likely|probably|"
    r"surely|almost\s+certainly|wildly|vastly|highly|very|massive|massively|huge|hugely)\s+)?$",
    re.IGNORECASE,
)


#: how far before a claim (characters) its own segment can start
SCOPE_REACH = 400
# segment boundaries for the local scope of doubted/uncertain cues
_SEGMENT_BREAKS = (",", ";", ":", "(", ")", "[", "]", "–", "—", " - ", ". ", "! ", "? ")


def _local_scope(sentence: str, lo: int, hi: int) -> tuple[int, int]:
    """The span extended left to the start of its comma-delimited segment."""
    start = max(0, lo - SCOPE_REACH)
    for br in _SEGMENT_BREAKS:
        i = sentence.rfind(br, 0, max(lo, 0))
        if i >= 0:
            start = max(start, i + len(br))
    return start, max(hi, lo)


def _with_article(text: str, m: re.Match[str]) -> str:
    """The matched doubted cue with a preceding article/intensifier ("an obvious exaggeration")."""
    window_start = max(0, m.start() - 40)
    pre = _DOUBT_PHRASE_RE.search(text, window_start, m.start()) if m.start() else None
    start = pre.start() if pre and pre.group(0).strip() else m.start()
    return text[start : m.end()].strip()


# An aside right after a claim: up to three words, then "(...)", "[...]",
# or ", ..." / " – ..." up to the next punctuation.
_ASIDE_PAREN = re.compile(r"(?:\s*[^\s(\[,.;:]+){0,3}?\s*[(\[]([^()\[\]]{0,160})[)\]]")
_ASIDE_COMMA = re.compile(r"\s*[^\s(\[,.;:]*\s*[,–—]\s*([^,.;()\[\]–—]{0,100})")
# how an aside about a figure opens: ", an exaggeration", ", likely inflated", ", which is ..."
_ASIDE_LEAD = re.compile(
    r"\s*(?:which|an?|likely|probably|clearly|obviously|surely|certainly|almost|though|although|itself|"
    r"surely|possibly|perhaps|no\s+doubt|doubtless)\b",
    re.IGNORECASE,
)


def adjacent_doubt(text: str, pos: int) -> str | None:
    """A doubted cue in an aside right after ``pos`` ("(an obvious exaggeration)",
    ", likely inflated,", " – an exaggerated figure"), or None."""
    m = _ASIDE_PAREN.match(text, pos, min(len(text), pos + 200))
    if m:
        d = _DOUBTED_RE.search(m.group(1).lower())
        if d:
            return _with_article(m.group(1), d)
    m = _ASIDE_COMMA.match(text, pos, min(len(text), pos + 140))
    if m:
        aside = m.group(1)
        d = _DOUBTED_RE.search(aside.lower())
        # the doubt must open the aside (within its first few words)
        if d and len(aside[: d.start()].split()) <= 3 and (d.start() == 0 or _ASIDE_LEAD.match(aside)):
            return _with_article(aside, d)
    return None


_WORDS_RE = re.compile(r"[\w’']+")


_MODALS = frozenset(_words("should must can could may might will would to"))


def _first_person_subject(sentence: str, verb_start: int) -> bool:
    """True when the speech verb is the author's: "I/we (have) noted", "it should be noted"."""
    words = _WORDS_RE.findall(sentence, max(0, verb_start - 40), verb_start)
    if len(words) >= 2 and words[-1].lower() == "be" and words[-2].lower() in _MODALS:
        return True
    for w in reversed(words):
        lw = w.lower()
        if lw in AUTHOR_PRONOUNS:
            return True
        if lw in _AUX:
            continue
        return False
    return False


def hedge_for(sentence: str, span: tuple[int, int] | None = None) -> tuple[str, str | None]:
    """``(hedge, cue)`` for a claim in ``sentence`` (at ``span`` if given).

    ``hedge`` is one of asserted | reported | uncertain | doubted; ``cue`` is
    the words that decided it, as written (None for asserted).
    """
    low = lower_same_length(sentence)
    n = len(sentence)
    if span is None:
        a, b = 0, n
    else:
        lo, hi = max(0, min(span[0], n)), max(0, min(span[1], n))
        a, b = _local_scope(sentence, lo, hi)
    uncertain: re.Match[str] | None = None
    reported: re.Match[str] | None = None
    for m in _CUES_RE.finditer(low, a, b):
        kind = _kind_of(m.group(0))
        if kind == "d":
            return DOUBTED, _with_article(sentence, m)
        if kind in {"u", "uc"}:
            if uncertain is not None:
                continue
        elif reported is not None:
            continue  # only a doubted or a first uncertain cue can still change the answer
        kind = _cue_kind(sentence, m)
        if kind == "u" and uncertain is None:
            uncertain = m
        elif kind is not None and kind != "u" and reported is None:
            reported = m
    if span is not None:
        aside = adjacent_doubt(sentence, b)
        if aside:
            return DOUBTED, aside
    if uncertain is not None:
        return UNCERTAIN, sentence[uncertain.start() : uncertain.end()].strip()
    if span is not None and reported is None:
        # attribution governs the whole sentence
        for m in _CUES_RE.finditer(low):
            kind = _cue_kind(sentence, m)
            if kind is not None and kind not in {"d", "u"}:
                reported = m
                break
    if reported is not None:
        return REPORTED, _cue_text(sentence, reported)
    return ASSERTED, None


def _cue_text(sentence: str, m: re.Match[str]) -> str:
    text = sentence[m.start() : m.end()].strip()
    if _kind_of(m.group(0)) in {"src", "pas"}:
        return re.sub(r"\s+", " ", text)
    return text


# --------------------------------------------------------------------------
# claimed_by: the asserting party's noun phrase
# --------------------------------------------------------------------------

_TOKEN = re.compile(r"[\w][\w.’'‘\-]*[\w]|[\w]|[^\w\s]")
_AUX = frozenset(
    _words(
        "has have had also further later previously reportedly repeatedly publicly recently once is was were "
        "are been not did does do would will can could explicitly openly then first already still even "
        "allegedly officially likewise similarly too just never often frequently"
    )
)
_STOP_BACK = frozenset(
    _words(
        "that which who whom whose and but or nor while when where as because since if although though thus "
        "however so then meanwhile moreover indeed yet after before once whereas unsurprisingly hence "
        "therefore instead also furthermore"
    )
)
_FORWARD_STOP = frozenset(
    _words(
        "that which who whom whose and but or nor while when where as because since if although though is "
        "was were are has have had will would can could did does do said says told states stated claims "
        "claimed affirms affirmed reports reported mentions mentioned talks talked speaks spoke gives gave "
        "shows showed reads read describes described notes noted adds added writes wrote found finds shows showed revealed reveals indicates indicated suggests suggested puts put "
        "lists listed documents documented concluded concludes argues argued counted counts recorded records "
        "identified identifies last this next yesterday today earlier later recently"
    )
)
_PREPOSITIONS = frozenset(_words("of for by in at from on with to"))
_DETERMINERS = frozenset(_words("the a an this that these those its their his her our my some several"))
_MONTH_WORDS = frozenset(
    _words("january february march april may june july august september october november december")
)
_LEAD_TRIM = frozenset(_words("and but so thus then also even however yet"))
_TRAIL_TRIM = frozenset(_PREPOSITIONS | _DETERMINERS | _AUX | {"and", "or", "to"})

#: how far before the claim (characters) an attribution is looked for
ATTRIBUTION_REACH = 600


def _is_word(tok: str) -> bool:
    return bool(tok) and (tok[0].isalnum() or tok[0] == "_")


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


def _np_forward(sentence: str, pos: int) -> tuple[int, int] | None:
    toks = _tokens(sentence, pos, min(len(sentence), pos + 200))
    out: list[tuple[int, int, str]] = []
    prev_prep = True  # the phrase may open with a determiner
    for s, e, t in toks:
        lt = t.lower()
        if not _is_word(t):
            if t in "’'" and out:  # possessive or closing quote glued to a name
                continue
            break
        if lt in _FORWARD_STOP:
            break
        if lt in _DETERMINERS and not prev_prep:
            break
        out.append((s, e, t))
        prev_prep = lt in _PREPOSITIONS or lt in _DETERMINERS
        if len(out) >= 12:
            break
    return _trim(out)


def _np_backward(sentence: str, pos: int) -> tuple[int, int] | None:
    toks = _tokens(sentence, max(0, pos - 240), pos)
    i = len(toks) - 1
    while i >= 0 and toks[i][2].lower() in _AUX:
        i -= 1
    for _attempt in range(3):
        if i >= 0 and toks[i][2] == ",":  # "X, Y, told": the appositive Y
            i -= 1
        out: list[tuple[int, int, str]] = []
        stop = ""
        while i >= 0:
            s, e, t = toks[i]
            lt = t.lower()
            if not _is_word(t):
                if t in "’'" and i > 0 and _is_word(toks[i - 1][2]):  # Nujaba’
                    i -= 1
                    continue
                stop = t
                break
            if lt in _STOP_BACK:
                stop = lt
                break
            out.append((s, e, t))
            i -= 1
            if len(out) >= 12:
                break
        out.reverse()
        # "An officer in Homs, who asked not to be named, said": skip the relative clause
        if stop in {"who", "which"} and i > 0 and toks[i - 1][2] == ",":
            i -= 2
            continue
        # "on 20 March 2016 Liwa al-Baqir claimed": cut at the last number/month
        for k in range(len(out) - 1, -1, -1):
            t = out[k][2]
            if t[0].isdigit() or t.lower() in _MONTH_WORDS:
                out = out[k + 1 :]
                break
        # leading preposition phrase: "In April Liwa al-Baqir media"
        while out and out[0][2].lower() in _PREPOSITIONS:
            out = out[1:]
        return _trim(out)
    return None


def _trim(out: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    while out and out[0][2].lower() in _LEAD_TRIM:
        out = out[1:]
    while out and out[-1][2].lower() in _TRAIL_TRIM:
        out = out[:-1]
    if not out:
        return None
    return out[0][0], out[-1][1]


def _clean_party(sentence: str, bounds: tuple[int, int] | None) -> str | None:
    if bounds is None:
        return None
    phrase = sentence[bounds[0] : bounds[1]].strip(" \t\n\"'“”‘’")
    if not phrase:
        return None
    words = phrase.lower().split()
    if words[0] in AUTHOR_PRONOUNS or (len(words) == 1 and words[0] in PRONOUNS):
        return None
    if not any(ch.isalpha() for ch in phrase):
        return None
    return phrase


def claimed_by(sentence: str, span: tuple[int, int] | None = None) -> str | None:
    """The party the sentence attributes the claim to, as written, or None.

    Recognises "a post/report/statement by X", "according to X", passive
    "claimed/reported by X", and "X said/told/claimed/affirmed/points out/
    mentions/reported/advertised ...". With a ``span``, the attribution
    nearest before the span's end wins (else the first after it); without
    one, the first in the sentence.
    """
    n = len(sentence)
    if span is None:
        lo, hi = 0, n
    else:
        lo = max(0, min(span[0], n) - ATTRIBUTION_REACH)
        hi = min(n, max(span[1], 0) + ATTRIBUTION_REACH)
    low = lower_same_length(sentence)
    cands: list[tuple[int, str]] = []  # (position, party)
    taken: list[int] = []
    for m in _CUES_RE.finditer(low, lo, hi):
        kind = _kind_of(m.group(0))
        if kind in {"src", "acc", "pas"}:
            party = _clean_party(sentence, _np_forward(sentence, m.end()))
            if party:
                cands.append((m.start(), party))
                taken.append(m.start())
        elif kind == "sp" and _cue_kind(sentence, m) == "sp":
            bounds = _np_backward(sentence, m.start())
            party = _clean_party(sentence, bounds)
            # a source already resolved ("a post by X states") keeps X
            if party and bounds and not any(bounds[0] <= p < m.start() for p in taken):
                cands.append((bounds[0], party))
        else:
            continue
        if span is None and cands:
            break
        if span is not None and m.start() > span[1] and any(c[0] < span[1] for c in cands):
            break
    if not cands:
        return None
    cands.sort()
    if span is None:
        return cands[0][1]
    before = [c for c in cands if c[0] < span[1]]
    return before[-1][1] if before else cands[0][1]
