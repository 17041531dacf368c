"""Source grading on the Admiralty (NATO) scale.

Two scales, as in intelligence practice:

- **reliability** of a source, a letter A-F, per piece of evidence: the
  document's own grade (``documents.reliability``, an analyst override) wins
  over the publisher's grade (the ``publishers`` table), which wins over the
  default of the document's source kind (``VOCABULARY.source_kinds``);
- **credibility** of what is claimed, a number 1-6, derived from how many
  independent sources say it and how they hedge it (see ``derive_credibility``);
  an analyst's grade on the claim (``claims.credibility``) wins.

The stance of a source (affiliated, opposition, independent, state) follows
the same precedence as reliability. A claimant who is the subject itself
("Liwa al-Baqir claimed ...") speaks for its own group: its stance is
affiliated whatever the document that relays it.

Independence: sources are counted once each, keyed by the claimant when the
claim is reported (``claimed_by``), else by the publisher, else by the
document. Two documents that both relay alSouria.net are one source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from orbat.errors import ValidationError
from orbat.model import VOCABULARY
from orbat.model.views import ClaimView, EvidenceView

RELIABILITY_LABELS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
_RELIABILITY_RANK = {letter: i for i, letter in enumerate("ABCDEF") if letter in RELIABILITY_LABELS}

CREDIBILITY_LABELS: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

#: Hedges under which a source supports what it reports (``doubted`` disputes it).
SUPPORTING_HEDGES = frozenset({"asserted", "reported", "uncertain"})


def check_reliability(letter: str) -> str:
    """``letter`` as an upper-case Admiralty reliability grade; ValidationError otherwise."""
    value = (letter or "").strip().upper()
    if value not in RELIABILITY_LABELS:
        raise ValidationError(f"reliability {letter!r} is not an Admiralty grade (A-F)")
    return value


def check_stance(stance: str) -> str:
    value = (stance or "").strip().lower()
    if value not in VOCABULARY.stances:
        raise ValidationError(f"unknown stance {stance!r} (known: {', '.join(VOCABULARY.stances)})")
    return value


def check_credibility(value: int) -> int:
    if value not in CREDIBILITY_LABELS:
        raise ValidationError(f"credibility {value!r} is not on the 1-6 scale")
    return value


def reliability_rank(letter: str) -> int:
    """0 for A (best) to 5 for F (cannot be judged): for sorting."""
    return _RELIABILITY_RANK.get(letter, 5)


@dataclass(frozen=True)
class PublisherGrade:
    """An analyst's grade of a publisher; None leaves the source-kind default."""

    reliability: str | None = None
    stance: str | None = None


@dataclass(frozen=True)
class SourceGrades:
    """Publisher grades (from the store's ``publishers`` table), looked up case-insensitively."""

    publishers: Mapping[str, PublisherGrade] = field(default_factory=dict)

    def publisher(self, name: str | None) -> PublisherGrade | None:
        if not name:
            return None
        found = self.publishers.get(name)
        if found is not None:
            return found
        folded = name.casefold().strip()
        for key, grade in self.publishers.items():
            if key.casefold().strip() == folded:
                return grade
        return None


@dataclass(frozen=True)
class Source:
    """One source of one claim: a piece of evidence, graded, with its independence key."""

    key: str  # sources with the same key are one source (not independent of each other)
    label: str  # what to show: the claimant, the publisher or the document
    document: str
    publisher: str | None
    published: str | None
    source_kind: str
    reliability: str
    reliability_from: str  # document | publisher | kind
    stance: str
    stance_from: str  # document | publisher | kind | claimant
    claimed_by: str | None


_APOSTROPHES = re.compile("['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")
# "X (per Y)", "X (as recorded by Y)": Y recorded X's own statement; X is the origin.
_RECORDER = re.compile(
    r"\((?:as )?(?:per|recorded by|according to|cited by|quoted by|reported by|via|citing)\b[^)]*\)"
)
# "local sources quoted by Y", "X via Y": known only through Y, so every relay of Y is one source.
_RELAY = re.compile(r"\b(?:quoted by|cited by|relayed by|reported by|via|according to)\s+(.+)$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Case, accents, apostrophes and spacing folded away: for comparing names (worked out once per
    string: a page grades the same few claimants and publishers hundreds of times)."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _APOSTROPHES.sub("", s).casefold()
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=16384)
def claimant_key(claimed_by: str) -> str:
    """The independence key of a claimant.

    Parenthetical attributions name who recorded the claimant's own statement
    and are dropped (``Liwa al-Baqir (as recorded by Wikipedia)`` is Liwa
    al-Baqir). A relay chain names the outlet through which an otherwise
    unnamed claimant is known (``local sources quoted by alSouria.net`` is
    alSouria.net), so every document relaying that outlet counts once.
    """
    s = fold(claimed_by)
    s = _RECORDER.sub("", s).strip()
    m = _RELAY.search(s)
    if m and m.group(1).strip():
        s = m.group(1)
    s = _ARTICLE.sub("", s.strip())
    return s.strip(" .,;:") or fold(claimed_by)


def is_self_claim(claim: ClaimView) -> bool:
    """True when the claimant is the subject itself (``Liwa al-Baqir media`` on Liwa al-Baqir)."""
    if not claim.qualifiers.claimed_by or not claim.subject_name:
        return False
    key = claimant_key(claim.qualifiers.claimed_by)
    name = _ARTICLE.sub("", fold(claim.subject_name))
    return key == name or key.startswith(name + " ")


def evidence_reliability(ev: EvidenceView, grades: SourceGrades | None = None) -> tuple[str, str]:
    """(letter, where it came from): document > publisher > source-kind default."""
    if ev.reliability:
        return check_reliability(ev.reliability), "document"
    pub = (grades or SourceGrades()).publisher(ev.publisher)
    if pub is not None and pub.reliability:
        return check_reliability(pub.reliability), "publisher"
    kind = VOCABULARY.source_kinds.get(ev.source_kind) or VOCABULARY.source_kinds["other"]
    return kind.reliability, "kind"


def evidence_stance(ev: EvidenceView, grades: SourceGrades | None = None) -> tuple[str, str]:
    """(stance, where it came from): document > publisher > source-kind default."""
    if ev.stance:
        return ev.stance, "document"
    pub = (grades or SourceGrades()).publisher(ev.publisher)
    if pub is not None and pub.stance:
        return pub.stance, "publisher"
    kind = VOCABULARY.source_kinds.get(ev.source_kind) or VOCABULARY.source_kinds["other"]
    return kind.stance, "kind"


def source_key(claim: ClaimView, ev: EvidenceView) -> tuple[str, str]:
    """(independence key, label): the claimant, else the publisher, else the document."""
    if claim.qualifiers.claimed_by:
        return "claimant:" + claimant_key(claim.qualifiers.claimed_by), claim.qualifiers.claimed_by
    if ev.publisher:
        return "publisher:" + fold(ev.publisher), ev.publisher
    return "document:" + ev.document, ev.document


def sources_of(claim: ClaimView, grades: SourceGrades | None = None) -> tuple[Source, ...]:
    """The graded sources of a claim, one per piece of evidence (none without evidence)."""
    out: list[Source] = []
    self_claim = is_self_claim(claim)
    for ev in claim.evidence:
        key, label = source_key(claim, ev)
        reliability, r_from = evidence_reliability(ev, grades)
        stance, s_from = ("affiliated", "claimant") if self_claim else evidence_stance(ev, grades)
        out.append(
            Source(
                key=key,
                label=label,
                document=ev.document,
                publisher=ev.publisher,
                published=ev.published,
                source_kind=ev.source_kind,
                reliability=reliability,
                reliability_from=r_from,
                stance=stance,
                stance_from=s_from,
                claimed_by=claim.qualifiers.claimed_by,
            )
        )
    return tuple(out)


def derive_credibility(
    independent: int,
    *,
    affiliated_only: bool = False,
    uncertain_only: bool = False,
    disputed: bool = False,
) -> int:
    """The credibility (1-6) of a value from its support.

    ``independent``: how many independent sources support it (not doubting it).
    Corroborated by three or more: 1; by two: 2; a single source: 3, one step
    lower (4) when that source is affiliated with the group it speaks about.
    Only hedged support ("seemingly", "appears"): at best 4. No supporting
    source but a doubting one: 5; nothing at all: 6. A value that some source
    disputes is one step lower than its support alone gives (at most 5).
    """
    if independent <= 0:
        if uncertain_only:
            return 4
        return 5 if disputed else 6
    grade = 1 if independent >= 3 else 2 if independent == 2 else 3
    if independent == 1 and affiliated_only:
        grade += 1
    if uncertain_only:
        grade = max(grade, 4)
    if disputed:
        grade = min(grade + 1, 5)
    return grade


def hedge_credibility(claim: ClaimView) -> int | None:
    """The grade a claim's own evidence and hedge impose, or None when its support decides."""
    if not claim.evidence:
        return 6
    if claim.qualifiers.hedge == "doubted":
        return 5
    if claim.qualifiers.hedge == "uncertain":
        return 4
    return None


__all__ = [
    "CREDIBILITY_LABELS",
    "RELIABILITY_LABELS",
    "SUPPORTING_HEDGES",
    "PublisherGrade",
    "Source",
    "SourceGrades",
    "check_credibility",
    "check_reliability",
    "check_stance",
    "claimant_key",
    "derive_credibility",
    "evidence_reliability",
    "evidence_stance",
    "fold",
    "hedge_credibility",
    "is_self_claim",
    "reliability_rank",
    "source_key",
    "sources_of",
]
