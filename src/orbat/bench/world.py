"""A synthetic world for the benchmarks: armed groups, people, places and what is true of them.

Every name is made up from syllables (a consonant pattern over an invented
root, written the way Arabic names are transliterated in English reporting),
except the towns, which come from orbat's gazetteer for realism, and the
states. Each entity has spelling variants, so that documents written about
the same group name it differently ("Liwa al-Qadir", "Liwaa el-Kadir", "the
Qadir Brigade", "LQS") and resolution has work to do.

The world is a pure function of its seed and size.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field

# -- the letters of invented roots ---------------------------------------------------------------

# consonants as transliterated, with how often they are drawn
_CONSONANTS = (
    "b",
    "t",
    "th",
    "j",
    "h",
    "kh",
    "d",
    "dh",
    "r",
    "z",
    "s",
    "sh",
    "f",
    "q",
    "k",
    "l",
    "m",
    "n",
    "w",
    "gh",
    "b",
    "d",
    "r",
    "s",
    "q",
    "m",
    "n",
    "l",
    "h",
    "f",
    "z",
    "t",
)
_FINALS = tuple(c for c in _CONSONANTS if c not in ("w", "gh", "h"))
# C1aC2iC3, C1aC2C2aC3, C1uC2aiC3, ... as (vowel1, doubled, vowel2)
_PATTERNS = (
    ("a", False, "i"),
    ("a", True, "a"),
    ("u", False, "ai"),
    ("a", False, "a"),
    ("i", False, "a"),
    ("a", True, "u"),
    ("u", False, "a"),
    ("a", False, "u"),
)

# (canonical transliteration, replacements that give a variant spelling)
_SPELLING_RULES = (
    ("q", ("k",)),
    ("th", ("s", "t")),
    ("dh", ("z", "d")),
    ("kh", ("h",)),
    ("gh", ("g",)),
    ("u", ("ou", "o")),
    ("ai", ("ay", "ei")),
    ("i", ("ee", "e")),
    ("'", ("",)),
)


@dataclass(frozen=True)
class Unit:
    word: str  # Liwa
    spellings: tuple[str, ...]  # Liwaa, Lewa
    gloss: str  # Brigade
    short: str  # "the brigade"


UNITS = (
    Unit("Liwa", ("Liwaa", "Lewa", "Liwa'"), "Brigade", "the brigade"),
    Unit("Katibat", ("Katiba", "Kateebat"), "Battalion", "the battalion"),
    Unit("Fawj", ("Fouj", "Fauj"), "Regiment", "the regiment"),
    Unit("Quwat", ("Qouwat", "Kuwat"), "Forces", "the force"),
    Unit("Saraya", ("Sarayat", "Sarayah"), "Companies", "the group"),
    Unit("Jaysh", ("Jaish", "Jeish"), "Army", "the group"),
)

# the optional second element of a group's name: (transliteration, English)
ADJECTIVES = (
    ("al-Wataniya", "National"),
    ("al-Shaabiya", "Popular"),
    ("al-Islamiya", "Islamic"),
    ("al-Thawriya", "Revolutionary"),
    ("al-Ashairiya", "Tribal"),
    ("al-Khassa", "Special"),
    ("al-Sharqiya", "Eastern"),
    ("al-Gharbiya", "Western"),
    ("al-Jadida", "New"),
)

GIVEN = (
    ("Muhammad", ("Mohammed", "Mohamed")),
    ("Ahmad", ("Ahmed",)),
    ("Khalid", ("Khaled",)),
    ("Hussein", ("Husayn", "Hussain")),
    ("Omar", ("Umar",)),
    ("Ali", ()),
    ("Mahmoud", ("Mahmud",)),
    ("Samir", ("Sameer",)),
    ("Yusuf", ("Youssef", "Yousef")),
    ("Ibrahim", ()),
    ("Hassan", ("Hasan",)),
    ("Abdullah", ("Abdallah",)),
    ("Jamil", ("Jameel",)),
    ("Nabil", ("Nabeel",)),
    ("Tariq", ("Tarek",)),
    ("Walid", ("Waleed",)),
    ("Fadi", ()),
    ("Rami", ()),
    ("Bassam", ()),
    ("Ziad", ("Ziyad",)),
    ("Hamza", ("Hamzah",)),
    ("Mustafa", ("Mostafa",)),
    ("Saleh", ("Salih",)),
    ("Adnan", ()),
    ("Maher", ()),
    ("Firas", ()),
    ("Haidar", ("Haydar",)),
    ("Jafar", ("Jaafar",)),
    ("Qasim", ("Kassem",)),
    ("Rida", ("Reda",)),
    ("Nizar", ()),
    ("Suhail", ("Suhayl",)),
    ("Ayman", ()),
    ("Bashir", ("Basheer",)),
)

VILLAGE_PREFIXES = ("Tell", "Kafr", "Ain", "Deir", "Beit", "Khirbet", "Umm", "Bir", "Jisr", "Arab")

STATES = (
    ("iran", "Iran", ("Tehran",)),
    ("russia", "Russia", ("Moscow",)),
    ("turkey", "Turkey", ("Ankara",)),
    ("united_states", "the United States", ("Washington",)),
    ("qatar", "Qatar", ()),
    ("saudi_arabia", "Saudi Arabia", ("Riyadh",)),
    ("syria", "the Syrian government", ("Damascus",)),
)

SUPPORT_KINDS = ("training", "weapons", "funding", "salaries", "advising")


def slug(name: str) -> str:
    """A gold id from a name: ``Liwa al-Qadir`` -> ``liwa_al_qadir``."""
    s = re.sub(r"[^a-z0-9]+", "_", name.casefold().replace("'", ""))
    return s.strip("_")


def make_root(rng: random.Random) -> str:
    """An invented root word in transliteration ("Qadir", "Zubair", "Sharrak")."""
    c1, c2 = rng.choice(_CONSONANTS), rng.choice(_CONSONANTS)
    c3 = rng.choice(_FINALS)
    v1, doubled, v2 = rng.choice(_PATTERNS)
    middle = c2 + c2 if doubled and len(c2) == 1 else c2
    return (c1 + v1 + middle + v2 + c3).capitalize()


def respell(word: str, rng: random.Random, strength: float = 0.5) -> str:
    """A spelling variant of a transliterated word: each rule applies with probability ``strength``."""
    out = word
    for canonical, replacements in _SPELLING_RULES:
        if canonical in out.casefold() and rng.random() < strength:
            rep = rng.choice(replacements)
            lower = out.casefold()
            i = lower.find(canonical)
            piece = out[i : i + len(canonical)]
            rep = rep.capitalize() if piece[:1].isupper() and rep else rep
            out = out[:i] + rep + out[i + len(canonical) :]
    return out if out.strip() else word


@dataclass
class Person:
    id: str
    given: str
    given_spellings: tuple[str, ...]
    family: str  # al-Qadiri
    kunya: str | None  # Abu Hamza
    father: str | None  # bin Omar

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    def forms(self, rng: random.Random) -> tuple[str, str]:
        """(first mention, later mention) of this person in one document."""
        given = rng.choice((self.given, self.given, *self.given_spellings))
        family = self.family if rng.random() < 0.7 else "al-" + respell(self.family[3:], rng)
        roll = rng.random()
        if self.kunya and roll < 0.2:
            first = f"{self.kunya} {family}"
        elif self.father and roll < 0.35:
            first = f"{given} {self.father} {family}"
        else:
            first = f"{given} {family}"
        return first, family


@dataclass
class Place:
    id: str
    name: str
    variants: tuple[str, ...] = ()
    within: str | None = None  # id of a larger place
    village: bool = False


@dataclass
class Group:
    id: str
    unit: Unit
    root: str
    adjective: tuple[str, str] | None
    acronym: str | None
    founded: str
    founder: str | None
    leaders: list[tuple[str, str]] = field(default_factory=list)  # (person id, start)
    parent: str | None = None
    allies: list[str] = field(default_factory=list)
    supporters: list[tuple[str, str]] = field(default_factory=list)  # (entity id, kind)
    enemies: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    hq: str | None = None
    sizes: list[tuple[str, int]] = field(default_factory=list)  # (as of, fighters)
    killed: list[tuple[str, int]] = field(default_factory=list)  # (as of, killed)

    @property
    def name(self) -> str:
        adj = f" {self.adjective[0]}" if self.adjective else ""
        return f"{self.unit.word} al-{self.root}{adj}"

    @property
    def gloss(self) -> str:
        adj = f" {self.adjective[1]}" if self.adjective else ""
        return f"{self.root}{adj} {self.unit.gloss}"

    def spelling(self, rng: random.Random) -> str:
        """The full name as one document spells it."""
        if rng.random() < 0.55:
            return self.name
        unit = rng.choice((self.unit.word, *self.unit.spellings))
        article = rng.choice(("al-", "al-", "el-", "al ", "")) if rng.random() < 0.5 else "al-"
        adj = ""
        if self.adjective:
            adj = " " + (
                self.adjective[0] if rng.random() < 0.6 else "al-" + respell(self.adjective[0][3:], rng)
            )
        return f"{unit} {article}{respell(self.root, rng)}{adj}"


def _date(rng: random.Random, lo: int, hi: int, *, precision: float = 0.5) -> str:
    year = rng.randint(lo, hi)
    if rng.random() < precision:
        return f"{year}-{rng.randint(1, 12):02d}"
    return str(year)


class World:
    """Every entity of the synthetic world, and the facts about the armed groups."""

    def __init__(self, seed: int, n_groups: int, towns: list[tuple[str, str]] | None = None) -> None:
        rng = random.Random(f"{seed}:world")
        self.seed = seed
        self.persons: dict[str, Person] = {}
        self.places: dict[str, Place] = {}
        self.groups: dict[str, Group] = {}
        self.states = {sid: (name, other) for sid, name, other in STATES}
        self.foundations: dict[str, str] = {}  # organisation id -> name
        roots = self._roots(rng, n_groups * 3 + 40)
        for name, governorate in towns if towns is not None else gazetteer_towns():
            gov_id = slug(governorate + " governorate")
            if gov_id not in self.places:
                self.places[gov_id] = Place(
                    gov_id, f"{governorate} province", (f"{governorate} Governorate",)
                )
            pid = slug(name)
            self.places.setdefault(pid, Place(pid, name, within=gov_id))
        town_ids = [p.id for p in self.places.values() if p.within]
        for _ in range(max(8, n_groups // 2)):
            root = next(roots)
            name = f"{rng.choice(VILLAGE_PREFIXES)} {root}"
            pid = slug(name)
            if pid in self.places:
                continue
            variants = (f"{name.split()[0]} al-{root}", f"{name.split()[0]} {respell(root, rng, 0.8)}")
            self.places[pid] = Place(pid, name, variants, within=rng.choice(town_ids), village=True)
        for _ in range(max(3, n_groups // 20)):
            root = next(roots)
            name = f"the {root} Charitable Foundation"
            self.foundations[slug(name[4:])] = name
        acronyms: set[str] = set()
        place_ids = list(self.places)
        for rank in range(n_groups):
            unit = UNITS[rank % len(UNITS)] if rank < len(UNITS) else rng.choice(UNITS)
            root = next(roots)
            adjective = rng.choice(ADJECTIVES) if rng.random() < 0.45 else None
            words = [unit.word, root] + ([adjective[0][3:]] if adjective else [])
            acronym = "".join(w[0] for w in words).upper() if adjective else None
            if acronym in acronyms:
                acronym = None
            if acronym:
                acronyms.add(acronym)
            gid = slug(f"{unit.word} al-{root}" + (f" {adjective[0]}" if adjective else ""))
            founded = _date(rng, 2011, 2017)
            year = int(founded[:4])
            founder = self._person(rng, roots).id if rng.random() < 0.5 else None
            g = Group(gid, unit, root, adjective, acronym, founded, founder)
            first = founder if founder and rng.random() < 0.6 else self._person(rng, roots).id
            g.leaders.append((first, founded[:4]))
            if rng.random() < 0.5:
                g.leaders.append((self._person(rng, roots).id, str(rng.randint(year + 1, 2022))))
            g.areas = rng.sample(place_ids, k=rng.randint(1, 3))
            g.hq = rng.choice(place_ids)
            size = rng.choice((150, 300, 400, 600, 800, 1200, 1500, 2000, 3000, 5000))
            for y in sorted(rng.sample(range(year, 2024), k=min(3, 2024 - year))):
                g.sizes.append((str(y), max(50, int(size * rng.uniform(0.6, 1.6)) // 50 * 50)))
            g.killed.append((_date(rng, year + 1, 2023, precision=0.7), rng.randint(8, max(9, size // 4))))
            self.groups[gid] = g
        self._relate(rng)

    # -- building ----------------------------------------------------------------------------
    @staticmethod
    def _roots(rng: random.Random, n: int) -> itertools.chain[str]:
        seen: set[str] = set()

        def fresh() -> str:
            while True:
                r = make_root(rng)
                if r not in seen and len(r) >= 4:
                    seen.add(r)
                    return r

        # a generator of unique roots (never exhausted: falls back to two-part roots)
        first = (fresh() for _ in range(n))
        more = (fresh() + "-" + fresh().lower() for _ in itertools.count())
        return itertools.chain(first, more)

    def _person(self, rng: random.Random, roots: itertools.chain[str]) -> Person:
        given, spellings = rng.choice(GIVEN)
        family = "al-" + next(roots) + "i"
        kunya = f"Abu {rng.choice(GIVEN)[0]}" if rng.random() < 0.3 else None
        father = f"bin {rng.choice(GIVEN)[0]}" if rng.random() < 0.3 else None
        p = Person(slug(f"{given} {family}"), given, spellings, family, kunya, father)
        while p.id in self.persons:
            p.id += "_2"
        self.persons[p.id] = p
        return p

    def _relate(self, rng: random.Random) -> None:
        ids = list(self.groups)
        networks = ids[: max(1, len(ids) // 10)]  # the most prominent groups have subunits
        state_ids = [s for s in self.states if s != "syria"]
        for n, gid in enumerate(ids):
            g = self.groups[gid]
            if n >= len(networks) and rng.random() < 0.45:
                g.parent = rng.choice(networks)
            others = [x for x in rng.sample(ids, k=min(4, len(ids))) if x != gid]
            g.allies = others[:1] if rng.random() < 0.6 else []
            if rng.random() < 0.3:
                g.allies.append(rng.choice(state_ids))
            g.enemies = others[1:2]
            backers = [rng.choice(state_ids)]
            if self.foundations and rng.random() < 0.3:
                backers.append(rng.choice(list(self.foundations)))
            g.supporters = [(b, rng.choice(SUPPORT_KINDS)) for b in backers]

    # -- reading -----------------------------------------------------------------------------
    def entity_type(self, eid: str) -> str:
        if eid in self.groups:
            return "armed_group"
        if eid in self.persons:
            return "person"
        if eid in self.places:
            return "place"
        if eid in self.states:
            return "state"
        return "organization"

    def canonical_name(self, eid: str) -> str:
        if eid in self.groups:
            return self.groups[eid].name
        if eid in self.persons:
            return self.persons[eid].name
        if eid in self.places:
            return self.places[eid].name
        if eid in self.states:
            return self.states[eid][0]
        return self.foundations[eid]


def gazetteer_towns(limit: int = 240) -> list[tuple[str, str]]:
    """(name, governorate name) of Syrian towns and cities from orbat's gazetteer, in a fixed order."""
    from orbat.gazetteer import place_by_id, places

    out: list[tuple[str, str]] = []
    for p in places():
        if p.country != "SY" or p.kind not in ("city", "town") or not p.admin1:
            continue
        if not re.fullmatch(r"[A-Z][A-Za-z' -]+", p.name) or p.name.startswith(("Al-", "As-", "Ar-")):
            continue
        gov = place_by_id(p.admin1)
        gov_name = gov.name.replace(" Governorate", "") if gov else None
        if gov_name and gov_name != p.name and re.fullmatch(r"[A-Z][A-Za-z -]+", gov_name):
            out.append((p.name, gov_name))
    out.sort()
    return out[:limit]
