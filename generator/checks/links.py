"""Link rules: which addresses a record may link to, and the links written inside its text.

Only https://, http://, mailto: and links to pages of this site are accepted. Any other scheme
(javascript:, data:, vbscript:, file:…) is an error, however it is disguised (upper case, spaces,
tabs or HTML character references inside the scheme). An empty link or '#' means the address is
not known yet: it is shown as text and listed in the build report as a 'link to follow'.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote

from generator.content.inline import LINK

ALLOWED_SCHEMES = ("https", "http", "mailto")
"""Schemes a record may link to; everything else with a scheme is refused."""


class LinkKind(StrEnum):
    EXTERNAL = "external"
    """A web page or an email address elsewhere (https, http, mailto)."""
    INTERNAL = "internal"
    """A page or file of this site; checked when the site is built."""
    TO_FOLLOW = "to-follow"
    """Not known yet ('#' or empty): shown as text."""
    REFUSED = "refused"
    """A scheme that is not allowed, or an address that hides one."""


@dataclass(frozen=True)
class Verdict:
    kind: LinkKind
    message: str = ""
    """Why it was refused, or what 'to follow' means, in words for board staff."""


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00a0\u200b-\u200d\u2060\ufeff]")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see, after undoing the usual disguises (case, spaces, &#106;)."""
    cleaned = _INVISIBLE.sub("", html.unescape(unquote(html.unescape(url))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def classify(url: str | None) -> Verdict:
    """Say whether a record may link to ``url``."""
    if url is None or url.strip() in ("", "#"):
        return Verdict(LinkKind.TO_FOLLOW, "has no address yet; it will show as text and be listed as a 'link to follow'.")
    text = url.strip()
    scheme = scheme_of(text)
    if scheme in ALLOWED_SCHEMES:
        if scheme in ("http", "https") and not re.match(r"^https?://[^/\s]", text, re.IGNORECASE):
            return Verdict(LinkKind.REFUSED, f"'{_short(text)}' is not a complete web address; write it as https://example.org/page.")
        return Verdict(LinkKind.EXTERNAL)
    if scheme is not None:
        return Verdict(
            LinkKind.REFUSED,
            f"'{_short(text)}' is not an allowed link ({scheme}: links are refused). Only https://, http://, "
            "mailto: and links to pages of this site are allowed: remove it or write the full https:// address.",
        )
    if text.startswith("//") or text.startswith("\\"):
        return Verdict(LinkKind.REFUSED, f"'{_short(text)}' leaves out the https: at the start; write the full address.")
    if _INVISIBLE.search(text) or "<" in text or ">" in text or '"' in text:
        return Verdict(LinkKind.REFUSED, f"'{_short(text)}' has spaces or quote marks in it; check the address.")
    return Verdict(LinkKind.INTERNAL)


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MARKDOWN_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>")
_HTML_ATTR = re.compile(r"""\b(?:href|src|action|formaction|xlink:href|srcset|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def links_in_text(text: str) -> list[str]:
    """The addresses of links written inside running text: [words](address), <address>, href="…".

    First every link the pages and handouts will make (the records' one grammar, content.inline.LINK),
    then anything else that looks like a link (an image, an address in angle brackets or with spaces,
    an HTML attribute), which the pages show as text but which is still worth refusing."""
    found: list[str] = []
    if "](" not in text and "<" not in text and "=" not in text:
        return found  # no link can be written without one of these (most text has none)
    rendered: list[tuple[int, int]] = []
    for match in LINK.finditer(text):
        found.append(match.group(2))
        rendered.append(match.span())
    for match in _MARKDOWN_LINK.finditer(text):
        if not any(match.start() < end and start < match.end() for start, end in rendered):
            found.append(match.group(1).strip("<>"))
    for match in _AUTOLINK.finditer(text):
        found.append(match.group(1))
    for match in _HTML_ATTR.finditer(text):
        found.append(match.group(1).strip("\"'"))
    return found

