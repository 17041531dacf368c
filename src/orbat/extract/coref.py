"""Which armed group "the group", "the brigade", "it" or "their" refers to; which person "he" is.

Salience, simply: the most recent armed group named as a clause subject in
the current section (a subject: the first group of its sentence, not right
after a preposition and not a modifier such as "X-affiliated"); failing
that, the group named in the section heading; failing that, the group of the
document title. A definite description with a unit word ("the brigade",
"the battalions", "the center") prefers the most recent subject of that unit
class. "He/his" is the most recent person in the paragraph.
"""

from __future__ import annotations

import bisect
import re

from orbat.extract.layout import Layout
from orbat.extract.lexicon import PREPOSITIONS
from orbat.extract.spans import Found

COREF_VERSION = "coref.v5"

GROUP_TYPES = frozenset({"armed_group"})
#: What may precede the group a heading is about: nothing, "The", "... of/on/about (the)".
_HEADING_TOPIC = re.compile(
    r"^\W*(?:the\s+)?$|^\W*(?:[\w’'-]+\s+){0,4}?[\w’'-]+[’']s\s+$|\b(?:of|on|about|for|and\s+the|:)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[\n.!?:;“”\"(]")
#: specific unit words prefer a group of that class; generic ones ("the group", "the militia") do not
_UNIT_OF: dict[str, str] = {
    "brigade": "brigade",
    "brigades": "brigade",
    "battalion": "battalion",
    "battalions": "battalion",
    "regiment": "regiment",
    "center": "center",
    "centre": "center",
    "front": "front",
}


#: Words a noun phrase may have between a preposition and a name ("with Hezbollah and the
#: Iraqi militia Harakat al-Nujaba"), besides other names.
_NP_FILLERS = frozenset(
    [
        *("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "and", "or", "&"),
        *("militia", "militias", "group", "groups", "force", "forces", "brigade", "battalion", "unit"),
        *("units", "movement", "party", "network", "faction", "factions", "ally", "allies", "partner"),
        *("local", "allied", "rival", "loyalist", "pro-government", "pro-regime", "jihadist", "rebel"),
        *("other", "fellow", "new", "so-called", "then", "little-known", "well-known", "powerful"),
        *("several", "some", "many", "various", "numerous", "two", "three", "four", "few", "all", "both"),
    ]
)
_NP_WORD = re.compile(r"[\w’'-]+|,")


#: A plural noun right after a group's name makes the name a modifier ("Army officers came to
#: prefer ...", "the Quds Force commander"): the clause is about those people, not the group.
_MODIFIED_NOUN = re.compile(
    r"\s+(?:officers|officials|commanders?|leaders?|chiefs?|instructors|advisers|advisors|trainers|sources|"
    r"media|spokesm[ae]n|spokesperson|representatives?|documents|statements|accounts|pages|veterans|"
    r"defectors|members|supporters|loyalists|critics)\b"
)
#: A sentence that opens with a reference to a group ("The network ...", "It ...", "In 2014 the
#: brigade ..."), before any name.
_LEADING_REFERENCE = re.compile(
    r"\W*(?:(?:in|by|during|since|after|from|at|on|for)\s+[^,.;]{0,40}?,?\s+)?"
    r"(?:(?:the|this|that)\s+(?:same\s+)?(?:group|unit|brigade|battalion|battalions|militia|force|"
    r"forces|organi[sz]ation|center|centre|formation|network|movement|regiment)\b|(?:it|they)\s)",
    re.IGNORECASE,
)

_LEADING_UNIT_REFERENCE = re.compile(
    r"\W*(?:(?:in|by|during|since|after|from|at|on|for)\s+[^,.;⟨]{0,40}?,?\s+)?"
    r"(?P<ref>(?:the|this|that)\s+(?:same\s+)?(?P<noun>brigade|battalion|battalions|regiment|center|centre)\b)"
    r"(?!\s+(?:of|in|from)\b)",
    re.IGNORECASE,
)


#: "X's armed wing, known as the Y, ...": a name given in apposition after "known as" or
#: "called" names the clause's subject, it is no object of "as".
_NAMED_AS = re.compile(
    r",\s*(?:(?:also|better|commonly|locally|now)\s+)?(?:(?:known|referred\s+to)\s+as|called|named|dubbed)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def named_in_apposition(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows ", known as (the)" or ", called" (a name of the subject)."""
    return bool(_NAMED_AS.search(text, max(0, start - 60), start))


def masked_names(text: str, found: list[Found]) -> str:
    """The text with every recognised name written as one capitalised word of the same length
    ("Xxxxxxxxxx"), so that a walk over words sees "with the Syrian government and the National
    Defense Forces" as a preposition and two names. Offsets are those of ``text``."""
    chars = list(text)
    for f in found:
        if 0 <= f.start < f.end <= len(chars):
            chars[f.start : f.end] = "X" + "x" * (f.end - f.start - 1)
    return "".join(chars)


#: Verbs of joining: a name after one is its object ("were told to join the 4th Division or the
#: 5th Corps"), not a clause subject.
_JOIN_VERBS = frozenset(["join", "joins", "joined", "joining", "rejoin", "rejoined"])


def object_of_preposition(text: str, start: int) -> bool:
    """Whether the name at ``start`` is the object of a preposition in its clause: the words
    before it, back to a preposition, are only determiners, descriptive nouns, possessive
    modifiers and other names ("commander of the Quds Force", "with Hezbollah and the Iraqi
    militia Harakat al-Nujaba", "raised by Iran's Revolutionary Guards"); so is the object of a
    verb of joining ("told to join the 4th Division or the 5th Corps"). ``text`` is best the
    :func:`masked_names` text, where a name of several words is one word."""
    if named_in_apposition(text, start):
        return False
    window = _CLAUSE_START.split(text[max(0, start - 80) : start])[-1]
    window = re.sub(r"['’]s\b", "", window)
    after = ""  # the word after ``w`` (towards the name)
    for w in reversed(_NP_WORD.findall(window)[-8:]):
        low = w.casefold()
        if low in PREPOSITIONS or low in _JOIN_VERBS:
            return True
        if low == "that" and (not after or after[:1].isupper()):
            return False  # "sources told X that Y ...": a clause opens, "that" is no determiner
        after = w
        if low == "," or not (low in _NP_FILLERS or w[:1].isupper()):
            return False
    return False


class Salience:
    def __init__(
        self, text: str, found: list[Found], sentences: list[tuple[int, int]], layout: Layout
    ) -> None:
        self.text = text
        #: the text with every name one word (offsets kept), for walks over the words before a name
        self.masked = masked_names(text, found)
        self.groups = [f for f in found if f.type in GROUP_TYPES and f.kind != "generic"]
        self.groups.sort(key=lambda f: f.start)
        self.persons = sorted((f for f in found if f.type == "person"), key=lambda f: f.start)
        self.events = sorted((f for f in found if f.type == "event"), key=lambda f: f.start)
        self.event_starts = [f.start for f in self.events]
        self.person_starts = [f.start for f in self.persons]
        self.sent_starts = [s for s, _ in sentences]
        self.sentences = sentences
        self._mark_subjects(layout)
        self.subjects = [f for f in self.groups if f.subject]
        self.subject_starts = [f.start for f in self.subjects]
        self.sections: list[tuple[int, Found | None]] = []  # (section start, heading group)
        title_group: Found | None = None
        parent: Found | None = None  # the group of the enclosing (level 0 or 1) section
        for h in layout.headings:
            g = next((f for f in self.groups if h.start <= f.start and f.end <= h.end), None)
            if g is not None and not _HEADING_TOPIC.search(self.text[h.start : g.start]):
                g = None  # "Iranian and Hizballah backing" is not a section about Hizballah
            if h.level == 0:
                title_group = parent = g
                self.sections.append((h.start, g))
            elif h.level == 1 or g is not None:
                self.sections.append((h.start, g or title_group))
                if h.level == 1:
                    parent = g or title_group
            else:
                # a sub-heading naming no group ("Strength"): a new passage about the enclosing section's group
                self.sections.append((h.start, parent))
        if not self.sections or self.sections[0][0] > 0:
            self.sections.insert(0, (0, title_group))
        self.section_starts = [s for s, _ in self.sections]
        self.title_group = title_group
        self._reference_subjects()

    def _reference_subjects(self) -> None:
        """A sentence opening with "The brigade ..." makes the brigade it means the salient group
        again ("The brigade did not start out alone. For its first months it ...")."""
        for a, b in self.sentences:
            m = _LEADING_UNIT_REFERENCE.match(self.text, a, b)
            if m is None:
                continue
            pos = m.start("ref")
            f = self.group_at(pos, unit=_UNIT_OF[m.group("noun").casefold()])
            i = bisect.bisect_left(self.subject_starts, pos)
            if f is None or (i > 0 and self.subjects[i - 1] is f):
                continue
            self.subjects.insert(i, f)
            self.subject_starts.insert(i, pos)

    def _mark_subjects(self, layout: Layout) -> None:
        seen_sentence: set[int] = set()
        for f in self.groups:
            if layout.is_heading(f.start, f.end):
                continue  # a heading is no clause: what it is about is the section's group
            si = bisect.bisect_right(self.sent_starts, f.start) - 1
            before = self.text[max(0, f.start - 30) : f.start]
            if before.rstrip().endswith("("):
                continue  # "(IRGC)": another name of the name before it
            after = self.text[f.end : f.end + 2]
            modifier = after.startswith(("-", "’s", "'s")) or bool(_MODIFIED_NOUN.match(self.text, f.end))
            if modifier or object_of_preposition(self.masked, f.start):
                continue

            if si in seen_sentence:
                continue
            if 0 <= si < len(self.sentences) and _LEADING_REFERENCE.match(
                self.text, self.sentences[si][0], f.start
            ):
                # "The network worked through branches: the Latakia NDF, ...": the sentence is about
                # the group the reference means, not about the first name in it
                seen_sentence.add(si)
                continue
            seen_sentence.add(si)
            f.subject = True

    def section_at(self, pos: int) -> tuple[int, Found | None]:
        i = bisect.bisect_right(self.section_starts, pos) - 1
        return self.sections[max(i, 0)]

    def group_at(self, pos: int, unit: str | None = None, plural: bool | None = None) -> Found | None:
        """The armed group a reference at ``pos`` most likely means."""
        return self._group_at(pos, unit, plural)

    def other_group_at(self, pos: int, not_nodes: frozenset[str]) -> Found | None:
        """The most salient group at ``pos`` other than these nodes ("Hezbollah helped train its
        recruits": "its" is not Hezbollah)."""
        i = bisect.bisect_left(self.subject_starts, pos) - 1
        sec_start, sec_group = self.section_at(pos)
        while i >= 0 and self.subject_starts[i] >= sec_start:
            if self.subjects[i].node not in not_nodes:
                return self.subjects[i]
            i -= 1
        for g in (sec_group, self.title_group):
            if g is not None and g.node not in not_nodes:
                return g
        return None

    def _group_at(self, pos: int, unit: str | None, plural: bool | None) -> Found | None:
        sec_start, sec_group = self.section_at(pos)
        i = bisect.bisect_left(self.subject_starts, pos) - 1
        fallback: Found | None = None
        k = i
        while k >= 0 and self.subject_starts[k] >= sec_start:
            f = self.subjects[k]
            if unit is None or f.unit == unit or unit in f.name.casefold():
                if plural is None or plural == _is_plural(f):
                    return f
                fallback = fallback or f
            elif fallback is None and unit is not None and unit in {"unit", "group"}:
                fallback = f
            k -= 1
        if fallback is not None:
            return fallback
        if unit is not None and unit not in {"unit", "group"}:
            # no subject of this section has that unit word: the section's or the title's group may
            for g in (sec_group, self.title_group):
                if g is not None and (g.unit == unit or unit in g.name.casefold()):
                    return g
        if i >= 0 and self.subject_starts[i] >= sec_start:
            return self.subjects[i]
        return sec_group or self.title_group

    def event_at(self, pos: int, window: int = 1500) -> Found | None:
        """The event "the battle" or "that offensive" at ``pos`` refers to: the last one named before it."""
        i = bisect.bisect_left(self.event_starts, pos) - 1
        if i >= 0 and pos - self.events[i].end <= window and self.events[i].end <= pos:
            return self.events[i]
        return None

    def person_at(self, pos: int, window: int = 600) -> Found | None:
        i = bisect.bisect_left(self.person_starts, pos) - 1
        if i >= 0 and pos - self.persons[i].end <= window:
            return self.persons[i]
        return None


def unit_of_word(word: str) -> str | None:
    return _UNIT_OF.get(word.casefold())


def _is_plural(f: Found) -> bool:
    last = f.name.split()[-1].casefold() if f.name.split() else ""
    return (last.endswith("s") and last not in {"corps"}) or f.unit in {"forces"}
