"""The board's colours: WCAG contrast checks, and the CSS variables the site is styled with.

The palette lives in site.yaml (``palette:``). The build refuses a palette in which a pair of
colours the site puts together fails WCAG 2.2 AA, naming the pair and its ratio, so that no
board can publish pages that some readers cannot read. Every other colour the site uses (muted
text, the footer, hover tints) is derived from the five configured ones and checked here too,
so a palette that passes can never produce an unreadable combination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.config import SiteConfig
from generator.content.load import SourceFile
from generator.core.problems import Problems

RGB = tuple[float, float, float]

NORMAL_TEXT = 4.5
"""WCAG 2.2 AA (1.4.3) minimum for body-size text."""
NON_TEXT = 3.0
"""WCAG 2.2 AA (1.4.11) minimum for focus indicators and other interface components."""

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Pair:
    """Two palette colours the site puts together, and what for."""

    foreground: str
    """The palette field drawn on top (text, or a focus outline)."""
    background: str
    """The palette field it is drawn on."""
    use: str
    """What the pair is used for, in words a board officer recognises."""
    minimum: float = NORMAL_TEXT
    """The contrast ratio WCAG 2.2 AA requires for that use."""


PAIRS: tuple[Pair, ...] = (
    Pair("text", "background", "body text"),
    Pair("accent", "background", "links and the keyboard focus outline"),
    Pair("on_primary", "primary", "the header's title, menu and search text"),
    Pair("primary", "background", "buttons and the current page in the menu"),
)
"""Every pair of configured colours the site's CSS uses. palette_css() uses no other combination."""


def parse_colour(value: str) -> RGB:
    """'#1d4f91' or '#fff' as (r, g, b) in 0..1. Raises ValueError on anything else."""
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise ValueError(value)
    digits = value.strip()[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(rgb: RGB) -> float:
    """WCAG 2.x relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | RGB, b: str | RGB) -> float:
    """The WCAG contrast ratio of two colours, from 1.0 to 21.0."""
    la = luminance(parse_colour(a) if isinstance(a, str) else a)
    lb = luminance(parse_colour(b) if isinstance(b, str) else b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def mix(top: str, bottom: str, amount: float) -> str:
    """``amount`` of ``top`` over ``bottom`` (0 = bottom, 1 = top), as an opaque #rrggbb."""
    t, b = parse_colour(top), parse_colour(bottom)
    return to_hex(tuple(amount * x + (1 - amount) * y for x, y in zip(t, b, strict=True)))  # type: ignore[arg-type]


def softest(top: str, bottom: str, minimum: float, against: str | None = None) -> str:
    """The lightest mix of ``top`` over ``bottom`` that still reaches ``minimum`` against ``against``.

    Used for secondary text (dates, captions, the footer's small print): Material draws these at
    54% opacity, which fails AA; here they are as soft as AA allows and no softer.
    """
    against = against or bottom
    for step in range(50, 101, 2):
        colour = mix(top, bottom, step / 100)
        if contrast(colour, against) >= minimum + 0.1:
            return colour
    return top


def check_palette(config: SiteConfig, problems: Problems, source: SourceFile | None = None) -> None:
    """Refuse colours that are not #rrggbb, and every used pair below its WCAG AA minimum.

    Each problem names the pair, what it is used for, and its ratio, at the palette line of
    site.yaml (``source``: the file as loaded, when the project has one).
    """
    palette = config.palette.model_dump()
    where = _positions(source)
    bad = set()
    for name, value in palette.items():
        try:
            parse_colour(value)
        except ValueError:
            bad.add(name)
            line, column = where(name)
            problems.error(
                "site.yaml", line, column, f"palette.{name}",
                f"'{value}' is not a colour written as #rrggbb (for example #1d4f91).",
            )
    failed = False
    for pair in PAIRS:
        if pair.foreground in bad or pair.background in bad:
            continue
        fg, bg = palette[pair.foreground], palette[pair.background]
        ratio = contrast(fg, bg)
        if ratio >= pair.minimum:
            continue
        failed = True
        line, column = where(pair.foreground, pair.background)
        problems.error(
            "site.yaml", line, column, f"palette.{pair.foreground}",
            f"{pair.foreground} {fg} on {pair.background} {bg} (used for {pair.use}) has a contrast "
            f"ratio of {_floor(ratio):.2f}:1, but WCAG 2.2 AA needs at least {pair.minimum:g}:1. "
            f"Choose a darker or lighter {pair.foreground} or {pair.background} so the two differ more.",
        )
    if bad or failed:
        return
    # The shades made from the five colours: a palette only just passing above can still fail here.
    c = derived(config)
    seen: set[tuple[str, str]] = set()
    for field_name, fg, bg, use, minimum in _derived_pairs(c):
        ratio = contrast(fg, bg)
        if ratio < minimum and (fg, bg) not in seen:
            seen.add((fg, bg))
            line, column = where(field_name)
            problems.error(
                "site.yaml", line, column, f"palette.{field_name}",
                f"{use} would be {fg} on {bg} (shades made from your colours), a contrast ratio of "
                f"{_floor(ratio):.2f}:1, but WCAG 2.2 AA needs at least {minimum:g}:1. Choose a {field_name} "
                "that differs more from the colour behind it.",
            )


def _derived_pairs(c: dict[str, str]) -> list[tuple[str, str, str, str, float]]:
    """(palette field to change, foreground, background, use, minimum) for each derived shade the CSS uses."""
    return [
        ("text", c["text"], c["subtle"], "Text on the shading of tables and code", NORMAL_TEXT),
        ("text", c["text-soft"], c["subtle"], "Secondary text (dates, captions) on shading", NORMAL_TEXT),
        ("text", c["rule"], c["background"], "The lines around tables and boxes", NON_TEXT),
        ("on_primary", c["on-primary-soft"], c["primary"], "The search box's hint in the header", NORMAL_TEXT),
        ("background", c["footer-soft"], c["text"], "The footer's small print", NORMAL_TEXT),
    ]


def _floor(ratio: float) -> float:
    """Ratios are shown rounded down, so a failing ratio never prints as the minimum itself."""
    return int(ratio * 100) / 100


def _positions(source: SourceFile | None):
    """A function giving the (line, column) in site.yaml of the first palette field present."""

    def where(*names: str) -> tuple[int, int]:
        if source is None or source.data is None:
            return (0, 0)
        for name in names:
            if ("palette", name) in source.key_positions:
                return source.key_positions[("palette", name)]
        return source.position(("palette",))

    return where


def derived(config: SiteConfig) -> dict[str, str]:
    """Every colour the site's CSS uses, derived from the five in site.yaml."""
    p = config.palette
    subtle = mix(p.text, p.background, 0.05)  # code blocks, table stripes, search results hover
    return {
        "primary": p.primary,
        "on-primary": p.on_primary,
        "on-primary-soft": softest(p.on_primary, p.primary, NORMAL_TEXT),
        "accent": p.accent,
        "accent-tint": mix(p.accent, p.background, 0.1),
        "text": p.text,
        "text-soft": softest(p.text, p.background, NORMAL_TEXT, against=subtle),
        "rule": softest(p.text, p.background, NON_TEXT),
        "hairline": mix(p.text, p.background, 0.12),
        "background": p.background,
        "subtle": subtle,
        "footer-soft": softest(p.background, p.text, NORMAL_TEXT),
        "focus": p.accent,
        "focus-on-primary": p.on_primary,
    }


def palette_css(config: SiteConfig) -> str:
    """The stylesheet 'assets/stylesheets/palette.css': Material's colour variables and ours."""
    c = derived(config)
    material = {
        "--md-primary-fg-color": c["primary"],
        "--md-primary-fg-color--light": c["primary"],
        "--md-primary-fg-color--dark": c["primary"],
        "--md-primary-bg-color": c["on-primary"],
        "--md-primary-bg-color--light": c["on-primary-soft"],
        "--md-accent-fg-color": c["accent"],
        "--md-accent-fg-color--transparent": c["accent-tint"],
        "--md-accent-bg-color": c["background"],
        "--md-accent-bg-color--light": c["background"],
        "--md-default-fg-color": c["text"],
        "--md-default-fg-color--light": c["text-soft"],
        "--md-default-fg-color--lighter": c["rule"],
        "--md-default-fg-color--lightest": c["hairline"],
        "--md-default-bg-color": c["background"],
        "--md-default-bg-color--light": c["background"],
        "--md-code-fg-color": c["text"],
        "--md-code-bg-color": c["subtle"],
        "--md-typeset-color": c["text"],
        "--md-typeset-a-color": c["accent"],
        "--md-typeset-mark-color": c["accent-tint"],
        "--md-typeset-table-color": c["rule"],
        "--md-typeset-table-color--light": c["subtle"],
        "--md-admonition-fg-color": c["text"],
        "--md-admonition-bg-color": c["background"],
        "--md-footer-fg-color": c["background"],
        "--md-footer-fg-color--light": c["footer-soft"],
        "--md-footer-fg-color--lighter": c["footer-soft"],
        "--md-footer-bg-color": c["text"],
        "--md-footer-bg-color--dark": c["text"],
    }
    ours = {f"--sl-{name}": value for name, value in c.items()}
    lines = [f"  {name}: {value};" for name, value in {**material, **ours}.items()]
    return (
        "/* Generated from site.yaml's palette by generator/checks/palette.py; edit site.yaml, not this file. */\n"
        ":root,\n[data-md-color-scheme],\n[data-md-color-primary],\n[data-md-color-accent] {\n"
        + "\n".join(lines)
        + "\n}\n"
    )
