"""Name normalisation and keys: the public, string-level side of the resolver.

* ``normalize(name)`` — display-insensitive comparison form (case,
  diacritics, apostrophes, hyphens, leading "the", article variants).
* ``fold(name)`` — ``normalize`` plus transliteration folding per word
  (k/q, ou/u, ei/ay, e/i, dh/z, kh/h, ee/i, oo/u, ph/f, doubled letters,
  a final -h or apostrophe), the article dropped: "Deir ez-Zor" and
  "Deir al-Zour" give the same fold.
* ``skeleton(name)`` — the consonant skeleton of every word (g/k/q, s/th,
  z/dh, h/kh are one class each, vowels and medial w/y dropped); Arabic
  script maps onto the same letters: "قوات الدفاع الوطني" and "Quwat
  ad-Difa al-Watani" are both ``kt df wtn``.
* ``name_keys(name, type_)`` — the blocking keys of a name.
* ``is_acronym`` / ``acronym_of`` — abbreviations and the initials of names.
"""

from __future__ import annotations

from orbat.resolve._text import (
    fold_name,
    fold_token,
    is_arabic,
    name_tokens,
    normalize,
    skeleton_token,
    soft_token,
)
from orbat.resolve.analysis import GROUP_TYPES, Lexicon, _initials, analyse, is_acronym_token
from orbat.resolve.glossary import acronym_key, glossary

__all__ = [
    "acronym_of",
    "fold",
    "fold_token",
    "is_acronym",
    "is_arabic",
    "name_keys",
    "normalize",
    "skeleton",
    "skeleton_token",
]


def fold(name: str) -> str:
    """``normalize``d, article dropped, each word transliteration-folded."""
    return fold_name(name)


def skeleton(name: str) -> str:
    """The consonant skeleton of a name, word by word, article dropped."""
    return " ".join(s for s in (skeleton_token(t) for t in name_tokens(name)) if s)


def is_acronym(name: str) -> bool:
    """True for a name written as one abbreviation in capitals ("NDF", "IRGC-QF", "U.S.")."""
    stripped = name.strip()
    if stripped.lower().startswith("the "):
        stripped = stripped[4:].strip()
    return " " not in stripped and is_acronym_token(stripped)


def acronym_of(name: str, type_: str | None = None) -> set[str]:
    """Acronyms that may stand for ``name`` (of an entity of ``type_``).

    The initials of all its words and of its content words only ("Islamic
    State of Iraq and the Levant" -> ISOIATL, ISIL), and the acronyms the
    glossary lists for it (-> ISIS, IS). For an armed group or organisation,
    also its initials in the order of the Arabic name an English name
    glosses ("Baqir National Forces" -> QBW).
    """
    g = glossary()
    out = set(_initials(name, g, type_ in GROUP_TYPES))
    for ident in g.known(name):
        out |= {acronym_key(a) for a in g.entities[ident].acronyms}
    if is_acronym(name):
        out.add(acronym_key(name))
    return out


def _dental_variants(token: str) -> set[str]:
    """Skeletons of a Latin word with "th"/"dh" read as plain "t"/"d".

    The interdentals ث and ذ are written "th"/"dh" in classical
    transliteration but "t"/"d" (as well as "s"/"z") in the spoken
    pronunciation much reporting follows ("Uthman"/"Utman", "Thamer"/"Tamer",
    "Dhiyab"/"Diab"): the skeleton's classes fold "th" with "s" and "dh"
    with "z", so these spellings only meet through the extra keys.
    """
    low = token.casefold()
    if "th" not in low and "dh" not in low:
        return set()
    out = {
        skeleton_token(low.replace("th", "t")),
        skeleton_token(low.replace("dh", "d")),
        skeleton_token(low.replace("th", "t").replace("dh", "d")),
    }
    out.discard(skeleton_token(token))
    return out


def name_keys(name: str, type_: str, lexicon: Lexicon | None = None) -> set[str]:
    """Blocking keys of a name of an entity of ``type_``.

    ``n:`` the normalised name; ``c:`` the name without spaces; ``k:`` the
    identifying words as translation classes or consonant skeletons, sorted
    (so "Liwa al-Baqir" and "The Baqir Brigade" share ``k:bkr``); ``t:`` each
    identifying word alone (also with "th"/"dh" read as "t"/"d", and with a
    final "-ah" kept as a consonant); ``v:`` each identifying word in
    skeleton classes but with its vowels, finer than ``t:``; ``a:`` acronyms (the name's, or its initials);
    ``g:`` glossary entities the name is a name of; ``u:`` the unit words
    of a name that has no other identifying word.

    Some keys come in two halves that only meet each other (see
    ``blocking.PARTNER_KINDS``): ``a:`` a bare acronym and ``i:`` the
    initials of a full name; ``Y:``/``y:`` the numbers of a name without or
    with identifying words ("2013 offensive" meets "2013 Latakia
    offensive"); ``H:``/``h:`` head words (unit, government word, kind of
    event) of a generic or a specific name, which ``blocking.record_keys``
    keeps inside one document ("the regime" meets "the Assad regime" of the
    same text).
    """
    a = analyse(name, type_, lexicon)
    keys = {"n:" + a.norm} if a.norm else set()
    if a.compact and a.compact != a.norm:
        keys.add("c:" + a.compact)
    core_keys = sorted(t.key for t in a.core if t.key)
    if core_keys:
        keys.add("k:" + " ".join(core_keys))
        for t in a.core:
            k = t.key
            if len(k) >= 2:
                keys.add("t:" + k)
            if not t.arabic and not t.classes and len(k) >= 4 and k.endswith("s"):
                keys.add("t:" + k[:-1])  # plural: "rebels" meets "rebel"
            if t.arabic and not t.classes and len(k) >= 3 and k.endswith("h"):
                keys.add("t:" + k[:-1])  # "صلاح" meets "Salah"
            if not t.arabic and not t.classes and not t.country:
                keys.update("t:" + v for v in _dental_variants(t.text) if len(v) >= 2)
                if len(k) >= 2 and t.text.endswith(("ah", "eh")) and not k.endswith("h"):
                    keys.add("t:" + k + "h")  # "Fatah" (-ḥ) meets "Fatakh"; "-ah" is not always ة
                soft = soft_token(t.text)
                if soft != k:
                    keys.add("v:" + soft)  # the spelling with its vowels: ranks candidates within a "t:"
    if a.numbers:
        numbers = " ".join(sorted(a.numbers))
        keys.add(("Y:" if not a.core else "y:") + numbers)
    if a.units and all(t.country for t in a.core):
        keys.add("u:" + " ".join(sorted(a.units)))  # "the army" meets "Syrian army"
    heads = a.units | a.government | a.kinds
    keys.update(("H:" if a.generic or not a.core else "h:") + h for h in heads)
    if a.acronym:
        keys.add("a:" + a.acronym)
    else:
        keys.update("i:" + i for i in a.initials)
    keys.update("g:" + k for k in a.known)
    return keys
