"""The relation rules, as data: one row per pattern.

Each rule is a regular expression over the masked sentence (see
:mod:`orbat.extract.relations.sentence`), with macros for typed slots:

``{G}`` an armed group or a group reference, ``{GO}`` group or organisation,
``{P}`` a person (or "he"), ``{L}`` a place, ``{LS}`` place or state, ``{E}``
an event, ``{K}`` a kin group, ``{X}`` any entity, ``{D}`` a date, ``{Q}`` a
quantity; a trailing ``S`` (``{GS}``, ``{XS}``, ``{LSS}``) takes a coordinated
list ("A, B and C"). ``{_}`` is a short gap inside one clause (no slot
crossed).

Named groups: ``s`` the claim's subject, ``o`` its object, ``t`` a text
object, ``k`` words naming the kind, ``r`` words naming the role. Where a
rule has no ``s`` group the subject is found left of the match (the nearest
subject-like slot of the allowed types), and, if the rule allows it, the
section's salient group (``topic=True``). Where it has no ``o`` group the
object is found per ``obj``: ``date`` (nearest date), ``right`` (first slot
of the allowed types after the match, with its list), ``none``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RULES_VERSION = 6


@dataclass(frozen=True)
class Rule:
    id: str
    predicate: str
    pattern: str
    subj: str = "GA"  # allowed subject codes
    obj: str = "o"  # "o" (named group), "date", "right", "text", "quantity", "none"
    obj_codes: str = ""
    topic: bool = False  # may fall back to the salient group as subject
    near: bool = False  # the subject is the nearest slot on the left (participles: "X led by", "X based in")
    kind: str | None = None
    role: str | None = None
    swap: bool = False  # the o slot is the claim's subject and s its object
    date_role: str | None = None  # how a date in the clause qualifies: start/end/as_of (None: by its cue)
    keyword: str = ""  # a literal the sentence must contain (lower case), to skip rules cheaply
    unless_before: str = ""  # a regex that must not match the masked text right before the match

    @property
    def unless(self) -> re.Pattern[str] | None:
        return re.compile(rf"(?:{self.unless_before})\s*$", re.IGNORECASE) if self.unless_before else None

    @property
    def origin(self) -> str:
        return f"rule:{self.id}@{RULES_VERSION}"


#: A descriptor a list may put before a name ("Hezbollah and the Iraqi militia Harakat al-Nujaba").
_DESCRIPTOR = (
    r"(?:(?:[A-Z][\w’'-]+|Shi[’']?(?:i|ite)|local|allied|rival|loyalist|jihadist|rebel|pro-\w+)\s+){0,2}"
    r"(?:militia|group|movement|faction|party|organi[sz]ation|network|force)\s+"
)
_SEP = rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s*,?\s+(?:and|or|&)\s+)(?:the\s+)?(?:{_DESCRIPTOR})?"


_BACKING = (
    r"(?:backed|funded|sponsored|supported|trained|armed|financed|led|allied|affiliated|linked|aligned)"
)


def _slot(codes: str, name: str | None = None, many: bool = False) -> str:
    # a name joined by a hyphen is a modifier ("the ⟨S1⟩-backed ⟨G2⟩"): it may stand before the slot,
    # and is never the slot itself
    # so is a possessive name ("Iran's ⟨G2⟩"): the slot is the name it modifies
    tok = rf"(?:⟨[A-Z]\d+⟩-{_BACKING}\s+)?(?:⟨[GOSLP]\d+⟩['’]s\s+)?⟨[{codes}]\d+⟩(?!-)"
    item = rf"{tok}(?:\s*\([^()]{{0,80}}\))?"
    body = rf"{item}(?:{_SEP}{item})*" if many else tok
    return rf"(?P<{name}>{body})" if name else rf"(?:{body})"


_CODES = {
    "G": "GA",
    "GO": "GAO",
    "GOS": "GAOS",
    "P": "PH",
    "L": "L",
    "LS": "LS",
    "E": "E",
    "K": "K",
    "X": "GAOSPKLE",
    "D": "D",
    "Q": "Q",
    "GK": "GAK",
    "O": "O",
    "S": "S",
    "PK": "PHK",
    "XG": "GAOSP",
}
_MACRO = re.compile(r"\{(?P<c>[A-Z]+)(?::(?P<n>\w+))?\}|\{_\}")


def expand(pattern: str) -> str:
    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "{_}":
            return r"(?:[^.;⟨]|⟨[DQ]\d+⟩){0,60}?"
        c, name = m.group("c"), m.group("n")
        many = False
        if c not in _CODES and c.endswith("S") and c[:-1] in _CODES:
            c, many = c[:-1], True
        return _slot(_CODES[c], name, many)

    return _MACRO.sub(sub, pattern)


_FOUND_VERB = r"(?:founded|formed|established|set\s+up|created|launched|raised)"
_PASSIVE = r"(?:was|were|had\s+been|has\s+been|have\s+been|been|being|is|are)\s+(?:\w+ly\s+)?(?:first\s+|originally\s+|initially\s+)?"
#: Words that may describe the agent after "by" before the names: "by the brothers A and B",
#: "by the businessman X", "by two Alawite businessmen, A and B" (no preposition, so "by a group of
#: officers loyal to X" does not make X the agent).
_BY_DESC = (
    r"(?:the\s+|a\s+|an\s+|two\s+|three\s+|several\s+)?"
    r"(?:(?!(?:of|to|from|with|for|in|on|at|and|or|loyal|close|near|who|which|that)\b)[\w’'-]+\s+){0,3}?(?:,\s*)?"
)
#: Verbs of founding, finite or after "began/started" ("began assembling", "set up").
_FOUND_ANY = (
    r"(?:(?:began|begun|started|helped)\s+(?:to\s+)?)?"
    r"(?:found(?:ed|ing)?|form(?:ed|ing)?|establish(?:ed|ing)?|set\s+up|setting\s+up|creat(?:ed|ing|e)|"
    r"launch(?:ed|ing)?|rais(?:ed|ing|e)|assembl(?:ed|ing|e)|organi[sz](?:ed|ing|e))\b"
)
#: Nouns a relative clause of founding may hang on ("a second militia that X set up").
_GROUP_NOUN = (
    r"(?:militia|group|unit|force|brigade|battalion|regiment|formation|detachment|faction|outfit|network|wing|"
    r"movement|organi[sz]ation|corps|division)s?"
)
_KIN = r"(?:brother|sister|son|daughter|father|mother|cousin|nephew|niece|uncle|aunt|wife|husband|brother-in-law|son-in-law)"

#: What "in PLACE" right after these words says is not where a group operates: where its
#: camps, bases or offices are (facility, headquarters), or where a deed or an event
#: took place ("massacres in X", "training in X", "a meeting in X").
_NOT_PRESENCE = (
    r"\b(?:(?:training\s+)?camps?|bases?|headquarters|HQ|sites?|facilit(?:y|ies)|prisons?|academy|"
    r"(?:based|headquartered|garrisoned)(?:\s+\w+ly)?|"
    r"massacres?|killings?|attacks?|crimes|atrocities|abuses|bombings?|strikes?|"
    r"training|trained|studied|studies|events?|meetings?|conferences?|elections?|ceremon(?:y|ies)|funerals?)"
    r"(?:\s+(?:is|are|was|were|lies|lay|located|situated)){0,2}"
)

#: Free text that may contain the names of groups, kin groups and places ("former Shabiha members").
_TEXT_SLOTS = r"(?:[^.;⟨(]|⟨[GKLSOPE]\d+⟩)"
#: What a group is "composed of" when that is its structure, not its people (units, centres).
_NOT_STRUCTURE = (
    r"(?!(?:a\s+|an\s+|the\s+)?(?:(?:wide\s+|large\s+|small\s+)?(?:variety|number|series|network|collection|set|"
    r"mix|range)\s+of\s+)?(?:(?:central|several|various|many|numerous|dozens\s+of|local|regional|smaller|"
    r"autonomous)\s+)*(?:units?|cent(?:er|re)s?|offices?|branch(?:es)?|militias|brigades|battalions|groups|"
    r"factions|regiments|companies|sections|cells|wings?|commands?|divisions|⟨[GA]\d+⟩)\b)"
)

#: Titles written before a person's name ("Comrade X", "Brigadier-General X"); the name's span leaves them out.
_TITLE = (
    r"(?:(?i:comrade|brigadier-general|brigadier|major-general|general|gen\.|colonel|col\.|major|captain|"
    r"lieutenant|sheikh|shaykh|hajj|haji|sayyed|sayyid|imam|commander|dr\.|mr\.)\s+){0,2}"
)

#: Lower-case words describing a person before the name ("the tycoon", "a former officer").
_DESC_NOUNS = r"(?:(?!(?:of|and|or|with|from|in|for|by|to)\b)[a-z][\w-]*\s+){0,2}?"

#: Verbs of paying, arming, training (present, past or participle), and their lists ("trains,
#: arms and pays").
_SUPPORT_VERB = r"(?:trains?|trained|arms|armed|funds?|funded|finances?|financed|pays?|paid|equips?|equipped|advises?|advised)"
_SUPPORT_VERBS = rf"{_SUPPORT_VERB}(?:\s*,\s*{_SUPPORT_VERB})*(?:\s*,?\s+and\s+{_SUPPORT_VERB})?"
#: What a backer may pay: salaries and wages ("part of its salaries", "the salaries of fighters in X").
_PAY_NOUN = r"(?:salaries|wages|stipends)"
_SUPPORT_AUX = r"(?:(?:still|also|reportedly|continued\s+to|continues\s+to|began\s+to|is\s+said\s+to\s+have|was\s+said\s+to\s+have|\w+ly)\s+)*"

R = Rule
# fmt: off
RULES: tuple[Rule, ...] = (
    R('founded.passive', 'founded', r"(?:was|were|had\s+been|has\s+been|have\s+been|been|being|is|are)\s+(?:\w+ly\s+)?(?:first\s+|originally\s+|initially\s+)?(?:founded|formed|established|set\s+up|created|launched|raised)\b(?!\s+(?:the\s+)?⟨)", obj='date'),
    R('founded.participle', 'founded', r"(?:,|\bthat|\bwhich)\s+(?:originally\s+|first\s+)?(?:founded|formed|established|set\s+up|created|launched|raised)\s+(?:in|on)\s+(?:\w+\s+)?(?P<o>⟨D\d+⟩)"),
    R('founded.noun', 'founded', r"(?:formation|establishment|creation|founding|inception)\s+(?:of\s+{G:s}\s+)?(?:\w+\s+){0,2}?(?:in|on)\s+(?P<o>⟨D\d+⟩)", topic=True),
    R('founded.noun_poss', 'founded', r"(?P<s>⟨[GA]\d+⟩)['’]s\s+(?:formation|establishment|creation|founding|birth|inception)\s+(?:\w+\s+)?(?:in|on)\s+(?P<o>⟨D\d+⟩)"),
    R('founded.its_noun', 'founded', r"(?P<s>⟨A\d+⟩)\s+(?:formation|establishment|creation|founding|birth|inception)\s+(?:\w+\s+)?(?:in|on)\s+(?P<o>⟨D\d+⟩)"),
    R('founded.dates', 'founded', r"\bdat(?:es|ed|e|ing)\s+(?:the\s+|its\s+)?(?:formation|establishment|creation|founding|birth|origins?)\s+(?:of\s+(?:the\s+)?{G:s}\s+)?(?:to|in)\s+(?P<o>⟨D\d+⟩)", topic=True),
    R('founded.origins', 'founded', r"\b(?:origins?|roots|beginnings)\s+(?:\w+\s+){0,2}?(?:go(?:ing|es)?|dat(?:e|es|ing)|trac(?:e|es|ed|ing)|reach(?:es|ing)?)\s+back\s+to\s+(?:\w+\s+)?(?P<o>⟨D\d+⟩)", topic=True),
    R('founded.emerged', 'founded', r"\b(?:emerged|appeared|surfaced)\s+(?:(?:first|publicly|only)\s+)?(?:in|on)\s+(?:\w+\s+)?(?P<o>⟨D\d+⟩)", subj='G'),
    R('founded.came_into_being', 'founded', r"\b(?:came|come|comes|coming)\s+into\s+(?:being|existence)\b", obj='date'),
    R('founded.active', 'founded', r"{XG:a}(?:\s*\([^()]{0,80}\))?(?:\s*,(?:[^.;]|⟨[A-Z]\d+⟩){0,120}?,)?\s+(?:\w+ly\s+)?(?:formed|founded|established|set\s+up|created|launched)\s+(?:the\s+)?{G:s}", obj='date'),
    R('founded_by.passive', 'founded_by', r"(?:was|were|had\s+been|has\s+been|have\s+been|been|being|is|are)\s+(?:\w+ly\s+)?(?:first\s+|originally\s+|initially\s+)?(?:founded|formed|established|set\s+up|created|organi[sz]ed|assembled|raised|launched)\b{_}\bby\s+" + _BY_DESC + r"{XS:o}"),
    R('founded_by.participle', 'founded_by', r"(?:,|\bthat|\bwhich)\s+(?:originally\s+)?(?:founded|formed|established|set\s+up|created)\s+(?:in\s+⟨D\d+⟩\s+)?by\s+" + _BY_DESC + r"{XS:o}"),
    R('founded_by.active', 'founded_by', r"{X:o}(?:\s*\([^()]{0,80}\))?(?:\s*,(?:[^.;]|⟨[A-Z]\d+⟩){0,120}?,)?\s+(?:\w+ly\s+)?(?:formed|founded|established|set\s+up|created|launched)\s+(?:the\s+)?{G:s}"),
    R('founded_by.relative_appos', 'founded_by', r"(?P<s>⟨[GA]\d+⟩)\s*,\s*(?:a|an|the|one)\s+(?:[\w’'-]+\s+){0,3}?" + _GROUP_NOUN + r"\s+(?:that|which|whom)\s+" + _TITLE + r"{XG:o}\s+(?:\w+ly\s+)?" + _FOUND_ANY),
    R('founded.relative_appos', 'founded', r"(?P<s>⟨[GA]\d+⟩)\s*,\s*(?:a|an|the|one)\s+(?:[\w’'-]+\s+){0,3}?" + _GROUP_NOUN + r"\s+(?:that|which|whom)\s+" + _TITLE + r"⟨[GAOSP]\d+⟩\s+(?:\w+ly\s+)?" + _FOUND_ANY + r"\s+(?:in|on)\s+(?:\w+\s+)?(?P<o>⟨D\d+⟩)"),
    R('founded_by.relative', 'founded_by', r"\b(?:is|was|are|were|began\s+as|started\s+(?:out\s+)?as|grew\s+out\s+of|emerged\s+(?:out\s+of|from)|evolved\s+(?:out\s+of|from)|originated\s+(?:as|in|from))\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?" + _GROUP_NOUN + r"(?:\s+of\s+(?:the\s+)?⟨[GOS]\d+⟩)?\s+(?:that|which|whom)\s+" + _TITLE + r"{XG:o}\s+(?:\w+ly\s+)?" + _FOUND_ANY),
    R('founded.relative', 'founded', r"\b(?:is|was|are|were|began\s+as|started\s+(?:out\s+)?as|grew\s+out\s+of|emerged\s+(?:out\s+of|from)|evolved\s+(?:out\s+of|from)|originated\s+(?:as|in|from))\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?" + _GROUP_NOUN + r"(?:\s+of\s+(?:the\s+)?⟨[GOS]\d+⟩)?\s+(?:that|which|whom)\s+" + _TITLE + r"⟨[GAOSP]\d+⟩\s+(?:\w+ly\s+)?" + _FOUND_ANY + r"\s+(?:in|on)\s+(?:\w+\s+)?(?P<o>⟨D\d+⟩)"),
    R('founded_by.founder', 'founded_by', r"(?:\bwhose|⟨A\d+⟩)\s+(?:\w+\s+)?founder,?\s+{P:o}", role='founder', near=True),
    R('founded_by.founder_of', 'founded_by', r"\bfounder\s+of\s+(?:the\s+)?{G:s}\s*,?\s+{P:o}", role='founder'),
    R('dissolved.passive', 'dissolved', r"(?:was|were|had\s+been|has\s+been|have\s+been|been|being|is|are)\s+(?:\w+ly\s+)?(?:first\s+|originally\s+|initially\s+)?(?:disbanded|dissolved|abolished|deactivated)\b", obj='date'),
    R('leader.by', 'leader', r'\b(?:led|headed|commanded|run)\s+(?:(?:from|since)\s+(?:the\s+)?\w+\s+)?by\s+[“"]?(?:the\s+(?P<r>\w+)\s+(?:of\s+(?:the\s+)?⟨[OGA]\d+⟩\s*,\s+))?(?:(?:the|a|an)\s+)?' + _DESC_NOUNS + _TITLE + r'{PK:o}', subj='GAO', role='leader', near=True),
    R('leader.named', 'leader', r"\b(?P<r>coordinator|commander|leader|head|chief)\s+(?:who\s+is\s+(?:reported|said|believed|thought)\s+to\s+be|is|was|named|(?:is|was)\s+(?:named|given|listed|identified)\s+as)\s+" + _TITLE + r"{P:o}", subj='GAO'),
    R('leader.title_before', 'leader', r"{GO:s}\s+(?P<r>leader|commander|chief|head|secretary-general|founder|emir)\s+{P:o}", subj='GAO'),
    R('leader.poss', 'leader', r"{GO:s}['’]s\s+(?:[\w-]+\s+){0,2}?(?P<r>leader|commander|chief|head|emir)\s*[,:]?\s+" + _TITLE + r"{P:o}", subj='GAO'),
    R('leader.its', 'leader', r"(?P<s>⟨A\d+⟩)\s+(?:[\w-]+\s+){0,2}?(?P<r>leader|commander|chief|head|emir)\s*[,:]\s+" + _TITLE + r"{P:o}", subj='GAO'),
    R('leader.of', 'leader', r"\b(?P<r>(?:original\s+|former\s+|current\s+|then-|overall\s+|top\s+)?(?:leader|commander|head|chief|secretary|director|emir|coordinator))\s+of\s+(?:the\s+)?{GO:s}(?:\s+and\s+[^,.;]{0,80})?\s*[,:]?\s+{P:o}", subj='GAO'),
    R('leader.active', 'leader', r"{P:o}(?:\s*,\s*who)?\s+(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(?:leads|led|commands|commanded|heads|headed)\s+(?:the\s+)?{G:s}", role='leader'),
    R('leader.under', 'leader', r"\bunder\s+(?:the\s+(?:command|leadership)\s+of\s+)?" + _TITLE + r"{P:o}(?!\s*['’]s)", subj='GA', role='leader', topic=True),
    R('leader.appos_of', 'leader', r"{P:o}\s*,\s*(?:the\s+|then\s+|then-|now\s+)(?:\w+\s+)?(?P<r>commander|leader|head|chief|emir|coordinator|secretary-general|founder)\s+of\s+(?:the\s+)?{GO:s}", subj='GAO'),
    R('leader.appos_poss', 'leader', r"{P:o}\s*,\s*(?:the\s+)?(?P<s>⟨[GAO]\d+⟩)['’]s?\s+(?P<r>(?:first\s+|former\s+|current\s+|overall\s+|national\s+|new\s+)?(?:commander|leader|head|chief|emir|coordinator))\b", subj='GAO'),
    R('leader.as_role', 'leader', r"{P:o}\s+as\s+(?:the\s+)?(?:(?P<s>⟨[GAO]\d+⟩)(?:['’]s?)?\s+)?(?P<r>(?:first\s+|former\s+|current\s+|overall\s+|national\s+|new\s+)?(?:commander|leader|head|chief|emir|coordinator))\b", subj='GAO', topic=True),
    R('leader.held', 'leader', r"\b(?:command|leadership)\s+(?:of\s+(?:the\s+)?{GO:s}\s+)?(?:was|is|has\s+been|had\s+been)\s+(?:\w+ly\s+)?held\s+by\s+" + _TITLE + r"{P:o}", subj='GAO', role='leader', topic=True),
    R('leader.poss_unit', 'leader', r"{P:o}['’]s\s+(?:own\s+)?{G:s}", subj='G', role='leader'),
    R('member.appos', 'member', r"{P:o}\s*,\s*(?:a|an|one)\s+(?:\w+\s+){0,2}?(?P<r>member|fighter|commander|official|leader|officer)s?\s+(?:of|in|with|from)\s+(?:the\s+)?{GO:s}", subj='GAO'),
    R('member.is_at', 'member', r"{P:o}\s+(?:is|was)\s+(?:a|an)\s+(?P<r>[^⟨.;,]{2,50}?)\s+(?:at|of|with|for|in)\s+(?:the\s+)?{GO:s}", subj='GAO'),
    R('member.correspondent', 'member', r"\b(?:the\s+)?{O:s}\s+(?P<r>correspondent|reporter|journalist|spokesman|spokesperson|representative|editor)(?:\s+in\s+⟨L\d+⟩)?\s*,\s*{P:o}", subj='O'),
    R('member.included', 'member', r"(?:⟨H\d+⟩|⟨P\d+⟩['’]s?|(?:the\s+)?(?P<s>⟨[GA]\d+⟩)['’]?s?)\s+(?:(?:senior|top|key|closest|main|former|successive)\s+)?(?P<r>deputies|lieutenants|aides|field\s+commanders|officers|bodyguards|spokesmen)\s+(?:have\s+|has\s+|had\s+)?(?:\w+ly\s+)?(?:included|include|counted|were|are)\s+{PS:o}", subj='GA', topic=True),
    R('member.martyrs', 'member', r"(?:\bmartyrs?\b|⟨Q\d+⟩)[^.;⟨]{0,40}?{PS:o}", topic=True, keyword='martyr'),
    R('part_of.consists', 'part_of', r"{GO:o}\s+(?:consists|consisted|comprises|comprised|includes|included|is\s+composed|is\s+made\s+up|is\s+comprised|encompasses)\s+(?:of\s+)?[^⟨.;]{0,50}?{GS:s}", subj='G'),
    R('part_of.appos', 'part_of', r"{G:s}\s*,\s*(?:a|an|the|one)\s+(?:\w+\s+){0,3}?(?:unit|sub-?unit|branch|wing|component|faction|formation|part|member|brigade|battalion)s?\s+(?:of|within|in)\s+(?:the\s+)?{GOS:o}"),
    R('part_of.wing_of', 'part_of', r"\b(?P<r>(?:armed\s+|military\s+|women['’]s\s+)?wing|component|branch|sub-?unit|division|arm)\s+of\s+(?:the\s+)?{GOS:o}"),
    R('part_of.under', 'part_of', r"\b(?:working|worked|operating|operated|fighting|fought|serving|served|functioning)\s+(?:\w+ly\s+)?(?:under|within)\s+(?:the\s+(?:[\w-]+\s+){0,3}of\s+)?(?:the\s+)?(?:" + _DESCRIPTOR + r"|[A-Z][a-z]+\s+)?{GO:o}"),
    R('part_of.under_new', 'part_of', r"{G:s}\s+under\s+(?:a\s+(?:[\w-]+\s+){0,3}(?:dubbed|called|named)\s+)?(?:the\s+)?{G:o}", subj='G'),
    R('part_of.group_of', 'part_of', r"{GO:o}\s+(?:group|branch|affiliate|franchise|offshoot)\s+{G:s}", subj='G'),
    R('part_of.poss', 'part_of', r"{GO:o}['’]s\s+{GO:s}", subj='GO'),
    R('part_of.unit_of', 'part_of', r"(?P<s>⟨G\d+⟩)\s+of\s+(?:the\s+)?(?P<o>⟨[GO]\d+⟩)", subj='G'),
    R('part_of.poss_wing', 'part_of', r"{GO:o}['’]s?\s+(?:own\s+)?(?P<r>(?:armed|military|paramilitary|youth|militia)\s+)?(?:wing|arm|formation)\b(?!\s*,\s*(?:the\s+)?⟨G)", topic=True),
    R('part_of.wing_appos', 'part_of', r"(?P<o>⟨[GAO]\d+⟩)['’]?s?\s+(?P<r>(?:(?:armed|military|paramilitary|youth|women['’]s|female|student)\s+)?(?:wing|arm|branch))\s*,\s*(?:(?:also\s+|better\s+)?known\s+as\s+|called\s+|named\s+|dubbed\s+)?(?:the\s+)?{G:s}", subj='G'),
    R('part_of.answers_to', 'part_of', r"\b(?:answer(?:ed|s|ing)?|answerable|subordinate(?:d)?|accountable)\s+(?:\w+\s+){0,3}?to\s+(?:the\s+)?(?P<o>⟨[GOS]\d+⟩)"),
    R('part_of.under_wing', 'part_of', r"\bunder\s+the\s+(?:wing|umbrella|auspices|banner|command|aegis)\s+of\s+(?:the\s+)?(?:" + _DESCRIPTOR + r")?{GO:o}", topic=True),
    R('part_of.made_up', 'part_of', r"(?:\b(?:militias|units|groups|formations|brigades|battalions|factions|components|members|outfits)|⟨A\d+⟩)\s+(?:that|which|who)\s+(?:\w+ly\s+)?(?:made|make|makes|compose[sd]?|constitute[sd]?|formed|form|forms)\s+(?:up\s+)?(?:the\s+)?(?:⟨L\d+⟩['’]s?\s+)?{GO:o}"),
    R('part_of.grew_out', 'part_of', r"\b(?:grew|grown|emerged|evolved|developed|originated|sprang|sprung|began|started)\s+(?:out\s+of|from|as)\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:detachment|unit|sub-?unit|branch|wing|division|cell|section|battalion|brigade|regiment|company|department|squad|contingent|office|platoon)\s+(?:of|within|in|inside)\s+(?:the\s+)?{GO:o}"),
    R('part_of.placed_under', 'part_of', r"\b(?:placed|put|brought|transferred|moved|subordinated|attached)\s+(?:back\s+)?(?:under|to)\s+(?:the\s+(?:direct\s+|formal\s+|nominal\s+)?(?:command|control|authority|umbrella|wing|aegis|auspices|supervision)\s+of\s+)?(?:the\s+)?{GO:o}"),
    R('part_of.within', 'part_of', r"\bwithin\s+(?:this|the)\s+(?:[\w-]+\s+){0,3}(?:network|structure|formation)\s+of\s+{GO:o}"),
    R('allied.linked', 'allied_with', r"\b(?:linked|allied|aligned|cooperat(?:ed|ing|es)|coordinat(?:ed|ing|es))\s+(?:\w+\s+){0,3}?(?:with|to)\s+(?:the\s+)?{GOSS:o}", subj='GAOS'),
    R('allied.coordination', 'allied_with', r"\b(?:coordination|cooperation|conjunction|partnership|alliance)\s+(?:not\s+only\s+)?with\s+(?:the\s+)?{GOSS:o}", subj='GAOS'),
    R('allied.but_also', 'allied_with', r"\b(?:coordination|coordinated|cooperation|alongside)\b[^.;]{0,80}?\bbut\s+also\s+(?:with\s+)?(?:the\s+)?(?:[^⟨.;]{0,40}?){GOSS:o}"),
    R('allied.alongside', 'allied_with', r"\b(?:alongside|beside|together\s+with|in\s+the\s+company\s+of|standing\s+by|stood\s+by|side\s+by\s+side\s+with)\s+(?:the\s+)?(?:men\s+of\s+)?(?:the\s+)?{GOSS:o}", subj='GAOS', topic=True, unless_before=r"\b(?:lumped|grouped|counted|confused|compared|classed|classified|listed|mentioned|named|cited)"),
    R('allied.support', 'allied_with', r"\b(?:supporting|support|to\s+support|backing|reinforcing|assisting)\s+(?:the\s+)?(?:weakened\s+|regular\s+)?{GS:o}", topic=True),
    R('allied.fighting_for', 'allied_with', r"\bfighting\s+(?:for|on\s+behalf\s+of|on\s+the\s+side\s+of)\s+(?:the\s+)?{GOSS:o}", topic=True),
    R('allied.ties', 'allied_with', r"\b(?:ties|links|closeness|close\s+relations(?:hip)?|relations(?:hip)?|alliance|partnership)\s+(?:\w+\s+){0,2}?(?:with|to)\s+(?:the\s+)?{GOSS:o}", subj='GAOS', topic=True),
    R('allied.joint', 'allied_with', r"\bjoint\s+(?:military\s+)?(?:operations?|attacks?|offensives?|campaigns?|patrols?|raids?)\s+with\s+(?:the\s+)?{GOSS:o}", subj='GAOS', topic=True),
    R('allied.next_to', 'allied_with', r"\b(?:(?:serv|fight|fought|stood|stand|operat|deploy|battl)\w*\s+(?:\w+\s+)?next\s+to|side\s+by\s+side\s+with|shoulder\s+to\s+shoulder\s+with|on\s+the\s+same\s+side\s+as)\s+(?:the\s+)?{GOSS:o}", subj='GAOS', topic=True),
    R('supported.by', 'supported_by', r"\b(?P<k>backed|supported|funded|financed|armed|trained|equipped|sponsored|supervised|overseen|advised|protected|paid\s+for|bankrolled|bank-rolled|underwritten)\s+by\s+(?:\w+\s+){0,4}?{XS:o}"),
    R('supported.with_from', 'supported_by', r"\bwith\s+(?:\w+\s+)?(?P<k>support|oversight|assistance|help|backing|funding|training|protection|weapons|arms|advice)\s+from\s+(?:the\s+)?(?:people\s+in\s+the\s+)?{XS:o}", topic=True),
    R('supported.received', 'supported_by', r"\b(?:received|receive|receiving|receives|obtained|got|get|gets|acquired)\s+(?:⟨A\d+⟩\s+)?(?P<k>[\w\s,-]{2,60}?)\s+(?:\w+ly\s+)?from\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?{XS:o}", topic=True),
    R('supported.received_in', 'supported_by', r"\breceived\s+(?P<k>training|weapons|salaries|funding|arms|equipment)\b[^.;⟨]{0,50}?\bfrom\s+{XS:o}", topic=True),
    R('supported.provided', 'supported_by', r"{XS:o}[^.;]{0,60}?\b(?:provided|provides|gave|gives|supplied|supplies)\s+(?:them|it|{G:s})\s+with\s+(?P<k>[^.;]{2,60})"),
    R('supported.provided_to', 'supported_by', r"{XS:o}\s+(?:also\s+|reportedly\s+|\w+ly\s+)?(?:provided|provides|provide|gave|gives|give|offered|offers|lent|lends|extended|extends|supplied|supplies|sent|sends|delivered|delivers)\s+(?P<k>(?:[\w-]+\s+){0,2}?(?:support|backing|cover|assistance|aid|funding|funds|money|training|weapons|arms|equipment|advice|advisers|advisors|instructors|salaries|ammunition|tanks|artillery))\s+(?:to|for)\s+(?:(?:several|some|many|most|all|one|each|much)\s+of\s+)?(?:the\s+)?(?P<s>⟨[GA]\d+⟩)"),
    R('supported.compound', 'supported_by', r"(?P<o>⟨[SGO]\d+⟩)-(?P<k>backed|funded|sponsored|supported|trained|armed|financed)\s+(?:[\w-]+\s+){0,2}?(?P<s>⟨G\d+⟩)"),
    R('supported.for', 'supported_by', r"{X:o}\s+(?:has\s+|have\s+|had\s+)?(?:\w+\s+){0,2}?(?P<k>fundraising|funding|weapons|training|money|salaries)\s+for\s+(?:the\s+)?{G:s}"),
    R('supported.creation_overseen', 'supported_by', r"\b(?:creation|formation|establishment|formalization)\s+of\s+(?:the\s+)?{G:s}\s+was\s+(?:\w+ly\s+)?(?P<k>overseen|supervised|organi[sz]ed|funded)\s+by\s+(?:[\w-]+\s+){0,4}?{XS:o}(?!\s+(?:commander|leader|chief|head|general|officer|minister|official)\b)"),
    R('supported.creation_by_title', 'supported_by', r"\b(?:creation|formation|establishment|formalization)\s+of\s+(?:the\s+)?{G:s}\s+was\s+(?:\w+ly\s+)?(?P<k>overseen|supervised|organi[sz]ed|funded)\s+by\s+(?:(?:[\w-]+|⟨[SGO]\d+⟩)\s+){0,4}?(?:commander|leader|chief|head|general|officer|minister|official)\s+{P:o}"),
    R('supported.oversaw', 'supported_by', r"{XS:o}(?:\s*,(?:[^.;]|⟨[A-Z]\d+⟩){0,150}?,)?\s+(?:\w+ly\s+)?(?P<k>oversaw|supervised|organi[sz]ed|funded|financed|sponsored)\s+(?:(?P<s>⟨[GA]\d+⟩)['’]?s?\s+|the\s+)(?:creation|formation|establishment|founding|building|development)\b"),
    R('supported.credited', 'supported_by', r"{XS:o}(?!\s+(?:commander|leader|chief|head|officer|official)s?\b)(?:[^.;⟨]|⟨[DQGOSLE]\d+⟩){0,100}?\bcredited\s+with\s+(?P<k>overseeing|supervising|organi[sz]ing|funding|financing|shaping|training|arming|building)\s+(?:the\s+)?(?:(?:creation|formation|establishment)\s+of\s+(?:the\s+)?)?(?P<s>⟨[GA]\d+⟩)"),
    R('supported.crediting', 'supported_by', r"\bcredit(?:s|ed|ing)?\s+{XS:o}\s+with\s+(?P<k>overseeing|supervising|organi[sz]ing|funding|financing|shaping|training|arming|building)\s+(?:the\s+)?(?P<s>⟨[GA]\d+⟩)"),
    R('supported.helped', 'supported_by', r"{XS:o}\s+(?:both\s+|also\s+|reportedly\s+)?help(?:ed|s)?\s+(?:to\s+)?(?P<k>train|arm|fund|finance|organi[sz]e|advise|equip|build|shape)\b(?:\s+and\s+\w+)?\s+(?:(?P<s>⟨[GA]\d+⟩)['’]?s?)?", topic=True),
    R('supported.handed_by', 'supported_by', r"\b(?P<k>weapons|arms|salaries|wages|money|funds|funding|equipment|ammunition|vehicles|training)\s+(?:were|was|are|is|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:handed\s+over|provided|supplied|given|delivered|paid|sent|donated|financed|funded)\s+by\s+(?:the\s+)?{XS:o}", topic=True),
    R('supported.instructors', 'supported_by', r"(?<!⟩ and )(?<!⟩ or )(?<!⟩, ){XS:o}\s+(?:military\s+)?(?:instructors|trainers|advisers|advisors|officers|experts)\s+(?:\w+ly\s+)?(?:had\s+|have\s+|has\s+)?(?P<k>trained|instructed|advised|armed|drilled|helped\s+(?:to\s+)?train)\b", topic=True),
    R('supported.active', 'supported_by', r"{XS:o}(?:\s*,\s*which|\s+(?:which|who|that))?\s+" + _SUPPORT_AUX + r"(?P<k>" + _SUPPORT_VERBS + r")\s+(?:(?:some|many|most|all|several)\s+of\s+)?(?:the\s+)?(?P<s>⟨[GA]\d+⟩)(?![-⟨])", subj='GA'),
    R('supported.pays', 'supported_by', r"{XS:o}\s+" + _SUPPORT_AUX + r"(?P<k>(?:paid|pays|pay|paying|funded|funds|fund|financed|finances|covered|covers)\s+(?:(?:part|some|much|most|all|half)\s+of\s+)?(?:the\s+)?(?:(?P<s>⟨[GA]\d+⟩)['’]?s?\s+)?" + _PAY_NOUN + r")\b", subj='GA'),
    R('supported.pays_of', 'supported_by', r"{XS:o}\s+" + _SUPPORT_AUX + r"(?P<k>(?:paid|pays|pay|paying|funded|funds|fund|financed|finances|covered|covers)\s+(?:(?:part|some|much|most|all|half)\s+of\s+)?(?:the\s+)?" + _PAY_NOUN + r")\s+of\s+(?:the\s+)?(?:(?:fighters|members|men|troops|recruits)\s+(?:in|of|from)\s+)?(?:the\s+)?{GS:s}", subj='GA'),
    R('supported.arming', 'supported_by', r"{X:o}\s*,\s*which\s+was\s+responsible\s+for\s+(?:[^.;]{0,40}?)(?P<k>arming|training|funding|equipping)", topic=True),
    R('opposed.fight', 'opposed', r"\b(?:(?:fight(?:ing|s)?|fought|battl(?:ing|ed|es)|combat(?:ing)?|war|struggle|operations|offensive|attacks?|clash(?:ed|es|ing)|confront(?:ed|ing)?)\s+(?:\w+\s+)?against|(?:clash(?:ed|es|ing)?|confrontations?|war|hostilities|skirmish(?:ed|es)?)\s+(?:\w+\s+)?with)\s+(?:the\s+)?{XS:o}", topic=True),
    R('opposed.against', 'opposed', r"\bagainst\s+(?:the\s+)?{XS:o}"),
    R('opposed.repel', 'opposed', r"\b(?:repel(?:led|ling|s)?|repuls(?:ed|ing)|attack(?:ed|ing|s)?|ambush(?:ed|ing)|target(?:ed|ing))\s+(?:the\s+)?{XS:o}"),
    R('opposed.aggression', 'opposed', r"\b(?:aggressiveness|aggression|hostilities|escalation)\b[^.;⟨]{0,40}?\bwith\s+(?:the\s+)?{XS:o}"),
    R('hq.based', 'headquarters', r"\b(?:based|headquartered|garrisoned)\s+(?:\w+ly\s+)?(?:in|at)\s+(?:the\s+(?:\w+\s+)?of\s+)?{L:o}", subj='GAO', near=True),
    R('hq.base_in', 'headquarters', r"(?P<s>⟨[GA]\d+⟩)(?:['’]s)?\s+(?:main\s+)?(?:base|headquarters|HQ|seat)\s+(?:(?:is|was|lies|lay)\s+)?(?:(?:located|based)\s+)?(?:in|at)\s+(?:the\s+(?:\w+\s+)?of\s+)?{L:o}", subj='GAO'),
    R('hq.uses_as', 'headquarters', r"\buses?\s+(?:the\s+)?{L:o}\s+as\s+(?:a\s+|its\s+)?(?:base|headquarters|HQ)", subj='GAO'),
    R('hq.main', 'headquarters', r"(?<![Mm]ain\s)(?<![Cc]entral\s)\b(?:main\s+|central\s+)?(?:headquarters|HQ)\s+(?:is|was|are|were)\s+(?:(?:later|then|now|still|initially|originally|\w+ly)\s+)?(?:located\s+|based\s+)?(?:in|at)\s+(?:the\s+(?:\w+\s+)?of\s+)?{L:o}", subj='GAO', topic=True),
    R('hq.runs_from', 'headquarters', r"\b(?:(?:runs|ran|run|running|directs|directed|coordinates|coordinated|commands|commanded|conducts|conducted|manages|managed)\s+⟨A\d+⟩\s+(?:own\s+)?(?:operations|activities|affairs|forces)|operat(?:es|ed|ing))\s+(?:\w+ly\s+)?(?:from|out\s+of)\s+(?:the\s+)?{L:o}", subj='GAO'),
    R('facility.centre', 'facility', r"{G:s}\s+(?P<k>centre|center|office|base|headquarters)\s+in\s+{L:o}"),
    R('facility.camps', 'facility', r"\b(?P<k>training\s+camps?|camps?|checkpoints?|bases|military\s+checkpoints|facilities|prisons?|detention\s+cent(?:er|re)s?)\s+(?:of\s+(?:the\s+)?(?P<s>⟨[GA]\d+⟩)\s+)?(?:\w+\s+){0,2}?(?:in|inside|at|near|across)\s+(?:the\s+(?:villages?|towns?|city|area|village)\s+of\s+)?(?:the\s+)?{LSS:o}", topic=True),
    R('operates.verb', 'operates_in', r"\b(?:operat(?:es|ed|ing|e)|active|deployed|deploying|present|presence|stationed|positioned|positions|spread\s+out|headed|working|worked|fight|fights|fighting|fought|emerged|appeared|guard(?:s|ed|ing)?|patroll?(?:s|ed|ing)?|secur(?:es|ed|ing)|man(?:s|ned|ning)|garrison(?:s|ed|ing)?)\b(?:[^.;⟨]|⟨[POD]\d+⟩){0,50}?\b(?:in|across|around|throughout|near|along|on|inside|to)\s+(?:the\s+)?(?:(?:\w+\s+){0,3}?of\s+)?(?:the\s+)?{LSS:o}", topic=True),
    R('operates.liberation', 'operates_in', r"\b(?:liberation|liberating|liberated|recapture|recapturing|recaptured|retaking|retook|defen[cs]e|defending|defended|storming|stormed)\s+(?:of\s+)?(?:the\s+)?(?:(?:villages?|towns?|city|cities|area|neighbou?rhoods?)\s+of\s+)?{LSS:o}", topic=True),
    R('operates.area', 'operates_in', r"\bspecific\s+to\s+(?:the\s+)?{L:o}(?:\s+area)?"),
    R('operates.units_in', 'operates_in', r"(?P<s>⟨[GA]\d+⟩)['’]?s?\s+(?:units|branches|cent(?:er|re)s|offices)\s+(?:in|across|throughout)\s+(?:the\s+)?{LSS:o}"),
    R('operates.in_place', 'operates_in', r"\b(?:in|across|throughout|around)\s+(?:the\s+)?(?:(?:villages?|towns?|city|cities|area|countryside|region)\s+of\s+)?(?:the\s+)?{LSS:o}", subj='G', unless_before=_NOT_PRESENCE),
    R('operates.established_in', 'operates_in', r"\b(?:centers|centres|branches|offices|units)\b[^.;⟨]{0,40}?\b(?:established|opened|formed|set\s+up)\s+in\s+(?P<o>(?:[^.;]|⟨[LDS]\d+⟩)*)", topic=True, date_role='start', keyword='establish'),
    R('participated.in', 'participated_in', r"\b(?:took\s+part|taking\s+part|take\s+part|participated|participating|participates|participation|involvement|involved|fought|fighting|engaged|deployed|present|lost\s+[^.;⟨]{0,30}?during|killed)\s+(?:\w+\s+){0,3}?(?:in|during|at)\s+(?:the\s+)?(?:(?:battle|operations?)\s+(?:to|of|for)\s+)?(?:[a-z]+\s+){0,2}?(?P<o>⟨E\d+⟩(?:\s+(?:of|in)\s+(?:\w+\s+)?⟨D\d+⟩)?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:also\s+)?(?:in|at|during)\s+)?(?:the\s+)?⟨E\d+⟩(?:\s+(?:of|in)\s+(?:\w+\s+)?⟨D\d+⟩)?)*)", topic=True),
    R('participated.during', 'participated_in', r"\bduring\s+(?:the\s+)?{E:o}", subj='G'),
    R('participated.during_first', 'participated_in', r"\b(?i:during)\s+(?:the\s+)?(?:⟨[A-Z]\d+⟩['’]s\s+)?{E:o}\s*,\s*(?:[^.;⟨]{0,30}?,\s*)?(?:the\s+)?(?P<s>⟨[GA]\d+⟩)"),
    R('participated.pillars', 'participated_in', r"\b(?:pillars|part)\s+of\s+(?:liberating|the\s+battle\s+(?:of|for)|the\s+liberation\s+of)\s+{ES:o}", topic=True),
    R('located.villages_in', 'located_in', r"\b(?:villages?|towns?|cities|city|districts?|areas?|neighbou?rhoods?|suburbs?|camps?)\s+of\s+{LS:s}\s+(?:in|near|outside|of)\s+(?:the\s+)?{LS:o}", subj='L', obj_codes='LS'),
    R('located.appos', 'located_in', r"{L:s}\s*[\[(,]\s*(?:a|an|the)\s+(?:\w+\s+)?(?:village|town|city|district|area|neighbou?rhood|suburb|camp|region)\s+(?:in|of|near)\s+(?:the\s+)?{LS:o}", subj='L'),
    R('located.of', 'located_in', r"{L:s}\s+(?:area\s+|district\s+|region\s+|front\s+)?(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?{L:o}", subj='L'),
    R('located.direction', 'located_in', r"{LS:s}\s+(?:front\s+)?(?:to\s+the\s+|in\s+the\s+)?(?:north|south|east|west|north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest)(?:ern)?\s+(?:of\s+)?(?:the\s+)?{L:o}", subj='LS'),
    R('located.comma_state', 'located_in', r"{L:s},\s+{S:o}\b", subj='L'),
    R('located.poss', 'located_in', r"(?P<o>⟨L\d+⟩)['’]s\s+(?:\w+\s+)?(?P<s>⟨L\d+⟩)", subj='L'),
    R('located.inside', 'located_in', r"{L:s}\s+inside\s+(?:the\s+)?{L:o}", subj='L'),
    R('size.quantity', 'size', r"{Q:o}", obj='quantity', topic=True),
    R('casualties.quantity', 'casualties', r"{Q:o}", obj='quantity', topic=True),
    R('salary.quantity', 'salary', r"{Q:o}", obj='quantity', topic=True, keyword='salar'),
    R('salary.earned', 'salary', r"\b(?:earn(?:s|ed|ing)?|paid|pays|receiv(?:es|ed|ing)|makes|made|gets|got)\s+(?:\w+\s+)?{Q:o}", obj='quantity', topic=True),
    R('composition.kin', 'composition', r"\b(?:tied|linked|connected|close)\s+(?:\w+\s+){0,2}?to\s+(?:the\s+)?{K:o}"),
    R('composition.from', 'composition', '\\b(?:all\\s+of\\s+whom\\s+are|mostly|mainly|predominantly|largely)\\s+from\\s+(?:the\\s+)?[‘\'“\\"]?{GK:o}', topic=True),
    R('composition.draws', 'composition', r"\b(?:draws?|drawn|drew|recruits?|recruited|recruiting)\s+(?:by\s+(?:the\s+)?(?P<s>⟨[GA]\d+⟩)\s+)?(?:not\s+just\s+|\w+ly\s+)?(?:from|among)\s+(?P<t>" + _TEXT_SLOTS + r"{3,80})", obj='text', topic=True),
    R('composition.recruited', 'composition', r"\b(?:recruits|recruited|recruiting|enlisted|enlists)\s+(?:\w+ly\s+)?(?:many|numerous|mostly|mainly|largely|primarily|chiefly|hundreds\s+of|thousands\s+of|dozens\s+of|large\s+numbers\s+of)\s+(?P<t>(?!(?:fighters|men|members|recruits|volunteers|people|young\s+men)\b)" + _TEXT_SLOTS + r"{3,60}?)(?=\s+(?:and|but|while|who|which|from|in|into|to|for)\b|[,.;]|$)", obj='text', topic=True),
    R('composition.recruited_from', 'composition', r"\b(?:recruits|recruited|recruiting|enlists|enlisted|enlisting)\s+(?P<t>(?!(?:fighters|men|members|recruits|volunteers|people|them|from)\b)(?:[A-Z]\w+|⟨[KPO]\d+⟩)\s+(?:\w+\s+){0,2}?(?:men|women|youths?|fighters|volunteers|refugees|tribesmen|villagers|residents|recruits)\s+from\s+" + _TEXT_SLOTS + r"{3,60}?)(?=\s+(?:and|but|while|who|which|to|for)\b|[,.;]|$)", obj='text', topic=True),
    R('composition.composed', 'composition', r"\b(?:composed|made\s+up|consisting|consists?|comprised|comprises)\s+(?:mainly\s+|mostly\s+|largely\s+|primarily\s+|entirely\s+)?of\s+" + _NOT_STRUCTURE + r"(?P<t>" + _TEXT_SLOTS + r"{3,80})", obj='text', topic=True),
    R('composition.join', 'composition', r"(?:^|\.\s+|,\s+)(?P<t>(?:[A-Z][a-z]|(?:[a-z]+\s+)?⟨[GKO]\d+⟩)(?:[^.;,⟨]|⟨[GKO]\d+⟩){2,50}?)\s+(?:have\s+been\s+|has\s+been\s+|had\s+been\s+|were\s+|was\s+)?(?:join|joined|enlist|enlisted|(?:incorporated|absorbed|integrated|recruited)\s+into)\s+(?:in\s+)?(?:the\s+)?(?:ranks\s+of\s+(?:the\s+)?)?(?P<s>⟨[GA]\d+⟩)", obj='text'),
    R('composition.members', 'composition', r"\b(?i:most|many|much|the\s+bulk|the\s+majority|a\s+majority)\s+of\s+(?:(?P<s>⟨[GA]\d+⟩)['’]?s?\s+)(?:members|fighters|recruits|men|ranks|personnel|volunteers|rank\s+and\s+file)\s+(?:\w+\s+){0,3}?(?:were|are|come|came|hail|hailed|drawn|belong|belonged)\s+(?:from\s+|to\s+)?(?:among\s+)?(?:the\s+)?{K:o}"),
    R('composition.members_text', 'composition', r"\b(?i:most|many|much|the\s+bulk|the\s+majority|a\s+majority)\s+of\s+(?:(?P<s>⟨[GA]\d+⟩)['’]?s?\s+)(?:members|fighters|recruits|men|ranks|personnel|volunteers|rank\s+and\s+file)\s+(?:\w+\s+){0,3}?(?:were|are|come|came|hail|hailed|drawn|belong|belonged)\s+(?:from\s+|to\s+)?(?:among\s+)?(?P<t>(?![^.;]{0,60}⟨K)[^.;⟨(]{3,60})", obj='text'),
    R('named_after', 'named_after', r"\bnamed\s+(?:after|for)\s+(?:the\s+)?(?P<r>[^⟨.;]{0,40}?){P:o}"),
    R('named_after.takes_name', 'named_after', r"\b(?:takes?|took|taken|taking|derives?|derived|deriving|gets|got|draws?|drew|drawn|borrows?|borrowed)\s+(?:⟨A\d+⟩|the)\s+name\s+from\s+(?:the\s+)?(?P<r>[^⟨.;]{0,40}?){P:o}"),
    R('endorsed.backed_candidate', 'endorsed', r"\b(?:backed|supported|endorsed|sponsored|championed|fielded|nominated)\s+(?:the\s+|a\s+|an\s+|⟨A\d+⟩\s+)?(?:[\w-]+\s+){0,3}?(?:candidate|nominee|independent|contender|deputy)\s*(?:,\s*|\s+(?:named|called)\s+)?{P:o}", subj='GAP'),
    R('endorsed.x_backed', 'endorsed', r"{P:o}\s*,\s*(?:the\s+|a\s+|an\s+)?(?P<s>⟨[GA]\d+⟩)-(?:backed|supported|endorsed|sponsored)\s+(?:[\w-]+\s+){0,2}?(?:candidate|nominee|independent|contender|deputy|MP|politician|parliamentarian)\b", subj='GA'),
    R('endorsed.x_backed_before', 'endorsed', r"(?P<s>⟨[GA]\d+⟩)-(?:backed|supported|endorsed|sponsored)\s+(?:[\w-]+\s+){0,2}?(?:candidate|nominee|independent|contender|deputy|MP|politician|parliamentarian)\s*,?\s+{P:o}", subj='GA'),
    R('endorsed.weight', 'endorsed', r"\b(?:threw|throw|throws|thrown|throwing)\s+(?:its|their|his|her|⟨[AH]\d+⟩)\s+weight\s+behind\s+(?:[^⟨.;]{0,60}?){P:o}", subj='GAP'),
    R('endorsed.verb', 'endorsed', r"\b(?:endorsed|endorses|endorsing)\s+(?:the\s+)?(?:candidacy\s+of\s+|candidate\s+)?{P:o}", subj='GAP'),
    R('met_with', 'met_with', r"{P:s}\s+(?:\w+ly\s+)?(?:met|meets|meeting)\s+(?:with\s+)?{P:o}", subj='PH'),
    R('relative.poss', 'relative_of', r"{P:s}['’]s\s+(?P<r>(?:brother|sister|son|daughter|father|mother|cousin|nephew|niece|uncle|aunt|wife|husband|brother-in-law|son-in-law))\s*,?\s+{P:o}", subj='P'),
    R('relative.pair', 'relative_of', r"(?<!\bthe\s)(?<!\btwo\s)\b(?:the\s+|two\s+)?(?P<r>brothers|sisters|cousins)\s*,?\s+(?P<s>⟨P\d+⟩)\s*,?\s+and\s+(?P<o>⟨P\d+⟩)", subj='P'),
    R('relative.of', 'relative_of', r"{P:s}\s*,\s*(?:a|the)\s+(?P<r>(?:brother|sister|son|daughter|father|mother|cousin|nephew|niece|uncle|aunt|wife|husband|brother-in-law|son-in-law))\s+of\s+{P:o}", subj='P'),
    R('died.passive', 'died', r"(?<!who\s)\b(?:was|were)\s+(?:\w+ly\s+)?(?P<r>killed|assassinated|executed|murdered|died)\b(?P<r2>[^.;]{0,60}?)\b(?:in|on)\s+(?P<o>⟨D\d+⟩)", subj='PH'),
    R('died.who', 'died', r"\bwho\s+(?:(?:was|were|had\s+been)\s+(?:\w+ly\s+)?(?P<r>killed|assassinated|executed|murdered)|died)\b[^.;]{0,60}?\b(?:in|on)\s+⟨D\d+⟩", subj='P', near=True, obj='date'),
    R('died.appos', 'died', r"{P:s}\s*,\s*(?:the|a|an)\s+(?:[^.;,⟨]|⟨[GOSL]\d+⟩){0,60}?\s(?P<r>killed|assassinated|executed|murdered)\s+(?P<r2>(?:in|by|during|at)\s+(?:[^.;⟨]|⟨[GOSLE]\d+⟩){0,50}?\s+)?(?:in|on)\s+(?P<o>⟨D\d+⟩)", subj='P'),
    R('died.noun', 'died', r"(?P<s>⟨H\d+⟩)\s+(?:\w+\s+)?(?P<r>death|killing|assassination|martyrdom)\s+(?:\w+\s+){0,2}?(?:in|on)\s+(?:\w+\s+)?(?P<o>⟨D\d+⟩)", subj='PH'),
    R('died.noun_of', 'died', r"\b(?P<r>death|killing|assassination|martyrdom)[’']?\s+of\s+{P:s}(?!\s*(?:['’]s\s+)?" + _KIN + r"\b)", subj='P', obj='date'),
    R('died.martyrs', 'died', r"(?:\bmartyrs\b|⟨Q\d+⟩)[^.;⟨]{0,40}?(?:the\s+(?:heroes|fighters|comrades|men)\s+)?{PS:s}", subj='P', obj='date', role='killed', keyword='martyr'),
    R('group_type.copula', 'group_type', r"{GS:s}\s+(?:is|was|are|were|remains|became)\s+(?:a|an|one\s+of\s+the|two\s+of\s+the|among\s+the)\s+(?P<t>(?:[\w’'-]+\s+){0,5}?(?:militias?|forces?|groups?|networks?|brigades?|battalions?|units?|organi[sz]ations?|movements?|factions?|auxiliar(?:y|ies)|paramilitar(?:y|ies)|regiments?|wings?|components?|formations?)(?:\s+(?:militias?|forces?|groups?|networks?|units?|components?))?)\b", obj='text'),
    R('group_type.appos', 'group_type', r"{G:s}\s*(?:,|\()\s*(?:a|an|the)\s+(?P<t>[\w’'\s-]{0,50}?(?:militia|force|group|network|brigade|battalion|movement|faction|organi[sz]ation))\b(?![’'-])", obj='text'),
    R('group_type.appos_the', 'group_type', r"{G:s}\s*,\s*the\s+(?P<t>(?:[\w’'-]+\s+){1,3}?(?:militia|force|group|network|brigade|battalion|movement|faction|organi[sz]ation))\s+(?:that|which|who)\b", obj='text'),
    R('group_type.prenominal', 'group_type', r"\b(?:the|a|an)\s+(?P<t>(?:[\w’'-]+\s+){1,4}(?:militia|group|movement|faction))\s+(?:⟨[A-Z]\d+⟩\s+)?{G:s}", obj='text'),
    R('group_type.as', 'group_type', r"\b(?:as|act\s+as)\s+(?:a|an)\s+(?P<t>[^.;⟨,]{0,50}?(?:force|militia|network|auxiliary|reserve|formation)(?:\s+(?:for|of)\s+(?:the\s+)?⟨[A-Z]\d+⟩)?)", obj='text'),
    R('accused.of', 'accused_of', r"\b(?:accused|suspected|charged|criticized|criticised|condemned|blamed|implicated)\s+(?:\w+\s+)?(?:by\s+(?:the\s+)?⟨[OSGP]\d+⟩\s+)?(?:of|for|in)\s+(?P<t>[^.;]{3,120})", subj='GAPK', obj='text'),
    R('accused.active', 'accused_of', r"\b(?:accused|accuse|accuses|accusing|blamed|blame|blames|charged)\s+(?:the\s+)?(?P<s>⟨[GAPK]\d+⟩)\s+(?:of|for)\s+(?P<t>[^.;,]{3,120})", subj='GAPK', obj='text'),
    R('accused.responsible', 'accused_of', r"\b(?:responsible\s+for|committed|perpetrated|carry\s+out|carried\s+out)\s+(?:some\s+of\s+)?(?:the\s+)?(?P<t>[^.;,]{0,40}?(?:massacres?|killings?|deaths|crimes|atrocities|abuses|executions|bombings?|repression|repressing)[^.;,]{0,40})", subj='GAPKS', obj='text'),
    R('activity.duties', 'activity', r"\b(?:duties|tasks|roles?|activities|mission|work)\s+(?:have\s+|has\s+)?(?:\w+ly\s+)?(?:involved?|include[sd]?|consist(?:ed|s)?\s+of|been)\s+(?P<t>[^.;]+)", obj='text', topic=True),
    R('activity.tasked', 'activity', r"\b(?:tasked|entrusted|charged)\s+with\s+(?:the\s+task\s+of\s+)?(?P<t>[^.;]+)", obj='text', topic=True),
    R('activity.role', 'activity', r"\bacts?\s+in\s+an?\s+(?P<t>[\w-]+\s+role)", obj='text', topic=True),
    R('activity.gerund', 'activity', r"\b(?P<t>(?:running|conducting|manning|guarding|operating|organi[sz]ing|protecting|providing|maintaining|sending|holding|supporting)\s+[^.;,]{3,80})", obj='text', topic=True),
    R('ideology.slogan', 'ideology', r'\b(?:slogan|motto|ideology)\s+(?:of\s+)?[“\"‘](?P<t>[^”\"’]{2,80})[”\"’]', obj='text', topic=True),
    R('ideology.loyal', 'ideology', r"\b(?:are|is|were|was)\s+loyal\s+to\s+(?P<t>[^.;]{3,80})", obj='text'),
)
# fmt: on

COMPILED: tuple[tuple[Rule, re.Pattern[str]], ...] = tuple((r, re.compile(expand(r.pattern))) for r in RULES)
