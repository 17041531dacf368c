"""``orbat_entities``: the domain recogniser.

Combines, in order of trust:

1. infobox structure (battle lists, commanders, garrisons);
2. names defined in the text: "Full Name (ABC)", "X (Y)", acronyms then
   found bare ("the LDF");
3. name shapes (:mod:`orbat.extract.recognise`): unit words, organisation,
   event, kin and place heads, generic referents ("the regime");
4. the gazetteer's surface forms (PhraseMatcher; case-sensitive forms kept so);
5. the statistical NER's spans, relabelled (PERSON/ORG/GPE/LOC/FAC/EVENT).

Overlaps are settled by trust, then length; a NER span cut by a trusted
mention keeps its remainder ("Liwa al-Baqir Khalid al-Hassan" -> the group
and the person). Adjacent place + network names become a regional branch
("Latakia NDF", "Aleppo Baath Battalions") with its parts kept.

Writes ``doc._.orbat_found`` (all mentions, nested parts included),
``doc._.orbat_aliases`` (alias links) and ``doc.ents`` (top-level mentions
labelled with vocabulary entity types).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from orbat.extract.components.doctext import doc_text
from orbat.extract.describe import DESCRIBE_VERSION, describe
from orbat.extract.layout import Field, Layout, analyse
from orbat.extract.lexicon import ENGLISH_UNIT_WORDS, ORG_WORDS, PERSON_TITLES, PLACE_NAME_OPENERS
from orbat.extract.names import acronym_fits, one_person, strip_article, strip_possessive, strip_title
from orbat.extract.recognise import (
    P_DEFINED,
    P_GAZETTEER,
    P_NER,
    P_PATTERN,
    P_STRUCTURE,
    RECOGNISE_VERSION,
    recognise_names,
)
from orbat.extract.spans import AliasLink, Found, Occupied

log = logging.getLogger(__name__)

ENTITIES_VERSION = "entities.v6"

for _ext in ("orbat_found", "orbat_aliases"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)

_TYPE_ORDER = ("state", "armed_group", "organization", "person", "kin_group", "event", "place")
_NER_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]{1,6}s?$")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN_CAP = re.compile(r"[A-Z]")


def _gazetteer_forms() -> list[tuple[str, str, str, bool]]:
    try:
        from orbat.gazetteer import all_surface_forms

        return list(all_surface_forms())
    except (ImportError, OSError) as exc:  # data still missing in a development tree
        log.warning("gazetteer unavailable, recognising without it: %s", exc)
        return []


def _state_of(name: str) -> str | None:
    """The gazetteer id of the state ``name`` names, if any."""
    try:
        from orbat.gazetteer import lookup_entity
    except ImportError:  # pragma: no cover
        return None
    try:
        for e in lookup_entity(name):
            if e.type == "state":
                return e.id
    except OSError:  # pragma: no cover
        return None
    return None


def _place_known(name: str) -> bool:
    try:
        from orbat.gazetteer import lookup_place

        return bool(lookup_place(name))
    except (ImportError, OSError):  # pragma: no cover
        return False


_TITLE_WORDS = frozenset(t.strip(".") for t in PERSON_TITLES)


class EntityRecogniser:
    version = f"{ENTITIES_VERSION}+{RECOGNISE_VERSION}+{DESCRIBE_VERSION}"

    def __init__(self, nlp: Language, use_gazetteer: bool = True) -> None:
        self.ci = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cs = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.meta: dict[str, tuple[str, str]] = {}  # match key -> (type, id)
        if use_gazetteer:
            self._load_gazetteer(nlp)

    def _load_gazetteer(self, nlp: Language) -> None:
        forms = _gazetteer_forms()
        by_key: dict[tuple[bool, str], tuple[str, str]] = {}
        for form, type_, ident, cased in forms:
            k = (cased, form if cased else form.casefold())
            old = by_key.get(k)
            if old is None or _TYPE_ORDER.index(type_) < _TYPE_ORDER.index(old[0]):
                by_key[k] = (type_, ident)
        items = sorted(by_key.items())
        make = nlp.make_doc
        docs = [make(form) for (_c, form), _ in items]
        for ((cased, _form), (type_, ident)), pdoc in zip(items, docs, strict=True):
            label = f"G|{type_}|{ident}"
            self.meta[label] = (type_, ident)
            (self.cs if cased else self.ci).add(label, [pdoc])

    # -- candidates -------------------------------------------------------------

    def _gazetteer(self, doc: Doc) -> Iterable[Found]:
        text = doc_text(doc)
        for matcher in (self.cs, self.ci):
            for match_id, s, e in matcher(doc):
                label = doc.vocab.strings[match_id]
                type_, ident = self.meta[label]
                span = doc[s:e]
                surface = span.text
                if not (_LATIN_CAP.search(surface) or _ARABIC.search(surface)):
                    continue
                a, b = span.start_char, span.end_char
                name = strip_article(strip_possessive(text[a:b]))
                yield Found(a, b, type_, name, "gazetteer", P_GAZETTEER, ref=ident)

    def _ner(self, doc: Doc, ents: Iterable[Span]) -> Iterable[Found]:
        text = doc_text(doc)
        for ent in ents:
            if ent.label_ not in _NER_TYPES:
                continue
            a, b = ent.start_char, ent.end_char
            raw = text[a:b]
            # trim "the", possessives and stray punctuation
            lead = len(raw) - len(raw.lstrip(" -–:;,“”\"'‘’("))
            raw2 = raw.strip(" -–:;,“”\"'‘’()")
            if raw2[:4].casefold() == "the ":
                lead += 4
                raw2 = raw2[4:]
            raw2 = strip_possessive(raw2)
            if not raw2 or not raw2[0].isupper():
                continue
            a = a + lead
            b = a + len(raw2)
            words = raw2.split()
            lows = [w.casefold().strip(".") for w in words]
            if ent.label_ == "PERSON":
                if any(w in ENGLISH_UNIT_WORDS for w in lows[1:]) or any(w in ORG_WORDS for w in lows):
                    continue
                if len(words) >= 2 and lows[0] in PLACE_NAME_OPENERS:
                    yield Found(a, b, "place", raw2, "ner.PERSON", P_NER)  # "Ain Issa", "Tel Abyad"
                    continue
                name = strip_title(raw2)
                if len(name.split()) == 1 and name.casefold().strip(".") in {
                    t.strip(".") for t in PERSON_TITLES
                }:
                    continue
                names = (raw2,) if name != raw2 else ()
                yield Found(a, b, "person", name, "ner.PERSON", P_NER, names=names)
            elif ent.label_ == "GPE":
                type_ = "state" if _state_of(raw2) else "place"
                yield Found(a, b, type_, raw2, "ner.GPE", P_NER)
            elif ent.label_ in {"LOC", "FAC"}:
                yield Found(a, b, "place", raw2, f"ner.{ent.label_}", P_NER)
            elif ent.label_ == "EVENT":
                yield Found(a, b, "event", raw2, "ner.EVENT", P_NER)
            elif ent.label_ == "ORG":
                if all(w.strip(".") in _TITLE_WORDS for w in lows):
                    continue  # "Brigadier-General" before a name is a title, not an organisation
                if _state_of(raw2):
                    yield Found(a, b, "state", raw2, "ner.ORG", P_NER)
                elif any(w in ENGLISH_UNIT_WORDS for w in lows):
                    yield Found(a, b, "armed_group", raw2, "ner.ORG", P_NER)
                elif _place_known(raw2):
                    yield Found(a, b, "place", raw2, "ner.ORG", P_NER)
                else:
                    yield Found(a, b, "organization", raw2, "ner.ORG", P_NER)

    def _structure(self, text: str, layout: Layout) -> Iterable[Found]:
        for f in layout.fields:
            key = f.norm_key.rstrip("0123456789 ")
            if key in {"battles", "wars", "engagements", "conflicts", "operations"}:
                yield from _list_items(text, f, "event")
            elif key in {
                "commander",
                "commanders",
                "leader",
                "leaders",
                "founder",
                "founders",
                "notable commanders",
            }:
                for item in _list_items(text, f, "person"):
                    item.names = (item.name,)
                    item.name = strip_title(item.name.replace(".", ". ").replace("  ", " ")).strip()
                    yield item
            elif key in {"unit name", "name", "group name", "native name"}:
                yield Found(
                    f.value_start,
                    f.value_end,
                    "armed_group",
                    f.value.strip(),
                    "structure.name",
                    P_STRUCTURE,
                    kind="infobox-subject",
                )

    # -- the component ------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        layout: Layout = doc._.orbat_layout or analyse(text)
        doc._.orbat_layout = layout
        ner_ents = list(doc.ents)
        cands: list[Found] = []
        cands.extend(self._structure(text, layout))
        cands.extend(recognise_names(text))
        cands.extend(self._gazetteer(doc))
        cands.extend(self._ner(doc, ner_ents))
        # nothing inside an infobox key ("Unit Name", "Commander1 Label")
        keys = [(f.start, f.value_start) for f in layout.fields]
        if keys:
            cands = [c for c in cands if not any(a <= c.start < b for a, b in keys)]
        chosen = _select(text, cands)
        _places_in_lists(text, chosen)
        chosen = describe(text, chosen)
        aliases: list[AliasLink] = []
        chosen = _definitions(text, chosen, aliases)
        chosen = _branches(text, chosen)
        _event_places(text, chosen)
        _persons_by_noun(text, chosen)
        chosen.extend(_backers_in_names(text, chosen))
        chosen.extend(_person_short_forms(text, chosen))
        _kin_relatives(text, chosen)
        chosen.sort(key=lambda f: (f.start, -f.end))
        doc._.orbat_found = chosen
        doc._.orbat_aliases = aliases
        spans = []
        for f in chosen:
            sp = doc.char_span(f.start, f.end, label=f.type, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        doc.ents = filter_spans(spans)
        return doc


def _list_items(text: str, f: Field, type_: str) -> Iterable[Found]:
    """Comma-separated items of a field value ("* Damascus campaign, ** Siege of Homs, ...")."""
    pos = f.value_start
    for piece in re.finditer(r"[^,]+", text[f.value_start : f.value_end]):
        a = f.value_start + piece.start()
        b = f.value_start + piece.end()
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip(" *•-"))
        item = seg.strip(" *•-").rstrip(":").strip()
        if not item or not re.search(r"[A-Za-z]", item):
            continue
        if item.casefold().startswith(("see ", "with elements")):
            continue
        a2 = a + lead
        yield Found(a2, a2 + len(item), type_, item, "structure.list", P_STRUCTURE, kind="list-item")
        pos = b
    del pos


def _select(text: str, cands: list[Found]) -> list[Found]:
    """Non-overlapping mentions: trust first, then length; NER spans cut to what is left."""
    persons = [(c.start, c.end) for c in cands if c.source == "ner.PERSON" and " " in c.name]
    if persons:
        # a gazetteer place inside a person's name ("Maher Safi") is part of the name
        cands = [
            c
            for c in cands
            if not (
                c.source == "gazetteer"
                and c.type == "place"
                and any(a <= c.start and c.end <= b and (a, b) != (c.start, c.end) for a, b in persons)
            )
        ]
    cands = sorted(cands, key=lambda f: (-f.priority, -(f.end - f.start), f.start))
    taken: list[Found] = []
    occupied = Occupied(len(text))

    for c in cands:
        if c.end <= c.start:
            continue
        if occupied.free(c.start, c.end):
            taken.append(c)
            occupied.add(c.start, c.end)
            continue
        if c.source.startswith("ner.") and c.type == "person":
            # keep the part of the span after the last occupied piece ("Liwa al-Baqir Khalid al-Hassan")
            cut = occupied.last_taken_end(c.start, c.end) or c.start
            rest = text[cut : c.end]
            lead = len(rest) - len(rest.lstrip(" :,-–"))
            a = cut + lead
            if (
                a < c.end
                and occupied.free(a, c.end)
                and text[a : c.end][:1].isupper()
                and " " in text[a : c.end]
            ):
                name = strip_title(text[a : c.end])
                taken.append(Found(a, c.end, c.type, name, c.source, c.priority))
                occupied.add(a, c.end)
    return taken


_LIST_SEP = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")


def _places_in_lists(text: str, chosen: list[Found]) -> None:
    """A lone statistical ORG or PERSON span in a list of places is a place too
    ("camps in Tel Abyad, Maskana and Deir Hafer": the small model often labels
    one village ORG). The list needs two places besides it and no other kind of name."""
    items = sorted(chosen, key=lambda f: f.start)
    runs: list[list[Found]] = []
    for f in items:
        if runs and _LIST_SEP.fullmatch(text[runs[-1][-1].end : f.start]):
            runs[-1].append(f)
        else:
            runs.append([f])
    for run in runs:
        places = [f for f in run if f.type == "place"]
        odd = [f for f in run if f.type != "place"]
        if len(places) < 2 or len(odd) != 1:
            continue
        f = odd[0]
        words = f.name.split()
        if (
            f.source in {"ner.ORG", "ner.PERSON"}
            and len(words) <= 2
            and not _ACRONYM.match(f.name)
            and not any(w.casefold() in ORG_WORDS or w.casefold() in ENGLISH_UNIT_WORDS for w in words)
        ):
            f.type = "place"


_PAREN = re.compile(r"\s*[(\[]\s*(?P<body>[^()\[\]\n]{1,160}?)\s*[)\]]")
_AKA = re.compile(r"^(?:aka|a\.k\.a\.|also\s+known\s+as|also|or|known\s+as|i\.e\.)\s+", re.IGNORECASE)
_ALIAS_NOUN = r"(?:name|nickname|nom\s+de\s+guerre|kunya|alias|pseudonym)"
_ALIAS_AFTER = re.compile(
    r",?\s+(?:also\s+known\s+as|aka|a\.k\.a\.|otherwise\s+known\s+as|also\s+called|known\s+locally\s+as|"
    r"(?:who\s+)?(?:is\s+)?(?:also\s+)?(?:goes\s+by|nicknamed|(?:goes|is\s+known)\s+by\s+the\s+"
    + _ALIAS_NOUN
    + r"|"
    r"(?:uses|used|takes|took|adopted|bears)\s+the\s+" + _ALIAS_NOUN + r")(?:\s+of)?)"
    r"\s+[\"“‘]?(?P<n>(?:al-)?[A-Z][\w’'-]*(?:\s+(?:al-|the\s+|of\s+)?[A-Z][\w’'-]*){0,6})"
)


def _definitions(text: str, chosen: list[Found], aliases: list[AliasLink]) -> list[Found]:
    """Names the text defines: "Name (ABC)", "X (Y; Arabic)", "X, also known as Y"; then bare acronyms."""
    chosen.sort(key=lambda f: f.start)
    out = list(chosen)
    starts = {f.start for f in chosen}
    by_start = {f.start: f for f in chosen}
    acronyms: dict[str, Found] = {}
    by_end = {f.end: f for f in chosen}
    for f in chosen:
        if f.type in {"place"} and f.source != "gazetteer":
            pass
        m = _PAREN.match(text, f.end)
        if m:
            body_start = m.start("body")
            for part_start, part in _paren_parts(text, body_start, m.end("body")):
                if part_start in starts:
                    existing = by_start.get(part_start)
                    if (existing is not None and existing.type == f.type) or (
                        existing is not None and _ACRONYM.match(existing.name)
                    ):
                        aliases.append(AliasLink(f, existing, "paren", f.start, m.end()))
                        if _ACRONYM.match(part):
                            acronyms[part] = f
                    continue
                if _ACRONYM.match(part):
                    if not (acronym_fits(part, f.name) or f.type in {"armed_group", "organization"}):
                        continue
                    g = Found(
                        part_start, part_start + len(part), f.type, part, "acronym", P_DEFINED, kind="acronym"
                    )
                    acronyms[part] = f
                elif _ARABIC.search(part) or (
                    part[:1].isupper() and f.type in {"armed_group", "organization", "person", "kin_group"}
                ):
                    g = Found(
                        part_start,
                        part_start + len(part),
                        f.type,
                        strip_article(part),
                        "paren",
                        P_DEFINED,
                        kind="alias",
                    )
                else:
                    continue
                out.append(g)
                starts.add(g.start)
                aliases.append(AliasLink(f, g, "paren", f.start, m.end()))
        a = _ALIAS_AFTER.match(text, f.end) or (_ALIAS_AFTER.match(text, m.end()) if m else None)
        if a and a.start("n") not in starts:
            g = Found(a.start("n"), a.end("n"), f.type, a.group("n"), "aka", P_DEFINED, kind="alias")
            out.append(g)
            starts.add(g.start)
            aliases.append(AliasLink(f, g, "aka", f.start, a.end()))
        elif a and (known := by_start.get(a.start("n"))) is not None and known.end == a.end("n"):
            # the other name was found already (typed by another recogniser): it is this one's alias
            known.type, known.kind = f.type, "alias"
            aliases.append(AliasLink(f, known, "aka", f.start, a.end()))
    # an acronym defined after a descriptive noun: "organization (SOSCO)"
    for m in re.finditer(
        r"\b(?P<noun>organi[sz]ation|group|militia|party|movement|agency|company)\s+\((?P<a>[A-Z]{2,8})\)",
        text,
    ):
        if m.start("a") in starts:
            continue
        noun = m.group("noun").lower()
        type_ = "armed_group" if noun in {"group", "militia", "movement"} else "organization"
        g = Found(m.start("a"), m.end("a"), type_, m.group("a"), "acronym", P_DEFINED, kind="acronym")
        out.append(g)
        starts.add(g.start)
        acronyms.setdefault(m.group("a"), g)
    del by_end
    # mentions already found for a defined acronym or alias take the type of what it names
    for g in out:
        main = acronyms.get(g.name)
        if main is not None and g is not main and g.type != main.type:
            g.type, g.kind, g.priority = main.type, "acronym", P_DEFINED
    for link in aliases:
        if link.alias.type != link.main.type:
            link.alias.type = link.main.type
            link.alias.priority = max(link.alias.priority, P_DEFINED)
    # bare acronyms elsewhere ("the LDF") refer to the defined name
    if acronyms:
        occupied = sorted((f.start, f.end) for f in out)
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True)) + r")\b"
        )
        for m in pattern.finditer(text):
            i = bisect.bisect_right(occupied, (m.start(), 10**12)) - 1
            inside = any(s < m.end() and m.start() < e for s, e in occupied[max(0, i - 2) : i + 3])
            if inside:
                continue
            main = acronyms[m.group(1)]
            out.append(
                Found(m.start(), m.end(), main.type, m.group(1), "acronym.use", P_DEFINED, kind="acronym")
            )
    return out


_LANGUAGE_LABEL = re.compile(
    r"(?:Arabic|Persian|Farsi|Kurdish|Turkish|Syriac|Hebrew|Russian|lit\.|literally|transl\.|translit\.)\s*:\s*",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"the\s+(?=[A-Z])")


def _paren_parts(text: str, a: int, b: int) -> list[tuple[int, str]]:
    """Pieces of a parenthesis body split at ";" or "- ACRONYM", with their offsets."""
    body = text[a:b]
    m = _AKA.match(body) or _LANGUAGE_LABEL.match(body)
    off = m.end() if m else 0
    # "(Arabic: لواء ..., Liwa ...)": after a language label, commas separate the names too
    separators = r"[^;,]+" if _LANGUAGE_LABEL.match(body) else r"[^;]+"
    parts: list[tuple[int, str]] = []
    for piece in re.finditer(separators, body[off:]):
        seg = piece.group(0)
        s = a + off + piece.start()
        label = _LANGUAGE_LABEL.match(seg.lstrip()) or _LEADING_THE.match(seg.lstrip())
        if label:  # "(the Jerusalem Brigade)": the name starts after the article
            cut = len(seg) - len(seg.lstrip()) + label.end()
            seg, s = seg[cut:], s + cut
        # "Quwat al-Difa’ al-Mahalli- LDF": a trailing acronym after a dash
        dash = re.search(r"[-–]\s*([A-Z]{2,8})\s*$", seg)
        if dash:
            parts.append((s + dash.start(1), dash.group(1)))
            seg = seg[: dash.start()]
        # Arabic script then Latin transliteration: "قوات الدفاع الوطني Quwāt ad-Difāʿ al-Watanī"
        ar = re.match(r"\s*([\u0600-\u06ff][\u0600-\u06ff\s]*[\u0600-\u06ff])\s+(?=[^\u0600-\u06ff\s])", seg)
        if ar:
            parts.append((s + ar.start(1), ar.group(1)))
            rest = seg[ar.end() :]
            parts.append((s + ar.end(), rest.strip()))
            continue
        lead = len(seg) - len(seg.lstrip())
        if seg.strip():
            parts.append((s + lead, seg.strip()))
    return [(p, t) for p, t in parts if t and not re.fullmatch(r"[\d\s–-]+", t)]


_BRANCH_OF = re.compile(r"\s+(?:branch|center|centre|office|wing)\s+of\s+(?:the\s+)?$")


_SUBUNIT_OF = re.compile(r"(?<![\w’'-])(?P<n>[A-Z][a-z]+s)\s+of\s+(?:the\s+)?$")


def _subunits(text: str, chosen: list[Found]) -> list[Found]:
    """ "Lionesses of the NDF": a capitalised plural noun + "of" + a group names a sub-unit of it."""
    out: list[Found] = []
    ends = sorted(f.end for f in chosen)
    for f in chosen:
        if f.type == "armed_group" and f.kind not in {"generic"}:
            m = _SUBUNIT_OF.search(text, max(0, f.start - 40), f.start)
            if m and m.group("n").casefold() not in {"members", "units", "fighters", "forces", "militias"}:
                a = m.start("n")
                k = bisect.bisect_right(ends, f.start) - 1
                if not (k >= 0 and ends[k] > a):
                    out.append(
                        Found(
                            a,
                            f.end,
                            "armed_group",
                            text[a : f.end],
                            "pattern.subunit",
                            P_PATTERN,
                            parts=(f,),
                            kind="subunit",
                        )
                    )
                    continue
        out.append(f)
    return out


def _place_prefixes(text: str, chosen: list[Found]) -> list[Found]:
    """ "Aleppo Baath Battalions" read as one name -> place "Aleppo" + network "Baath Battalions",
    when the network is named on its own elsewhere in the document."""
    from orbat.extract.names import name_key

    networks = {name_key(f.name) for f in chosen if f.type in {"armed_group", "organization"}}
    places = {name_key(f.name) for f in chosen if f.type == "place"}
    out: list[Found] = []
    for f in chosen:
        if f.type in {"armed_group", "organization"} and f.kind != "branch" and " " in f.name:
            a = f.start + (len(text[f.start : f.end]) - len(text[f.start : f.end].lstrip()))
            words = list(re.finditer(r"\S+", text[a : f.end]))
            done = False
            for k in (1, 2):
                if len(words) <= k:
                    break
                pre = text[a : a + words[k - 1].end()]
                rest_start = a + words[k].start()
                rest = text[rest_start : f.end]
                if name_key(rest) in networks and (name_key(pre) in places or _place_known(pre)):
                    place = Found(a, a + len(pre), "place", pre, "branch.part", f.priority)
                    net = Found(
                        rest_start, f.end, f.type, strip_article(rest), "branch.part", f.priority, unit=f.unit
                    )
                    out.append(
                        Found(
                            a,
                            f.end,
                            f.type,
                            f.name,
                            "branch",
                            f.priority,
                            parts=(place, net),
                            kind="branch",
                            unit=f.unit,
                        )
                    )
                    done = True
                    break
            if done:
                continue
        out.append(f)
    return out


def _branches(text: str, chosen: list[Found]) -> list[Found]:
    """Regional branches: "Latakia NDF", "Aleppo Baath Battalions", "the Safira branch of X",
    "the Baath Party’s Aleppo Branch", "an NDF militia from Mhardeh"."""
    chosen = _subunits(text, _place_prefixes(text, chosen))
    chosen.sort(key=lambda f: f.start)
    out: list[Found] = []
    i = 0
    n = len(chosen)
    while i < n:
        f = chosen[i]
        g = chosen[i + 1] if i + 1 < n else None
        if (
            g is not None
            and f.type == "place"
            and g.type in {"armed_group", "organization"}
            and text[f.end : g.start] == " "
            and g.kind not in {"generic"}
            and not g.name.casefold().startswith(f.name.casefold())
        ):
            name = text[f.start : g.end]
            out.append(
                Found(
                    f.start,
                    g.end,
                    g.type,
                    name,
                    "branch",
                    P_PATTERN,
                    parts=(f, g),
                    kind="branch",
                    unit=g.unit,
                )
            )
            i += 2
            continue
        if g is not None and f.type == "place" and g.type in {"armed_group", "organization"}:
            gap = text[f.end : g.start]
            if _BRANCH_OF.fullmatch(gap) or re.fullmatch(
                r"\s+(?:branch|center|centre|office)\s+of\s+(?:the\s+)?", gap
            ):
                name = text[f.start : g.end]
                out.append(
                    Found(f.start, g.end, g.type, name, "branch", P_PATTERN, parts=(f, g), kind="branch")
                )
                i += 2
                continue
        if g is not None and f.type in {"organization", "armed_group"} and g.type == "place":
            gap = text[f.end : g.start]
            m = re.fullmatch(r"[’']s\s+", gap)
            tail = re.match(r"\s+(?:Branch|branch|Office|Center|Centre|Command)\b", text[g.end : g.end + 12])
            if m and tail:
                end = g.end + tail.end()
                out.append(
                    Found(
                        f.start,
                        end,
                        f.type,
                        text[f.start : end],
                        "branch",
                        P_PATTERN,
                        parts=(g, f),
                        kind="branch",
                    )
                )
                i += 2
                continue
            # one branch word in one place: "an NDF unit in Mhardeh"; not a plural ("NDF units in
            # Latakia": the network's presence there) nor a list of places ("a unit in X and Y")
            m2 = re.fullmatch(r"\s+(?:militia|branch|unit|center|centre|office)\s+(?:from|in|of)\s+", gap)
            if not m2 and re.search(r"\b(?:militia|branch|unit|center|centre)$", f.name):
                m2 = re.fullmatch(r"\s+from\s+", gap)
            more = _PLACE_LIST_NEXT.match(text, g.end)
            if (
                m2
                and more
                and i + 2 < n
                and chosen[i + 2].type == "place"
                and chosen[i + 2].start == more.end()
            ):
                m2 = None
            titled = re.fullmatch(r"\s+in\s+", gap) and re.match(
                r"\s*(?:\.\.\.|…|:|\n|$)", text[g.end : g.end + 4]
            )
            if titled and f.type == "armed_group":
                out.append(
                    Found(
                        f.start,
                        g.end,
                        f.type,
                        text[f.start : g.end],
                        "branch",
                        P_PATTERN,
                        parts=(g, f),
                        kind="branch",
                    )
                )
                i += 2
                continue
            if m2 and f.type == "armed_group":
                out.append(
                    Found(
                        f.start,
                        g.end,
                        f.type,
                        text[f.start : g.end],
                        "branch",
                        P_PATTERN,
                        # "NDF unit in Mhardeh" is the "Mhardeh NDF" of other texts
                        names=(f"{g.name} {f.name}",) if re.fullmatch(r"[A-Z]{2,6}", f.name) else (),
                        parts=(g, f),
                        kind="branch",
                    )
                )
                i += 2
                continue
        out.append(f)
        i += 1
    return out


#: What continues a list of places after one ("X and Y", "X, Y").
_PLACE_LIST_NEXT = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?(?=[A-Z]|al-)")


_EVENT_PLACE = re.compile(
    r"^(?:the\s+)?(?:battles?|siege)\s+(?:of|for|to\s+\w+)\s+(?:the\s+)?(?P<p>[^()]+?)(?:\s+\(.*)?$"
    r"|^(?:[A-Z][a-z]+\s+)?(?:(?:19|20)\d\d(?:[–-]\d+)?\s+)(?P<q>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+"
    r"(?:offensive|campaign|clashes|massacre)\b",
    re.IGNORECASE,
)


def _event_places(text: str, chosen: list[Found]) -> None:
    """The place an event is named after, as a part of it ("the battle of X", "the 2016 X offensive")."""
    for f in chosen:
        if f.type != "event" or f.kind == "list-item" or f.parts:
            continue
        m = _EVENT_PLACE.match(f.name)
        if not m:
            continue
        g = "p" if m.group("p") else "q"
        place = m.group(g).strip()
        if not place or not re.search(r"\b[A-Z]", place):
            continue
        k = text.find(place, f.start, f.end)
        if k == -1:
            continue
        f.parts = (Found(k, k + len(place), "place", strip_article(place), "event.part", f.priority),)


def _person_short_forms(text: str, chosen: list[Found]) -> list[Found]:
    """A person named by a first name or a family name alone ("Khalid" for "Khalid al-Hassan",
    "Nasrallah" for "Hassan Nasrallah"), when only one person of the document has it.

    A statistical span with that name and another type (the small model often
    labels a lone surname ORG) becomes the person's; other free occurrences are
    added. A family name counts as unique only when no other person's name
    has that word in any place ("Ibrahim" in "Amer Ibrahim" and "Hossam
    Ibrahim Khadra" is not); full names that only extend one another ("Khalid
    al-Hassan", "Khalid al-Hassan al-Aloush") are one person. A "person" the gazetteer knows as a place (the
    small model's PERSON label on "Ain X") gives no short forms.
    """
    titles = {t.strip(".") for t in PERSON_TITLES}
    full = {
        f.name
        for f in chosen
        if f.type == "person" and " " in f.name and f.kind != "relative" and not _place_known(f.name)
    }
    holders: dict[str, set[str]] = {}  # a word of a full name -> the full names that have it
    for name in full:
        for w in name.split():
            holders.setdefault(w, set()).add(name)
    short: dict[str, str] = {}  # first or family name -> the one full name it stands for
    for name in full:
        words = name.split()
        for w in {words[0], words[-1]}:
            one = one_person(holders.get(w, set()))
            if len(w) >= 4 and w[:1].isupper() and w.casefold() not in titles and one and w not in full:
                short[w] = one
    if not short:
        return []
    for f in chosen:
        if f.source.startswith("ner.") and f.name in short and f.type != "person":
            f.type, f.kind, f.unit = "person", "short", None
    occupied = Occupied(len(text))
    for f in sorted(chosen, key=lambda f: f.start):
        if occupied.free(f.start, f.end):
            occupied.add(f.start, f.end)
    unique = sorted(short, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w’'-])(" + "|".join(re.escape(u) for u in unique) + r")(?![\w-])")
    out = []
    for m in pattern.finditer(text):
        if occupied.free(m.start(), m.end()):
            out.append(Found(m.start(), m.end(), "person", m.group(1), "short_form", P_NER, kind="short"))
    return out


_KIN_WORD = r"(?:brother|sister|son|daughter|father|mother|cousin|nephew|niece|uncle|aunt|wife|husband|widow)"
_KIN_OF = re.compile(r"[’']s\s+(?P<k>" + _KIN_WORD + r")\b(?!\s*,?\s+[A-Z])")
#: "a cousin of Bashar al-Assad", "the son of X" (not followed by the relative's name)
_KIN_BEFORE = re.compile(r"(?<![\w’'-])(?:an?|the|one)\s+(?:\w+\s+)?(?P<k>" + _KIN_WORD + r")\s+of\s+$", re.I)


_BACKED_PREFIX = re.compile(
    r"(?P<w>[A-Za-z][\w.]*)-(?:backed|funded|sponsored|supported|trained|armed|financed|led|allied)\s+"
)


_BACKED_BEFORE = re.compile(
    r"(?<![\w-])(?P<w>[A-Za-z][\w.]*)-(?:backed|funded|sponsored|supported|trained|armed|financed|led|allied)\s+\Z"
)


def _backers_in_names(text: str, chosen: list[Found]) -> list[Found]:
    """ "the Iranian-backed Fatemiyoun Division": the backer is a state of its own, not part of the name.

    The group's span starts after the compound; the state gets a mention, so that a rule reads
    "⟨S⟩-backed ⟨G⟩"."""
    out: list[Found] = []
    taken = {(f.start, f.end) for f in chosen}
    for f in chosen:
        if f.type not in {"armed_group", "organization"} or f.parts:
            continue
        m = _BACKED_PREFIX.match(text, f.start)
        inside = m is not None and m.end() < f.end and text[m.end() : m.end() + 1].isupper()
        if not inside:
            # the recogniser may have left the compound out of the name already
            lead = max(0, f.start - 60)
            m = _BACKED_BEFORE.search(text, lead, f.start)
            if m is None:
                continue
        assert m is not None
        state = _state_of(m.group("w")) or _state_of_demonym(m.group("w"))
        if state is None or (m.start("w"), m.end("w")) in taken:
            continue
        if inside:
            f.start = m.end()
            f.name = text[f.start : f.end]
            f.names = tuple(n for n in f.names if n != m.group(0) + f.name)
        out.append(Found(m.start("w"), m.end("w"), "state", m.group("w"), "compound", P_NER, ref=state))
    return out


def _state_of_demonym(word: str) -> str | None:
    from orbat.gazetteer import state_for_demonym

    e = state_for_demonym(word)
    return e.id if e is not None else None


#: A noun that says the names after it are people: "the brothers A and B", "the businessman X".
_PERSON_NOUN = re.compile(
    r"\b(?:brothers?|sisters?|cousins?|sons?|nephews?|uncles?|businessm[ae]n|tycoons?|engineers?|clerics?|"
    r"smugglers?|merchants?|traders?|lawyers?|doctors?|journalists?|activists?|brigadiers?)\s*,?\s+$",
    re.IGNORECASE,
)
_AND_NEXT = re.compile(r"\s*,?\s+and\s+$")


def _persons_by_noun(text: str, chosen: list[Found]) -> None:
    """A name the statistical tagger took for a place or an organisation is a person when a noun for
    people stands right before it, or before the name it is coordinated with ("the cousins A and B")."""
    ordered = sorted(chosen, key=lambda f: f.start)
    prev_person: Found | None = None
    for f in ordered:
        before = text[max(0, f.start - 30) : f.start]
        cue = bool(_PERSON_NOUN.search(before)) or (
            prev_person is not None and bool(_AND_NEXT.fullmatch(text, prev_person.end, f.start))
        )
        if (
            cue
            and f.type in {"place", "organization"}
            and f.source.startswith("ner.")
            and " " in f.name
            and not _place_known(f.name)
        ):
            f.type, f.kind, f.unit = "person", "", None
        prev_person = f if cue and f.type == "person" else None


def _kin_relatives(text: str, chosen: list[Found]) -> None:
    """An unnamed relative as a person of its own: "Khalid’s brother"."""
    extra = []
    occupied = {(f.start, f.end) for f in chosen}
    for f in chosen:
        if f.type != "person":
            continue
        b = _KIN_BEFORE.search(text, max(0, f.start - 40), f.start)
        after = text[f.end : f.end + 3]
        if b and (b.start(), f.end) not in occupied and not after.startswith(("’s", "'s")):
            extra.append(
                Found(
                    b.start(),
                    f.end,
                    "person",
                    text[b.start() : f.end],
                    "pattern.relative",
                    P_PATTERN,
                    kind="relative",
                    parts=(f,),
                    extra={"kin": b.group("k").casefold()},
                )
            )
            continue
        m = _KIN_OF.match(text, f.end)
        if m and (f.start, m.end()) not in occupied:
            extra.append(
                Found(
                    f.start,
                    m.end(),
                    "person",
                    text[f.start : m.end()],
                    "pattern.relative",
                    P_PATTERN,
                    kind="relative",
                    parts=(f,),
                    extra={"kin": m.group("k")},
                )
            )
    if extra:
        inner = {id(p) for e in extra for p in e.parts}
        keep = [f for f in chosen if id(f) not in inner]
        chosen[:] = keep + extra


@Language.factory(
    "orbat_entities",
    requires=["doc.ents", "doc._.orbat_layout"],
    assigns=["doc.ents", "doc._.orbat_found", "doc._.orbat_aliases"],
    default_config={"use_gazetteer": True},
)
def make_orbat_entities(nlp: Language, name: str, use_gazetteer: bool) -> EntityRecogniser:
    return EntityRecogniser(nlp, use_gazetteer)
