"""Claims from the dependency parse: verb frames (:mod:`.frames`) over spaCy's parser.

The regex rules of :mod:`.rules` need an exact word order; this reader takes the
verb's arguments from the parse instead, so new phrasings of known relations
are caught ("the Eagle Brigade, which Iran had quietly armed", "the brigade was
trained and equipped by Hezbollah").

For each sentence that holds a group and another typed mention and a frame
word, the sentence is parsed (tok2vec + parser of the small English model,
run on the sentence alone, so the document's rule sentence boundaries are
untouched). For each token whose lemma (:data:`.frames.VERB_FORMS`) has
frames:

* the logical subject is ``nsubj`` (or the "by" agent of a passive), the
  antecedent of a relative "which/that/who", the noun an ``acl`` participle
  modifies, or the subject of the verb it is coordinated with / controlled by
  (``conj``, ``xcomp``, ``advcl``); coordinated subjects each count;
* the object is ``dobj`` (the passive subject in the passive) or the object of
  the frame's prepositions, with its coordinated objects;
* each end maps to the typed mention covering it (a group pronoun or "the
  brigade" resolved by the engine's salience; "its fighters", "fighters of X"
  stand for the group; an apposition or a copula's attribute for its subject);
* nominal frames read a copula's attribute or an apposition ("X is a close
  ally of Y", "X, a branch of Y,") with its "of" phrase;
* a claim is emitted when both ends are typed entity mentions whose types the
  predicate (and the frame) allows; the engine's helpers give the qualifiers
  (hedge, claimed_by, dates) and the evidence quote.

Skipped: negated clauses ("did not", "never", "no longer"), modal or
conditional ones ("would", "could", "if"), clauses under verbs like "deny",
"refuse", "plan", "threaten", and questions. A claim a regex rule already made
for the same (subject, predicate, object) in the sentence is not made again,
and a rule's claim whose quote holds a frame word of its predicate in a clause
that is not asserted is dropped (:meth:`DepReader.asserted`).
Each claim's origin is ``dep:<frame id>@<version>``.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Token

from orbat.extract.relations.engine import ClaimMaker, date_part, kinds_of
from orbat.extract.relations.frames import (
    BY_LEMMA,
    FRAMES_VERSION,
    NOUN_BY_LEMMA,
    NOUN_FORMS,
    TRIGGERS,
    VERB_FORMS,
    Frame,
)
from orbat.extract.relations.rules import Rule
from orbat.extract.relations.sentence import Item, Sentence
from orbat.extract.spans import Found
from orbat.model import VOCABULARY, Claim, DateValue, EntityRef
from orbat.model.values import ObjectValue

DEP_VERSION = f"{FRAMES_VERSION}"

Parser = Callable[[list[str]], Iterable[Doc]]


def _words(s: str) -> frozenset[str]:
    """A lexicon written as one string."""
    return frozenset(s.split())


_MODALS = _words("would could should might will shall can must may 'd 'll wo ca")
#: Governing words under which a clause is not asserted ("denied that Iran trained X", "plans to attack").
_BLOCKERS = _words(
    "deny denied denies denying refuse refused refuses fail failed fails reject rejected decline "
    "declined plan planned plans planning intend intended intends seek sought seeks want wanted wants "
    "threaten threatened threatens aim aimed aims hope hoped hopes try tried tries attempt attempted "
    "propose proposed consider considered urge urged ask asked call called stop stopped cease ceased "
    "avoid avoided prevent prevented refrain refrained expected supposed able unable ready willing "
    "prepared prepare preparing wish wished whether rumoured rumored dismissed dismiss doubt doubted "
    "question questioned"
)
_CONDITIONAL = _words("if unless whether lest until")
_RELATIVE = _words("which that who whom")
#: Nouns for a group's people ("its fighters attacked", "fighters of X joined the battle").
_MEMBER_NOUNS = _words(
    "fighters members men units troops elements militiamen recruits volunteers cadres detachments "
    "contingent contingents gunmen personnel ranks forces instructors advisers advisors trainers "
    "officers experts"
)
_PARTICIPLES = _words("led built paid fought taken given sent set run brought put")
_SUBJ = ("nsubj", "nsubjpass")
_PORTIONS = _words("most much all some part bulk share half")
#: Nouns of an act done to a group, whose "of" names the group.
_NOMINALS = _words("formation creation establishment founding training arming funding financing")
_ONE_OF = _words("one some many most each all two three several both")
_WRAPPERS = _words(
    "umbrella banner command auspices leadership framework formation control wing structure ranks"
)
_COPULAS = _words("is are was were be been being remains remained became becomes become")
_HELP = _words("help helped helps helping assist assisted assists assisting")
#: Verbs of saying and describing: what follows them is the speaker's account, not the speaker's act.
_SPEECH = _words(
    "describe describes described describing portray portrays portrayed present presents presented "
    "call calls called consider considers considered see sees saw regard regards regarded show shows "
    "showed depict depicts depicted say says said claim claims claimed report reports reported"
)
_CHAIN = frozenset({"conj", "xcomp", "ccomp", "advcl", "pcomp"})
#: Predicates a purpose clause still states: a group raised "to fight in Syria" operates there.
_PURPOSE_TAKEN = frozenset({"operates_in"})
#: A word naming a frame, for choosing the sentences worth parsing.
_WORD = re.compile(r"[a-z]+")


def _key(subject: str, predicate: str, obj: ObjectValue) -> str:
    return json.dumps([subject, predicate, obj.to_json()], sort_keys=True)


def claim_keys(claims: Sequence[Claim]) -> set[str]:
    """The (subject, predicate, object) keys of claims, symmetric predicates both ways and
    functional ones by (subject, predicate) alone (one founding date per sentence)."""
    out: set[str] = set()
    for c in claims:
        pred = VOCABULARY.predicate(c.predicate)
        out.add(_key(c.subject, c.predicate, c.object))
        if pred.symmetric and isinstance(c.object, EntityRef):
            out.add(_key(c.object.entity, c.predicate, EntityRef(c.subject)))
        if pred.functional:
            out.add(json.dumps([c.subject, c.predicate]))
    return out


def worth_parsing(sent: Sentence) -> bool:
    """A group (or group reference), another typed mention (a name, or a date for a founding),
    a frame word, not a question."""
    codes = [it.code for it in sent.items]
    if not any(c in "GA" for c in codes) or not any(c in "GOPSKLE" for c in codes):
        return False
    if sum(c in "GAOPSKLEH" for c in codes) < 2 and "D" not in codes:
        return False
    if sent.text.rstrip(" \"'”’)").endswith("?"):
        return False
    return any(w in TRIGGERS for w in _WORD.findall(sent.text.casefold()))


def _denied(tok: Token) -> bool:
    """ "no group", "neither Iran nor Russia": the phrase names no one."""
    near = list(tok.children)
    if tok.dep_ == "conj":
        near += list(tok.head.children)
    return any(c.lower_ in {"no", "neither", "nor"} and c.dep_ in {"det", "preconj", "cc"} for c in near)


def _has_subject(v: Token) -> bool:
    return any(c.dep_ in _SUBJ for c in v.children)


def _network(it: Item) -> Item:
    f = it.found
    if f is not None and f.kind == "branch" and f.parts and f.parts[-1].end == f.end:
        net = f.parts[-1]
        return Item(it.code, net.start, net.end, found=net)
    return it


class DepReader:
    """Claims of one document's sentences from their dependency parses."""

    def __init__(self, maker: ClaimMaker) -> None:
        self.maker = maker
        self._rules: dict[str, Rule] = {}
        #: (start, end, predicate) of frame words between two mentions in a clause that is not asserted
        self.unreal: list[tuple[int, int, str]] = []

    def asserted(self, claims: Sequence[Claim]) -> list[Claim]:
        """The claims without a rule's claim whose quote holds a negated/modal/hypothetical frame word
        of its predicate ("X did not fight alongside Y", "X plans to attack Y")."""
        if not self.unreal:
            return list(claims)
        out = []
        for c in claims:
            ev = c.evidence[0] if c.evidence else None
            if (
                ev is not None
                and ev.start is not None
                and ev.end is not None
                and c.origin.startswith("rule:")
            ):
                pred = VOCABULARY.canonical_predicate(c.predicate)[0]
                if any(p == pred and ev.start <= a and b <= ev.end for a, b, p in self.unreal):
                    continue
            out.append(c)
        return out

    def run(self, parser: Parser, sentences: Sequence[Sentence], regex_keys: Sequence[set[str]]) -> None:
        chosen = [k for k, s in enumerate(sentences) if worth_parsing(s)]
        if not chosen:
            return
        docs = parser([sentences[k].text for k in chosen])
        for k, doc in zip(chosen, docs, strict=True):
            _Reading(self, sentences[k], doc, regex_keys[k]).run()

    def rule(self, frame: Frame) -> Rule:
        r = self._rules.get(frame.id)
        if r is None:
            r = self._rules[frame.id] = Rule(frame.id, frame.predicate, "")
        return r


class _Reading:
    """One parsed sentence."""

    def __init__(self, reader: DepReader, sent: Sentence, doc: Doc, skip: set[str]) -> None:
        self.reader = reader
        self.maker = reader.maker
        self.sent = sent
        self.doc = doc
        self.skip = skip
        self._starts = [it.start for it in sent.items]

    # -- mentions ------------------------------------------------------------------------

    def item_of(self, tok: Token) -> Item | None:
        a = self.sent.start + tok.idx
        b = a + len(tok.text)
        i = bisect.bisect_right(self._starts, a) - 1
        if i >= 0:
            it = self.sent.items[i]
            if it.start <= a and b <= it.end and it.code != "Q":
                return it
        return None

    def ends(self, toks: Iterable[Token], members: bool) -> list[Item]:
        """The typed mentions the subject/object tokens stand for (each once)."""
        out: list[Item] = []
        for t in toks:
            for it in self._end(t, members, 0) + self._listed(t):
                if all(it is not o for o in out):
                    out.append(it)
        return out

    def _listed(self, tok: Token) -> list[Item]:
        """ "the Naval command, the 4th Division, the Special Forces and ...": a list the parser hung
        as an apposition (with its conjuncts) on its first member."""
        out: list[Item] = []
        for c in tok.children:
            if c.dep_ == "appos" and c.conjuncts:
                for x in (c, *c.conjuncts):
                    hit = self.item_of(x)
                    if hit is not None and self.maker.ctx.text[hit.end : hit.end + 2] not in {"'s", "’s"}:
                        out.append(hit)
        return out

    def _end(self, tok: Token, members: bool, depth: int) -> list[Item]:
        it = self.item_of(tok)
        if it is not None:
            return [] if _denied(tok) else [it]
        if depth > 2:
            return []
        if _denied(tok):
            return []
        for c in tok.children:  # "the Iraqi militia Harakat al-Nujaba": the name after a descriptor
            if c.dep_ == "appos" and c.i > tok.i:
                hit = self.item_of(c)
                if hit is not None:
                    return [hit]
        if tok.dep_ == "appos":
            heads = self._end(tok.head, members, depth + 1)
            # "the X branch of the Y, a militia based in Z": an apposition after a branch speaks of the network
            return [_network(it) for it in heads]
        if tok.dep_ == "attr":
            subj = [c for c in tok.head.children if c.dep_ in _SUBJ]
            return self._end(subj[0], members, depth + 1) if subj else []
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _ONE_OF:
            return self._end(tok.head.head, members, depth + 1)  # "one of the militias fighting for X"
        if tok.lower_ in _WRAPPERS and tok.dep_ == "pobj":
            # "under the command of X", "within the militia formation of X"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    return [
                        i for p in c.children if p.dep_ == "pobj" for i in self._end(p, members, depth + 1)
                    ]
        if tok.lower_ in _NOMINALS and tok.dep_ == "dobj":
            # "oversaw the creation of the force", "supervised the formation of this brigade"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    return [
                        i for p in c.children if p.dep_ == "pobj" for i in self._end(p, members, depth + 1)
                    ]
        if members and tok.lower_ in _MEMBER_NOUNS:
            for c in tok.children:
                if c.dep_ in {"poss", "compound", "nmod"}:
                    hit = self.item_of(c)
                    if hit is not None and hit.code in "GA":
                        return [hit]
                if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            hits = [self.item_of(t) for t in (p, *p.conjuncts)]
                            found = [h for h in hits if h is not None and h.code in "GA"]
                            return found + self._listed(p) if found else []
        return []

    # -- grammar -------------------------------------------------------------------------

    def passive(self, v: Token, depth: int = 0) -> bool:
        deps = {c.dep_ for c in v.children}
        if deps & {"auxpass", "nsubjpass"}:
            return True
        if deps & {"nsubj", "aux"} or depth > 3:
            return False
        participle = v.lower_.endswith("ed") or v.lower_ in _PARTICIPLES
        if not participle:
            return False
        if v.dep_ in {"acl", "advcl"}:
            return True
        if v.dep_ == "conj":
            return self.passive(v.head, depth + 1)
        return False

    def subjects(self, v: Token, depth: int = 0) -> list[Token]:
        """The grammatical subject(s) of ``v`` (passive subject included)."""
        for c in v.children:
            if c.dep_ in _SUBJ:
                if c.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return [v.head]
                return [c, *c.conjuncts]
        if depth > 3:
            return []
        if v.dep_ in {"acl", "relcl"}:
            return [v.head]
        if v.dep_ in {"xcomp", "conj", "advcl"} and v.head.lower_ in _SPEECH:
            return []  # "describes the network as backed by X and answering to Y": not the speaker's act
        if v.dep_ == "xcomp":
            objs = [c for c in v.head.children if c.dep_ == "dobj"]
            return [objs[0], *objs[0].conjuncts] if objs else self.subjects(v.head, depth + 1)
        if v.dep_ in {"conj", "advcl"}:
            return self.subjects(v.head, depth + 1)
        return []

    def direct_objects(self, v: Token) -> list[Token]:
        objs = [c for c in v.children if c.dep_ == "dobj"]
        if v.dep_ == "relcl" and objs and objs[0].lower_ in _RELATIVE:
            return [v.head]  # "the brigade, which Iran armed"
        if not objs:  # "trained and armed the brigade": the object the coordinated verb shares
            for c in v.children:
                if c.dep_ == "conj" and not _has_subject(c):
                    objs = [d for d in c.children if d.dep_ == "dobj"]
                    if objs:
                        break
        if not objs and v.lower_ in _HELP:  # "helped (to) train the brigade"
            for c in v.children:
                if c.dep_ in {"xcomp", "ccomp"}:
                    objs = [d for d in c.children if d.dep_ == "dobj"]
                    if objs:
                        break
        return [t for o in objs[:1] for t in (o, *o.conjuncts)]

    def agents(self, v: Token) -> list[Token]:
        for src in (v, *[c for c in v.children if c.dep_ == "conj" and not _has_subject(c)]):
            for c in src.children:
                if c.dep_ == "agent":
                    return [t for p in c.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)]
        if v.dep_ == "conj" and not _has_subject(v):  # "was trained and armed by": the shared agent
            for c in v.head.children:
                if c.dep_ == "agent":
                    return [t for p in c.children if p.dep_ == "pobj" for t in (p, *p.conjuncts)]
        return []

    def prep_objects(self, v: Token, preps: tuple[str, ...], nouns: tuple[str, ...] = ()) -> list[Token]:
        heads = [v]
        if nouns:
            dobjs = [c for c in v.children if c.dep_ == "dobj"]
            for d in list(dobjs):  # "gets most of its weapons from Iran"
                if d.lower_ in _PORTIONS:
                    dobjs += [
                        p for c in d.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                    ]
            objs = [c for c in dobjs if c.lower_ in nouns]
            if not objs:
                return []
            heads += objs
            heads += [c for o in objs for c in o.conjuncts]
        out: list[Token] = []
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    out.extend(t for p in c.children if p.dep_ == "pobj" for t in (p, *p.conjuncts))
        return out

    def purpose(self, v: Token) -> bool:
        """ "was formed to support the army", "came to Aleppo to fight": a purpose, not an act."""
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        return to and (v.dep_ == "advcl" or (v.dep_ == "xcomp" and self.passive(v.head)))

    def unreal(self, v: Token) -> bool:
        """Negated, modal, conditional or under a verb like "deny"/"plan": not asserted."""
        t = v
        via = ""
        for _ in range(6):
            # a clause under a negated verb ("did not hold the line alone: X fought in the battle") is
            # still asserted; a clause under "denied" is not (the blockers below)
            for c in () if via == "ccomp" else t.children:
                if c.dep_ == "neg":
                    return True
                if c.dep_ == "aux" and c.lower_ in _MODALS:
                    nxt = self.doc[c.i + 1] if c.i + 1 < len(self.doc) else None
                    if not (c.lower_ in {"may", "might"} and nxt is not None and nxt.lower_ == "have"):
                        return True
                if c.dep_ == "mark" and c.lower_ in _CONDITIONAL:
                    return True
                if c.dep_ == "advmod" and c.lower_ == "longer":
                    return True
            if t is not v and t.lower_ in _BLOCKERS:
                return True
            if t.dep_ not in _CHAIN or t.head is t:
                # "able to", "ready to": the adjective governing the clause
                return t.dep_ == "xcomp" and t.head.lower_ in _BLOCKERS
            via = t.dep_
            t = t.head
        return False

    # -- claims --------------------------------------------------------------------------

    def run(self) -> None:
        for v in self.doc:
            noun = NOUN_FORMS.get(v.lower_)
            if noun is not None and v.dep_ in {"attr", "appos"}:
                self.nominal(v, NOUN_BY_LEMMA[noun])
            lemma = VERB_FORMS.get(v.lower_)
            if lemma is None:
                continue
            frames = BY_LEMMA.get(lemma, ())
            if (v.dep_ in {"xcomp", "ccomp"} and v.head.lower_ in _HELP) or any(
                c.dep_ == "aux" and c.lower_ in _HELP for c in v.children
            ):
                # "Iran is helping build the group": the help is the claim (read at the helping verb)
                frames = tuple(f for f in frames if f.predicate != "founded_by")
            if not frames or v.dep_ in {"compound", "poss", "det", "nsubj", "nsubjpass", "dobj", "pobj"}:
                continue
            if v.dep_ == "amod" and lemma not in {"active", "present", "subordinate"}:
                continue  # "the Iranian-trained brigade": a name's modifier is the entity recogniser's
            real: bool | None = None
            purpose = False
            for frame in frames:
                if frame.particle and not any(
                    c.dep_ == "prt" and c.lower_ == frame.particle for c in v.children
                ):
                    continue
                pairs = self.pairs(v, frame)
                if not pairs:
                    continue
                if real is None:
                    real = not self.unreal(v)
                    purpose = self.purpose(v)
                # a group raised or sent "to fight in X" is there; one formed "to support Y" is not yet
                if not real or (purpose and frame.predicate not in _PURPOSE_TAKEN):
                    a = self.sent.start + v.idx
                    self.reader.unreal.append((a, a + len(v.text), frame.predicate))
                    continue
                for s_items, o_items in pairs:
                    self.emit(v, frame, s_items, o_items)

    def nominal(self, n: Token, frames: tuple[Frame, ...]) -> None:
        """ "X is an ally of Y" (attribute of a copula), "X, a branch of Y," (apposition)."""
        if n.dep_ == "attr":
            if n.head.lower_ not in _COPULAS or self.unreal(n.head) or self.purpose(n.head):
                return
            subj = self.subjects(n.head)
        else:
            subj = [n.head]
        if any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in n.children):
            return
        for frame in frames:
            objs = self.prep_objects(n, frame.preps)
            s_items = self.ends(subj, frame.members)
            o_items = self.ends(objs, frame.members)
            if s_items and o_items:
                s_items, o_items = (o_items, s_items) if frame.swap else (s_items, o_items)
                role = NOUN_FORMS[n.lower_] if frame.predicate == "leader" else frame.role
                self.emit(n, frame, s_items, o_items, role=role)

    def pairs(self, v: Token, frame: Frame) -> list[tuple[list[Item], list[Item]]]:
        """(claim subjects, claim objects) as mentions, before resolution."""
        passive = self.passive(v)
        out: list[tuple[list[Item], list[Item]]] = []
        if frame.obj == "date":
            direct = [] if passive else self.direct_objects(v)
            patients = self.subjects(v) if passive or not direct else direct
            subj = self.ends(patients, False)
            tokens = self.prep_objects(v, frame.preps) + [
                c for c in v.children if c.dep_ in {"npadvmod", "tmod"}
            ]
            dates = [i for t in tokens if (i := self.item_of(t)) and i.code == "D"]
            if subj and dates:
                out.append((subj, dates[:1]))
            return out
        if frame.as_nouns and not any(
            c.dep_ == "prep" and c.lower_ == "as" and any(p.lower_ in frame.as_nouns for p in c.children)
            for c in v.children
        ):
            return out  # "uses the academy as a base": "as" and one of the nouns
        if "" in frame.preps and not frame.nouns:
            if passive:
                agent, patient = self.agents(v), self.subjects(v)
            else:
                agent, patient = self.subjects(v), self.direct_objects(v)
            a = self.ends(agent, frame.members)
            p = self.ends(patient, frame.members)
            if a and p:
                out.append((p, a) if frame.swap else (a, p))
        preps = tuple(x for x in frame.preps if x)
        if preps:
            objs = self.prep_objects(v, preps, frame.nouns)
            if objs:
                g = self.ends(self.subjects(v), frame.members)
                o = self.ends(objs, frame.members)
                if g and o:
                    out.append((o, g) if frame.swap else (g, o))
        return out

    def emit(
        self, v: Token, frame: Frame, s_items: list[Item], o_items: list[Item], role: str | None = None
    ) -> None:
        maker, sent = self.maker, self.sent
        pred = VOCABULARY.predicate(frame.predicate)
        v_a = sent.start + v.idx
        v_b = v_a + len(v.text)
        objects: list[tuple[ObjectValue, Item, Found | None]] = []
        for it in o_items:
            if frame.obj == "date":
                if it.date is not None:
                    edtf = date_part(it.date.edtf)
                    objects.append((DateValue(edtf), it, None))
                continue
            f = maker.resolve(sent, it)
            if f is None or not f.node or (frame.obj_types and f.type not in frame.obj_types):
                continue
            ref = maker.entity_obj(frame.predicate, f)
            if ref is not None:
                objects.append((ref, it, f))
        if not objects:
            return
        kinds: list[str] = []
        if frame.predicate == "supported_by":
            words = (
                [v.lower_] if not frame.nouns else [c.lower_ for c in v.children if c.lower_ in frame.nouns]
            )
            kinds = kinds_of(" ".join(words))
        kind = kinds[0] if kinds else frame.kind
        rule = self.reader.rule(frame)
        origin = f"dep:{frame.id}@{DEP_VERSION}"
        for s_it in s_items:
            if frame.predicate == "part_of" and s_it.code == "A" and s_it.ref.casefold() in {"they", "them"}:
                continue  # "they joined the group": people far more often than a unit
            subj = maker.resolve(sent, s_it)
            if subj is None or not subj.node or not pred.allows_subject(subj.type):
                continue
            for obj, o_it, _found in objects:
                if isinstance(obj, EntityRef) and obj.entity == subj.node:
                    # "Hezbollah helped train its recruits": the pronoun means another group
                    if s_it.code == "A" and " " not in s_it.ref:
                        other = maker.ctx.salience.other_group_at(s_it.start, frozenset({obj.entity}))
                        if other is None or not other.node:
                            continue
                        subj = other
                    else:
                        continue
                if _key(subj.node, frame.predicate, obj) in self.skip:
                    continue
                if pred.functional and json.dumps([subj.node, frame.predicate]) in self.skip:
                    continue
                a = min(s_it.start, o_it.start, v_a)
                b = max(s_it.end, o_it.end, v_b)
                if not (sent.start <= a and b <= sent.end):
                    continue
                maker.add(
                    rule,
                    frame.predicate,
                    subj,
                    obj,
                    sent,
                    a,
                    b,
                    kind=kind,
                    role=role or frame.role,
                    origin=origin,
                )
