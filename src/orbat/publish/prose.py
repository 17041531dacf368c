"""Sentences from claims: small per-predicate templates, hedges in words, footnotes.

A ``Statement`` is a sentence as a list of parts: plain text and ``Cite``
markers (footnote numbers). Renderers (Markdown, HTML) escape the text and
draw the markers; nothing here knows an output format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orbat.model import VOCABULARY
from orbat.model.records import Qualifiers
from orbat.model.views import ClaimView
from orbat.publish.citations import Citations
from orbat.publish.facts import (
    CHANGE,
    CONTRADICTION,
    DOUBTED,
    FactGroup,
    ValueGroup,
    claim_date,
)
from orbat.publish.text import (
    capitalise,
    date_noun,
    date_when,
    join_words,
    precision_rank,
    quantity_number,
    quantity_of,
    quantity_words,
    sort_key,
    with_article,
)


@dataclass(frozen=True)
class Cite:
    numbers: tuple[int, ...]


Part = str | Cite


@dataclass(frozen=True)
class Statement:
    """One sentence of a profile, with its footnotes and review state."""

    parts: tuple[Part, ...]
    claim_ids: tuple[str, ...]
    unreviewed: bool
    cls: str
    date: str | None = None
    predicate: str | None = None

    @property
    def notes(self) -> tuple[int, ...]:
        out: list[int] = []
        for p in self.parts:
            if isinstance(p, Cite):
                out.extend(n for n in p.numbers if n not in out)
        return tuple(out)

    def plain(self) -> str:
        """The sentence as plain text with [n] markers."""
        return "".join(p if isinstance(p, str) else "".join(f"[{n}]" for n in p.numbers) for p in self.parts)

    @property
    def disputed(self) -> bool:
        return self.cls in (CONTRADICTION, DOUBTED)


# ---------------------------------------------------------------------------
# per-predicate templates
# ---------------------------------------------------------------------------

# Predicates whose `as_of` dates an event ("took part in X in June 2012")
# rather than a state of affairs ("as of January 2016, X numbered ...").
EVENTIVE = frozenset(
    {"participated_in", "endorsed", "accused_of", "opposed", "founded_by", "met_with", "died", "alias"}
)

# (present, past) verb phrases; "{o}" is the object.
FORWARD: dict[str, tuple[str, str]] = {
    "alias": ("is also known as {o}", "was also known as {o}"),
    "group_type": ("is described as {o}", "was described as {o}"),
    "founded": ("was founded {o}", "was founded {o}"),
    "dissolved": ("was dissolved {o}", "was dissolved {o}"),
    "founded_by": ("was founded by {o}", "was founded by {o}"),
    "leader": ("is led by {o}", "was led by {o}"),
    "member": ("counts {o} among its members", "counted {o} among its members"),
    "part_of": ("is part of {o}", "was part of {o}"),
    "allied_with": ("is allied with {o}", "was allied with {o}"),
    "supported_by": ("is supported by {o}", "was supported by {o}"),
    "opposed": ("fought against {o}", "fought against {o}"),
    "operates_in": ("operates in {o}", "operated in {o}"),
    "headquarters": ("is headquartered in {o}", "was headquartered in {o}"),
    "facility": ("has a facility in {o}", "had a facility in {o}"),
    "participated_in": ("took part in {o}", "took part in {o}"),
    "size": ("numbers {o}", "numbered {o}"),
    "casualties": ("counts {o}", "counted {o}"),
    "salary": ("pays its fighters {o}", "paid its fighters {o}"),
    "composition": ("draws its members from {o}", "drew its members from {o}"),
    "ideology": ("espouses {o}", "espoused {o}"),
    "named_after": ("is named after {o}", "is named after {o}"),
    "activity": ("is engaged in {o}", "was engaged in {o}"),
    "endorsed": ("endorsed {o}", "endorsed {o}"),
    "accused_of": ("is accused of {o}", "was accused of {o}"),
    "position": ("holds the position of {o}", "held the position of {o}"),
    "relative_of": ("is a relative of {o}", "is a relative of {o}"),
    "died": ("died {o}", "died {o}"),
    "met_with": ("met with {o}", "met with {o}"),
    "located_in": ("is located in {o}", "was located in {o}"),
}

# Templates read from the object's side ("{o}" is the claim's subject).
INVERSE: dict[str, tuple[str, str]] = {
    "leader": ("leads {o}", "led {o}"),
    "member": ("is a member of {o}", "was a member of {o}"),
    "founded_by": ("founded {o}", "founded {o}"),
    "supported_by": ("supports {o}", "supported {o}"),
    "named_after": ("is the namesake of {o}", "is the namesake of {o}"),
    "endorsed": ("was endorsed by {o}", "was endorsed by {o}"),
    "part_of": ("includes {o}", "included {o}"),
    "opposed": ("was fought by {o}", "was fought by {o}"),
    "participated_in": ("involved {o}", "involved {o}"),
    "headquarters": ("hosts the headquarters of {o}", "hosted the headquarters of {o}"),
    "operates_in": ("sees {o} operate there", "saw {o} operate there"),
    "facility": ("hosts a facility of {o}", "hosted a facility of {o}"),
    "located_in": ("contains {o}", "contained {o}"),
    "founded": ("", ""),
}

SUPPORT_KINDS: dict[str, tuple[str, str]] = {
    "training": ("receives training from {o}", "received training from {o}"),
    "weapons": ("receives weapons from {o}", "received weapons from {o}"),
    "funding": ("is funded by {o}", "was funded by {o}"),
    "salaries": ("has its salaries paid by {o}", "had its salaries paid by {o}"),
    "advising": ("is advised by {o}", "was advised by {o}"),
    "organization": ("was organised with the help of {o}", "was organised with the help of {o}"),
}
SUPPORT_KINDS_INVERSE: dict[str, tuple[str, str]] = {
    "training": ("trains {o}", "trained {o}"),
    "weapons": ("arms {o}", "armed {o}"),
    "funding": ("funds {o}", "funded {o}"),
    "salaries": ("pays the salaries of {o}", "paid the salaries of {o}"),
    "advising": ("advises {o}", "advised {o}"),
    "organization": ("helped to organise {o}", "helped to organise {o}"),
}

TOPICS: dict[str, str] = {
    "founded": "the founding of {s}",
    "dissolved": "the dissolution of {s}",
    "died": "the death of {s}",
    "named_after": "whom {s} is named after",
    "size": "the size of {s}",
    "casualties": "the losses of {s}",
    "salary": "the pay of {s}",
    "position": "the position of {s}",
    "leader": "who leads {s}",
    "headquarters": "where {s} has its headquarters",
}


Names = Mapping[str, str]


def _name(entity_id: str | None, fallback: str | None, names: Names | None) -> str:
    if names is not None and entity_id is not None and entity_id in names:
        return names[entity_id]
    return fallback or str(entity_id)


def value_text(c: ClaimView, *, inverse: bool = False, noun: bool = False, names: Names | None = None) -> str:
    """The object of a claim in words (the subject's name for an inverse reading).

    ``names`` maps entity ids to the names to use inside sentences ("the Tiger Forces").
    """
    if inverse:
        return _name(c.subject, c.subject_name, names)
    if c.object_kind == "entity":
        return _name(c.object_entity, c.object_name, names)
    if c.object_kind == "date":
        value = str((c.object_value or {}).get("date", ""))
        return date_noun(value) if noun else date_when(value)
    if c.object_kind == "quantity":
        q = quantity_of(c.object_value)
        if q is None:
            return c.object_display()
        if c.predicate == "casualties":
            kind = (c.qualifiers.kind or q.unit or "").casefold()
            if kind in ("killed", "dead", "martyrs", "wounded", "injured", "captured"):
                word = "dead" if kind in ("killed", "dead", "martyrs") else kind
                return f"{quantity_number(q)} {word}"
        return quantity_words(q)
    text = c.object_text or c.object_display()
    if c.predicate == "group_type" and not noun:
        return with_article(text)
    return text


def _span(q: Qualifiers, eventive: bool) -> tuple[str, str]:
    """(prefix, suffix) for the dates of a claim: "As of June 2013, " / " from 2015 to 2020"."""
    prefix = suffix = ""
    if q.start and q.end:
        suffix = f" from {date_noun(q.start)} to {date_noun(q.end)}"
    elif q.start:
        suffix = f" from {date_noun(q.start)}"
    elif q.end:
        suffix = f" until {date_noun(q.end)}"
    if q.as_of and not (q.start or q.end):
        if eventive:
            suffix = f" {date_when(q.as_of)}"
        else:
            prefix = f"as of {date_noun(q.as_of)}, "
    return prefix, suffix


def _role(c: ClaimView, inverse: bool) -> str:
    q = c.qualifiers
    parts = []
    if q.role and c.predicate != "died":
        if c.predicate == "part_of" and not inverse:
            parts.append(f", as its {q.role}")
        elif c.predicate in ("leader", "member", "founded_by", "participated_in") and inverse:
            parts.append(f" (as {q.role})")
        else:
            parts.append(f" ({q.role})")
    if q.kind and c.predicate not in ("supported_by", "facility", "casualties"):
        parts.append(f" ({q.kind})")
    if q.kind and c.predicate == "supported_by" and q.kind not in SUPPORT_KINDS:
        parts.append(f" ({q.kind})")
    if c.predicate == "died" and q.role:
        parts.append(f" ({q.role})")
    return "".join(parts)


def clause(
    c: ClaimView, subject: str, *, inverse: bool = False, names: Names | None = None
) -> tuple[str, str]:
    """(prefix, core) of the clause a claim says: core starts with ``subject``."""
    pred = c.predicate
    q = c.qualifiers
    eventive = pred in EVENTIVE
    prefix, suffix = _span(q, eventive)
    past = bool(q.end) or bool(prefix) or (pred in ("casualties",) and bool(q.as_of))
    if inverse and pred in VOCABULARY.predicates and VOCABULARY.predicates[pred].symmetric:
        inverse_template = False
        obj = _name(c.subject, c.subject_name, names)
    else:
        inverse_template = inverse
        obj = value_text(c, inverse=inverse, names=names)
    if pred == "supported_by" and q.kind in SUPPORT_KINDS:
        table = SUPPORT_KINDS_INVERSE if inverse_template else SUPPORT_KINDS
        template = table[q.kind][1 if past else 0]
    elif pred == "facility" and q.kind and not inverse_template:
        template = f"{'had' if past else 'has'} {with_article(q.kind)} at {{o}}"
    elif inverse_template and pred in INVERSE and INVERSE[pred][0]:
        template = INVERSE[pred][1 if past else 0]
    elif inverse_template:
        # read the claim forward, naming the claim's own subject first
        forward = FORWARD.get(pred, (f"{VOCABULARY.predicates[pred].label} {{o}}",) * 2)
        core = forward[1 if past else 0].format(o=subject)
        return prefix, f"{_name(c.subject, c.subject_name, names)} {core}{_role(c, False)}{suffix}"
    else:
        template = FORWARD.get(pred, (f"{VOCABULARY.predicates[pred].label} {{o}}",) * 2)[1 if past else 0]
    return prefix, f"{subject} {template.format(o=obj)}{_role(c, inverse_template)}{suffix}"


_LEADING_DETERMINER = re.compile(r"^(?:(?:The|A|An)(?=\s+[a-z])|(?:Its|His|Her|Their|Our)(?=\s))")


def _mid_sentence(claimant: str) -> str:
    """A claimant as written inside a sentence: "The group" -> "the group", "Its Facebook page" ->
    "its Facebook page" (a name such as "The Washington Post" keeps its capital: the word after its
    article is capitalised too)."""
    return _LEADING_DETERMINER.sub(lambda m: m.group(0).lower(), claimant)


def hedged(prefix: str, core: str, hedge: str, claimed_by: Sequence[str]) -> str:
    """The clause with its hedge in words (no final full stop)."""
    body = prefix + core
    who = join_words([_mid_sentence(x) for x in claimed_by])
    if hedge == "doubted":
        if who:
            verb = "claim" if len(claimed_by) > 1 else "claims"
            return f"{capitalise(who)} {verb} that {body}, but the source disputes this"
        return f"It has been claimed that {body}, but the source disputes this"
    if hedge == "uncertain":
        return f"According to {who}, possibly {body}" if who else f"Possibly, {body}"
    if who:
        return f"According to {who}, {body}"
    if hedge == "reported":
        return f"Reportedly, {body}"
    return capitalise(body)


# ---------------------------------------------------------------------------
# statements from fact groups
# ---------------------------------------------------------------------------


def _attribution(group: ValueGroup) -> tuple[str, list[str]]:
    hedge = group.hedge
    if hedge == "asserted":
        # the author states it; claimants of other readings add nothing
        who = [c.qualifiers.claimed_by for c in group.claims if c.qualifiers.hedge == "asserted"]
        return hedge, [w for w in dict.fromkeys(who) if w]
    return hedge, group.claimed_by(hedge)


def statement_for(
    group: ValueGroup,
    subject: str,
    cites: Citations,
    *,
    inverse: bool = False,
    cls: str = "single",
    also: Sequence[ValueGroup] = (),
    names: Names | None = None,
) -> Statement:
    """One sentence for one value; ``also`` lists compatible values given at another precision."""
    rep = group.representative
    prefix, core = clause(rep, subject, inverse=inverse, names=names)
    hedge, who = _attribution(group)
    if group.doubted:
        hedge, who = "doubted", group.claimed_by()
    parts: list[Part] = [hedged(prefix, core, hedge, who)]
    numbers = cites.cite(group.claims)
    if numbers:
        parts.append(Cite(numbers))
    ids = list(group.claim_ids)
    for other in also:
        parts.append(f" (also given as {_value_phrase(other, names)}")
        more = cites.cite(other.claims)
        if more:
            parts.append(Cite(more))
        parts.append(")")
        ids.extend(other.claim_ids)
    parts.append(".")
    groups = [group, *also]
    return Statement(
        tuple(parts),
        tuple(ids),
        all(g.unreviewed for g in groups),
        DOUBTED if group.doubted else cls,
        group.date,
        rep.predicate,
    )


def _main(cluster: Sequence[ValueGroup]) -> ValueGroup:
    """The value to state first: the finest date, else the best supported."""
    return max(
        cluster, key=lambda g: (precision_rank(claim_date(g.first) or ""), len(g.claims), -cluster.index(g))
    )


def _value_phrase(group: ValueGroup, names: Names | None = None) -> str:
    c = group.representative
    text = value_text(c, noun=True, names=names)
    if VOCABULARY.predicates[c.predicate].series:
        d = c.qualifiers.as_of or c.qualifiers.start
        text += f" as of {date_noun(d)}" if d else " (undated)"
    return text


def disagreement(fact: FactGroup, subject: str, cites: Citations, names: Names | None = None) -> Statement:
    """ "Sources disagree on the founding of X: 2012, according to A [1][3]; 2015 [2]." """
    topic = TOPICS.get(fact.predicate, f"what {{s}} {VOCABULARY.predicates[fact.predicate].label}")
    parts: list[Part] = [f"Sources disagree on {topic.format(s=subject)}: "]
    clusters = fact.clusters if len(fact.clusters) > 1 else [[g] for g in fact.values]
    if any(g.date for g in fact.values):
        clusters = sorted(clusters, key=lambda cl: min(sort_key(g.date) for g in cl))
    ids: list[str] = []
    for i, cluster in enumerate(clusters):
        if i:
            parts.append("; ")
        main = _main(cluster)
        ordered = [main] + [g for g in cluster if g is not main]
        for j, g in enumerate(ordered):
            hedge, who = _attribution(g)
            phrase = _value_phrase(g, names)
            if who:
                phrase += f", according to {join_words(who)}"
            elif hedge == "reported":
                phrase += ", reportedly"
            elif hedge == "uncertain":
                phrase += ", possibly"
            if j == 0:
                parts.append(phrase)
            else:
                parts.append(f" (also given as {phrase}")
            numbers = cites.cite(g.claims)
            if numbers:
                parts.append(Cite(numbers))
            if j:
                parts.append(")")
            ids.extend(g.claim_ids)
    parts.append(".")
    unreviewed = all(g.unreviewed for g in fact.values)
    date = min((g.date for g in fact.values if g.date), default=None)
    return Statement(tuple(parts), tuple(ids), unreviewed, CONTRADICTION, date, fact.predicate)


def statements_for(
    fact: FactGroup, subject: str, cites: Citations, names: Names | None = None
) -> list[Statement]:
    """The sentences one fact group says: a disagreement or one sentence per value, then doubts."""
    out: list[Statement] = []
    if fact.cls == CONTRADICTION and len(fact.values) > 1:
        out.append(disagreement(fact, subject, cites, names))
    elif VOCABULARY.predicates[fact.predicate].functional and len(fact.values) > 1:
        main = _main(fact.values)
        rest = [g for g in fact.values if g is not main]
        out.append(
            statement_for(main, subject, cites, inverse=fact.inverse, cls=fact.cls, also=rest, names=names)
        )
    else:
        cls = fact.cls if fact.cls != DOUBTED else "single"
        plain = [g for g in fact.values if _plain(g, fact.inverse)]
        listed = len(plain) >= 2 and fact.predicate in LISTABLE
        if listed:
            out.append(list_statement(plain, fact, subject, cites, names))
        for g in fact.values:
            if not (listed and g in plain):
                out.append(statement_for(g, subject, cites, inverse=fact.inverse, cls=cls, names=names))
    for g in fact.doubted:
        out.append(statement_for(g, subject, cites, inverse=fact.inverse, cls=DOUBTED, names=names))
    return out


# Predicates whose plain values read well as one list ("took part in A [1], B [2] and C [3]").
LISTABLE = frozenset(
    {
        "group_type",
        "composition",
        "ideology",
        "activity",
        "participated_in",
        "opposed",
        "operates_in",
        "allied_with",
        "endorsed",
        "accused_of",
        "part_of",
        "member",
        "leader",
        "supported_by",
        "founded_by",
        "position",
        "located_in",
        "relative_of",
        "met_with",
    }
)


def _plain(group: ValueGroup, inverse: bool) -> bool:
    """A value its author states, with no dates, role, kind or claimant: it can join a list."""
    if group.hedge != "asserted" or _attribution(group)[1]:
        return False
    q = group.representative.qualifiers
    return not (q.start or q.end or q.as_of or q.role or q.kind)


def list_statement(
    groups: Sequence[ValueGroup], fact: FactGroup, subject: str, cites: Citations, names: Names | None
) -> Statement:
    """One sentence for several plain values, each with its own footnotes."""
    pred = fact.predicate
    symmetric = VOCABULARY.predicates[pred].symmetric
    inverse = fact.inverse and not symmetric
    if inverse and pred in INVERSE and INVERSE[pred][0]:
        template = INVERSE[pred][0]
    else:
        template = FORWARD.get(pred, (f"{VOCABULARY.predicates[pred].label} {{o}}",))[0]
    head, _, tail = template.partition("{o}")
    parts: list[Part] = [f"{capitalise(subject)} {head}"]
    ids: list[str] = []
    for i, g in enumerate(groups):
        if i:
            parts.append(" and " if i == len(groups) - 1 else ", ")
        c = g.representative
        if fact.inverse:
            parts.append(_name(c.subject, c.subject_name, names))
        else:
            parts.append(value_text(c, names=names))
        numbers = cites.cite(g.claims)
        if numbers:
            parts.append(Cite(numbers))
        ids.extend(g.claim_ids)
    parts.append(f"{tail}.")
    return Statement(
        tuple(parts),
        tuple(ids),
        all(g.unreviewed for g in groups),
        fact.cls if fact.cls != DOUBTED else "multiple",
        None,
        pred,
    )


def dated_key(s: Statement) -> tuple[int, str, str]:
    return sort_key(s.date)


__all__ = [
    "CHANGE",
    "Cite",
    "Part",
    "Statement",
    "claim_date",
    "clause",
    "disagreement",
    "hedged",
    "statement_for",
    "statements_for",
    "value_text",
]
