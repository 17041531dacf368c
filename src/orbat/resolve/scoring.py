"""Explained pair scores: are two records names of one real thing?

``score_pair`` compares every name of one record with every name of the
other and returns a ``MatchResult``: a score in [0, 1], the features that
led to it, and the name of the rule that decided. Scores at or above
``AUTO_MERGE`` are merged without review; scores in [``REVIEW``,
``AUTO_MERGE``) go to an analyst; rules in ``GUARD_RULES`` are evidence that
the two are *different* and become cannot-links.

The rules, by entity type. Types do not mix ("type-mismatch"), except that an
armed group and an organisation may be one thing when the name evidence is
strong (``CROSS_TYPE_RULES``: the same name, one glossary entity, the same
identifying words with unit words translated or left out, an acronym defined
in the document) and neither name is a single bare word:

* any type: the same normalised name ("exact"); two names of one glossary
  entity ("glossary") or of two different ones ("glossary-conflict"); the
  same letters without spaces ("compact": "alSouria.net"/"alSourianet").
* armed groups and organisations: the same identifying words, in any
  order, with unit words translated ("core-equal": "Liwa al-Baqir" = "The
  Baqir Brigade", "قوات الدفاع الوطني" = "National Defence Forces"), or
  without a unit word on one side ("units-missing": "Nusra" = "Jabhat
  al-Nusra"); different unit words do not merge ("unit-conflict"); a name
  that is the other plus a place, a branch word or an "X of" head is a part
  of it ("branch-guard": "Latakia NDF" vs "NDF", "Lionesses of the NDF"); a
  name whose extra words are only descriptive, or only a country, matches
  inside one document ("subset-in-document", "country-qualifier-in-document")
  and goes to review across documents; a well-known glossary name does not
  absorb a longer unknown one ("extends-known-name": "Kata'ib Hezbollah");
  an acronym matches a name whose initials it is ("acronym-in-document",
  else review).
* persons: different given names never merge ("given-name-conflict"), nor
  the same given name with different family names ("surname-conflict"); a
  shorter form of a full name merges inside one document
  ("person-subset-in-document", "short-name-in-document") and needs shared
  context across documents; a full name made only of common given names
  needs shared context across documents ("common-name").
* places: "city", "province", "governorate"... are neutral; a direction or
  "countryside" makes another place ("place-modifier"), so does any extra
  word ("place-extra": "Ain Issan" vs "Issan").
* events: a different kind (siege vs campaign), year, month or number is
  another event ("event-kind-conflict", "date-conflict"); a missing year goes
  to review.
* states: government words and demonyms reduce a name to its country
  ("Syrian Arab Republic" = "Syria"); two countries never merge; "the
  regime" attaches to "the Assad regime" of the same document
  ("generic-in-document").

Weak rules are lifted to a merge by shared ``context`` (``CONTEXT_LIFTABLE``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from orbat.model import Entity, Node
from orbat.resolve._text import soft_token
from orbat.resolve.analysis import GROUP_TYPES, Analysis, Lexicon, Tok, default_lexicon
from orbat.resolve.glossary import glossary

AUTO_MERGE = 0.9
REVIEW = 0.6
# name pairs whose comparison is kept for reuse (the same two names in other records);
# each holds its features, so the cache is emptied when it grows past this
COMPARED_CACHE = 200_000

GUARD_RULES = frozenset(
    {
        "glossary-conflict",
        "branch-guard",
        "given-name-conflict",
        "surname-conflict",
        "place-modifier",
        "place-extra",
        "number-conflict",
        "date-conflict",
        "event-kind-conflict",
        "country-conflict",
    }
)
# Weak rules that shared context (co-mentioned entities) lifts to a merge.
CONTEXT_LIFTABLE = frozenset(
    {
        "exact-short-name",
        "exact-generic",
        "common-name",
        "short-name",
        "person-subset",
        "acronym",
        "subset",
        "country-qualifier",
        "relational-exact",
    }
)
# Rules strong enough to join an armed group and an organisation: the same name,
# one glossary entity, the same letters, the same identifying words with unit words
# translated or left out, an acronym defined in the document.
CROSS_TYPE_RULES = frozenset(
    {"exact", "glossary", "compact", "core-equal", "units-missing", "acronym-in-document"}
)
# Rules that attach a less specific name to a more specific one (the feature
# "general" says which side is the less specific): ``resolve`` holds such an
# attachment back when the names it would join are incompatible.
ATTACHMENT_RULES = frozenset(
    {
        "short-name-in-document",
        "person-subset-in-document",
        "subset-in-document",
        "country-qualifier-in-document",
        "acronym-in-document",
        "month-missing",
        "units-missing",
        "generic-event-in-document",
        "generic-in-document",
    }
)


@dataclass
class NameRecord:
    """An entity as the resolver sees it: its names, type, document and context.

    ``context`` holds keys of related entities or co-mentions the caller
    chooses (e.g. resolved ids of entities mentioned next to it); two records
    sharing context keys support each other in weak matches.
    """

    id: str
    type: str
    names: tuple[str, ...]
    document: str | None = None
    context: frozenset[str] = frozenset()

    @classmethod
    def from_node(cls, node: Node, context: Iterable[str] = ()) -> NameRecord:
        """The record of an in-document entity (``orbat.model.Node``)."""
        names = tuple(dict.fromkeys([node.name, *node.names]))
        return cls(node.id, node.type, names, node.document, frozenset(context))

    @classmethod
    def from_entity(cls, entity: Entity, context: Iterable[str] = ()) -> NameRecord:
        """The record of an already resolved entity (no document)."""
        return cls(entity.id, entity.type, tuple(entity.names), None, frozenset(context))


@dataclass(frozen=True)
class MatchResult:
    score: float
    features: dict[str, float] = field(default_factory=dict)
    rule: str = "no-match"

    @property
    def verdict(self) -> str:
        """``same``, ``review``, ``different`` (a guard fired) or ``none``."""
        if self.rule in GUARD_RULES:
            return "different"
        if self.score >= AUTO_MERGE:
            return "same"
        if self.score >= REVIEW:
            return "review"
        return "none"


# --- word comparison ---------------------------------------------------------

_STEM_ENDINGS = ("s", "is", "ist", "ists", "ian", "ians")


def tok_sim(a: Tok, b: Tok, *, person: bool = False) -> tuple[float, str]:
    """How alike two words are (0..1) and by what test."""
    if a.acronym or b.acronym:
        return (1.0, "fold") if a.fold == b.fold else (0.0, "")
    if a.classes and b.classes:
        if a.classes & b.classes:
            return (1.0, "fold") if a.fold == b.fold else (1.0, "class")
        return 0.0, ""
    if a.country and b.country:
        return (1.0, "class") if a.country == b.country else (0.0, "")
    if a.fold == b.fold:
        return 1.0, "fold"
    if a.arabic or b.arabic:
        if a.skel and len(a.skel) >= 2 and (a.skel == b.skel or a.skel.rstrip("h") == b.skel.rstrip("h")):
            return 0.9, "skeleton"  # a final h is often not written in Latin ("Salah" = صلاح)
        return 0.0, ""
    if not person:
        short, long_ = sorted((a.fold, b.fold), key=len)
        if len(short) >= 4 and long_.startswith(short) and long_[len(short) :] in _STEM_ENDINGS:
            return 0.95, "stem"
    same_skeleton = bool(a.skel) and a.skel == b.skel
    if not same_skeleton and min(len(a.fold), len(b.fold)) < 6:
        return 0.0, ""  # neither test below can pass: spare the edit distance
    sa, sb = soft_token(a.text), soft_token(b.text)
    ratio = fuzz.ratio(sa, sb) / 100.0
    if same_skeleton:
        # the same consonants with the vowels mostly alike: "Deraa"/"Daraa", not
        # "Quds"/"Qadisiya"; short skeletons also need words of about one length
        # (not "Daraa"/"Darayya")
        if len(a.skel) >= 3 and ratio >= 0.65:
            return 0.8 + 0.15 * ratio, "skeleton"
        if ratio >= 0.75 and abs(len(sa) - len(sb)) <= 1:
            return 0.8 + 0.15 * ratio, "skeleton"
        return 0.0, ""
    if min(len(a.fold), len(b.fold)) >= 6 and ratio >= 0.9:
        return 0.8, "fuzzy"
    return 0.0, ""


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[tuple[int, int, float, str], ...]
    left: tuple[int, ...]  # unmatched indices of the first sequence
    right: tuple[int, ...]

    @property
    def quality(self) -> float:
        return min((p[2] for p in self.pairs), default=0.0)

    @property
    def hows(self) -> set[str]:
        return {p[3] for p in self.pairs}


def align(xs: tuple[Tok, ...], ys: tuple[Tok, ...], *, person: bool = False) -> Alignment:
    """Greedy best one-to-one matching of two word sequences."""
    if len(xs) == 1 and len(ys) == 1:
        s, how = tok_sim(xs[0], ys[0], person=person)
        if s > 0:
            return Alignment(pairs=((0, 0, s, how),), left=(), right=())
        return Alignment(pairs=(), left=(0,), right=(0,))
    cands = []
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            s, how = tok_sim(x, y, person=person)
            if s > 0:
                cands.append((-s, abs(i - j), i, j, how))
    cands.sort()
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for neg, _, i, j, how in cands:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        pairs.append((i, j, -neg, how))
    pairs.sort()
    return Alignment(
        pairs=tuple(pairs),
        left=tuple(i for i in range(len(xs)) if i not in used_i),
        right=tuple(j for j in range(len(ys)) if j not in used_j),
    )


# --- name comparison ---------------------------------------------------------


def _side(first: bool) -> float:
    """Feature value naming the less specific of two names: 0.0 the first, 1.0 the second."""
    return 0.0 if first else 1.0


def _r(score: float, rule: str, f: dict[str, float]) -> MatchResult:
    return MatchResult(score=round(max(0.0, min(1.0, score)), 4), features=f, rule=rule)


def _token_set_ratio(a: Analysis, b: Analysis) -> float:
    if a.arabic != b.arabic:
        return 0.0
    fa = " ".join(t.fold for t in a.core) or a.norm
    fb = " ".join(t.fold for t in b.core) or b.norm
    return round(fuzz.token_set_ratio(fa, fb) / 100.0, 4)


def _fuzzy(a: Analysis, b: Analysis, f: dict[str, float]) -> MatchResult:
    tsr = f["token_set_ratio"] = _token_set_ratio(a, b)
    if tsr >= 0.9 and a.arabic == b.arabic:
        return _r(0.62, "fuzzy", f)
    return _r(0.5 * tsr, "no-match", f)


def _alignment_features(al: Alignment, f: dict[str, float]) -> None:
    hows = al.hows
    f["core_matched"] = float(len(al.pairs))
    f["core_unmatched"] = float(len(al.left) + len(al.right))
    if "class" in hows:
        f["translation_equal"] = 1.0
    if "skeleton" in hows:
        f["skeleton_equal"] = 1.0


def compare_names(a: Analysis, b: Analysis, *, same_doc: bool = False, context: int = 0) -> MatchResult:
    """Compare two analysed names of the same type."""
    f: dict[str, float] = {"same_document": float(same_doc), "context_overlap": float(context)}
    if a.type != b.type:
        if not _cross_type_candidates(a, b):
            return _r(0.0, "type-mismatch", {"type_mismatch": 1.0})
        f["cross_type"] = 1.0
        result = compare_names(_as_type(a, b.type), b, same_doc=same_doc, context=0)
        if result.rule in GUARD_RULES or result.rule in CROSS_TYPE_RULES:
            return _r(result.score, result.rule, {**result.features, "cross_type": 1.0})
        return _r(0.0, "type-mismatch", {"type_mismatch": 1.0})
    if a.arabic != b.arabic:
        f["arabic_latin"] = 1.0
    if a.norm and a.norm == b.norm:
        f["exact_normalized"] = 1.0
        result = _exact(a, b, same_doc, f)
    elif a.known and b.known:
        f["glossary"] = 1.0
        same = a.known & b.known
        result = _r(0.98, "glossary", f) if same else _r(0.02, "glossary-conflict", f)
    elif a.compact == b.compact and len(a.compact) >= 6:
        f["compact_equal"] = 1.0
        result = _r(0.95, "compact", f)
    elif a.type in GROUP_TYPES:
        result = _compare_group(a, b, same_doc, f)
        if result.verdict == "same" and "general" in f:
            general, specific = (a, b) if f["general"] == 0.0 else (b, a)
            if general.known and not specific.known:
                # a well-known name does not absorb longer unknown ones:
                # "Kata'ib Hezbollah" is not "Hezbollah"
                result = _r(0.7, "extends-known-name", f)
    elif a.type == "person":
        result = _compare_person(a, b, same_doc, f)
    elif a.type == "place":
        result = _compare_place(a, b, f)
    elif a.type == "event":
        result = _compare_event(a, b, same_doc, f)
    elif a.type == "state":
        result = _compare_state(a, b, same_doc, f)
    else:
        result = _compare_plain(a, b, f)
    if result.score >= REVIEW and "token_set_ratio" not in f:
        f["token_set_ratio"] = _token_set_ratio(a, b)  # for the analyst's eyes
    if context and result.rule in CONTEXT_LIFTABLE and result.score >= REVIEW:
        return _r(max(result.score, AUTO_MERGE), result.rule + "+context", result.features)
    return result


def _cross_type_candidates(a: Analysis, b: Analysis) -> bool:
    """An armed group and an organisation may be one thing (extractors often type a
    militia as an organisation) when neither name is a single bare word ("Baath" may
    be the party or its battalions), unless the glossary knows it for both types."""
    if a.type not in GROUP_TYPES or b.type not in GROUP_TYPES:
        return False
    g = glossary()

    def specific(x: Analysis) -> bool:
        both = any(g.entities[i].types >= GROUP_TYPES for i in g.known(x.name))
        return both or len(x.core) + len(x.unit_words) >= 2 or x.acronym is not None

    return specific(a) and specific(b)


def _as_type(a: Analysis, type_: str) -> Analysis:
    """``a`` compared as a name of the other group type (the glossary entities it names kept)."""
    return replace(a, type=type_, known=glossary().known(a.name))


def _common_name(a: Analysis) -> bool:
    common = glossary().common_given_names
    return bool(a.core) and all(t.fold in common for t in a.core)


def _exact(a: Analysis, b: Analysis, same_doc: bool, f: dict[str, float]) -> MatchResult:
    if same_doc:
        return _r(0.99, "exact", f)
    if a.type == "person":
        if a.relational:
            return _r(0.65, "relational-exact", f)
        if len(a.core) <= 1:
            return _r(0.65, "exact-short-name", f)
        if _common_name(a):
            return _r(0.75, "common-name", f)
    if a.generic:
        return _r(0.62, "exact-generic", f)
    return _r(0.99, "exact", f)


def _units_ok(a: Analysis, b: Analysis) -> bool:
    return not a.units or not b.units or bool(a.units & b.units)


def _part_of_another(a: Analysis, b: Analysis) -> bool:
    """One is a regional part or branch of the other, or they are parts in different places.

    Place qualifiers must agree ("Latakia NDF" vs "NDF", "Homs NDF" vs
    "Latakia NDF"); without places, a branch word on one side only marks a
    part ("Women's wing ..." vs "..."). With the same places, a branch word
    is just another way to say it ("National Defense Center in Latakia" =
    "Latakia NDF").
    """
    if a.quals != b.quals:
        return True
    return not a.quals and a.branch != b.branch


def _compare_group(a: Analysis, b: Analysis, same_doc: bool, f: dict[str, float]) -> MatchResult:
    # a bare acronym that no glossary expands: compare with initials
    bare_a = a.acronym is not None and not a.known
    bare_b = b.acronym is not None and not b.known
    if bare_a or bare_b:
        if (bare_a and bare_b) or (a.acronym and b.acronym):
            return _r(0.0, "no-match", f)
        acr, full = (a, b) if bare_a else (b, a)
        if acr.acronym in full.initials and not full.subunit:
            f["acronym_of"] = 1.0
            f["general"] = _side(acr is a)
            return _r(0.93, "acronym-in-document", f) if same_doc else _r(0.7, "acronym", f)
        return _r(0.0, "no-match", f)
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return _r(0.05, "number-conflict", f)
    # "the army" vs "Syrian army": only a country added to a unit word
    for gen, spec in ((a, b), (b, a)):
        if (
            not gen.core
            and gen.units
            and spec.core
            and all(t.country for t in spec.core)
            and (gen.units & spec.units)
            and not spec.subunit
            and not gen.subunit
        ):
            f["general"] = _side(gen is a)
            if same_doc:
                return _r(0.9, "country-qualifier-in-document", f)
            return _r(0.7, "country-qualifier", f)
    if a.units & b.units and a.unit_words != b.unit_words:
        f["translation_equal"] = 1.0  # "Liwa" = "Brigade"
    if not a.core and not b.core and a.numbers and a.numbers == b.numbers and a.units & b.units:
        # "Fourth Division" = "4th Division"
        return _r(0.05, "branch-guard", f) if _part_of_another(a, b) else _r(0.95, "core-equal", f)
    al = align(a.core, b.core)
    _alignment_features(al, f)
    if not al.pairs:
        return _fuzzy(a, b, f)
    if _part_of_another(a, b):
        f["branch_guard"] = 1.0
        return _r(0.05, "branch-guard", f)
    units_ok = _units_ok(a, b)
    q = al.quality
    if not al.left and not al.right:
        if not units_ok:
            return _r(0.45, "unit-conflict", f)
        if bool(a.numbers) != bool(b.numbers):
            return _r(0.65, "number-missing", f)
        if bool(a.units) != bool(b.units):
            f["general"] = _side(not a.units)
            return _r(0.9 + 0.05 * q, "units-missing", f)
        return _r(0.92 + 0.06 * q, "core-equal", f)
    if al.left and al.right:
        return _fuzzy(a, b, f)
    # one name has extra words
    short, long_, extra = (a, b, al.right) if al.right else (b, a, al.left)
    f["general"] = _side(short is a)
    if any(k in long_.heads for k in extra):
        f["branch_guard"] = 1.0
        return _r(0.05, "branch-guard", f)
    if not units_ok:
        return _r(0.45, "unit-conflict", f)
    if bool(a.numbers) != bool(b.numbers):
        return _r(0.6, "number-missing", f)
    if all(long_.core[k].country for k in extra):
        return _r(0.9, "country-qualifier-in-document", f) if same_doc else _r(0.75, "country-qualifier", f)
    if not any(not t.country for t in short.core):
        return _r(0.4, "subset-generic", f)
    return _r(0.9, "subset-in-document", f) if same_doc else _r(0.72, "subset", f)


def _subsequence(short: tuple[Tok, ...], long_: tuple[Tok, ...]) -> bool:
    j = 0
    for t in short:
        while j < len(long_) and tok_sim(t, long_[j], person=True)[0] < 0.8:
            j += 1
        if j == len(long_):
            return False
        j += 1
    return True


def _compare_person(a: Analysis, b: Analysis, same_doc: bool, f: dict[str, float]) -> MatchResult:
    if a.relational or b.relational:
        return _r(0.0, "relational-name", f)
    ca, cb = a.core, b.core
    if not ca or not cb:
        return _r(0.0, "no-match", f)
    if len(ca) == 1 or len(cb) == 1:
        _alignment_features(align(ca, cb, person=True), f)
        short, long_ = (ca, cb) if len(ca) == 1 else (cb, ca)
        f["general"] = _side(len(ca) == 1)
        best = max(tok_sim(short[0], t, person=True)[0] for t in long_)
        if best < 0.8:
            return _r(0.0, "no-match", f)
        if len(long_) == 1:
            return _r(0.93, "short-name-in-document", f) if same_doc else _r(0.65, "short-name", f)
        return _r(0.91, "short-name-in-document", f) if same_doc else _r(0.62, "short-name", f)
    # the two conflicts are decided without aligning the names (most pairs of a large batch)
    given, _ = tok_sim(ca[0], cb[0], person=True)
    if given < 0.8:
        f["given_name_conflict"] = 1.0
        return _r(0.02, "given-name-conflict", f)
    short, long_ = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    if not _subsequence(short, long_):
        f["surname_conflict"] = 1.0
        return _r(0.03, "surname-conflict", f)
    al = align(ca, cb, person=True)
    _alignment_features(al, f)
    q = al.quality
    if len(ca) == len(cb) and not al.left and not al.right:
        if not same_doc and (_common_name(a) or _common_name(b)):
            return _r(0.75, "common-name", f)
        return _r(0.9 + 0.08 * q, "person-equal", f)
    f["general"] = _side(len(ca) <= len(cb))
    if tok_sim(short[-1], long_[-1], person=True)[0] >= 0.8:
        if same_doc:
            return _r(0.92, "person-subset-in-document", f)
        return _r(0.8, "person-subset", f)
    # "Khalid al-Hassan" within "Khalid al-Hassan al-Aloush al-Baqir": a longer chain of names
    return _r(0.91, "person-subset-in-document", f) if same_doc else _r(0.7, "person-subset", f)


def _compare_place(a: Analysis, b: Analysis, f: dict[str, float]) -> MatchResult:
    if a.numbers != b.numbers:
        return _r(0.05, "number-conflict", f)
    if a.modifiers != b.modifiers:
        f["modifier_conflict"] = 1.0
        return _r(0.05, "place-modifier", f)
    al = align(a.core, b.core)
    _alignment_features(al, f)
    if not al.pairs:
        return _fuzzy(a, b, f)
    if not al.left and not al.right:
        return _r(0.9 + 0.08 * al.quality, "core-equal", f)
    if al.left and al.right:
        return _fuzzy(a, b, f)
    return _r(0.05, "place-extra", f)


def _compare_event(a: Analysis, b: Analysis, same_doc: bool, f: dict[str, float]) -> MatchResult:
    if a.kinds and b.kinds and not (a.kinds & b.kinds):
        return _r(0.05, "event-kind-conflict", f)
    if (a.numbers and b.numbers and a.numbers != b.numbers) or (
        a.months and b.months and a.months != b.months
    ):
        return _r(0.05, "date-conflict", f)
    if a.modifiers != b.modifiers:
        f["modifier_conflict"] = 1.0
        return _r(0.05, "place-modifier", f)
    al = align(a.core, b.core)
    _alignment_features(al, f)
    if not a.core and not b.core:
        if a.numbers and a.numbers == b.numbers and (a.kinds & b.kinds):
            return _r(0.9, "generic-event-in-document", f) if same_doc else _r(0.6, "generic-event", f)
        return _r(0.0, "no-match", f)
    if (al.left and al.right) or (not al.pairs and a.core and b.core):
        return _fuzzy(a, b, f)
    if not al.left and not al.right:
        if bool(a.numbers) != bool(b.numbers):
            return _r(0.7, "date-missing", f)
        if not a.kinds or not b.kinds:
            return _r(0.75, "kind-missing", f)
        if bool(a.months) != bool(b.months):
            f["general"] = _side(not a.months)
            return _r(0.91, "month-missing", f)
        return _r(0.9 + 0.08 * al.quality, "core-equal", f)
    if a.numbers and a.numbers == b.numbers and (a.kinds & b.kinds):
        f["general"] = _side(not al.left)
        return _r(0.9, "subset-in-document", f) if same_doc else _r(0.65, "subset", f)
    return _r(0.5, "event-subset", f)


def _compare_state(a: Analysis, b: Analysis, same_doc: bool, f: dict[str, float]) -> MatchResult:
    if not a.core or not b.core:
        # "the regime" in a document that also says "the Assad regime"
        generic, named = (a, b) if not a.core else (b, a)
        if same_doc and named.core and generic.government and generic.government <= named.government:
            f["general"] = _side(generic is a)
            return _r(0.9, "generic-in-document", f)
        return _r(0.0, "no-match", f)
    ca = {t.country for t in a.core if t.country}
    cb = {t.country for t in b.core if t.country}
    if ca and cb and ca != cb:
        return _r(0.02, "country-conflict", f)
    al = align(a.core, b.core)
    _alignment_features(al, f)
    if not al.pairs:
        return _fuzzy(a, b, f)
    if not al.left and not al.right:
        return _r(0.9 + 0.08 * al.quality, "core-equal", f)
    if al.left and al.right:
        return _fuzzy(a, b, f)
    f["general"] = _side(not al.left)
    if same_doc and not (a.modifiers or b.modifiers):
        return _r(0.9, "subset-in-document", f)
    return _r(0.7, "subset", f)


def _compare_plain(a: Analysis, b: Analysis, f: dict[str, float]) -> MatchResult:
    """Tribes, clans, families and any other type: same identifying words."""
    if not a.core or not b.core:
        return _r(0.0, "no-match", f)
    al = align(a.core, b.core)
    _alignment_features(al, f)
    if not al.pairs:
        return _fuzzy(a, b, f)
    if not al.left and not al.right:
        return _r(0.9 + 0.08 * al.quality, "core-equal", f)
    if al.left and al.right:
        return _fuzzy(a, b, f)
    return _r(0.6, "subset", f)


# --- records -----------------------------------------------------------------


def _compared(
    lex: Lexicon, x: str, y: str, type_x: str, type_y: str, pair_type: str, same_doc: bool, context: int
) -> MatchResult:
    """``compare_names`` of two names, kept in the lexicon for the next records with them."""
    key = (x, y, pair_type, same_doc, context)
    got = lex.compared.get(key)
    if got is None:
        got = compare_names(
            lex.analyse(x, type_x), lex.analyse(y, type_y), same_doc=same_doc, context=context
        )
        if len(lex.compared) > COMPARED_CACHE:
            lex.compared.clear()
        lex.compared[key] = got
    return got


def score_pair(a: NameRecord, b: NameRecord, lexicon: Lexicon | None = None) -> MatchResult:
    """Score two records: the best of their name pairs, unless a guard fires.

    A guard on any pair of names ("Latakia NDF" is a branch of "NDF") makes
    the records different, unless another pair of names is identical or one
    glossary entity, in which case the conflict goes to review. Records of
    different types never match, except an armed group and an organisation
    by strong name evidence (``CROSS_TYPE_RULES``).
    """
    if a.type != b.type and not (a.type in GROUP_TYPES and b.type in GROUP_TYPES):
        return MatchResult(0.0, {"type_mismatch": 1.0}, "type-mismatch")
    same_doc = a.document is not None and a.document == b.document
    context = len(a.context & b.context) if a.context and b.context else 0
    lex = lexicon or default_lexicon()
    pair_type = a.type if a.type == b.type else f"{a.type}|{b.type}"
    if len(a.names) == 1 and len(b.names) == 1:
        return _compared(lex, a.names[0], b.names[0], a.type, b.type, pair_type, same_doc, context)
    results = [
        _compared(lex, x, y, a.type, b.type, pair_type, same_doc, context)
        for x in dict.fromkeys(a.names)
        for y in dict.fromkeys(b.names)
    ]
    if not results:
        return MatchResult(0.0, {}, "no-names")
    best = max(results, key=lambda r: r.score)
    guards = [r for r in results if r.rule in GUARD_RULES]
    if guards:
        if best.rule in ("exact", "glossary"):
            features = {**best.features, "conflict": 1.0}
            return MatchResult(0.5, features, "conflicting-names")
        return min(guards, key=lambda r: r.score)
    return best
