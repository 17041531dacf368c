"""The layout of a plain-text document: title, headings, paragraphs, infobox fields, quoted blocks.

Pure text functions (no spaCy), linear in the text's length. Offsets are
character offsets into the text.

* **Headings**: wiki-style ``== Role ==`` lines, Markdown ``# Role`` lines,
  and short title-like lines (a few capitalised words, no sentence
  punctuation) standing alone. The first line of the document is its title.
* **Paragraphs**: runs of lines separated by blank lines; a line break after
  sentence punctuation or around a heading also ends one.
* **Fields**: ``Key: value`` lines of an infobox (after an ``Infobox`` line or
  in a run of at least three ``- Key: value`` lines).
* **Blocks**: material the author quotes or translates, introduced by a line
  ending in a colon that names its source ("A November 2012 post by X
  states:", "The bulk of the article from X is translated by me below:").
  Claims read inside a block are attributed to the source (``claimed_by``)
  and dated by the intro's date (``as_of``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LAYOUT_VERSION = "layout.v2"


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int  # 0 = document title, 1.. = section levels
    text: str


@dataclass(frozen=True)
class Field:
    key: str  # as written ("Commander1 Label")
    start: int  # line start
    value_start: int
    value_end: int
    value: str

    @property
    def norm_key(self) -> str:
        return re.sub(r"[\s_]+", " ", self.key).strip().casefold()


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    intro_start: int
    intro_end: int
    source: str | None  # who speaks in the block, as written
    quoted: bool


@dataclass
class Layout:
    text_length: int
    title: Heading | None = None
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def block_at(self, pos: int) -> Block | None:
        for b in self.blocks:
            if b.start <= pos < b.end:
                return b
        return None

    def heading_before(self, pos: int) -> Heading | None:
        found = None
        for h in self.headings:
            if h.start <= pos:
                found = h
            else:
                break
        return found

    def is_heading(self, start: int, end: int) -> bool:
        return any(h.start <= start and end <= h.end for h in self.headings)

    def field_at(self, pos: int) -> Field | None:
        for f in self.fields:
            if f.start <= pos < f.value_end:
                return f
        return None


_LINE = re.compile(r"[^\n]*\n?")
_WIKI_HEADING = re.compile(r"^\s*(=+)\s*(.+?)\s*\1\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")
_FIELD = re.compile(r"^\s*(?:[-*•|]\s*)?([A-Z][A-Za-z0-9 _/()'’-]{0,40}?)\s*[:=]\s*(\S.*?)\s*$")
_INFOBOX = re.compile(r"^\s*\{?\{?\s*infobox\b", re.IGNORECASE)
_END_PUNCT = re.compile(r"[.!?;,:…\"”’)\]]\s*$")
_SOURCE_NOUN = re.compile(
    r"\b(?:post|posts|article|statement|report|document|account|story|message|letter|communiqu[eé]|"
    r"announcement|tweet|video|interview|speech|obituary|history|histories|notice|leaflet|newsletter)\b",
    re.IGNORECASE,
)
_SOURCE_PARTY = re.compile(
    r"\b(?:post|posts|article|statement|report|document|account|story|message|letter|announcement|tweet|"
    r"video|interview|speech|obituary|history|notice)\s+(?:\w+\s+){0,3}?(?:by|from|of|on)\s+"
    r"(?P<party>(?:the\s+|an?\s+)?(?:[\w.’'-]+\s+){0,6}?[\w.’'-]*[A-Za-z][\w.’'-]*)"
    r"(?=\s+(?:states|said|says|reads|gives|talks|is|was|which|that|in|from|on|below|:)|\s*[:,(]|\s*$)",
    re.IGNORECASE,
)
_TRAIL_DATE = re.compile(
    r"\s+(?:from|in|of|on|dated)\s+(?:\w+\s+)?(?:\d{4}|January|February|March|April|May|June|July|August|"
    r"September|October|November|December).*$",
    re.IGNORECASE,
)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl == -1:
            out.append((pos, n))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out


def _is_title_like(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 120 or _END_PUNCT.search(s):
        return False
    words = s.split()
    if len(words) > 14 or not (s[0].isupper() or s[0].isdigit()):
        return False
    if s.startswith(("-", "*", "•", "|")):
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= max(1, len(words) // 3)


def _party_from_intro(intro: str) -> str | None:
    m = _SOURCE_PARTY.search(intro)
    if not m:
        return None
    party = m.group("party").strip(" ,:;")
    party = _TRAIL_DATE.sub("", party).strip(" ,:;")
    if not party or party.casefold() in {"me", "us", "him", "her", "them", "it", "this", "that"}:
        return None
    return party


def _is_prose(line: str) -> bool:
    """A line that reads as a sentence: long, and closed by sentence punctuation."""
    return len(line.split()) > 15 and line.rstrip("”\"’' ").endswith((".", "!", "?"))


def analyse(text: str) -> Layout:
    """The layout of ``text``."""
    layout = Layout(text_length=len(text))
    lines = _lines(text)
    in_infobox = False
    first = True
    # headings and fields
    field_run: list[Field] = []

    def flush_fields() -> None:
        if len(field_run) >= 3 or in_infobox:
            layout.fields.extend(field_run)
        field_run.clear()

    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        stripped = line.strip()
        if not stripped:
            flush_fields()
            continue
        lead = a + (len(line) - len(line.lstrip()))
        tail = a + len(line.rstrip())
        m = _WIKI_HEADING.match(line) or _MD_HEADING.match(line)
        if m:
            flush_fields()
            in_infobox = False
            level = len(m.group(1)) - (1 if m.group(1)[0] == "=" else 0)
            h = Heading(a + m.start(2), a + m.end(2), max(level, 0) if not first else 0, m.group(2))
            layout.headings.append(h)
            if first:
                layout.title = h
            first = False
            continue
        if _INFOBOX.match(line):
            flush_fields()
            in_infobox = True
            first = False
            continue
        fm = _FIELD.match(line)
        if fm and (in_infobox or stripped.startswith(("-", "*", "|", "•"))) and len(fm.group(1).split()) <= 5:
            field_run.append(Field(fm.group(1), a, a + fm.start(2), a + fm.end(2), fm.group(2)))
            first = False
            continue
        flush_fields()
        in_infobox = False
        prev_blank = i == 0 or not text[lines[i - 1][0] : lines[i - 1][1]].strip()
        next_blank = i + 1 >= len(lines) or not text[lines[i + 1][0] : lines[i + 1][1]].strip()
        if first and _is_prose(stripped):
            first = False  # a news lede ("ALEPPO — X said on Tuesday that ...") is no title
            continue
        if first:
            h = Heading(lead, tail, 0, stripped)
            layout.title = h
            layout.headings.append(h)
            first = False
            continue
        if _is_title_like(line) and (prev_blank or next_blank or len(stripped.split()) <= 8):
            layout.headings.append(Heading(lead, tail, 2, stripped))
    flush_fields()

    # paragraphs: blank lines, headings and line breaks after sentence punctuation end them
    heading_starts = {h.start for h in layout.headings}
    para_start: int | None = None
    para_end = 0
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            if para_start is not None:
                layout.paragraphs.append((para_start, para_end))
                para_start = None
            continue
        lead = a + (len(line) - len(line.lstrip()))
        tail = a + len(line.rstrip())
        is_head = lead in heading_starts
        if para_start is not None and (is_head or _END_PUNCT.search(text[para_start:para_end])):
            layout.paragraphs.append((para_start, para_end))
            para_start = None
        if para_start is None:
            para_start = lead
        para_end = tail
        if is_head:
            layout.paragraphs.append((para_start, para_end))
            para_start = None
    if para_start is not None:
        layout.paragraphs.append((para_start, para_end))

    _find_blocks(text, layout)
    return layout


def _find_blocks(text: str, layout: Layout) -> None:
    paras = layout.paragraphs
    headings = {h.start for h in layout.headings if h.level > 0 or h is not layout.title}
    i = 0
    while i < len(paras) - 1:
        a, b = paras[i]
        para = text[a:b]
        if not para.rstrip().endswith(":"):
            i += 1
            continue
        # the intro is the paragraph's last sentence
        cut = max(para.rfind(". ", 0, len(para) - 1), para.rfind("? ", 0, len(para) - 1))
        intro_start = a + (cut + 2 if cut != -1 else 0)
        intro = text[intro_start:b]
        if not _SOURCE_NOUN.search(intro):
            i += 1
            continue
        source = _party_from_intro(intro)
        j = i + 1
        first_para = text[paras[j][0] : paras[j][1]]
        quoted = first_para.lstrip()[:1] in {"“", '"', "«", "‘"}
        end_index = j
        if quoted:
            k = j
            while k < len(paras):
                seg = text[paras[k][0] : paras[k][1]].rstrip()
                end_index = k
                if seg.endswith(("”", '"', "»", "’”", ".”")) or (k > j and paras[k][0] in headings):
                    break
                k += 1
        elif re.search(r"\btranslat", intro, re.IGNORECASE):
            wiki = {h.start for h in layout.headings if h.level == 1}
            k = j
            while k + 1 < len(paras) and paras[k + 1][0] not in wiki:
                k += 1
            end_index = k
        else:
            k = j
            while k < len(paras) and len(text[paras[k][0] : paras[k][1]].split()) < 12:
                k += 1
            end_index = min(k, len(paras) - 1)
        layout.blocks.append(Block(paras[j][0], paras[end_index][1], intro_start, b, source, quoted))
        i = end_index + 1
