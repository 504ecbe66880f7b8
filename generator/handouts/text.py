"""Small text helpers for the handout templates: inline Markdown, dates, CSS strings."""

from __future__ import annotations

import re
from datetime import date

from markupsafe import Markup, escape

from generator.content.inline import EMPHASIS, LINK, STRONG


def inline(text: str | None, site_url: str | None = None) -> Markup:
    """The records' inline Markdown subset (*em*, **strong**, [links](…)) as safe HTML.

    Links to pages of the site become absolute when the site's address is known; otherwise only
    their words are kept (a relative address means nothing on paper or in an emailed PDF).
    """
    if not text:
        return Markup("")
    html = str(escape(text))

    def link(match: re.Match[str]) -> str:
        words, url = match.group(1), match.group(2)
        if not re.match(r"^(https?:|mailto:)", url):
            if not site_url or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
                return words  # no address to give, or a scheme a handout has no use for
            page = re.sub(r"^(?:\.\.?/)+|^/", "", url)
            page = re.sub(r"(?:/?index)?\.md(?=#|$)", "/", page)  # docs-relative Markdown path → its web address
            url = site_url.rstrip("/") + "/" + page.lstrip("/")
        return f'<a href="{url}">{words}</a>'

    html = LINK.sub(link, html)
    html = STRONG.sub(r"<strong>\1</strong>", html)
    html = EMPHASIS.sub(r"<em>\1</em>", html)
    return Markup(html)


def iso_instant(value: str) -> str:
    """A partial date as the W3C date-time WeasyPrint writes into the PDF (midnight UTC)."""
    parts = (str(value).split("-") + ["01", "01"])[:3]
    day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    return f"{day.isoformat()}T00:00:00Z"


def css_string(value: str) -> Markup:
    """Quote text for a CSS ``content:`` value (footer margin boxes)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


def shorten(value: str, limit: int = 80) -> str:
    """Cut long titles at a word boundary for the page footer."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return cut + "…"


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def css_colour(value: str | None, default: str) -> str:
    """A palette colour for the stylesheet, or the default when it is not written as #rrggbb."""
    return value if value and _COLOUR.match(value) else default
