"""The records' inline Markdown: the one grammar of a link typed into a text field.

Board staff may write ``[words](address)`` in any text field. The page renderer (generator.render.text),
the handouts (generator.handouts.text) and the safety scan (generator.checks.links) all find links with
``LINK``, so what the scan checks is exactly what the pages and PDFs turn into links.
"""

from __future__ import annotations

import re

LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s<>\"']+)\)")
"""``[words](address)`` with no brackets in the words and no spaces or quotes in the address."""

STRONG = re.compile(r"\*\*(.+?)\*\*")
"""``**strong**``."""

EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
"""``*emphasis*`` (not a lone star, not inside a word)."""
