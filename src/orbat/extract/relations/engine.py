"""Running the relation rules over a document's sentences and assembling claims.

For each sentence: mask it (:mod:`.sentence`), run every rule of
:mod:`.rules`, resolve the slots to nodes (group references through
:class:`orbat.extract.coref.Salience`), type-check against the vocabulary,
attach qualifiers (a date in the clause by its cue; hedge and claimed_by from
:mod:`orbat.extract.hedges`, or from the quoted block the sentence sits in)
and evidence (the matched span, exact offsets).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from orbat.errors import OrbatError
from orbat.extract.coref import Salience, named_in_apposition, object_of_preposition, unit_of_word
from orbat.extract.dates import DateMatch
from orbat.extract.hedges import claimed_by, hedge_for
from orbat.extract.layout import Block, Layout
from orbat.extract.lexicon import PREPOSITIONS
from orbat.extract.quantities import QuantityMatch
from orbat.extract.relations.rules import COMPILED, Rule
from orbat.extract.relations.sentence import TOKEN, TYPE_OF_CODE, Item, Sentence, build
from orbat.extract.spans import Found
from orbat.model import VOCABULARY, Claim, DateValue, EntityRef, Evidence, Qualifiers, Quantity, TextValue
from orbat.model.values import ObjectValue

ENGINE_VERSION = "engine.v7"

_KIND_WORDS: dict[str, str] = {
    "train": "training",
    "instruct": "training",
    "weapon": "weapons",
    "arm": "weapons",
    "equip": "equipment",
    "salar": "salaries",
    "pay": "salaries",
    "wage": "salaries",
    "fund": "funding",
    "financ": "funding",
    "money": "funding",
    "overs": "organization",
    "supervis": "organization",
    "organi": "organization",
    "formali": "organization",
    "assist": "organization",
    "help": "organization",
    "advi": "advising",
    "logist": "logistics",
    "artillery": "artillery",
    "protect": "protection",
    "back": "backing",
    "support": "support",
    "sponsor": "funding",
    "paid": "funding",
    "bank": "funding",
    "underwr": "funding",
    "shap": "organization",
    "build": "organization",
}
_CASUALTY_UNITS = {"killed", "wounded", "killed and wounded", "casualties"}
_LOSS = re.compile(
    r"\b(?:lost|losing|loss(?:es)?\s+of|buried|burying|buries|mourned|mourning)\s*$", re.IGNORECASE
)
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|,?\s+(?:and|&)\s+(?:the\s+)?")
_BEFORE_VERB = re.compile(
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s*){1,5})?\s*(?:(?:all|both|together|jointly|also|then|later|each|\w+ly)\s+)*"
)
#: A relative clause's antecedent right before the match: "Besides the X (XX) that were set up in 2012"
#: (X is the subject of "were set up" even as the object of a preposition).
_ANTECEDENT = re.compile(r"⟨([A-Z])(\d+)⟩(?:\s*\([^()]{0,80}\))?\s*,?\s+(?:that|which|who)\s+(?:\w+ly\s+)?$")
#: Determiners and compound modifiers ("the Iranian-backed") between a preposition and a name.
_DETERMINERS_AT_END = re.compile(
    r"(?:\b(?:the|a|an|this|that|these)\s*|\b[A-Za-z]+-(?:backed|funded|sponsored|supported|led|allied|"
    r"affiliated|linked|aligned)\s+|\b[\w-]+['’]s\s+)+$",
    re.IGNORECASE,
)
_UNTIL = re.compile(r"\b(?:up\s+to|until|till|through|up\s+until)\s*$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_DATE_QUALS = ("start", "end", "as_of")
#: People a plural pronoun right after them refers to ("officials stated that they ...").
_PEOPLE_BEFORE = re.compile(
    r"\b(?:officials|sources|residents|activists|witnesses|analysts|observers|journalists|reporters|experts|"
    r"locals|critics|diplomats|spokesmen|commanders|leaders)\b[^.;,]{0,60}$",
    re.IGNORECASE,
)
#: The end of a parenthetical before a main verb: ", has notably", ", was".
_CLOSES = re.compile(
    r",\s*(?:(?:has|have|had|is|was|were|are|also|then|later|\w+ly)\s+)+(?:\w+(?:ed|s)\s+)?$", re.IGNORECASE
)
_STOP_WORDS = re.compile(r"\b(?:the|a|an|of|and|or|in|on|at|to|for|by|with|from|its|their|this|that)\b", re.I)
_UNLESS = {r.id: u for r, _ in COMPILED if (u := r.unless) is not None}


@dataclass
class Context:
    document: str
    text: str
    layout: Layout
    salience: Salience
    block_dates: dict[int, str]  # block start -> EDTF of its intro


def kinds_of(words: str) -> list[str]:
    low = words.casefold()
    out: list[str] = []
    for stem, kind in _KIND_WORDS.items():
        if re.search(r"\b" + stem, low) and kind not in out:
            out.append(kind)
    return out


def date_part(edtf: str, side: str = "start") -> str:
    """One end of an interval ("2012-11-01/2024-12-08" -> start 2012-11-01, end 2024-12-08)."""
    if "/" in edtf:
        a, b = edtf.split("/", 1)
        part = a if side == "start" else b
        return part if part and part != ".." else (b if side == "start" else a)
    return edtf


def _clean_text(t: str) -> str:
    t = re.sub(r"\s+", " ", t).strip(" ,:;-–—\"“”‘’'()[]")
    t = re.sub(r"^(?:the|a|an)\s+", "", t, flags=re.IGNORECASE)
    return t


_NEITHER = re.compile(r"\bneither\b[^.;]*\bnor\b", re.IGNORECASE)


class ClaimMaker:
    """Claims of one document."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.claims: list[Claim] = []
        self._seen: set[str] = set()

    def withdraw_unasserted(self, sent: Sentence, since: int) -> None:
        """Take back the claims made from ``sent`` (those after index ``since``) that it does not
        assert: every one when it is a question ("Did Iran fund X?"), those whose quote holds a
        "neither ... nor" ("Neither Iran nor Russia funded X")."""
        question = sent.text.rstrip(" \"'”’)").endswith("?")
        kept: list[Claim] = []
        for c in self.claims[since:]:
            ev = c.evidence[0] if c.evidence else None
            # the sentence up to the end of the quote: "Neither A nor B funded X" quotes "B funded X"
            upto = self.ctx.text[sent.start : ev.end] if ev is not None and ev.end is not None else ""
            if not (question or _NEITHER.search(upto)):
                kept.append(c)
        self.retain(kept, since)

    def retain(self, kept: Sequence[Claim], since: int = 0) -> None:
        """Keep, of the claims from index ``since`` on, those in ``kept`` (in their order): the others
        are taken back, and another rule may make the same claim again."""
        keep = {id(c) for c in kept}
        for c in self.claims[since:]:
            if id(c) not in keep:
                self._seen.discard(c.key())
        self.claims[since:] = kept

    # -- slot resolution ---------------------------------------------------------------

    def resolve(self, sent: Sentence, item: Item) -> Found | None:
        if item.found is not None:
            return item.found
        sal = self.ctx.salience
        if item.code == "A":
            ref = item.ref.casefold().split()
            if len(ref) == 1:  # it / its / they / their
                plural = ref[0] in {"they", "their", "them", "themselves"}
                if plural and _PEOPLE_BEFORE.search(
                    self.ctx.text, max(sent.start, item.start - 80), item.start
                ):
                    return None  # "officials stated that they received ...": the officials
                # the nearest group of the sentence that stands as a subject: not the object of
                # a preposition, not a possessive modifier ("the army's"); "the brigade" counts
                near: list[Found] = []
                for i in sent.items:
                    if i.end > item.start or self._after_preposition(sent, i):
                        continue
                    if self.ctx.text[i.end : i.end + 2] in {"'s", "’s"}:
                        continue
                    f = i.found if i.code != "A" else (self.resolve(sent, i) if i.ref.count(" ") else None)
                    if f is not None and f.type == "armed_group":
                        near.append(f)
                if near and not plural:
                    return near[-1]
                return sal.group_at(item.start)
            noun = ref[-1]
            plural = noun.endswith("s") and noun != "forces"
            unit = unit_of_word(noun)
            return sal.group_at(item.start, unit=unit, plural=plural or None)
        if item.code == "H":
            return sal.person_at(item.start)
        if item.code == "E":
            return sal.event_at(item.start)
        return None

    def _after_preposition(self, sent: Sentence, it: Item) -> bool:
        """The item is the object of a preposition ("commander of the Quds Force"), not a clause subject."""
        before = self.ctx.salience.masked[max(sent.start, it.start - 40) : it.start]
        if before.rstrip().endswith("("):
            return True  # "(IRGC)" after a name: an alias of that name, not a subject of its own
        if named_in_apposition(self.ctx.text, it.start):
            return False  # "X's wing, known as the Y, ...": Y names the subject
        before = _DETERMINERS_AT_END.sub("", before)
        w = _WORD_BEFORE.search(before)
        return bool(w and w.group(1).casefold() in PREPOSITIONS)

    def left_subject(self, sent: Sentence, mpos: int, codes: str, near: bool = False) -> Item | None:
        cands = [it for it in sent.items_in(0, mpos) if it.code in codes]
        if near and cands:
            return cands[-1]
        ante = _ANTECEDENT.search(sent.masked, max(0, mpos - 120), mpos)
        if ante is not None and ante.group(1) in codes:
            return sent.items[int(ante.group(2))]
        pos = sent.orig(mpos)
        for k, it in enumerate(reversed(cands)):
            # "X, in repelling Y attacks, has coordinated ...": Y sits in a parenthetical
            # that closes before the verb; the subject is the name before it opens
            if _CLOSES.search(self.ctx.text, max(it.end, pos - 80), pos):
                opener = next(
                    (
                        c
                        for c in reversed(cands[: len(cands) - 1 - k])
                        if self.ctx.text[c.end : c.end + 1] == ","
                    ),
                    None,
                )
                if opener is not None:
                    return opener
                break
        masked = self.ctx.salience.masked
        for it in reversed(cands):
            before = masked[max(sent.start, it.start - 40) : it.start]
            before = _DETERMINERS_AT_END.sub("", before)
            w = _WORD_BEFORE.search(before)
            if (
                w
                and w.group(1).casefold() in PREPOSITIONS
                and not named_in_apposition(self.ctx.text, it.start)
            ):
                continue
            if it.code != "A" and before.rstrip().endswith("("):
                continue  # "(IRGC)" after a name: another name of the name before it
            # "with Hezbollah and the Iraqi militia X in ...": X is still the preposition's object
            if it.code != "A" and object_of_preposition(masked, it.start):
                continue
            if self.ctx.text[it.end : it.end + 1] == "-":
                continue
            # "the Party's armed formation, stand ...": a possessive modifies the subject, is not it
            if self.ctx.text[it.end : it.end + 2] in {"'s", "’s"} and it.code != "A":
                continue
            return it
        return None

    def _coordinated(self, sent: Sentence, it: Item, verb_at: int, codes: str) -> list[Item]:
        """ "the 4th Division, the army's Special Forces and the Tiger Forces all fought": every
        member of a list that stands right before the verb is a subject."""
        if not _BEFORE_VERB.fullmatch(self.ctx.text, it.end, verb_at):
            return [it]
        out = [it]
        cur = it
        before = [i for i in sent.items if i.end <= it.start]
        while before:
            prev = before.pop()
            gap = self.ctx.text[prev.end : cur.start]
            if gap in {"'s ", "’s "}:
                cur = prev  # "the army's Special Forces": a modifier of the member after it
                continue
            if prev.code not in codes or prev.code == "A" or not _LIST_GAP.fullmatch(gap):
                break
            out.insert(0, prev)
            cur = prev
        if len(out) > 1 and object_of_preposition(self.ctx.salience.masked, out[0].start):
            return [it]
        return out

    # -- qualifiers --------------------------------------------------------------------

    def qualifiers(
        self,
        rule: Rule,
        predicate: str,
        sent: Sentence,
        a: int,
        b: int,
        kind: str | None,
        role: str | None,
        used_date: Item | None,
        doubted: bool = False,
    ) -> Qualifiers:
        allowed = VOCABULARY.predicate(predicate).qualifiers
        q: dict[str, str | None] = {}
        if kind and "kind" in allowed:
            q["kind"] = kind
        if role and "role" in allowed:
            q["role"] = role
        # a date in the clause
        if predicate not in {"founded", "dissolved", "died"}:
            d = self._date_near(sent, a, b, exclude=used_date)
            if d is not None and d.date is not None:
                role_ = rule.date_role or d.date.role
                edtf = d.date.edtf
                if role_ == "interval":
                    if "start" in allowed:
                        q["start"] = date_part(edtf, "start")
                    if "end" in allowed:
                        q["end"] = date_part(edtf, "end")
                else:
                    key = role_ if role_ in _DATE_QUALS else "as_of"
                    if key in allowed:
                        q[key] = date_part(edtf, "end" if key == "end" else "start")
        rel = (a - sent.start, b - sent.start)
        hedge, _cue = hedge_for(sent.text, rel)
        who = claimed_by(sent.text, rel)
        block = self.ctx.layout.block_at(a)
        if block is not None:
            if who is None:
                who = block.source
            if hedge == "asserted":
                hedge = "reported"
            if "as_of" in allowed and not any(k in q for k in _DATE_QUALS):
                bd = self.ctx.block_dates.get(block.start)
                if bd:
                    q["as_of"] = bd
        if doubted:
            hedge = "doubted"
        if who and hedge == "asserted":
            hedge = "reported"
        q["claimed_by"] = who
        q = {k: v for k, v in q.items() if v is not None}
        try:
            return Qualifiers(hedge=hedge, **q)
        except OrbatError:
            return Qualifiers(hedge=hedge)

    def _date_near(self, sent: Sentence, a: int, b: int, exclude: Item | None = None) -> Item | None:
        ds = [it for it in sent.items if it.code == "D" and it is not exclude]
        inside = [d for d in ds if a <= d.start and d.end <= b]
        if inside:
            return inside[0]
        after = [d for d in ds if b <= d.start <= b + 60]
        if after:
            return after[0]
        before = [d for d in ds if d.end <= a]
        return before[-1] if before else None

    # -- claim assembly ----------------------------------------------------------------

    def add(
        self,
        rule: Rule,
        predicate: str,
        subject: Found,
        obj: ObjectValue,
        sent: Sentence,
        a: int,
        b: int,
        kind: str | None = None,
        role: str | None = None,
        used_date: Item | None = None,
        doubted: bool = False,
        origin: str | None = None,
    ) -> None:
        pred = VOCABULARY.predicate(predicate)
        if not subject.node or not pred.allows_subject(subject.type):
            return
        if isinstance(obj, EntityRef) and obj.entity == subject.node:
            return
        quote_a, quote_b = max(a, sent.start), min(b, sent.end)
        if quote_b <= quote_a:
            return
        qual = self.qualifiers(rule, predicate, sent, quote_a, quote_b, kind, role, used_date, doubted)
        ev = Evidence.from_text(self.ctx.document, self.ctx.text, quote_a, quote_b)
        try:
            claim = Claim(
                subject=subject.node,
                predicate=predicate,
                object=obj,
                qualifiers=qual,
                evidence=(ev,),
                origin=origin or rule.origin,
            )
        except OrbatError:
            return
        key = claim.key()
        if key in self._seen:
            return
        self._seen.add(key)
        self.claims.append(claim.with_id())

    def entity_obj(self, predicate: str, f: Found | None) -> EntityRef | None:
        if f is None or not f.node:
            return None
        pred = VOCABULARY.predicate(predicate)
        if not pred.allows_object_type(f.type):
            return None
        return EntityRef(f.node)

    # -- the rules -----------------------------------------------------------------------

    def run_sentence(self, sent: Sentence) -> None:
        low = sent.text.casefold()
        for rule, rx in COMPILED:
            if rule.keyword and rule.keyword not in low:
                continue
            pos = 0
            while True:
                m = rx.search(sent.masked, pos)
                if m is None:
                    break
                self.apply(rule, m, sent)
                pos = m.start() + 1  # overlapping matches: "commander of X and secretary of Y, Z"

    def apply(self, rule: Rule, m: re.Match[str], sent: Sentence) -> None:
        unless = _UNLESS.get(rule.id)
        if unless is not None and unless.search(sent.masked, max(0, m.start() - 60), m.start()):
            return
        gd = m.groupdict()
        a_doc, b_doc = sent.orig(m.start()), sent.orig(m.end())
        # subjects
        subj_items: list[Item]
        if gd.get("s"):
            s_items = _heads(self.ctx.text, sent.items_in(m.start("s"), m.end("s")))
            subj_items = [it for it in s_items if it.code in rule.subj or it.code in "AH"]
        else:
            it = self.left_subject(sent, m.start(), rule.subj, rule.near)
            subj_items = [it] if it is not None else []
            if it is not None and not rule.near:
                subj_items = self._coordinated(sent, it, a_doc, rule.subj)
            # "the X branch of the Y, a militia ...": an apposition after a branch speaks of the network
            if it is not None and it.found is not None and it.found.kind == "branch" and it.found.parts:
                net = it.found.parts[-1]
                gap = self.ctx.text[it.end : a_doc]
                if net.end == it.found.end and gap.lstrip().startswith(","):
                    subj_items = [Item(it.code, net.start, net.end, found=net)]
        subjects: list[tuple[Found, int]] = []
        t_span = (sent.orig(m.start("t")), sent.orig(m.end("t"))) if gd.get("t") else None
        for it in subj_items:
            f = self.resolve(sent, it)
            if f is not None and it.code == "A" and t_span and t_span[0] <= f.start and f.end <= t_span[1]:
                # "Shabiha members joined its ranks": "its" is not the group named in the text object
                f = self.ctx.salience.group_at(t_span[0])
            if f is not None:
                subjects.append((f, it.start))
        if not subjects and rule.topic and not gd.get("s") and not any(it.code == "A" for it in subj_items):
            f = self.ctx.salience.group_at(a_doc)
            if f is not None:
                subjects.append((f, a_doc))
        if not subjects:
            return
        kind = rule.kind
        role = rule.role
        if gd.get("r"):
            role = _clean_text(m.group("r")) or role
            if role and rule.predicate in {"member", "relative_of"}:
                role = _singular(role)  # "his deputies have included X", "the brothers A and B"
        kinds = kinds_of(m.group("k")) if gd.get("k") else []
        if gd.get("k") and not kinds and rule.predicate == "facility":
            kinds = [re.sub(r"s$", "", _clean_text(m.group("k")).casefold())]
        if gd.get("k") and not kinds and rule.predicate == "supported_by":
            return
        p = rule.predicate
        if rule.id == "leader.title_before" and role == "commander":
            pre = self.ctx.text[max(sent.start, subjects[0][1] - 30) : subjects[0][1]]
            if re.search(r"\b(?:the|a|an|one|another)\s+(?:[a-z]+\s+)?$", pre):
                p = "member"
        # objects
        objects: list[
            tuple[ObjectValue, int, int, Item | None, bool]
        ] = []  # value, start, end, date item, doubted
        if rule.obj == "date":
            d = self._date_near(sent, a_doc, b_doc)
            if (
                d is not None
                and p in {"founded", "dissolved"}
                and _UNTIL.search(self.ctx.text, max(sent.start, d.start - 20), d.start)
            ):
                return  # "its dead since it was formed, up to the start of this year": a bound, not the date
            if d is None or d.date is None:
                # a death told in a dated post or statement happened by its date
                bd = self._block_date(a_doc) if p == "died" else None
                if bd is None:
                    return
                objects.append((DateValue(".." + bd), a_doc, b_doc, None, False))
            else:
                edtf = date_part(d.date.edtf, "end" if p == "dissolved" else "start")
                objects.append((DateValue(edtf), d.start, d.end, d, False))
        elif rule.obj == "text":
            t = _clean_text(self.ctx.text[sent.orig(m.start("t")) : sent.orig(m.end("t"))])
            if len(t) < 3 or not re.search(r"\w", _STOP_WORDS.sub("", t)):
                return
            for piece in _split_text(p, t):
                objects.append(
                    (TextValue(piece), sent.orig(m.start("t")), sent.orig(m.end("t")), None, False)
                )
        elif rule.obj == "quantity":
            it = sent.items_in(m.start("o"), m.end("o"))[0]
            qm = it.quantity
            if qm is None or not self._quantity_fits(p, qm, sent):
                return
            qty = qm.quantity
            if p == "casualties" and qty.unit not in _CASUALTY_UNITS:
                qty = Quantity(value=qty.value, min=qty.min, max=qty.max, approx=qty.approx, unit="killed")
            if p == "casualties":
                kind = qty.unit
            subjects = self._quantity_subjects(sent, it) or subjects
            objects.append((qty, it.start, it.end, None, qm.doubted))
        elif p == "operates_in" and rule.id == "operates.established_in":
            self._established_in(rule, m, sent, subjects)
            return
        elif gd.get("o"):
            o_first = m.start("o") == m.start()
            o_items = _heads(self.ctx.text, sent.items_in(m.start("o"), m.end("o")))
            for it in o_items:
                if self.ctx.text[it.end : it.end + 1] == "-" and it is not o_items[-1]:
                    continue  # "the Iranian-backed X": a modifier of the object, not an object
                if it.code == "A" and o_first and self._after_preposition(sent, it):
                    continue  # "the creation of the force, and Hezbollah helped": not a clause subject
                if it.code == "D":
                    if it.date is not None:
                        objects.append((DateValue(date_part(it.date.edtf)), it.start, it.end, it, False))
                    continue
                f = self.resolve(sent, it)
                ref = self.entity_obj(p, f)
                if ref is not None:
                    objects.append((ref, it.start, it.end, None, False))
        if not objects:
            return
        obj_nodes = frozenset(o.entity for o, *_ in objects if isinstance(o, EntityRef))
        for k, (subj, s_pos) in enumerate(subjects):
            if subj.node in obj_nodes and any(
                it.code == "A" and it.start == s_pos and " " not in it.ref for it in subj_items
            ):
                # "Hezbollah helped to train its recruits": the pronoun means another group
                other = self.ctx.salience.other_group_at(s_pos, obj_nodes)
                if other is not None:
                    subjects[k] = (other, s_pos)
        for subj, s_pos in subjects:
            for obj, o_a, o_b, dit, doubted in objects:
                a = min(a_doc, o_a, s_pos if sent.start <= s_pos < sent.end else a_doc)
                b = max(b_doc, o_b)
                if rule.swap and isinstance(obj, EntityRef):
                    continue
                kind_list: list[str | None] = list(kinds) if kinds else [kind]
                for kd in kind_list:
                    self.add(
                        rule, p, subj, obj, sent, a, b, kind=kd, role=role, used_date=dit, doubted=doubted
                    )

    def _block_date(self, pos: int) -> str | None:
        """The date of the quoted post or statement ``pos`` lies in, if its introduction gives one."""
        block = self.ctx.layout.block_at(pos)
        if block is None:
            return None
        return self.ctx.block_dates.get(block.start)

    def _quantity_fits(self, p: str, qm: QuantityMatch, sent: Sentence) -> bool:
        unit = qm.quantity.unit or ""
        before = self.ctx.text[max(sent.start, qm.start - 40) : qm.start]
        loss = bool(_LOSS.search(before))
        if p == "size":
            return unit == "fighters" and not loss
        if p == "casualties":
            return unit in _CASUALTY_UNITS or (unit == "fighters" and loss)
        if p == "salary":
            return "/" in unit or unit.isupper()
        return False

    def _quantity_subjects(self, sent: Sentence, it: Item) -> list[tuple[Found, int]]:
        """ "a 500-strong women's wing called X": the group right after the number."""
        after = [
            i
            for i in sent.items
            if it.end <= i.start <= it.end + 60 and i.found is not None and i.found.type == "armed_group"
        ]
        if after and re.search(r"-strong\b", self.ctx.text[it.start : it.end + 8]):
            f = after[0].found
            assert f is not None
            return [(f, after[0].start)]
        return []

    def _established_in(
        self, rule: Rule, m: re.Match[str], sent: Sentence, subjects: list[tuple[Found, int]]
    ) -> None:
        """ "centers were established in A and B in 2012, in C by late 2013": each place with the next date."""
        items = sent.items_in(m.start("o"), m.end("o"))
        pending: list[Item] = []
        for it in items:
            if it.code in "LS":
                pending.append(it)
            elif it.code == "D" and pending:
                for pl in pending:
                    self._emit_place(rule, sent, subjects, pl, it)
                pending = []
        for pl in pending:
            self._emit_place(rule, sent, subjects, pl, None)

    def _emit_place(
        self, rule: Rule, sent: Sentence, subjects: list[tuple[Found, int]], pl: Item, d: Item | None
    ) -> None:
        f = self.resolve(sent, pl)
        ref = self.entity_obj("operates_in", f)
        if ref is None:
            return
        end = d.end if d is not None else pl.end
        for subj, _pos in subjects:
            self.add(rule, "operates_in", subj, ref, sent, pl.start, end)


def _heads(text: str, items: list[Item]) -> list[Item]:
    """The items of a slot without possessive modifiers: "Iran's Quds Force" is the Quds Force."""
    out = []
    for k, it in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        if nxt is not None and text[it.end : it.end + 2] in {"'s", "’s"} and nxt.start - it.end <= 4:
            continue
        out.append(it)
    return out


def _singular(role: str) -> str:
    """The role one person holds, from a plural noun ("deputies" -> "deputy", "brothers" -> "brother")."""
    words = role.split()
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _split_text(predicate: str, t: str) -> list[str]:
    """Free text split into its coordinated parts where the predicate lists several (activities)."""
    if predicate == "activity":
        parts = re.split(r",\s+(?:and\s+)?(?=\w+ing\b)|\s+and\s+(?=\w+ing\b)", t)
        return [p.strip() for p in parts if len(p.strip()) > 3]
    if predicate == "accused_of":
        t = re.split(r",\s*(?:for\s+instance|such\s+as|including|e\.g\.)", t)[0]
    if predicate in {"composition", "group_type", "ideology"}:
        t = re.split(r",\s+(?:who|which|that|while|but)\b|\s+\(", t)[0]
        # "... sects of Islam and are loyal to ...": the next verb phrase is another claim
        t = re.split(r"\s+(?:and|but|while)\s+(?:are|is|was|were|have|has|had|also|remain(?:s|ed)?)\b", t)[0]
    if predicate == "composition":
        # "members of the A and B sects", "A or B": one claim per people named
        t = re.sub(r"^(?:(?:members|fighters|men|people|residents|volunteers)\s+of\s+)(?:the\s+)?", "", t)
        parts = [p.strip() for p in re.split(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+", t) if p.strip()]
        if 1 < len(parts) <= 4 and all(len(p.split()) <= 4 and p[:1].isupper() for p in parts):
            return parts  # named communities ("Alawite and Shia"), not "young and unemployed men"
    return [t.strip()] if t.strip() else []


def bucket(items: list[tuple[int, int]], sentences: list[tuple[int, int]]) -> list[list[int]]:
    """Indices of the (start, end) items that fall inside each sentence (both sorted by start)."""
    starts = [s for s, _ in items]
    out: list[list[int]] = []
    for a, b in sentences:
        i = bisect.bisect_left(starts, a)
        idx = []
        while i < len(items) and items[i][0] < b:
            if items[i][1] <= b:
                idx.append(i)
            i += 1
        out.append(idx)
    return out


def sentence_views(
    text: str,
    sentences: list[tuple[int, int]],
    found: list[Found],
    dates: list[DateMatch],
    quantities: list[QuantityMatch],
) -> Iterator[Sentence]:
    found = sorted(found, key=lambda f: f.start)
    fb = bucket([(f.start, f.end) for f in found], sentences)
    db = bucket([(d.start, d.end) for d in dates], sentences)
    qb = bucket([(q.start, q.end) for q in quantities], sentences)
    for k, (a, b) in enumerate(sentences):
        yield build(
            text, a, b, [found[i] for i in fb[k]], [dates[i] for i in db[k]], [quantities[i] for i in qb[k]]
        )


def block_sources(blocks: Iterable[Block]) -> dict[int, str | None]:
    return {b.start: b.source for b in blocks}


__all__ = ["TOKEN", "TYPE_OF_CODE", "ClaimMaker", "Context", "date_part", "kinds_of", "sentence_views"]
