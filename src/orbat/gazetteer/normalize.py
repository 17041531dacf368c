"""Name normalisation for gazetteer look-ups, and splitting place modifiers.

``normalize_name`` folds the spelling variation that transliterated Arabic
names show in English reporting into one key, so that ``Deir ez-Zor``,
``Dayr az-Zawr`` and ``Deir al Zour`` land close, and ``Dar'a`` / ``Daraa``,
``al-Qusayr`` / ``Qusayr``, ``Tell Abyad`` / ``Tal Abyad`` land on the same
key. It is deliberately simple and self-contained (no dependency on
``orbat.resolve``): the gazetteer's alternate-name lists do the rest.

``split_place_modifier`` peels the compositional parts off a place phrase
("south Aleppo countryside", "Aleppo province", "the city of Homs") and
returns the modifier and the base name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic articles as transliterated (with sun-letter assimilation), dropped anywhere.
_ARTICLES_TEXT = "al el il ul ad ed ar er as es ash esh at et ath eth az ez an en adh edh"
_ARTICLES = frozenset(_ARTICLES_TEXT.split())

# Common spelling variants of frequent toponym words, mapped to one token.
_TOKEN_MAP: dict[str, str] = {}
for _canon, _variants in {
    "kafr": "kafr kfar kafar kafer kefer kefr kufr kfr kefar kufur",
    "tal": "tal tall tel tell til",
    "dayr": "dayr deir der dair deyr",
    "jabal": "jabal jebel jabel jbel jebal jibal gebel",
    "ayn": "ayn ain ein aayn aain ayin",
    "khirbat": "khirbat khirbet kherbet khirbit khurbat kheurbet",
    "shaykh": "shaykh sheikh shaikh cheikh sheik shekh chaikh",
    "abu": "abu abou abo",
    "wadi": "wadi uadi ouadi",
    "bayt": "bayt beit bait bet beyt",
    "umm": "umm um",
    "ras": "ras rass",
    "qasr": "qasr kasr",
    "jisr": "jisr jesr djisr",
    "jurf": "jurf jorf",
}.items():
    for _v in _variants.split():
        _TOKEN_MAP[_v] = _canon

# Characters NFKD does not decompose into ASCII.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "ß": "ss",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
    }
)

# Apostrophe-like marks (ayn, hamza, quotes) vanish rather than splitting words.
_MARKS = "'‘’`´ʿʾʻʼ′ʹ\u02bf\u02be"
_DROP_MARKS = str.maketrans("", "", _MARKS)

# Arabic-script folding: hamza carriers, taa marbuta, alef maqsura, Persian letters.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",
        "ک": "ك",
        "ـ": None,  # tatweel
        "\u200c": None,
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
    }
)
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_NON_WORD = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_RUNS = re.compile(r"([a-z])\1+")


def fold(text: str) -> str:
    """Strip diacritics and apostrophe-like marks, keeping case: ``Ḩamāh`` → ``Hamah``."""
    text = text.translate(_DROP_MARKS).translate(_LATIN_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch) and not ("\u0600" <= ch <= "\u06ff"):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)
def _latin_token(token: str) -> str:
    token = _TOKEN_MAP.get(token, token)
    token = token.replace("ee", "i").replace("ou", "u").replace("oo", "u")
    token = _RUNS.sub(r"\1", token)
    if len(token) > 3 and (token.endswith("ah") or token.endswith("eh")):
        token = token[:-2] + "a"
    return token


def _arabic_token(token: str) -> str:
    if token.startswith("ال") and len(token) > 3:
        token = token[2:]
    return token


def normalize_name(text: str) -> str:
    """The look-up key of a name: case-, diacritic-, apostrophe-, hyphen- and article-insensitive.

    >>> normalize_name("Deir ez-Zor") == normalize_name("Dayr az Zor")
    True
    >>> normalize_name("al-Qusayr") == normalize_name("Qusayr")
    True
    """
    if text.isascii():  # fast path: most names
        text = text.translate(_DROP_MARKS).lower()
    else:
        text = unicodedata.normalize("NFKC", text)
        text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD)
        text = fold(text).casefold().translate(_LATIN_EXTRA)
    tokens = [t for t in _NON_WORD.split(text) if t]
    if not tokens:
        return ""
    if tokens[0] == "the" and len(tokens) > 1:
        tokens = tokens[1:]
    kept = [t for t in tokens if t not in _ARTICLES]
    if not kept:
        kept = tokens
    out = []
    for t in kept:
        if "\u0600" <= t[0] <= "\u06ff":
            out.append(_arabic_token(t))
        else:
            out.append(_latin_token(t))
    return " ".join(out)


def slugify(text: str) -> str:
    """An ASCII snake_case identifier part: ``Deir ez-Zor`` → ``deir_ez_zor``."""
    text = fold(text).casefold().translate(_LATIN_EXTRA)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def is_arabic_script(text: str) -> bool:
    """True when most letters of ``text`` are Arabic-script letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    return arabic * 2 > len(letters)


# ---------------------------------------------------------------------------
# Compositional place phrases
# ---------------------------------------------------------------------------

_DIRECTIONS = {
    "north": "northern",
    "northern": "northern",
    "south": "southern",
    "southern": "southern",
    "east": "eastern",
    "eastern": "eastern",
    "west": "western",
    "western": "western",
    "central": "central",
    "middle": "central",
    "northeast": "northeastern",
    "northeastern": "northeastern",
    "north-east": "northeastern",
    "north-eastern": "northeastern",
    "northwest": "northwestern",
    "northwestern": "northwestern",
    "north-west": "northwestern",
    "north-western": "northwestern",
    "southeast": "southeastern",
    "southeastern": "southeastern",
    "south-east": "southeastern",
    "south-eastern": "southeastern",
    "southwest": "southwestern",
    "southwestern": "southwestern",
    "south-west": "southwestern",
    "south-western": "southwestern",
}

# Trailing words → modifier kind. Longest first when matching.
_SUFFIXES: dict[str, str] = {
    "countryside": "countryside",
    "country side": "countryside",
    "rural area": "countryside",
    "rural areas": "countryside",
    "hinterland": "countryside",
    "province": "governorate",
    "governorate": "governorate",
    "governate": "governorate",
    "gov.": "governorate",
    "muhafazah": "governorate",
    "muhafaza": "governorate",
    "mohafazat": "governorate",
    "city": "city",
    "town": "town",
    "village": "village",
    "district": "district",
    "subdistrict": "subdistrict",
    "sub-district": "subdistrict",
    "nahiya": "subdistrict",
    "nahiyah": "subdistrict",
    "area": "area",
    "region": "area",
    "vicinity": "area",
    "environs": "outskirts",
    "outskirts": "outskirts",
    "suburbs": "outskirts",
    "periphery": "outskirts",
    "front": "front",
    "frontline": "front",
    "front line": "front",
    "fronts": "front",
    "desert": "desert",
    "badia": "desert",
}

# Leading phrases → modifier kind.
_PREFIXES: dict[str, str] = {
    "countryside of": "countryside",
    "the countryside of": "countryside",
    "rural": "countryside",
    "rif": "countryside",
    "reef": "countryside",
    "province of": "governorate",
    "the province of": "governorate",
    "governorate of": "governorate",
    "the governorate of": "governorate",
    "city of": "city",
    "the city of": "city",
    "town of": "town",
    "the town of": "town",
    "village of": "village",
    "the village of": "village",
    "district of": "district",
    "the district of": "district",
    "outskirts of": "outskirts",
    "the outskirts of": "outskirts",
    "suburbs of": "outskirts",
    "the suburbs of": "outskirts",
    "greater": "area",
    "area of": "area",
    "the area of": "area",
    "downtown": "city",
}

_ARABIC_PREFIXES = {
    "ريف": "countryside",
    "محافظة": "governorate",
    "مدينة": "city",
    "بلدة": "town",
    "قرية": "village",
    "منطقة": "district",
    "ناحية": "subdistrict",
    "بادية": "desert",
}
_ARABIC_DIRECTIONS = {
    "الشمالي": "northern",
    "الجنوبي": "southern",
    "الشرقي": "eastern",
    "الغربي": "western",
    "الشمالية": "northern",
    "الجنوبية": "southern",
    "الشرقية": "eastern",
    "الغربية": "western",
    "الشمالي الشرقي": "northeastern",
    "الشمالي الغربي": "northwestern",
    "الجنوبي الشرقي": "southeastern",
    "الجنوبي الغربي": "southwestern",
}


def _strip_suffix(words: list[str]) -> tuple[str | None, list[str]]:
    lowered = [w.casefold() for w in words]
    for size in (2, 1):
        if len(words) > size:
            tail = " ".join(lowered[-size:])
            if tail in _SUFFIXES:
                return _SUFFIXES[tail], words[:-size]
    return None, words


def _strip_prefix(words: list[str]) -> tuple[str | None, list[str]]:
    lowered = [w.casefold() for w in words]
    for size in (3, 2, 1):
        if len(words) > size:
            head = " ".join(lowered[:size])
            if head in _PREFIXES:
                return _PREFIXES[head], words[size:]
    return None, words


def _split_arabic(text: str) -> tuple[str | None, str]:
    words = text.split()
    kind: str | None = None
    direction: str | None = None
    if len(words) > 1 and words[0] in _ARABIC_PREFIXES:
        kind = _ARABIC_PREFIXES[words[0]]
        words = words[1:]
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in _ARABIC_DIRECTIONS:
            direction = _ARABIC_DIRECTIONS[" ".join(words[-size:])]
            words = words[:-size]
            break
    modifier = " ".join(p for p in (direction, kind) if p) or None
    return modifier, " ".join(words)


def split_place_modifier(name: str) -> tuple[str | None, str]:
    """Split a compositional place phrase into ``(modifier, base name)``.

    The modifier is a short normalised phrase: a direction adjective
    (``northern`` … ``southwestern``, ``central``) and/or a kind
    (``countryside``, ``governorate``, ``city``, ``town``, ``village``,
    ``district``, ``subdistrict``, ``area``, ``outskirts``, ``front``,
    ``desert``), e.g. ``"southern countryside"``. It is ``None`` when the
    phrase has no modifier.

    >>> split_place_modifier("south Aleppo countryside")
    ('southern countryside', 'Aleppo')
    >>> split_place_modifier("Aleppo Governorate")
    ('governorate', 'Aleppo')
    >>> split_place_modifier("Palmyra")
    (None, 'Palmyra')
    """
    text = " ".join(name.replace("’", "'").split())
    if text.casefold().startswith("the "):
        text = text[4:]
    if is_arabic_script(text):
        return _split_arabic(text)
    # "Aleppo's countryside", "Homs's eastern countryside"
    text = re.sub(r"(?i)(\w)'s\b", r"\1", text)
    words = text.split()
    direction: str | None = None
    kinds: list[str] = []
    changed = True
    while changed and len(words) > 1:
        changed = False
        first = words[0].casefold().rstrip(",")
        if first in _DIRECTIONS and direction is None:
            direction = _DIRECTIONS[first]
            words = words[1:]
            changed = True
            continue
        kind, rest = _strip_prefix(words)
        if kind is not None:
            kinds.append(kind)
            words = rest
            changed = True
            continue
        kind, rest = _strip_suffix(words)
        if kind is not None:
            kinds.append(kind)
            words = rest
            changed = True
            continue
        # "Aleppo's eastern countryside" leaves a trailing direction word
        last = words[-1].casefold()
        if last in _DIRECTIONS and direction is None and kinds:
            direction = _DIRECTIONS[last]
            words = words[:-1]
            changed = True
    # a direction word left in the middle: "Aleppo southern countryside"
    if len(words) > 1 and words[-1].casefold() in _DIRECTIONS and direction is None:
        direction = _DIRECTIONS[words[-1].casefold()]
        words = words[:-1]
    if words and words[0].casefold() in ("of", "the"):
        words = words[1:]
    kind_text = kinds[0] if kinds else None
    modifier = " ".join(p for p in (direction, kind_text) if p) or None
    return modifier, " ".join(words).strip(" ,")
