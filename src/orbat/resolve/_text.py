"""Character-level folding of names: the primitives every other module builds on.

Three levels of sameness, from strict to loose:

* ``normalize`` — case, diacritics, apostrophes, hyphens, a leading "the" and
  the Arabic article in all its assimilated spellings ("ad-", "ash-", "el-")
  are folded; the words stay as written. Arabic script stays Arabic.
* ``fold_token`` — transliteration variants of one Arabic word written in
  Latin letters are folded (q/k, kh/h, dh/z, ou/u, ee/i, ei/ay, o/u, e/i,
  doubled letters, a final -h after a vowel): "Lattakia" = "Latakia",
  "Hassakah" = "Hasaka", "Jeish" = "Jaysh".
* ``skeleton_token`` — the consonants only, in classes (g/k/q, s/th/ṣ,
  z/dh/ẓ, h/ḥ/kh), with medial w/y dropped. Arabic script maps onto the same
  classes, so "قوات" and "Quwat" both give ``kt``.

Nothing here knows any word list; see ``glossary`` and ``analysis``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rigour.text import ascii_text

# The apostrophe family: ' ’ ‘ ` ´ ʹ ʻ ʼ ʽ ʾ ʿ ′ ＇ (hamza and ayn in transliteration).
APOSTROPHES = "'\u2018\u2019\u0060\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u2032\uff07"
_APOS_RE = re.compile("[" + re.escape(APOSTROPHES) + "]")
# Arabic short vowels, shadda, sukun, Quranic marks, superscript alef and tatweel.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
_HYPHENS = re.compile("[-_\u2010-\u2015\u2212/]+")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")

# The Arabic article as transliterated, with sun-letter assimilation.
ARTICLE_FORMS = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "adh",
        "ar",
        "er",
        "as",
        "es",
        "ash",
        "esh",
        "at",
        "et",
        "ath",
        "eth",
        "az",
        "ez",
        "an",
        "en",
        "ud",
        "ut",
        "us",
        "uz",
    ]
)
# Forms that are an article even when written apart ("Deir Ez Zor", "Al Qaeda");
# "as", "at", "an" are not here because they are English words.
_FREE_ARTICLES = frozenset(["al", "el", "ez", "ed", "esh", "ash", "adh", "az", "ul", "ath", "eth"])
_ARTICLE_HYPHEN = re.compile(r"\b(" + "|".join(sorted(ARTICLE_FORMS, key=len, reverse=True)) + r")-(?=\w)")
_CAMEL_ARTICLE = re.compile(r"\b([Aa][lL])(?=[A-Z][a-z])")


@lru_cache(maxsize=200_000)
def is_arabic(text: str) -> bool:
    """True when most letters of ``text`` are Arabic script."""
    if text.isascii():
        return False
    arabic = len(_ARABIC_LETTERS.findall(text))
    if not arabic:
        return False
    letters = sum(1 for ch in text if ch.isalpha())
    return arabic > letters - arabic


def strip_apostrophes(text: str) -> str:
    return _APOS_RE.sub("", text)


def _normalize_arabic(text: str) -> str:
    s = _ARABIC_MARKS.sub("", text)
    s = s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ٱ", "ا")
    s = s.replace("ى", "ي").replace("ی", "ي").replace("ک", "ك")
    s = _HYPHENS.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """The comparison form of a name: same letters, no display differences.

    Folds case, diacritics (ḥ ā ī ū), the apostrophe family, hyphens and
    punctuation, drops a leading "the", and writes every form of the Arabic
    article ("al-", "el-", "ad-", "ash-", "Ez", "alSouria") as ``al``. Arabic
    script loses its short vowels and tatweel and unifies alef and ya forms.
    """
    # NFKC turns the acute accent into a space and a combining mark: drop it first
    s = unicodedata.normalize("NFKC", name.replace("\u00b4", "'")).strip()
    if is_arabic(s):
        return _normalize_arabic(s)
    s = _CAMEL_ARTICLE.sub(r"\1 ", s)
    s = strip_apostrophes(s)
    if not s.isascii():
        s = strip_apostrophes(ascii_text(s))  # ascii_text renders some marks as apostrophes
    s = s.casefold()
    s = _ARTICLE_HYPHEN.sub("al ", s)
    s = _HYPHENS.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    tokens = _SPACES.sub(" ", s).strip().split(" ")
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    out = [("al" if t in _FREE_ARTICLES and i + 1 < len(tokens) else t) for i, t in enumerate(tokens)]
    return " ".join(t for t in out if t)


# --- Latin transliteration folding -----------------------------------------

_FOLD_STEPS: tuple[tuple[str, str], ...] = (
    ("ch", "sh"),
    ("ph", "f"),
    ("ck", "k"),
    ("c", "k"),
    ("q", "k"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "z"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ai"),
    ("ey", "ai"),
    ("ay", "ai"),
    ("o", "u"),
    ("e", "i"),
    ("iy", "i"),
    ("uw", "u"),
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")
_RE_ENDING = re.compile(r"([tb])re$")
_DIN_SUFFIX = re.compile(r"(?<=[a-z]{3})(?:[eiua]d+(?:ee|i|y)ne?|[eiua]ldin|[eiua]ddin)$")
_NAME_PARTICLE_PREFIX = re.compile(r"^(abdul|abdel|abdol|abdal|abdu)(?=[a-z]{3})")


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """Fold the transliteration variants of one Latin-script word.

    "Lattakia" -> "latakia", "Hassakah" -> "hasaka", "Jeish"/"Jaysh" ->
    "jaish", "Zour" -> "zur", "Nujaba'" -> "nujaba", "Dara'a" -> "dara".
    Arabic-script tokens are returned normalised but otherwise unchanged.
    """
    t = token.casefold()
    if is_arabic(t):
        return arabic_fold(t)
    t = strip_apostrophes(t if t.isascii() else ascii_text(t)).casefold()
    t = _NAME_PARTICLE_PREFIX.sub("abd", t)
    t = _DIN_SUFFIX.sub("din", t)  # Badreddine = Badr al-Din (joined by analysis)
    t = _RE_ENDING.sub(r"\1er", t)  # centre -> center, theatre -> theater
    # a final -ah/-eh is the feminine ending (ة): "Hasakah" = "Hasaka"; -uh, -ih stay
    feminine = len(t) > 3 and t[-2:] in ("ah", "eh")
    for a, b in _FOLD_STEPS:
        t = t.replace(a, b)
    t = _DOUBLE.sub(r"\1", t)
    if feminine and t.endswith("h"):
        t = t[:-1]
    return _DOUBLE.sub(r"\1", t)


_SKELETON_STEPS: tuple[tuple[str, str], ...] = (
    ("sh", "x"),
    ("th", "s"),
    ("zh", "z"),
    ("dj", "j"),
    ("g", "k"),
    ("p", "b"),
    ("v", "f"),
)


@lru_cache(maxsize=200_000)
def skeleton_token(token: str) -> str:
    """The consonant skeleton of one word, in either script.

    "Baggara", "Bekara", "Bakkara" -> "bkr"; "Quwat" and "قوات" -> "kt";
    "Deir" and "Dayr" -> "dr". Digits are kept.
    """
    if is_arabic(token):
        return arabic_skeleton(token)
    t = soft_token(token)
    out = []
    for i, ch in enumerate(t):
        if ch in _VOWELS:
            continue
        if ch in "wy" and i > 0:
            continue
        out.append(ch)
    # letters doubled in writing were folded already; consonants that meet
    # once the vowels are gone are two consonants ("Kukahi" is k-k-h)
    return "".join(out)


@lru_cache(maxsize=200_000)
def soft_token(token: str) -> str:
    """``fold_token`` with the consonant classes of the skeleton but the vowels kept.

    "Duthadha" -> "dusaza", "Doseze" -> "dusizi": for measuring how alike two
    spellings are once the known consonant variants are set aside.
    """
    if is_arabic(token):
        return arabic_skeleton(token)
    t = fold_token(token).replace("x", "ks")
    for a, b in _SKELETON_STEPS:
        t = t.replace(a, b)
    return _DOUBLE.sub(r"\1", t)


# --- Arabic script ---------------------------------------------------------

_AR_SKELETON = {
    "ا": "", "أ": "", "إ": "", "آ": "", "ٱ": "", "ء": "", "ئ": "", "ؤ": "", "ع": "",
    "ة": "", "ى": "", "ۀ": "",
    "ب": "b", "پ": "b", "ت": "t", "ث": "s", "ج": "j", "چ": "j", "ح": "h", "خ": "h",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "z", "س": "s", "ش": "x", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "غ": "k", "ف": "f", "ق": "k", "ك": "k", "ک": "k",
    "گ": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ی": "y",
}  # fmt: skip


def strip_arabic_article(token: str) -> str:
    """Drop the article ال (and وال "and the", لل "for the") from an Arabic word."""
    if token in ("الله", "لله"):
        return token  # the name of God is not article + word
    if token.startswith("وال") and len(token) > 4:
        return token[3:]
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    if token.startswith("لل") and len(token) > 4:
        return token[2:]
    return token


@lru_cache(maxsize=100_000)
def arabic_fold(token: str) -> str:
    """An Arabic word without marks, article or letter-form variation (ة -> ه)."""
    t = _normalize_arabic(token).replace(" ", "")
    t = strip_arabic_article(t)
    return t.replace("ة", "ه")


@lru_cache(maxsize=100_000)
def arabic_skeleton(token: str) -> str:
    """The Latin consonant skeleton of an Arabic word: "الدفاع" -> "df", "الوطني" -> "wtn"."""
    t = strip_arabic_article(_normalize_arabic(token).replace(" ", ""))
    out = []
    for i, ch in enumerate(t):
        mapped = _AR_SKELETON.get(ch, "")
        if mapped in ("w", "y") and i > 0:
            continue
        if ch == "ه" and i == len(t) - 1 and i > 0:
            continue  # a final ha is written -ah/-eh or not at all; ḥa and kha stay
        out.append(mapped)
    return "".join(out)


def name_tokens(name: str) -> list[str]:
    """The normalised tokens of a name without the article ``al``."""
    return [t for t in normalize(name).split(" ") if t and t != "al"]


@lru_cache(maxsize=200_000)
def fold_name(name: str) -> str:
    """A whole name folded token by token, article dropped: a dictionary key."""
    return " ".join(fold_token(t) for t in name_tokens(name))
