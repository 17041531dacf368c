"""Claims read from structure rather than from one sentence pattern.

* infobox fields (founded/dissolved dates, type, role, size, garrison,
  battles, commanders with their labels);
* regional branches ("Latakia NDF" -> part_of NDF, operates_in Latakia);
* alias links ("X (Y)", acronyms, "also known as");
* positions from titles ("Syrian President X", "the secretary of Y, X",
  "X is a research fellow at Y");
* where an event took place ("the battle of X", "the 2016 X offensive").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from orbat.extract.dates import DateMatch
from orbat.extract.lexicon import PREPOSITIONS, ROLE_NOUNS
from orbat.extract.quantities import QuantityMatch
from orbat.extract.relations.engine import ClaimMaker, _clean_text, date_part
from orbat.extract.relations.rules import Rule
from orbat.extract.relations.sentence import TOKEN, Sentence, build
from orbat.extract.spans import AliasLink, Found
from orbat.model import VOCABULARY, DateValue, EntityRef, TextValue

SentenceAt = Callable[[int, int], Sentence | None]

SPECIAL_VERSION = 2

INFOBOX = Rule("infobox", "participated_in", "")
BRANCH = Rule("branch", "part_of", "")
ALIAS = Rule("alias.definition", "alias", "")
POSITION = Rule("position.title", "position", "")
RELATIVE = Rule("relative.unnamed", "relative_of", "")
EVENT_PLACE = Rule("located.event_name", "located_in", "")

_ROLE = (
    r"(?:supreme\s+leader|prime\s+minister|secretary-general|"
    + "|".join(sorted((re.escape(r) for r in ROLE_NOUNS), key=len, reverse=True))
    + r")"
)
_POS_BEFORE = re.compile(
    r"(?:^|\b(?:the|a|an|by|for|of|and|with|from|to|as|that|which|who|whom|whose)\s+|[,(“\"]\s*)(?P<t>(?:(?:⟨[GOSL]\d+⟩|(?!(?:that|which|who|whom|whose|when|where)\b)[A-Za-z][\w’'-]*)\s+){0,3}?"
    + _ROLE
    + r")(?![\w’'-])\s+(?P<s>⟨P\d+⟩)",
    re.IGNORECASE,
)
_POS_OF = re.compile(
    r"(?P<t>(?:then-|former\s+|original\s+|current\s+)?"
    + _ROLE
    + r"(?![\w’'-])\s+(?:of|at|for)\s+(?:the\s+)?⟨[GOSL]\d+⟩"
    r"(?:[’']s\s+[\w\s’'-]{0,30}?)?)\s*[,:]\s*(?P<s>⟨P\d+⟩)",
    re.IGNORECASE,
)
_POS_AFTER = re.compile(
    r"(?P<s>⟨P\d+⟩)\s*(?:,\s*(?:the|a|an)\s+|\s+(?:is|was)\s+(?:a|an|the)\s+)(?P<t>(?:[\w’'-]+\s+){0,3}?"
    + _ROLE
    + r"(?![\w’'-])(?:\s+(?:of|at|for|in)\s+(?:the\s+)?(?:⟨[GOSL]\d+⟩|[A-Z][\w’'-]*)(?:[’']s\s+(?:[A-Z][\w’'-]*\s*){1,3}(?:project|division|unit)?)?)?)",
    re.IGNORECASE,
)
_NOT_TITLE = frozenset(
    ["the", "a", "an", "by", "for", "of", "and", "with", "from", "his", "her", "their", "its"]
)
#: Words that frame a mention rather than describe a role ("according to the researcher X",
#: "a directorate that Brigadier General X", "named Brigadier-General X"): a title starts after
#: the last of them before its role noun.
_FRAME_WORDS = PREPOSITIONS | frozenset(
    [
        *("according", "that", "which", "who", "whom", "whose", "named", "called", "dubbed", "appointed"),
        *("be", "been", "being", "is", "was", "are", "were", "became", "become", "said", "says", "told"),
        *("tells", "wrote", "writes", "quoted", "cited", "citing", "per", "and", "or", "but", "while"),
        *("when", "where", "whereas", "then", "also", "now"),
    ]
)
_ROLE_WORD = re.compile(r"(?:^|[-‐])" + _ROLE + r"$", re.IGNORECASE)


def _title_words(words: list[str]) -> list[str]:
    """The words of a title from its role noun phrase on: frame words before the role cut."""
    role = next((k for k, w in enumerate(words) if _ROLE_WORD.search(w.strip(",;:"))), 0)
    cut = 0
    for k in range(role):
        if words[k].casefold() in _FRAME_WORDS:
            cut = k + 1
    return words[cut:]


def positions(maker: ClaimMaker, sent: Sentence) -> None:
    for rx in (_POS_OF, _POS_AFTER, _POS_BEFORE):
        for m in rx.finditer(sent.masked):
            p_item = sent.items_in(m.start("s"), m.end("s"))
            if not p_item or p_item[0].found is None:
                continue
            a, b = sent.orig(m.start("t")), sent.orig(m.end("t"))
            title = _clean_text(maker.ctx.text[a:b])
            words = _title_words(title.split())
            while words and words[0].casefold() in _NOT_TITLE:
                words = words[1:]
            title = " ".join(words)
            if len(title) < 3:
                continue
            s_a, s_b = sent.orig(m.start()), sent.orig(m.end())
            k = maker.ctx.text.find(title, a, b)
            if k != -1 and m.start("s") > m.start("t"):
                s_a = k  # the quote starts at the title ("the researcher X", not "according to ...")
            maker.add(POSITION, "position", p_item[0].found, TextValue(title), sent, s_a, s_b)


def aliases(maker: ClaimMaker, links: list[AliasLink], sentence_at: SentenceAt) -> None:
    for link in links:
        sent = sentence_at(link.start, link.end)
        if sent is None:
            continue
        maker.add(ALIAS, "alias", link.main, TextValue(link.alias.name), sent, link.start, link.end)


def branches(maker: ClaimMaker, found: list[Found], sentence_at: SentenceAt) -> None:
    for f in found:
        if f.kind == "subunit" and f.parts and f.parts[0].node:
            sent = sentence_at(f.start, f.end)
            if sent is not None:
                maker.add(BRANCH, "part_of", f, EntityRef(f.parts[0].node), sent, f.start, f.end)
            continue
        if f.kind != "branch" or len(f.parts) != 2:
            continue
        place, net = f.parts
        sent = sentence_at(f.start, f.end)
        if sent is None or not net.node or not place.node:
            continue
        maker.add(BRANCH, "part_of", f, EntityRef(net.node), sent, f.start, f.end)
        if f.type == "armed_group":
            maker.add(BRANCH, "operates_in", f, EntityRef(place.node), sent, f.start, f.end)


_COPULA_BEFORE = re.compile(r"\s+(?:is|was|is\s+also|was\s+also|being)\s+$")


def relatives(maker: ClaimMaker, found: list[Found], sentence_at: SentenceAt) -> None:
    """ "Khalid’s brother": relative_of(Khalid, the brother).

    When the sentence says who that relative is ("Omar al-Hassan, the
    candidate it backed, is Khalid’s brother"), the claim joins the named
    person instead.
    """
    for f in found:
        if f.kind != "relative" or not f.parts:
            continue
        sent = sentence_at(f.start, f.end)
        base = f.parts[0]
        if sent is None or not base.node or not f.node:
            continue
        named = _named_relative(maker.ctx.text, sent, f)
        target = named if named is not None else f
        if not target.node:
            continue
        a = min(target.start, f.start)
        maker.add(
            RELATIVE, "relative_of", base, EntityRef(target.node), sent, a, f.end, role=f.extra.get("kin")
        )


def _named_relative(text: str, sent: Sentence, f: Found) -> Found | None:
    """The person a copula or an apposition names as the relative ``f``: "X is Khalid’s brother",
    "X, ..., was his son", "X, a cousin of Y"."""
    before = [it for it in sent.items if it.end <= f.start and it.found is not None and it.found is not f]
    prev = before[-1].found if before else None
    if (
        prev is not None
        and prev.type == "person"
        and re.fullmatch(r"\s*,\s*", text[before[-1].end : f.start])
    ):
        return prev
    cop = _COPULA_BEFORE.search(text, sent.start, f.start)
    if cop is None:
        return None
    people = [
        it
        for it in sent.items
        if it.end <= cop.start() and it.found is not None and it.found.type == "person" and it.found is not f
    ]
    if not people:
        return None
    last = people[-1]
    gap = text[last.end : cop.start()]
    if gap.strip() and not (gap.lstrip().startswith(",") and gap.rstrip().endswith(",")):
        return None
    if any(last.end <= it.start and it.end <= cop.start() and it.code in "PH" for it in sent.items):
        return None
    return last.found


def event_places(maker: ClaimMaker, found: list[Found], sentence_at: SentenceAt) -> None:
    for f in found:
        if f.type != "event" or not f.parts:
            continue
        sent = sentence_at(f.start, f.end)
        if sent is None:
            continue
        for part in f.parts:
            if part.type == "place" and part.node:
                maker.add(EVENT_PLACE, "located_in", f, EntityRef(part.node), sent, f.start, f.end)


def infobox(
    maker: ClaimMaker,
    found: list[Found],
    dates: list[DateMatch],
    quantities: list[QuantityMatch],
    subject: Found | None,
) -> None:
    layout = maker.ctx.layout
    text = maker.ctx.text
    if subject is None or not layout.fields:
        return
    labels = {f.norm_key: f for f in layout.fields}
    for fld in layout.fields:
        key = fld.norm_key
        base = key.rstrip("0123456789 ")
        a, b = fld.start, fld.value_end
        sent = build(
            text,
            a,
            b,
            [x for x in found if a <= x.start and x.end <= b],
            [d for d in dates if a <= d.start and d.end <= b],
            [q for q in quantities if a <= q.start and q.end <= b],
        )
        ents = [it for it in sent.items if it.found is not None]
        ds = [it for it in sent.items if it.code == "D" and it.date is not None]
        if base in _ENTITY_FIELDS:
            predicate, tag = _ENTITY_FIELDS[base]
            allowed = VOCABULARY.predicate(predicate)
            for it in ents:
                f = it.found
                if f is not None and f.node and allowed.allows_object_type(f.type):
                    maker.add(
                        INFOBOX,
                        predicate,
                        subject,
                        EntityRef(f.node),
                        sent,
                        a,
                        b,
                        origin=f"rule:infobox.{tag}@1",
                    )
        elif base in _TEXT_FIELDS:
            predicate, tag = _TEXT_FIELDS[base]
            for part in _items(fld.value):
                maker.add(
                    INFOBOX, predicate, subject, TextValue(part), sent, a, b, origin=f"rule:infobox.{tag}@1"
                )
        elif base in _DATE_FIELDS and ds:
            d = ds[0].date
            assert d is not None
            maker.add(
                INFOBOX,
                "founded",
                subject,
                DateValue(date_part(d.edtf, "start")),
                sent,
                a,
                b,
                origin="rule:infobox.founded@1",
            )
            if "/" in d.edtf and not d.edtf.endswith("/.."):
                maker.add(
                    INFOBOX,
                    "dissolved",
                    subject,
                    DateValue(date_part(d.edtf, "end")),
                    sent,
                    a,
                    b,
                    origin="rule:infobox.dissolved@1",
                )
        elif base in {"disbanded", "dissolved", "defunct"} and ds:
            d = ds[0].date
            assert d is not None
            maker.add(
                INFOBOX,
                "dissolved",
                subject,
                DateValue(date_part(d.edtf, "end")),
                sent,
                a,
                b,
                origin="rule:infobox.dissolved@1",
            )
        elif base in {"type", "branch type"}:
            for part in _items(fld.value):
                maker.add(
                    INFOBOX, "group_type", subject, TextValue(part), sent, a, b, origin="rule:infobox.type@1"
                )
        elif base in {"role", "roles"}:
            for part in _items(fld.value):
                maker.add(
                    INFOBOX, "activity", subject, TextValue(part), sent, a, b, origin="rule:infobox.role@1"
                )
        elif base in {"size", "strength"}:
            qs = [it for it in sent.items if it.code == "Q" and it.quantity is not None]
            if qs and qs[0].quantity is not None:
                maker.add(
                    INFOBOX,
                    "size",
                    subject,
                    qs[0].quantity.quantity,
                    sent,
                    a,
                    b,
                    origin="rule:infobox.size@1",
                )
        elif base in {"garrison", "headquarters", "hq", "garrison hq"}:
            places = [it for it in ents if it.found is not None and it.found.type in {"place", "state"}]
            elements = fld.value.casefold().find("elements in")
            for k, it in enumerate(places):
                f = it.found
                assert f is not None
                if k == 0:
                    maker.add(
                        INFOBOX,
                        "headquarters",
                        subject,
                        EntityRef(f.node),
                        sent,
                        a,
                        b,
                        origin="rule:infobox.hq@1",
                    )
                    if k + 1 < len(places) and text[it.end : places[k + 1].start].strip() == ",":
                        nxt = places[k + 1].found
                        assert nxt is not None
                        maker.add(
                            INFOBOX,
                            "located_in",
                            f,
                            EntityRef(nxt.node),
                            sent,
                            it.start,
                            places[k + 1].end,
                            origin="rule:infobox.located@1",
                        )
                elif elements != -1 and it.start >= fld.value_start + elements:
                    maker.add(
                        INFOBOX,
                        "operates_in",
                        subject,
                        EntityRef(f.node),
                        sent,
                        it.start,
                        it.end,
                        origin="rule:infobox.elements@1",
                    )
        elif base in {"battles", "wars", "engagements", "conflicts", "battles and wars", "battles/wars"}:
            for it in ents:
                f = it.found
                if f is not None and f.type == "event":
                    maker.add(
                        INFOBOX,
                        "participated_in",
                        subject,
                        EntityRef(f.node),
                        sent,
                        it.start,
                        it.end,
                        origin="rule:infobox.battles@1",
                    )
        elif re.fullmatch(r"(?:(?:notable|current|former)\s+)?(?:commander|leader|founder)s?\d*", key):
            persons = [it for it in ents if it.found is not None and it.found.type == "person"]
            label = labels.get(key + " label")
            role = label.value.strip() if label else ("founder" if key.startswith("founder") else "commander")
            for it in persons[:1]:
                f = it.found
                assert f is not None
                pred = "founded_by" if key.startswith("founder") else "leader"
                maker.add(
                    INFOBOX,
                    pred,
                    subject,
                    EntityRef(f.node),
                    sent,
                    a,
                    b,
                    role=role,
                    origin=f"rule:infobox.{pred}@1",
                )
                if label is not None and re.search(r"\b(?:of|President|Minister|Chief|General)\b", role):
                    maker.add(
                        INFOBOX,
                        "position",
                        f,
                        TextValue(role),
                        sent,
                        a,
                        label.value_end,
                        origin="rule:infobox.position@1",
                    )
        elif base in {"unit name", "name"}:
            title = layout.title
            if title is not None and title.text.strip() != fld.value.strip():
                maker.add(
                    INFOBOX,
                    "alias",
                    subject,
                    TextValue(title.text.strip()),
                    sent,
                    a,
                    b,
                    origin="rule:infobox.alias@1",
                )


#: Infobox fields whose value lists entities: field -> (predicate, rule tag). Only the entities whose
#: type the predicate takes as object are claimed ("Allies: Hezbollah, Iran" -> allied_with each).
_ENTITY_FIELDS = {
    "part of": ("part_of", "part_of"),
    "parent": ("part_of", "part_of"),
    "parent unit": ("part_of", "part_of"),
    "parent organization": ("part_of", "part_of"),
    "allies": ("allied_with", "allies"),
    "allied with": ("allied_with", "allies"),
    "opponents": ("opposed", "opponents"),
    "opponent": ("opposed", "opponents"),
    "adversaries": ("opposed", "opponents"),
    "enemies": ("opposed", "opponents"),
    "area of operations": ("operates_in", "area"),
    "area of operation": ("operates_in", "area"),
    "areas of operation": ("operates_in", "area"),
    "active regions": ("operates_in", "area"),
    "active region": ("operates_in", "area"),
    "operations area": ("operates_in", "area"),
}
#: Infobox fields whose value lists short texts: field -> (predicate, rule tag).
_TEXT_FIELDS = {
    "ideology": ("ideology", "ideology"),
    "ideologies": ("ideology", "ideology"),
    "nickname": ("alias", "alias"),
    "nicknames": ("alias", "alias"),
    "nickname(s)": ("alias", "alias"),
    "also known as": ("alias", "alias"),
    "other names": ("alias", "alias"),
    "other name": ("alias", "alias"),
}
#: Infobox fields whose date (or date range) is when the group was active.
_DATE_FIELDS = frozenset(
    {"dates", "founded", "formation", "formed", "established", "active", "dates of operation", "years active"}
)


def _items(value: str) -> list[str]:
    return [p.strip(" *") for p in re.split(r"\s*[,;]\s*", value) if p.strip(" *")]


__all__ = ["TOKEN", "aliases", "branches", "event_places", "infobox", "positions", "relatives"]
