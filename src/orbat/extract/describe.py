"""Names typed by how the text describes them.

The small English model labels most transliterated militia names PERSON or
ORG, and a group whose name carries no unit word ("the Nawtura") has no
name shape to go by. The text usually says what it is, though:

* copula: "X is/was a (Syriac Christian) militia ...", "X is one of the ... groups";
* apposition: "X, a small Druze militia, ...", "X, the Palestinian militia that ...";
* parenthesis: "X (a Bedouin militia)";
* a description before the name: "the Druze militia X", "the businessman X".

The head noun of the description gives the type (:data:`DESCRIPTION_HEADS`:
militia/brigade/faction/... an armed group; party/ministry/charity/outlet/...
an organisation; commander/businessman/researcher/... a person), whatever
the statistical model said, and every other mention of that name in the
document takes it too. A name no recogniser found is added. The words of
the description ("Syriac Christian militia", "Druze") are no entity of
their own: mentions inside it are dropped (gazetteer names such as
"Hezbollah" in "a Hezbollah-backed militia" stay), and the relation rules
read it as the group's ``group_type``.
"""

from __future__ import annotations

import re

from orbat.extract.lexicon import (
    ARMED_MODIFIERS,
    DESCRIPTION_HEADS,
    ENGLISH_UNIT_WORDS,
    NON_ARMED_MODIFIERS,
    PREPOSITIONS,
)
from orbat.extract.names import name_key, strip_article
from orbat.extract.recognise import P_DEFINED, NameRun, name_run_ending_at, name_run_starting_at
from orbat.extract.spans import Found

DESCRIBE_VERSION = "describe.v1"

_STOP = (
    r"(?:of|the|a|an|in|on|at|by|with|for|to|from|and|or|but|that|which|who|whom|whose|is|was|are|"
    r"were|has|had|have|been|be|it|its|their|his|her|as|than|into|after|before|since|while|when|"
    r"where|not|this|these|those|he|she|they|one|some|many|all)"
)
_DESC_WORD = rf"(?!{_STOP}\b)[^\W\d_][\w’'-]*"
_HEAD = (
    r"(?P<head>"
    + "|".join(sorted((re.escape(h) for h in DESCRIPTION_HEADS), key=len, reverse=True))
    + r")(?![\w’'-])"
)
#: What may follow the head of a description: punctuation, or a word that cannot extend the noun.
_BOUNDARY = (
    r"(?=\s*(?:[,.;:)\]\"”—–(]|$)|\s+(?:in|of|on|at|from|based|that|which|who|whose|with|led|formed|"
    r"founded|established|created|set|raised|active|operating|fighting|loyal|affiliated|linked|backed|"
    r"sponsored|supported|close|tied|and|or|for|to|near|around|across|throughout|since|by|during|until|"
    r"known|called|named|drawn|composed|made|responsible|under|within|inside|along|against|between|"
    r"among|whose|operated|run|funded|owned|headed|now|then|once|still)\b)"
)
_LINK_AFTER = re.compile(
    r"(?:\s+(?:is|was|are|were|remains|remained|became|has\s+been|had\s+been|have\s+been)"
    r"(?:\s+(?:also|now|still|originally|initially|reportedly|essentially|effectively|primarily|mainly|"
    r"largely|nominally|officially|formally|once|actually|in\s+fact))?"
    r"\s+(?P<det>an?|the|one\s+of\s+the|among\s+the)\s+"
    r"|(?P<comma>\s*,\s*)(?P<det2>an?|the|one\s+of\s+the)\s+"
    r"|(?P<paren>\s*\(\s*)(?:(?:an?|the)\s+)?)"
    r"(?P<desc>(?:" + _DESC_WORD + r"\s+){0,5}?)" + _HEAD + _BOUNDARY
)
_BEFORE = re.compile(
    r"(?<![\w’'-])(?:[Aa]n?|[Tt]he)\s+(?P<desc>(?:" + _DESC_WORD + r"\s+){0,4}?)" + _HEAD + r"\s+"
    r"(?=[A-Z]|al-[A-Z])"
)
#: Types a description may override; names the gazetteer or the document's structure gives are kept.
_FIXED_SOURCES = (
    "gazetteer",
    "structure.",
    "pattern.place",
    "pattern.event",
    "pattern.kin",
    "pattern.called",
)


def _type_of(head: str, desc: str) -> str | None:
    type_ = DESCRIPTION_HEADS[head]
    mods = {w.casefold().replace("’", "'") for w in desc.split()}
    if head == "tank":
        return "organization" if mods and desc.split()[-1].casefold() == "think" else None
    if type_ == "armed_group" and mods & NON_ARMED_MODIFIERS and not mods & ARMED_MODIFIERS:
        return "organization"
    if head in {"organization", "organisation"} and mods & ARMED_MODIFIERS:
        return "armed_group"
    return type_


def _retypable(f: Found, type_: str, after_preposition: bool) -> bool:
    if f.type == type_:
        return True
    if f.source.startswith(_FIXED_SOURCES) or f.ref or f.kind in {"generic", "list-item", "infobox-subject"}:
        return False
    if f.type in {"state", "event", "kin_group"}:
        return False
    if f.type == "place" and (not f.source.startswith("ner.") or after_preposition):
        return False  # "in Qaraqosh, a militia ...": the place stays a place
    # a group's own name shape outweighs a person description ("X Brigade commander")
    return not (type_ == "person" and f.type == "armed_group" and not f.source.startswith("ner."))


def _preposition_before(text: str, start: int) -> bool:
    m = re.search(r"([A-Za-z]+)\s+(?:the\s+)?$", text[max(0, start - 20) : start])
    return bool(m and m.group(1).casefold() in PREPOSITIONS)


def describe(text: str, chosen: list[Found]) -> list[Found]:
    """``chosen`` with described names typed by their description, descriptions' own mentions
    dropped and described names no recogniser found added."""
    by_end: dict[int, Found] = {}
    by_start: dict[int, Found] = {}
    for f in chosen:
        by_end.setdefault(f.end, f)
        by_start.setdefault(f.start, f)
    typed: dict[str, str] = {}
    drop: list[tuple[int, int]] = []  # description spans whose mentions go
    inside: set[tuple[int, int]] = set()  # mentions inside a name added here ("Tadmur" in "Suqur Tadmur")
    added: list[Found] = []

    def attach(
        f: Found | None, run: NameRun | None, type_: str, head: str, desc_span: tuple[int, int], appos: bool
    ) -> None:
        after_prep = run.after_preposition if run is not None else False
        if f is not None:
            after_prep = after_prep or _preposition_before(text, f.start)
        target: Found | None = None
        if f is not None and _retypable(f, type_, after_prep) and (run is None or run.start >= f.start):
            target = f
        elif run is not None and (f is None or run.start < f.start):
            if after_prep and appos:
                return
            if run.words == 1 and run.sentence_initial and appos and text[run.start : run.end].endswith("ly"):
                return  # "Eventually, a militia ..." (other clause openers are never part of a run)
            inner = [g for g in chosen if run.start < g.end and g.start < run.end]
            if any(
                g.start < run.start or g.end > run.end or g.type not in {"place", "person"} for g in inner
            ):
                return
            name = strip_article(text[run.start : run.end])
            target = Found(run.start, run.end, type_, name, "pattern.described", P_DEFINED)
            inside.update((g.start, g.end) for g in inner)
            added.append(target)
        if target is None:
            return
        if target.type != type_:
            target.type, target.names = type_, ()
            target.priority = max(target.priority, P_DEFINED)
        if type_ == "armed_group" and target.unit is None:
            target.unit = ENGLISH_UNIT_WORDS.get(head)
        target.extra["described"] = head
        typed.setdefault(name_key(target.name), type_)
        drop.append(desc_span)

    for m in _LINK_AFTER.finditer(text):
        head, desc = m.group("head"), m.group("desc")
        type_ = _type_of(head, desc)
        if type_ is None:
            continue
        pos = m.start()
        appos = m.group("comma") is not None or m.group("paren") is not None
        attach(by_end.get(pos), name_run_ending_at(text, pos), type_, head, (m.start("desc"), m.end()), appos)
    for m in _BEFORE.finditer(text):
        head, desc = m.group("head"), m.group("desc")
        if (
            head.endswith("s")
            and head not in {"forces", "paramilitaries"}
            and DESCRIPTION_HEADS[head] != "person"
        ):
            continue  # "the militias X and Y": a list, left to the rules
        type_ = _type_of(head, desc)
        if type_ is None:
            continue
        pos = m.end()
        attach(
            by_start.get(pos),
            name_run_starting_at(text, pos),
            type_,
            head,
            (m.start("desc"), m.end("head")),
            False,
        )
    if not typed and not added:
        return chosen
    out: list[Found] = []
    for f in chosen:
        if (f.start, f.end) in inside:
            continue
        if f.source != "gazetteer" and any(a <= f.start and f.end <= b for a, b in drop):
            continue
        t = typed.get(name_key(f.name))
        if t is not None and f.type != t and _retypable(f, t, False):
            f.type, f.names = t, ()
        out.append(f)
    out.extend(added)
    return out
