"""Profiles as Markdown (GitHub-flavoured footnotes ``[^1]``), every name and quote escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable

from orbat.publish.citations import Footnote
from orbat.publish.infobox import Infobox
from orbat.publish.profiles import Profile, latest_evidence_words
from orbat.publish.prose import Cite, Part, Statement
from orbat.publish.text import date_noun

#: the characters Markdown gives a meaning, each escaped with a backslash, and line breaks as spaces
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_[]<>|#~"}, "\n": " "})
_LIST_ITEM = re.compile(r"^\s*(\d+[.)]|[-+])\s")

UNREVIEWED = "_(unreviewed)_"


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML or table cells from data."""
    out = text.translate(_ESCAPES)
    if _LIST_ITEM.match(out):
        out = "\\" + out.lstrip()
    return out


def md_parts(parts: Iterable[Part]) -> str:
    out = []
    for p in parts:
        if isinstance(p, Cite):
            out.append("".join(f"[^{n}]" for n in p.numbers))
        else:
            out.append(md_escape(p))
    return "".join(out)


def md_statement(s: Statement) -> str:
    text = md_parts(s.parts)
    if s.unreviewed:
        text += f" {UNREVIEWED}"
    return text


def md_footnote(f: Footnote) -> str:
    label = md_escape(f.source_label)
    if f.title:
        label = label.replace(md_escape(f.title), f"*{md_escape(f.title)}*", 1)
    text = f"[^{f.number}]: {label}: “{md_escape(f.quote)}”"
    extras = [md_escape(f.grading)]
    if f.url:
        extras.append(md_escape(f.url))
    return text + " — " + "; ".join(e for e in extras if e)


def md_infobox(box: Infobox) -> list[str]:
    if not box.rows:
        return []
    lines = [f"| {md_escape(box.title)} | {md_escape(box.subtitle)} |", "|---|---|"]
    for row in box.rows:
        values = "; ".join(md_parts(v.parts) + (" †" if v.unreviewed else "") for v in row.values)
        lines.append(f"| **{md_escape(row.label)}** | {values} |")
    lines.append("")
    lines.append("† unreviewed (proposed) claims")
    return lines


def render_markdown(profile: Profile) -> str:
    """The profile as one Markdown document."""
    lines: list[str] = [f"# {md_escape(profile.name)}", ""]
    meta = [f"*{md_escape(profile.type_label.capitalize())}*"]
    if profile.meaning:
        meta.append(f"“{md_escape(profile.meaning)}”")
    meta.append(f"latest evidence: {md_escape(latest_evidence_words(profile))}")
    meta.append(
        f"{profile.statements} statements from {profile.claims} claims in {profile.documents} documents"
    )
    if profile.unreviewed:
        meta.append(f"{profile.unreviewed} rest on unreviewed claims, marked {UNREVIEWED}")
    if profile.abridged_from is not None:
        meta.append(
            f"abridged: drawn from {profile.claims:,} of {profile.abridged_from_text} claims naming it "
            "(of each property the undated, earliest and latest, and the last accepted)"
        )
    meta.append(f"generated {md_escape(date_noun(profile.generated))}")
    lines += [" · ".join(meta), ""]
    lines += md_infobox(profile.infobox)
    lines.append("")

    lines += ["## Name", ""]
    canonical = profile.names[0] if profile.names else None
    if canonical is not None:
        head = f"**{md_escape(canonical.name)}**"
        if canonical.meaning:
            head += f" (“{md_escape(canonical.meaning)}”)"
        head += "".join(f"[^{n}]" for n in canonical.notes)
        lines.append(head + (" — also known as:" if len(profile.names) > 1 else ""))
        lines.append("")
        for n in profile.names[1:]:
            item = f"- {'Arabic: ' if n.arabic else ''}{md_escape(n.name)}"
            if n.meaning:
                item += f" (“{md_escape(n.meaning)}”)"
            item += "".join(f"[^{x}]" for x in n.notes) if n.notes else " (no quoted source)"
            lines.append(item)
        if len(profile.names) > 1:
            lines.append("")
    for section in profile.sections:
        if section.key == "name":
            lines += [" ".join(md_statement(s) for s in section.statements), ""]
            continue
        lines += [f"## {md_escape(section.title)}", ""]
        if section.key in ("history", "death", "allegations"):
            lines += [f"- {md_statement(s)}" for s in section.statements]
        else:
            lines.append(" ".join(md_statement(s) for s in section.statements))
        lines.append("")
    lines += ["## Sources", ""]
    lines += [md_footnote(f) for f in profile.footnotes]
    lines.append("")
    return "\n".join(lines)
