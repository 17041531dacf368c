"""Profiles as self-contained HTML (inline CSS, no scripts, no remote resources) and as PDF.

Templates live in ``orbat/publish/templates``; every value from the store is
escaped by Jinja2's autoescaping. PDF is the same HTML laid out by
WeasyPrint, an optional dependency (``pip install weasyprint``; it needs
Pango, which Debian ships as ``libpango-1.0-0`` and ``libpangoft2-1.0-0``).
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from orbat.errors import OrbatError
from orbat.publish.profiles import Profile, latest_evidence_words
from orbat.publish.prose import Cite
from orbat.publish.text import date_noun


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("orbat.publish", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["cite"] = lambda p: isinstance(p, Cite)
    env.filters["date_words"] = lambda v: date_noun(v) if v else ""
    return env


def render_html(profile: Profile) -> str:
    """The profile as one HTML page with its stylesheet inline."""
    template = environment().get_template("profile.html.j2")
    return template.render(p=profile, latest=latest_evidence_words(profile))


def render_pdf(profile: Profile) -> bytes:
    """The profile as PDF (WeasyPrint); OrbatError when WeasyPrint is not installed."""
    try:
        from weasyprint import HTML  # optional: needs Pango
    except (ImportError, OSError) as exc:
        raise OrbatError(f"PDF output needs WeasyPrint and Pango ({exc}); use --format html") from None

    def no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise OrbatError(f"a profile must not load remote resources: {url}")

    pdf = HTML(string=render_html(profile), url_fetcher=no_fetch).write_pdf()
    if pdf is None:  # pragma: no cover - write_pdf returns bytes without a target
        raise OrbatError("WeasyPrint produced no PDF")
    return bytes(pdf)
