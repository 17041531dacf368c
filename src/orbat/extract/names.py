"""In-document name keys and name clean-up.

``name_key`` folds the variation one document shows in writing one name
(case, diacritics, apostrophes and ʿ/’, hyphens, a leading "the", el-/al-,
British/American spellings, a plural unit word) so that mentions of one
thing group into one node. Cross-document resolution (``orbat.resolve``)
does the harder transliteration work later; extraction must not import it.
"""

from __future__ import annotations

import re
import unicodedata

from orbat.extract.lexicon import ENGLISH_UNIT_WORDS, PERSON_TITLES, SPELLING_FOLDS

KEY_VERSION = "namekey.v1"

_MARKS = re.compile('[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u02b9\u2032\u201c\u201d"]')
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_SEP = re.compile(r"[-_\u2010-\u2015/]+")
_NONWORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"\b(?:el|il|ul|ad|ar|as|ash|at|az|an|adh)\s(?=\w)")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def fold(text: str) -> str:
    """Case-, diacritic- and punctuation-folded text (words separated by single spaces)."""
    s = unicodedata.normalize("NFKC", text)
    s = _ARABIC_MARKS.sub("", s)
    s = s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _MARKS.sub("", s).casefold()
    s = _SEP.sub(" ", s)
    s = _NONWORD.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


def name_key(name: str) -> str:
    """The in-document grouping key of a name ("The Local Defence Forces" -> "local defense force")."""
    s = fold(name)
    if s.startswith("the "):
        s = s[4:]
    s = _ARTICLE.sub("al ", s)
    words = [SPELLING_FOLDS.get(w, w) for w in s.split()]
    if (
        len(words) > 1
        and words[-1] in ENGLISH_UNIT_WORDS
        and words[-1].endswith("s")
        and words[-1] != "corps"
    ):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def one_person(names: set[str] | frozenset[str]) -> str | None:
    """The shortest of ``names`` when every other one extends it word by word
    ("Khalid al-Hassan" < "Khalid al-Hassan al-Aloush al-Baqir"): one person
    under a longer chain of names. None when they are different people or none."""
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (len(n.split()), n))
    base = name_key(ordered[0]).split()
    for other in ordered[1:]:
        words = name_key(other).split()
        if words[: len(base)] != base:
            return None
    return ordered[0]


def strip_possessive(text: str) -> str:
    """ "Bashar al-Assad’s" -> "Bashar al-Assad"."""
    return _POSSESSIVE.sub("", text.rstrip())


def strip_title(name: str) -> str:
    """Leading person titles removed: "Brig. Gen. Hawash Mohammed" -> "Hawash Mohammed"."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].casefold().rstrip(".") in {t.rstrip(".") for t in PERSON_TITLES}:
        i += 1
    return " ".join(words[i:])


def strip_article(name: str) -> str:
    """A leading "the " removed (case-insensitive)."""
    return name[4:] if name[:4].casefold() == "the " else name


def initials(name: str) -> str:
    """Upper-case initials of the significant words ("Islamic State of Iraq and the Levant" -> "ISIL")."""
    out = []
    for w in re.split(r"[\s\-]+", name):
        w = w.strip("()[],.;:’'\"“”")
        if not w or w.casefold() in {"of", "and", "the", "for", "in", "al", "el", "wa", "a", "an", "de"}:
            continue
        out.append(w[0].upper())
    return "".join(out)


def acronym_fits(acronym: str, name: str) -> bool:
    """True when the acronym's letters follow the initials of ``name`` (subsequence, order kept)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    if not letters:
        return False
    words = [w for w in re.split(r"[\s\-]+", name) if w.strip("()[],.;:’'\"“”")]
    heads = [w.strip("()[],.;:’'\"“”")[0].upper() for w in words]
    if heads and heads[0] != letters[0]:
        return False
    i = 0
    for h in heads:
        if i < len(letters) and h == letters[i]:
            i += 1
    return i == len(letters)
