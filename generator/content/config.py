"""The board's site configuration (site.yaml): names, contacts, palette and publishing choices."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from generator.content.load import SourceFile, load_file
from generator.content.models.common import FullDate, Strict, Text
from generator.core.problems import Problems


class Palette(Strict):
    """The board's colours. The build refuses a palette whose text/background pairs fail WCAG AA contrast."""

    primary: str = Field(default="#1d4f91", description="Header and accent background, as #rrggbb.")
    on_primary: str = Field(default="#ffffff", description="Text on the primary colour, as #rrggbb.")
    accent: str = Field(default="#8a1538", description="Links and highlights, as #rrggbb.")
    text: str = Field(default="#1b1b1b", description="Body text, as #rrggbb.")
    background: str = Field(default="#ffffff", description="Page background, as #rrggbb.")


class Contact(Strict):
    """How readers reach the board (published on the site; these are the board's own, never a person's)."""

    email: str | None = Field(default=None, description="The board's published email address.")
    phone: str | None = Field(default=None, description="The board's published phone number.")
    address: str | None = Field(default=None, description="The board's published postal address.")
    website: str | None = Field(default=None, description="The board's own website, https://…")
    referral_form: str | None = Field(
        default=None,
        description="Where the panel's referral form is: a link (https://…) or a file shipped with the site, "
                    "kept in overrides/ (e.g. files/referral-form.docx).",
    )
    ask_instead: Text = Field(
        default="your agency's safeguarding lead",
        description="Whom the site tells readers to ask while a contact above is missing.",
    )


class Accessibility(Strict):
    """Facts for the accessibility statement."""

    statement_date: str = Field(default="2026-11-25", description="When the statement was prepared (YYYY-MM-DD).")
    last_reviewed: str | None = Field(default=None, description="When it was last reviewed (YYYY-MM-DD).")
    known_issues: list[Text] = Field(default_factory=list, description="Known accessibility problems, each a sentence.")


class SiteConfig(Strict):
    """Settings for the whole site (site.yaml at the project's top level)."""

    site_name: Text = Field(default="Safeguarding children: learning from practice", description="The site's name, shown in the header.")
    partnership: Text = Field(default="Safeguarding Children Partnership", description="The partnership publishing the site, shown in footers and handouts.")
    site_url: str | None = Field(default=None, description="Where the site will be published, e.g. https://learning.example.org.uk/ (used for the sitemap).")
    language: str = Field(default="en-GB", description="The site's language tag.")
    contact: Contact = Field(default_factory=Contact, description="The board's own contact details (allowed by the personal-data check).")
    palette: Palette = Field(default_factory=Palette, description="The board's colours.")
    accessibility: Accessibility = Field(default_factory=Accessibility, description="Facts for the accessibility statement.")
    build_date: FullDate | None = Field(default=None, description="A fixed build date (YYYY-MM-DD) for reproducible builds; today when left out.")
    safe_places: list[Text] = Field(
        default_factory=list,
        description="Districts and towns large enough to name next to a child's age (e.g. 'Gloucester'). The localities "
        "of the panel meetings are safe already; any other town or village next to an exact age is reported.",
    )


def load_settings(root: Path, problems: Problems) -> tuple[SiteConfig, SourceFile | None]:
    """Read site.yaml if present (defaults otherwise): the settings, and the file as loaded (for line numbers).

    Read once per run: the checks that point at a line of site.yaml (the palette, the personal-data
    scan of its published text) use the file returned here.
    """
    path = root / "site.yaml"
    if not path.exists():
        return SiteConfig(), None
    from generator.content.validate import validate_data

    source = load_file(path, "site.yaml", problems)
    if source.data is None:
        return SiteConfig(), source
    config = validate_data(source, SiteConfig, problems, kind_label="site settings file")
    if config is None:
        return SiteConfig(), source
    return config, source  # type: ignore[return-value]
