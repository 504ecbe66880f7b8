"""The accessibility statement: GOV.UK's model form, filled in from site.yaml."""

from __future__ import annotations

import re

from generator.content.config import SiteConfig
from generator.render.pages import environment

SECTIONS = [
    "# Accessibility statement for",
    "## How accessible this website is",
    "## Feedback and contact information",
    "## Enforcement procedure",
    "## Technical information about this website's accessibility",
    "### Compliance status",
    "## Non-accessible content",
    "## What we're doing to improve accessibility",
    "## Preparation of this accessibility statement",
    "### How we tested this website",
]
"""The model statement's headings, in its order."""


def render(**settings) -> str:
    config = SiteConfig.model_validate(settings)
    return environment(None).get_template("pages/accessibility.md.j2").render(config=config, page="accessibility.md")


def test_statement_has_the_model_sections_in_order() -> None:
    text = render()
    positions = [text.find(heading) for heading in SECTIONS]
    assert -1 not in positions, [h for h, p in zip(SECTIONS, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert text.startswith("---\ntitle: Accessibility statement\n")


def test_no_known_issues_means_fully_compliant() -> None:
    text = render()
    assert "This website is fully compliant with the [Web Content Accessibility Guidelines version 2.2]" in text
    assert "partially compliant" not in text


def test_known_issues_make_it_partially_compliant_and_are_listed() -> None:
    text = render(accessibility={"known_issues": ["Some older tables have no header row."], "statement_date": "2026-01-05",
                                 "last_reviewed": "2026-03-02"})
    assert "partially compliant" in text and "fully compliant" not in text
    assert text.count("- Some older tables have no header row.") == 2  # in 'how accessible' and 'non-compliance'
    assert "This statement was prepared on 5 January 2026. It was last reviewed on 2 March 2026." in text


def test_contact_and_names_come_from_the_settings() -> None:
    text = render(site_name="Learning from practice", partnership="Anytown Safeguarding Children Partnership",
                  site_url="https://learning.example.org.uk/",
                  contact={"email": "lscp@example.org.uk", "phone": "01234 567890"})
    assert "# Accessibility statement for Learning from practice" in text
    assert "applies to the website at https://learning.example.org.uk/" in text
    assert "This website is run by Anytown Safeguarding Children Partnership." in text
    assert re.search(r"- email: \[lscp@example\.org\.uk\]\(mailto:lscp@example\.org\.uk\)", text)
    assert "- phone: 01234 567890" in text
    assert "have not yet been added" not in text


def test_missing_contact_says_whom_to_ask_instead_of_showing_a_gap() -> None:
    text = render(contact={"ask_instead": "the safeguarding lead in your organisation"})
    assert "- by asking the safeguarding lead in your organisation, who can pass your request to the partnership." in text
    assert "have not yet been added" not in text
    assert "website: [https://www.example.org/](https://www.example.org/)" in render(contact={"website": "https://www.example.org/"})


def test_staff_text_cannot_become_markup() -> None:
    text = render(accessibility={"known_issues": ["A [link](javascript:alert(1)) and <script>x</script>"]})
    assert "<script>" not in text and "[link](javascript:" not in text  # escaped for Markdown and HTML
