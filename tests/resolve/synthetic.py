"""A seeded generator of transliterated armed-group names with known duplicates.

Each synthetic entity is a unit word plus a pseudo-Arabic root ("Liwa
al-Baqir"); its variants are written the ways reporting writes such names:
unit-word spellings and English glosses, article variants, transliteration
pairs (q/k, ou/u, ee/i, e/i, kh/h, dh/z, doubled letters, a final -h or
apostrophe), case changes, and Arabic script.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from orbat.resolve import NameRecord

UNITS = [
    # (Latin spellings, English gloss, Arabic)
    (["Liwa", "Liwaa", "Lewa"], "Brigade", "لواء"),
    (["Katibat", "Katiba", "Kateebat"], "Battalion", "كتيبة"),
    (["Fawj", "Fouj"], "Regiment", "فوج"),
    (["Jaysh", "Jaish", "Jeish"], "Army", "جيش"),
    (["Firqat", "Firqa", "Ferqat"], "Division", "فرقة"),
    (["Jabhat", "Jebhat"], "Front", "جبهة"),
    (["Harakat", "Haraka"], "Movement", "حركة"),
    (["Saraya"], "Companies", "سرايا"),
    (["Kata'ib", "Kataib"], "Battalions", "كتائب"),
    (["Quwat", "Quwwat"], "Forces", "قوات"),
]
# consonant -> (Latin spellings, Arabic letter)
CONSONANTS = {
    "b": (["b"], "ب"),
    "t": (["t"], "ت"),
    "th": (["th", "s"], "ث"),
    "j": (["j"], "ج"),
    "h": (["h"], "ح"),
    "kh": (["kh", "h"], "خ"),
    "d": (["d"], "د"),
    "dh": (["dh", "z"], "ذ"),
    "r": (["r"], "ر"),
    "z": (["z"], "ز"),
    "s": (["s"], "س"),
    "sh": (["sh"], "ش"),
    "f": (["f"], "ف"),
    "q": (["q", "k"], "ق"),
    "k": (["k"], "ك"),
    "l": (["l"], "ل"),
    "m": (["m"], "م"),
    "n": (["n"], "ن"),
}
VOWELS = {"a": ["a", "e"], "i": ["i", "ee", "e"], "u": ["u", "ou", "o"]}
SUN = {"t", "th", "d", "dh", "r", "z", "s", "sh", "l", "n"}


@dataclass(frozen=True)
class Entity:
    unit: int
    root: tuple[tuple[str, str], ...]  # (consonant, vowel) pairs


def _latin_root(root: tuple[tuple[str, str], ...], rnd: random.Random, variant: bool) -> str:
    out = []
    for i, (c, v) in enumerate(root):
        spellings = CONSONANTS[c][0]
        letters = rnd.choice(spellings) if variant else spellings[0]
        if variant and i > 0 and rnd.random() < 0.15:
            letters = letters + letters[-1]  # doubled letter
        out.append(letters)
        if v:
            out.append(rnd.choice(VOWELS[v]) if variant else VOWELS[v][0])
    word = "".join(out)
    if variant and word.endswith("a") and rnd.random() < 0.3:
        word += rnd.choice(["h", "'"])
    return word.capitalize()


def _arabic_root(root: tuple[tuple[str, str], ...]) -> str:
    out = []
    for c, v in root:
        out.append(CONSONANTS[c][1])
        if v == "a" and len(out) > 1 and out[-1] != "ا" and len(out) % 3 == 0:
            out.append("ا")
    return "".join(out)


def _article(first: str, rnd: random.Random) -> str:
    if first in SUN and rnd.random() < 0.4:
        return f"a{CONSONANTS[first][0][0]}-"
    return rnd.choice(["al-", "al-", "el-", "Al-", "al "])


def variants(e: Entity, n: int, rnd: random.Random) -> list[str]:
    latin_units, gloss, arabic_unit = UNITS[e.unit]
    names = []
    for k in range(n):
        style = k % 5 if k < 5 else rnd.randrange(5)
        root = _latin_root(e.root, rnd, variant=k > 0)
        if style in (0, 1):
            name = f"{rnd.choice(latin_units)} {_article(e.root[0][0], rnd)}{root}"
        elif style == 2:
            name = f"{rnd.choice(['The ', ''])}{root} {gloss}"
        elif style == 3:
            name = f"{rnd.choice(latin_units)} {root}"
        else:
            name = f"{arabic_unit} ال{_arabic_root(e.root)}"
        if rnd.random() < 0.1:
            name = name.upper() if rnd.random() < 0.5 else name.lower()
        names.append(name)
    return names


def generate(n_names: int, seed: int = 42) -> tuple[list[NameRecord], dict[str, int]]:
    """About ``n_names`` records (one name each) and the true entity of each record id."""
    rnd = random.Random(seed)
    records: list[NameRecord] = []
    truth: dict[str, int] = {}
    ent = 0
    seen: set[tuple[int, tuple[tuple[str, str], ...]]] = set()
    cons = list(CONSONANTS)
    while len(records) < n_names:
        length = rnd.choice([2, 3, 3, 4])
        root = tuple(
            (rnd.choice(cons), rnd.choice("aiu") if i < length - 1 else rnd.choice(["", "a", "i"]))
            for i in range(length)
        )
        e = Entity(unit=rnd.randrange(len(UNITS)), root=root)
        if (e.unit, e.root) in seen:
            continue
        seen.add((e.unit, e.root))
        for name in variants(e, rnd.randint(1, 12), rnd):
            rid = f"r{len(records)}"
            records.append(NameRecord(rid, "armed_group", (name,), f"doc{rnd.randrange(n_names // 5 + 1)}"))
            truth[rid] = ent
        ent += 1
    return records, truth
