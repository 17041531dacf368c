"""Verb frames of the dependency reader, as data: one row per (predicate, verb class, object slot).

A frame says which words (verb lemmas, or adjectives like "subordinate"/"active")
express a predicate, where the verb's object sits (``""`` the direct object, a
preposition "to"/"with"/... its object), and which way round the claim reads:

* ``swap=False``: the verb's logical subject is the claim's subject ("X fought
  alongside Y" -> X allied_with Y; "X is based in Y" -> X headquarters Y);
* ``swap=True``: the verb's object is the claim's subject ("Iran trained X" ->
  X supported_by Iran; "Iran set up X" -> X founded_by Iran; "Y leads X" ->
  X leader Y).

In the passive the logical subject is the agent ("X was trained by Iran"), the
direct object the passive subject; prepositional frames keep the grammatical
subject ("X was absorbed into Y", "X is based in Y"). ``obj="date"`` frames take
a date in the verb's "in"/"on"/"during" phrase instead of an entity.

:data:`NOUN_FRAMES` are the nominal ones ("X is an ally of Y", "X, a branch
of Y", "Y is the commander of X"). The lemma of a word is read from
:data:`VERB_FORMS` / :data:`NOUN_FORMS` (regular inflections generated from
the lemmas, plus the irregular forms below), so the pipeline needs no tagger
or lemmatizer (the tagger would cost ~2% more on the parsed sentences, the
lemmatizer with its attribute ruler ~35%, and the parse's labels already tell
the passive). :data:`TRIGGERS` are the words that make a sentence worth
parsing.
"""

from __future__ import annotations

from dataclasses import dataclass

FRAMES_VERSION = 2


@dataclass(frozen=True)
class Frame:
    id: str  # "<predicate>.<verb class>", shown in the claim's origin
    predicate: str
    lemmas: tuple[str, ...]
    preps: tuple[str, ...] = ("",)  # "" = the direct object; else the preposition introducing the object
    swap: bool = False
    obj: str = "entity"  # "entity" or "date"
    obj_types: tuple[str, ...] = ()  # narrower than the vocabulary's object types, if set
    particle: str = ""  # a phrasal verb's particle ("set up")
    nouns: tuple[str, ...] = ()  # a light verb's object noun ("take part in", "received training from")
    kind: str | None = None  # supported_by: the kind, when the verb does not name one
    role: str | None = None
    members: bool = True  # "fighters of X" / "its men" may stand for the group X
    as_nouns: tuple[str, ...] = ()  # the direct object must be taken "as a base" (one of these nouns)


_GROUPS = ("armed_group", "state", "organization")

FRAMES: tuple[Frame, ...] = (
    # -- founded_by / founded ---------------------------------------------------------------
    Frame(
        "founded_by.found",
        "founded_by",
        ("found", "establish", "form", "create", "raise", "launch", "organise", "organize", "build"),
        swap=True,
        members=False,
    ),
    Frame("founded_by.set_up", "founded_by", ("set",), particle="up", swap=True, members=False),
    Frame(
        "founded.found",
        "founded",
        ("found", "establish", "form", "create", "raise", "launch"),
        preps=("in", "on", "during"),
        obj="date",
        members=False,
    ),
    Frame("founded.set_up", "founded", ("set",), preps=("in", "on", "during"), obj="date", particle="up"),
    # -- leader ---------------------------------------------------------------------------------
    Frame("leader.lead", "leader", ("lead", "head", "run", "direct"), swap=True, members=False),
    Frame("leader.command", "leader", ("command",), swap=True, role="commander", members=False),
    # -- part_of --------------------------------------------------------------------------------
    Frame("part_of.join", "part_of", ("join",), members=False),
    Frame("part_of.belong", "part_of", ("belong", "answer", "report"), preps=("to",), members=False),
    Frame(
        "part_of.merge",
        "part_of",
        ("merge", "absorb", "integrate", "incorporate", "fold", "subsume"),
        preps=("into",),
        members=False,
    ),
    Frame("part_of.absorb", "part_of", ("absorb", "incorporate", "subsume"), swap=True, members=False),
    Frame("part_of.subordinate", "part_of", ("subordinate",), preps=("to",), members=False),
    Frame(
        "part_of.fall_under",
        "part_of",
        ("fall", "place", "put", "bring", "operate", "work", "serve", "fight"),
        preps=("under", "within"),
        members=False,
    ),
    # -- allied_with ----------------------------------------------------------------------------
    Frame(
        "allied_with.cooperate",
        "allied_with",
        ("ally", "cooperate", "coordinate", "partner", "side", "team", "align", "collaborate"),
        preps=("with",),
        obj_types=_GROUPS,
    ),
    Frame(
        "allied_with.fight_alongside",
        "allied_with",
        ("fight", "battle", "work", "stand", "deploy", "operate", "serve", "advance", "participate", "join"),
        preps=("alongside", "beside"),
        obj_types=_GROUPS,
    ),
    Frame(
        "allied_with.fight_with",
        "allied_with",
        ("fight", "work", "stand", "join"),
        preps=("with",),
        obj_types=_GROUPS,
    ),
    Frame("allied_with.stand_by", "allied_with", ("stand",), preps=("by",), obj_types=_GROUPS),
    # -- opposed --------------------------------------------------------------------------------
    Frame(
        "opposed.attack",
        "opposed",
        (
            "attack",
            "target",
            "oppose",
            "fight",
            "battle",
            "ambush",
            "assault",
            "combat",
            "confront",
            "repel",
            "defeat",
            "expel",
            "besiege",
        ),
        obj_types=_GROUPS,
    ),
    Frame(
        "opposed.fight_against",
        "opposed",
        ("fight", "battle", "struggle", "operate", "defend", "wage"),
        preps=("against",),
        obj_types=_GROUPS,
    ),
    Frame("opposed.clash", "opposed", ("clash",), preps=("with",), obj_types=_GROUPS),
    # -- supported_by (the verb's object is the one supported) ---------------------------------
    Frame(
        "supported_by.train",
        "supported_by",
        (
            "train",
            "arm",
            "equip",
            "fund",
            "finance",
            "bankroll",
            "sponsor",
            "back",
            "support",
            "advise",
            "pay",
            "assist",
            "help",
            "supply",
            "provide",
            "supervise",
            "oversee",
        ),
        swap=True,
    ),
    Frame(
        "supported_by.supply",
        "supported_by",
        ("supply", "provide", "give", "send", "deliver"),
        preps=("to",),
        swap=True,
    ),
    Frame(
        "supported_by.receive",
        "supported_by",
        ("receive", "get", "obtain", "enjoy", "accept", "draw"),
        preps=("from",),
        nouns=(
            "support",
            "backing",
            "training",
            "weapons",
            "arms",
            "funding",
            "funds",
            "money",
            "salaries",
            "equipment",
            "assistance",
            "aid",
            "help",
            "advice",
            "advisers",
            "instructors",
            "supplies",
            "ammunition",
            "financing",
            "sponsorship",
            "patronage",
            "protection",
        ),
    ),
    # -- participated_in / operates_in / headquarters -------------------------------------------
    Frame(
        "participated_in.fight_in",
        "participated_in",
        ("fight", "participate", "engage", "involve", "serve"),
        preps=("in",),
        obj_types=("event",),
    ),
    Frame(
        "participated_in.take_part",
        "participated_in",
        ("take", "play"),
        preps=("in",),
        nouns=("part",),
        obj_types=("event",),
    ),
    Frame("participated_in.join", "participated_in", ("join",), obj_types=("event",)),
    Frame(
        "operates_in.operate",
        "operates_in",
        ("operate", "deploy", "station", "fight", "active", "present", "patrol", "spread", "expand"),
        preps=("in", "into", "across", "throughout"),
    ),
    Frame(
        "operates_in.deploy_to",
        "operates_in",
        ("deploy", "send", "dispatch", "move", "redeploy"),
        preps=("to",),
    ),
    Frame("operates_in.patrol", "operates_in", ("patrol",)),
    Frame("headquarters.based", "headquarters", ("base", "headquarter"), preps=("in", "at"), members=False),
    Frame(
        "headquarters.have",
        "headquarters",
        ("have", "keep", "maintain", "establish", "set", "move", "relocate"),
        preps=("in", "at", "to"),
        nouns=("headquarters", "base", "hq", "headquarter"),
        members=False,
    ),
    Frame("headquarters.operate_from", "headquarters", ("operate", "run"), preps=("from",), members=False),
    Frame(
        "headquarters.use_as",
        "headquarters",
        ("use", "take", "make", "turn", "choose", "adopt"),
        as_nouns=("base", "headquarters", "center", "centre", "hq", "command"),
        members=False,
    ),
    Frame("operates_in.set_up", "operates_in", ("set",), preps=("in",), particle="up"),
)

#: Nominal frames: "X is an ally of Y", "X, a branch of Y, ...", "Y is the commander of X". The noun is a
#: copula's attribute or an apposition; its subject is the copula's subject or the noun the apposition
#: follows, its object the "of" phrase. ``swap`` as for verbs (the "of" phrase is the claim's subject).
NOUN_FRAMES: tuple[Frame, ...] = (
    Frame("allied_with.ally_of", "allied_with", ("ally", "partner", "affiliate"), ("of",), obj_types=_GROUPS),
    Frame(
        "opposed.enemy_of",
        "opposed",
        ("enemy", "rival", "foe", "adversary", "opponent", "nemesis"),
        ("of",),
        obj_types=_GROUPS,
    ),
    Frame(
        "part_of.branch_of",
        "part_of",
        ("part", "branch", "wing", "subunit", "component", "subsidiary", "arm", "offshoot", "division"),
        ("of",),
        members=False,
    ),
    Frame(
        "leader.commander_of",
        "leader",
        ("commander", "leader", "head", "chief"),
        ("of",),
        swap=True,
        members=False,
    ),
    Frame("founded_by.founder_of", "founded_by", ("founder", "creator"), ("of",), swap=True, members=False),
    Frame(
        "supported_by.backer_of",
        "supported_by",
        ("sponsor", "backer", "patron", "financier", "funder"),
        ("of",),
        swap=True,
    ),
)
_NOUN_PLURALS = {"ally": "allies", "enemy": "enemies", "adversary": "adversaries", "branch": "branches"}
#: Noun form -> noun lemma of the nominal frames.
NOUN_FORMS: dict[str, str] = {
    form: noun
    for f in NOUN_FRAMES
    for noun in f.lemmas
    for form in (noun, _NOUN_PLURALS.get(noun, noun + "s"))
}
NOUN_BY_LEMMA: dict[str, tuple[Frame, ...]] = {
    noun: tuple(f for f in NOUN_FRAMES if noun in f.lemmas) for f0 in NOUN_FRAMES for noun in f0.lemmas
}
#: Light verbs: they name a relation only with one of their frame's nouns ("took part in", "has its
#: headquarters in", "used X as a base"), so they alone do not make a sentence worth parsing.
LIGHT = frozenset(
    {
        "take",
        "play",
        "get",
        "obtain",
        "enjoy",
        "accept",
        "draw",
        "have",
        "use",
        "make",
        "turn",
        "choose",
        "adopt",
    }
)

#: Irregular forms (form -> lemma); regular ones are generated from the lemmas.
_IRREGULAR = {
    "led": "lead",
    "ran": "run",
    "fought": "fight",
    "built": "build",
    "paid": "pay",
    "fell": "fall",
    "fallen": "fall",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "sent": "send",
    "stood": "stand",
    "brought": "bring",
    "put": "put",
    "set": "set",
    "allied": "ally",
    "allies": "ally",
    "allying": "ally",
    "supplied": "supply",
    "supplies": "supply",
    "supplying": "supply",
    "headquartered": "headquarter",
    "running": "run",
    "setting": "set",
    "putting": "put",
}
#: Bare "found" is the past of "find" far more often than "to found": only its other forms count.
_NOT_FORMS = frozenset({"found"})


def _regular(lemma: str) -> set[str]:
    if lemma in {"active", "present", "subordinate"}:  # adjectives ("is active in", "subordinate to")
        return {lemma}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    double = (
        len(lemma) >= 3
        and lemma[-1] in "bdgmnprt"
        and lemma[-2] in "aeiou"
        and lemma[-3] not in "aeiou"
        and lemma in {"plan", "stop", "ship", "drop", "equip", "patrol", "commit"}
    )
    base = lemma + lemma[-1] if double else stem
    out = {
        lemma,
        base + "ed",
        base + "ing",
        lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"),
    }
    if lemma.endswith("e"):
        out.add(lemma + "d")
    return out


def _forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for frame in FRAMES:
        for lemma in frame.lemmas:
            for form in _regular(lemma):
                out.setdefault(form, lemma)
    for form, lemma in _IRREGULAR.items():
        out[form] = lemma
    for form in _NOT_FORMS:
        out.pop(form, None)
    out["founded"] = out["founding"] = out["founds"] = "found"
    out["subordinated"] = "subordinate"
    return out


VERB_FORMS: dict[str, str] = _forms()
#: Words that make a sentence worth parsing: a frame verb's form (not a light verb's), a frame noun
#: of a light verb, or a nominal frame's noun.
TRIGGERS: frozenset[str] = frozenset(
    {form for form, lemma in VERB_FORMS.items() if lemma not in LIGHT}
    | {n for f in FRAMES if set(f.lemmas) & LIGHT for n in (*f.nouns, *f.as_nouns)}
    | set(NOUN_FORMS)
)
#: Frames per lemma.
BY_LEMMA: dict[str, tuple[Frame, ...]] = {
    lemma: tuple(f for f in FRAMES if lemma in f.lemmas) for f0 in FRAMES for lemma in f0.lemmas
}
