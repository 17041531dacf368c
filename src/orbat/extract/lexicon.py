"""Word lists the rule extractor reads: plain data, reviewed like code.

Nothing here names a particular group, person or place: these are the
general words of the domain (unit words, titles, kinship terms, the heads of
organisation and event names) from which names are recognised. Particular
names come from :mod:`orbat.gazetteer`.
"""

from __future__ import annotations

#: Transliterated Arabic unit words (lower case, apostrophes removed) -> English unit class.
ARABIC_UNIT_WORDS: dict[str, str] = {
    **dict.fromkeys(["liwa", "liwaa", "lewa", "liwa'"], "brigade"),
    **dict.fromkeys(["alwiya", "alwiyat", "alwiyah"], "brigade"),
    **dict.fromkeys(["katibat", "katiba", "katibah", "kataib", "kata'ib", "kataeb"], "battalion"),
    **dict.fromkeys(["fawj", "fauj", "afwaj"], "regiment"),
    **dict.fromkeys(["quwat", "quwwat", "quwāt", "quwa"], "forces"),
    **dict.fromkeys(["saraya", "sariya", "sariyat"], "company"),
    **dict.fromkeys(["harakat", "haraka", "harakah"], "movement"),
    **dict.fromkeys(["jaysh", "jaish", "jeish", "jaych"], "army"),
    **dict.fromkeys(["firqat", "firqa", "firqah", "ferqat"], "division"),
    **dict.fromkeys(["jabhat", "jabha", "jabhah"], "front"),
    **dict.fromkeys(["tajammu", "tajamu", "tajammu'", "tajamma"], "gathering"),
    **dict.fromkeys(["faylaq", "failaq"], "corps"),
    **dict.fromkeys(["hizb"], "party"),
    **dict.fromkeys(["ansar"], "supporters"),
    **dict.fromkeys(["usud", "usoud"], "lions"),
    **dict.fromkeys(["maghawir", "maghaweer", "mughawir"], "commandos"),
    **dict.fromkeys(["suqur", "suqour", "souqour", "sukur"], "falcons"),
    **dict.fromkeys(["nusur", "nusour", "nosour"], "eagles"),
    **dict.fromkeys(["humat", "houmat"], "defenders"),
    **dict.fromkeys(["dir'", "dir", "dira'", "dira"], "shield"),
    **dict.fromkeys(["jund", "junud"], "soldiers"),
    **dict.fromkeys(["fursan"], "knights"),
    **dict.fromkeys(["asaib", "asa'ib", "asaeb", "usbat"], "league"),
    **dict.fromkeys(["haras", "hurras"], "guard"),
    **dict.fromkeys(["muqawama", "muqawamat"], "resistance"),
}

#: English unit head words (lower case, singular) -> unit class.
ENGLISH_UNIT_WORDS: dict[str, str] = {
    "brigade": "brigade",
    "brigades": "brigade",
    "battalion": "battalion",
    "battalions": "battalion",
    "regiment": "regiment",
    "regiments": "regiment",
    "forces": "forces",
    "force": "forces",
    "division": "division",
    "divisions": "division",
    "militia": "militia",
    "militias": "militia",
    "army": "army",
    "armies": "army",
    "movement": "movement",
    "corps": "corps",
    "front": "front",
    "guard": "guard",
    "guards": "guard",
    "committees": "committee",
    "command": "command",
    "units": "unit",
    "unit": "unit",
    "wing": "wing",
    "squad": "squad",
    "squads": "squad",
    "group": "group",
    "legion": "legion",
    "commandos": "commandos",
    "rangers": "commandos",
    "battalions'": "battalion",
    "intelligence": "intelligence",
    "shabiha": "militia",
    "company": "company",
    "companies": "company",
}

#: First words of Levantine place names ("Ain Issa", "Tel Abyad", "Kafr Nabl", "Deir Hafer"):
#: a name that starts with one is a place, whatever a statistical model says.
PLACE_NAME_OPENERS = frozenset(
    [
        *("ain", "ayn", "ein"),
        *("tel", "tal", "tell"),
        *("kafr", "kfar", "kafar", "kfr"),
        *("deir", "dayr", "dair"),
        *("jabal", "jebel", "jabel"),
        *("khirbet", "khirbat", "kherbet"),
        *("beit", "bayt", "bait"),
        *("wadi", "jisr", "qasr", "tall"),
    ]
)

#: Unit words that name a regional centre or branch of a network.
BRANCH_WORDS = frozenset(["center", "centre", "centers", "centres", "branch", "branches", "office"])

#: Head words of a non-armed organisation (lower case).
ORG_WORDS = frozenset(
    [
        "party",
        "ministry",
        "committee",
        "council",
        "institute",
        "institution",
        "forum",
        "endowment",
        "foundation",
        "agency",
        "office",
        "magazine",
        "newspaper",
        "university",
        "coalition",
        "association",
        "union",
        "company",
        "corporation",
        "commission",
        "bureau",
        "directorate",
        "department",
        "observatory",
        "monitor",
        "network",
        "organization",
        "organisation",
        "center",
        "centre",
        "society",
        "federation",
        "syndicate",
        "parliament",
        "assembly",
        "court",
        "bank",
        "news",
        "times",
        "post",
        "project",
        "channel",
        "tv",
        "radio",
    ]
)

#: Words that start an organisation name as its head ("Ministry of Defense").
ORG_HEAD_FIRST = frozenset(
    ["ministry", "committee", "council", "institute", "commission", "bureau", "directorate", "department"]
)

#: Heads of event names (lower case).
EVENT_HEADS = frozenset(
    [
        "offensive",
        "offensives",
        "campaign",
        "campaigns",
        "battle",
        "battles",
        "siege",
        "sieges",
        "massacre",
        "massacres",
        "clashes",
        "war",
        "uprising",
        "revolution",
        "operation",
        "operations",
        "conflict",
        "crisis",
        "insurgency",
        "war's",
        "attacks",
        "attack",
        "elections",
        "election",
    ]
)

#: Kin-group head words (lower case).
KIN_WORDS = frozenset(["clan", "clans", "tribe", "tribes", "family", "families"])

#: Titles that may precede a person's name; stripped from the canonical name.
PERSON_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "comrade",
        "mrs",
        "ms",
        "dr",
        "dr.",
        "sheikh",
        "shaykh",
        "sheik",
        "imam",
        "ayatollah",
        "sayyed",
        "sayyid",
        "hajj",
        "haji",
        "hajji",
        "gen",
        "gen.",
        "general",
        "brig",
        "brig.",
        "brigadier",
        "brigadier-general",
        "colonel",
        "col",
        "col.",
        "lt",
        "lt.",
        "lieutenant",
        "major",
        "maj",
        "maj.",
        "captain",
        "capt",
        "capt.",
        "sergeant",
        "sgt",
        "marshal",
        "field-marshal",
        "commander",
        "president",
        "minister",
        "governor",
        "mayor",
        "prince",
        "king",
        "emir",
        "amir",
        "mullah",
        "abu-",
    ]
)

#: Role nouns that head a position phrase ("the Lebanese singer X", "X, the secretary of Y").
ROLE_NOUNS = frozenset(
    [
        "president",
        "vice-president",
        "prime",
        "minister",
        "leader",
        "commander",
        "chief",
        "head",
        "secretary",
        "secretary-general",
        "general",
        "brigadier",
        "brigadier-general",
        "colonel",
        "lieutenant",
        "major",
        "captain",
        "marshal",
        "governor",
        "mayor",
        "imam",
        "ayatollah",
        "sheikh",
        "cleric",
        "singer",
        "journalist",
        "correspondent",
        "reporter",
        "spokesman",
        "spokesperson",
        "representative",
        "founder",
        "director",
        "coordinator",
        "officer",
        "official",
        "deputy",
        "member",
        "fellow",
        "researcher",
        "candidate",
        "businessman",
        "businesswoman",
        "lawmaker",
        "mp",
        "king",
        "prince",
        "emir",
        "analyst",
        "editor",
        "activist",
        "poet",
        "writer",
        "actor",
        "footballer",
        "mufti",
    ]
)

#: Role nouns that make the related organisation's leader.
LEADER_ROLES = frozenset(
    [
        "leader",
        "commander",
        "chief",
        "head",
        "secretary",
        "secretary-general",
        "president",
        "director",
        "coordinator",
        "founder",
        "emir",
        "amir",
        "governor",
    ]
)

#: Kinship nouns for relative_of.
KIN_TERMS = frozenset(
    [
        "brother",
        "sister",
        "son",
        "daughter",
        "father",
        "mother",
        "cousin",
        "nephew",
        "niece",
        "uncle",
        "aunt",
        "wife",
        "husband",
        "brother-in-law",
        "son-in-law",
        "father-in-law",
        "grandson",
        "grandfather",
    ]
)

#: Generic referents that name an actor in conflict reporting (lower case, without "the").
GENERIC_REFERENTS: dict[str, str] = {
    "regime": "state",
    "government": "state",
    "army": "armed_group",
    "opposition": "armed_group",
    "armed opposition": "armed_group",
    "rebels": "armed_group",
    "rebel groups": "armed_group",
    "war": "event",
    "civil war": "event",
    "revolution": "event",
}

#: Words that never start a name even when capitalised (sentence-initial determiners etc.).
NAME_STOP_FIRST = frozenset(
    [
        "the",
        "a",
        "an",
        "both",
        "these",
        "those",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "all",
        "many",
        "most",
        "some",
        "several",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "other",
        "such",
        "each",
        "every",
        "any",
        "no",
        "one",
        "unlike",
        "besides",
        "like",
        "while",
        "when",
        "where",
        "which",
        "who",
        "whose",
        "since",
        "after",
        "before",
        "during",
        "early",
        "late",
        "recent",
        "recently",
        "additional",
        "regional",
        "provincial",
        "local-level",
        "various",
        "numerous",
        "few",
        "new",
        "several.",
    ]
) - {"local"}

#: Prepositions: a mention right after one is not a clause subject.
PREPOSITIONS = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "with",
        "without",
        "for",
        "against",
        "into",
        "onto",
        "under",
        "over",
        "between",
        "among",
        "amongst",
        "through",
        "throughout",
        "across",
        "around",
        "near",
        "inside",
        "outside",
        "within",
        "along",
        "alongside",
        "behind",
        "beyond",
        "than",
        "via",
        "like",
        "including",
        "such",
        "as",
        "toward",
        "towards",
        "about",
        "upon",
        "after",
        "before",
        "during",
        "despite",
        "unlike",
        "besides",
    ]
)

#: Anaphoric noun phrases for armed groups: head noun -> grammatical number.
GROUP_ANAPHORS: dict[str, str] = {
    "group": "sg",
    "unit": "sg",
    "brigade": "sg",
    "battalion": "sg",
    "regiment": "sg",
    "militia": "sg",
    "force": "sg",
    "forces": "pl",
    "organization": "sg",
    "organisation": "sg",
    "center": "sg",
    "centre": "sg",
    "formation": "sg",
    "network": "sg",
    "movement": "sg",
    "battalions": "pl",
    "brigades": "pl",
    "militias": "pl",
    "units": "pl",
}

#: Month words, so that capitalised month names are not taken for names.
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)

#: British -> American spellings folded in name keys.
SPELLING_FOLDS: dict[str, str] = {
    "defence": "defense",
    "centre": "center",
    "centres": "centers",
    "organisation": "organization",
    "organisations": "organizations",
}

#: Head nouns of a description that types the name it describes ("X is a Syriac militia",
#: "X, a pro-government charity", "the businessman X"): head word (lower case) -> entity type.
DESCRIPTION_HEADS: dict[str, str] = {
    **dict.fromkeys(
        [
            *("militia", "militias", "brigade", "brigades", "battalion", "battalions", "force", "forces"),
            *("faction", "factions", "group", "groups", "movement", "movements", "unit", "units"),
            *("regiment", "regiments", "wing", "paramilitary", "paramilitaries", "formation", "outfit"),
            *("network", "detachment", "squad", "insurgency", "offshoot", "auxiliary", "auxiliaries"),
        ],
        "armed_group",
    ),
    **dict.fromkeys(
        [
            *("party", "parties", "ministry", "agency", "charity", "association", "newspaper", "outlet"),
            *("website", "company", "firm", "tank", "organization", "organisation", "ngo"),
            *("foundation", "institute", "broadcaster", "channel", "magazine", "daily", "weekly"),
            *("publication", "portal", "bank", "conglomerate", "syndicate", "observatory"),
        ],
        "organization",
    ),
    **dict.fromkeys(
        [
            *("commander", "officer", "businessman", "businesswoman", "tycoon", "researcher"),
            *("journalist", "cleric", "politician", "lawyer", "activist", "analyst", "leader"),
            *("warlord", "smuggler", "general", "colonel", "minister", "official", "spokesman"),
            *("spokesperson", "engineer", "scholar", "academic", "writer", "poet", "singer"),
            *("preacher", "sheikh", "governor", "mp", "lawmaker", "parliamentarian", "trader"),
        ],
        "person",
    ),
}

#: Modifiers that make a group-like head name a non-armed body ("a media group", "a rights
#: organisation", "a political movement").
NON_ARMED_MODIFIERS = frozenset(
    [
        *("media", "news", "rights", "human", "research", "business", "advocacy", "lobby", "lobbying"),
        *("pressure", "charity", "charitable", "aid", "humanitarian", "relief", "monitoring"),
        *("publishing", "consulting", "political", "student", "civil", "civic", "opposition-run"),
        *("think", "policy", "development", "investment", "trading", "holding", "construction"),
        *("security-consulting", "telecommunications", "oil", "shipping", "financial", "cultural"),
    ]
)

#: Modifiers that make an organisation-like head an armed one ("a jihadist organisation").
ARMED_MODIFIERS = frozenset(
    [
        *("armed", "jihadist", "jihadi", "militant", "terrorist", "paramilitary", "insurgent", "rebel"),
        *("military", "fighting", "combat", "guerrilla", "guerilla"),
    ]
)
