"""Writing one synthetic analytical document, and the gold annotation of what it says.

A :class:`DocWriter` composes sentences from templates; every sentence that
states a fact records the gold claim (subject, predicate, object, qualifiers
and the sentence as its quote) and every name it writes is recorded under
the entity's gold id, exactly as written. Filler sentences carry no claim and
name no entity. All wording here is the project's own.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from orbat.bench.world import Group, World
from orbat.publish.text import MONTHS

SOURCES = (
    "pro-government media",
    "local activists",
    "an opposition monitoring group",
    "a regional security official",
    "a former member",
    "residents of the area",
    "a Western diplomat",
    "a local council statement",
    "a researcher who interviewed fighters",
    "state television",
    "a tribal elder",
)

OPENERS = (
    "In practice,",
    "Over the years,",
    "By most accounts,",
    "Seen from the capital,",
    "On the ground,",
    "For outside observers,",
    "Locally,",
    "As elsewhere in the country,",
    "Within the coalition,",
    "Paradoxically,",
    "Even so,",
    "At the same time,",
)

CLAUSES = (
    "the line between a neighbourhood militia and a regular unit has rarely been clear",
    "recruitment followed family and village ties more than any ideology",
    "salaries mattered more to most fighters than slogans did",
    "commanders often competed with each other for checkpoints and the revenue they bring",
    "the formation changed its name more than once as its patrons changed",
    "many members joined to avoid conscription into the regular army",
    "the leadership relied on a small circle of trusted officers",
    "control of smuggling routes shaped where the fighters were deployed",
    "local notables negotiated the terms under which the fighters entered their towns",
    "the group's media output exaggerated its battlefield role",
    "rivalries between neighbouring units occasionally turned violent",
    "the fighters were poorly equipped compared with the army's elite divisions",
    "desertions rose whenever pay arrived late",
    "the unit served as a vehicle for the political ambitions of its leaders",
    "outside patrons used such formations to extend their influence cheaply",
    "the chain of command ran through personal loyalties rather than formal ranks",
    "residents complained of arbitrary arrests at the unit's checkpoints",
    "the fighting in the surrounding countryside drew in several rival factions",
    "funerals of fallen fighters became occasions for public displays of loyalty",
    "the boundaries of each faction's territory were renegotiated after every offensive",
    "little of this is visible in official statements",
    "the available sources are fragmentary and often partisan",
    "numbers given by the factions themselves should be read with caution",
    "the reorganisation of auxiliary forces left many units in a legal grey zone",
    "tribal loyalties cut across the front lines in unexpected ways",
    "the economy of the war rewarded those who controlled crossings and fuel depots",
    "foreign advisers were rarely seen but often talked about",
    "the militia's songs and banners borrowed freely from older movements",
    "observers disagree about how much autonomy the local commanders really had",
    "each new offensive brought a fresh wave of volunteers and a new wave of defections",
)

TITLE_TOPICS = (
    "and the war for the countryside",
    "between patrons and neighbours",
    "a profile",
    "from local committee to regional force",
    "what the sources say",
    "after the offensives",
    "money, men and loyalties",
    "an order of battle",
)

PUBLISHERS = (
    ("Levant Conflict Review", "think_tank"),
    ("Northern Desk", "news"),
    ("Frontline Ledger", "news"),
    ("Militia Watch Notes", "think_tank"),
    ("The Euphrates Bulletin", "news"),
    ("Coastal Observer", "news"),
)

Claim = dict[str, Any]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def number(n: int) -> str:
    return f"{n:,}"


def date_phrase(edtf: str, rng: random.Random, *, by: bool = False) -> tuple[str, str]:
    """(phrase, EDTF the phrase states) for a date: "in May 2013" -> "2013-05"."""
    year = edtf[:4]
    prep = "by" if by else "in"
    if len(edtf) >= 7 and rng.random() < 0.7:
        month = MONTHS[int(edtf[5:7]) - 1]
        if rng.random() < 0.25 and not by:
            day = rng.randint(1, 28)
            return f"on {day} {month} {year}", f"{year}-{edtf[5:7]}-{day:02d}"
        return f"{prep} {month} {year}", edtf[:7]
    roll = rng.random()
    if roll < 0.15 and not by:
        season = rng.randint(0, 3)
        name = ("spring", "summer", "autumn", "winter")[season]
        return f"in the {name} of {year}", f"{year}-{21 + season}"
    if roll < 0.35 and not by:
        return f"in {rng.choice(('early', 'mid-', 'late'))}{'' if roll < 0.2 else ' '}{year}".replace(
            "mid- ", "mid-"
        ), year
    return f"{prep} {year}", year


class DocWriter:
    """Builds one document's body and its gold annotation."""

    def __init__(self, world: World, rng: random.Random, doc: str) -> None:
        self.world = world
        self.rng = rng
        self.doc = doc
        self.names: dict[str, list[str]] = {}
        self.claims: list[Claim] = []
        self._spelled: dict[str, str] = {}  # group id -> this document's spelling of its name
        self._acronym_known: set[str] = set()
        self._person_short: dict[str, str] = {}
        self._pending: list[Claim] = []

    # -- names -----------------------------------------------------------------------------------
    def _record(self, eid: str, name: str) -> str:
        got = self.names.setdefault(eid, [])
        if name not in got:
            got.append(name)
        return name

    def group(self, gid: str, *, first_allowed: bool = True) -> str:
        """A mention of a group as this document writes it (the first one introduces the full name)."""
        g = self.world.groups[gid]
        rng = self.rng
        if gid not in self._spelled:
            spelled = self._spelled[gid] = g.spelling(rng)
            self._record(gid, spelled)
            if first_allowed and g.acronym and rng.random() < 0.6:
                self._acronym_known.add(gid)
                self._record(gid, g.acronym)
                self._alias(gid, g.acronym, f"{spelled} ({g.acronym})")
                return f"{spelled} ({g.acronym})"
            if first_allowed and rng.random() < 0.25:
                text = f"{spelled} (the {g.gloss})"
                self._record(gid, g.gloss)
                self._alias(gid, g.gloss, text)
                return text
            return spelled
        roll = rng.random()
        if roll < 0.45:
            return self._spelled[gid]
        if roll < 0.7:
            return "the " + self._record(gid, g.gloss)
        if roll < 0.88 and gid in self._acronym_known:
            assert g.acronym is not None
            return self._record(gid, g.acronym)
        return self._record(gid, self._spelled[gid])

    def person(self, pid: str) -> str:
        if pid in self._person_short and self.rng.random() < 0.6:
            return self._record(pid, self._person_short[pid])
        first, short = self.world.persons[pid].forms(self.rng)
        self._person_short.setdefault(pid, short)
        return self._record(pid, first)

    def place(self, pid: str) -> str:
        p = self.world.places[pid]
        name = p.name
        if p.variants and self.rng.random() < 0.3:
            name = self.rng.choice(p.variants)
        return self._record(pid, name)

    def other(self, eid: str) -> str:
        """A state or organisation."""
        w = self.world
        if eid in w.states:
            name, others = w.states[eid]
            if others and self.rng.random() < 0.15:
                name = others[0]
            written = self._record(eid, name.removeprefix("the "))
            return ("the " + written) if name.startswith("the ") else written
        return "the " + self._record(eid, w.foundations[eid].removeprefix("the "))

    def entity(self, eid: str) -> str:
        w = self.world
        if eid in w.groups:
            return self.group(eid)
        if eid in w.persons:
            return self.person(eid)
        if eid in w.places:
            return self.place(eid)
        return self.other(eid)

    # -- claims ----------------------------------------------------------------------------------
    def _alias(self, gid: str, alias: str, quote: str) -> None:
        self._pending.append(
            {
                "subject": gid,
                "predicate": "alias",
                "object": {"text": alias},
                "qualifiers": {},
                "quote": quote,
            }
        )

    def fact(self, subject: str, predicate: str, obj: dict[str, Any], **qualifiers: str) -> Claim:
        claim: Claim = {
            "subject": subject,
            "predicate": predicate,
            "object": obj,
            "qualifiers": {k: v for k, v in qualifiers.items() if v},
        }
        self._pending.append(claim)
        return claim

    def sentence(self, text: str, hedge: str = "asserted", claimed_by: str | None = None) -> str:
        """Close a sentence: its pending claims get the hedge, the source and the sentence as quote."""
        for c in self._pending:
            c.setdefault("quote", text)
            if c["predicate"] != "alias":
                c["qualifiers"]["hedge"] = hedge
                if claimed_by:
                    c["qualifiers"]["claimed_by"] = claimed_by
            else:
                c["qualifiers"]["hedge"] = "asserted"
            self.claims.append(c)
        self._pending = []
        return text + "."

    def gold(self) -> dict[str, Any]:
        w = self.world
        entities = [
            {"id": eid, "type": w.entity_type(eid), "names": names}
            for eid, names in sorted(self.names.items())
        ]
        return {"doc": self.doc, "entities": entities, "claims": self.claims}


# -- sentences about a group's facts ---------------------------------------------------------------
# Each builder writes one sentence (with its claims) or returns None when the fact does not apply.

Builder = Callable[[DocWriter, Group], str | None]


def _hedged(w: DocWriter, subject: str, vp: str, *, doubtable: bool = False) -> str:
    """Wrap "subject + verb phrase" in an assertion, a report, an uncertainty or a doubt."""
    rng = w.rng
    roll = rng.random()
    if roll < 0.55:
        return w.sentence(f"{cap(subject)} {vp}")
    if roll < 0.72:
        src = rng.choice(SOURCES)
        form = rng.randrange(3)
        if form == 0:
            return w.sentence(f"According to {src}, {subject} {vp}", "reported", src)
        if form == 1:
            return w.sentence(f"{cap(src)} reported that {subject} {vp}", "reported", src)
        return w.sentence(f"{cap(subject)} {vp}, according to {src}", "reported", src)
    if roll < 0.82:
        lead = rng.choice(("It has been reported that", "Reports suggest that"))
        return w.sentence(f"{lead} {subject} {vp}", "reported")
    if roll < 0.92 or not doubtable:
        lead = rng.choice(("It seems likely that", "It appears that", "There are signs that"))
        return w.sentence(f"{lead} {subject} {vp}", "uncertain")
    src = rng.choice(SOURCES)
    tail = rng.choice((", an obvious exaggeration", ", a figure that is almost certainly inflated"))
    return w.sentence(f"{cap(src)} claimed that {subject} {vp}{tail}", "doubted", src)


def founded(w: DocWriter, g: Group) -> str | None:
    phrase, edtf = date_phrase(g.founded, w.rng)
    verb = w.rng.choice(("was founded", "was established", "was formed", "came into being", "was set up"))
    subject = w.group(g.id)
    w.fact(g.id, "founded", {"date": edtf})
    if g.founder and w.rng.random() < 0.6:
        founder = w.person(g.founder)
        w.fact(g.id, "founded_by", {"entity": g.founder})
        if verb == "came into being":
            return _hedged(w, subject, f"{verb} {phrase} under {founder}")
        return _hedged(w, subject, f"{verb} {phrase} by {founder}")
    return _hedged(w, subject, f"{verb} {phrase}")


def leader(w: DocWriter, g: Group) -> str | None:
    pid, start = w.rng.choice(g.leaders)
    rng = w.rng
    form = rng.randrange(4)
    if form == 0:
        subject = w.group(g.id)
        w.fact(g.id, "leader", {"entity": pid}, role="commander")
        return _hedged(w, subject, f"is commanded by {w.person(pid)}")
    if form == 1:
        subject = w.group(g.id)
        w.fact(g.id, "leader", {"entity": pid})
        return _hedged(w, subject, f"is led by {w.person(pid)}")
    if form == 2:
        person = w.person(pid)
        w.fact(g.id, "leader", {"entity": pid}, role="commander", start=start)
        return w.sentence(f"{cap(person)} has commanded {w.group(g.id)} since {start}")
    person = w.person(pid)
    w.fact(g.id, "leader", {"entity": pid}, role="commander")
    return w.sentence(f"{cap(w.group(g.id))}, whose commander is {person}, rarely speaks to the press")


def part_of(w: DocWriter, g: Group) -> str | None:
    if not g.parent:
        return None
    subject = w.group(g.id)
    verb = w.rng.choice(("is part of", "belongs to", "operates under the umbrella of", "is a subunit of"))
    parent = w.group(g.parent)
    w.fact(g.id, "part_of", {"entity": g.parent})
    return _hedged(w, subject, f"{verb} {parent}")


def allies(w: DocWriter, g: Group) -> str | None:
    if not g.allies:
        return None
    ally = w.rng.choice(g.allies)
    subject = w.group(g.id)
    verb = w.rng.choice(("is allied with", "is a close ally of", "maintains an alliance with"))
    w.fact(g.id, "allied_with", {"entity": ally})
    return _hedged(w, subject, f"{verb} {w.entity(ally)}")


def support(w: DocWriter, g: Group) -> str | None:
    backer, kind = w.rng.choice(g.supporters)
    subject = w.group(g.id)
    name = w.entity(backer)
    vp = {
        "training": f"receives training from {name}",
        "weapons": f"receives weapons from {name}",
        "funding": f"is funded by {name}",
        "salaries": f"has its salaries paid by {name}",
        "advising": f"is advised by officers sent by {name}",
    }[kind]
    if w.rng.random() < 0.2:
        w.fact(g.id, "supported_by", {"entity": backer})
        return _hedged(w, subject, f"is backed by {name}")
    w.fact(g.id, "supported_by", {"entity": backer}, kind=kind)
    return _hedged(w, subject, vp)


def opposed(w: DocWriter, g: Group) -> str | None:
    if not g.enemies:
        return None
    subject = w.group(g.id)
    verb = w.rng.choice(("has fought against", "has clashed repeatedly with", "has fought"))
    enemy = w.group(g.enemies[0])
    w.fact(g.id, "opposed", {"entity": g.enemies[0]})
    return _hedged(w, subject, f"{verb} {enemy}")


def operates_in(w: DocWriter, g: Group) -> str | None:
    area = w.rng.choice(g.areas)
    subject = w.group(g.id)
    verb = w.rng.choice(("operates in", "is active in", "has a presence in", "holds positions around"))
    w.fact(g.id, "operates_in", {"entity": area})
    return _hedged(w, subject, f"{verb} {w.place(area)}")


def headquarters(w: DocWriter, g: Group) -> str | None:
    if not g.hq:
        return None
    subject = w.group(g.id)
    verb = w.rng.choice(("is headquartered in", "has its headquarters in", "is based in"))
    w.fact(g.id, "headquarters", {"entity": g.hq})
    return _hedged(w, subject, f"{verb} {w.place(g.hq)}")


def size(w: DocWriter, g: Group) -> str | None:
    as_of, n = w.rng.choice(g.sizes)
    rng = w.rng
    subject = w.group(g.id)
    roll = rng.random()
    if roll < 0.08:
        big = n * rng.choice((8, 10, 15, 20))
        src = rng.choice(SOURCES)
        w.fact(g.id, "size", {"quantity": {"value": big, "unit": "fighters"}}, as_of=as_of)
        tail = rng.choice((", an obvious exaggeration", ", a figure nobody else supports"))
        return w.sentence(
            f"{cap(src)} put the strength of {subject} at {number(big)} fighters in {as_of}{tail}",
            "doubted",
            src,
        )
    if roll < 0.35:
        lo, hi = int(n * 0.8) // 50 * 50, int(n * 1.2) // 50 * 50 + 50
        w.fact(g.id, "size", {"quantity": {"min": lo, "max": hi, "unit": "fighters"}}, as_of=as_of)
        return _hedged(w, subject, f"had between {number(lo)} and {number(hi)} fighters in {as_of}")
    word = rng.choice(("about", "some", "around", "roughly"))
    w.fact(g.id, "size", {"quantity": {"value": n, "approx": True, "unit": "fighters"}}, as_of=as_of)
    verb = rng.choice(("numbered", "fielded", "counted"))
    return _hedged(w, subject, f"{verb} {word} {number(n)} fighters in {as_of}", doubtable=True)


def casualties(w: DocWriter, g: Group) -> str | None:
    as_of, n = g.killed[0]
    phrase, edtf = date_phrase(as_of, w.rng, by=True)
    subject = w.group(g.id)
    w.fact(g.id, "casualties", {"quantity": {"value": n, "unit": "killed"}}, kind="killed", as_of=edtf)
    verb = w.rng.choice((f"had lost {number(n)} fighters killed", f"had buried {number(n)} of its fighters"))
    return _hedged(w, subject, f"{verb} {phrase}")


def located(w: DocWriter, g: Group) -> str | None:
    """Where the group's base lies (a place inside a larger one)."""
    p = w.world.places.get(g.hq or "")
    if p is None or p.within is None:
        return None
    inner = w.place(p.id)
    outer = w.place(p.within)
    w.fact(p.id, "located_in", {"entity": p.within})
    lead = "the village of " if p.village else ""
    verb = w.rng.choice(("lies in", "is located in", "sits in"))
    return w.sentence(f"{cap(lead)}{inner} {verb} {outer}" if lead else f"{inner} {verb} {outer}")


FACTS: tuple[Builder, ...] = (
    leader,
    part_of,
    allies,
    support,
    opposed,
    operates_in,
    headquarters,
    size,
    size,
    casualties,
    located,
)


class Fillers:
    """Sentences that carry no claim and name no entity, none repeated before all were used."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._deck: list[str] = []

    def __call__(self) -> str:
        if not self._deck:
            self._deck = self.rng.sample(CLAUSES, k=len(CLAUSES))
        clause = self._deck.pop()
        if self.rng.random() < 0.5:
            return f"{self.rng.choice(OPENERS)} {clause}."
        return cap(clause) + "."
