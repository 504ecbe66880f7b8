"""The palette: WCAG contrast maths against known ratios, and a failing palette refused by name."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from generator.checks.palette import PAIRS, check_palette, contrast, derived, mix, palette_css, parse_colour
from generator.content.config import Palette, SiteConfig
from generator.core.problems import Problems


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),  # one step lighter fails
        ("#ffffff", "#767676", 4.54),  # order does not matter
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.00),
        ("#fff", "#000", 21.0),  # short form
    ],
)
def test_contrast_matches_known_ratios(fg: str, bg: str, expected: float) -> None:
    assert contrast(fg, bg) == pytest.approx(expected, abs=0.005)


@pytest.mark.parametrize("bad", ["1d4f91", "#12345", "#gggggg", "navy", "", "#1d4f91ff"])
def test_parse_colour_refuses_anything_but_hex(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_colour(bad)


def test_mix_blends_towards_the_top_colour() -> None:
    assert mix("#000000", "#ffffff", 0) == "#ffffff"
    assert mix("#000000", "#ffffff", 1) == "#000000"
    assert mix("#000000", "#ffffff", 0.5) == "#808080"


def test_default_palette_passes_and_every_derived_text_colour_passes_too() -> None:
    config = SiteConfig()
    problems = Problems()
    check_palette(config, problems)
    assert not problems.items
    c = derived(config)
    assert contrast(c["text-soft"], c["subtle"]) >= 4.5
    assert contrast(c["text-soft"], c["background"]) >= 4.5
    assert contrast(c["on-primary-soft"], c["primary"]) >= 4.5
    assert contrast(c["footer-soft"], c["text"]) >= 4.5
    assert contrast(c["rule"], c["background"]) >= 3.0


def test_failing_pair_is_refused_naming_the_pair_and_ratio() -> None:
    config = SiteConfig(palette=Palette(accent="#999999"))
    problems = Problems()
    check_palette(config, problems)
    [problem] = problems.errors
    assert problem.field == "palette.accent"
    assert "accent #999999 on background #ffffff" in problem.message
    assert "links" in problem.message
    assert "2.84:1" in problem.message and "4.5:1" in problem.message


def test_a_ratio_just_below_the_minimum_is_not_printed_as_the_minimum() -> None:
    # #777777 on white is 4.478: rounding would print 4.48, never 4.50; check it is refused.
    problems = Problems()
    check_palette(SiteConfig(palette=Palette(text="#777777")), problems)
    assert [p.field for p in problems.errors] == ["palette.text"]
    assert "4.47:1" in problems.errors[0].message


def test_every_pair_is_checked() -> None:
    # A palette of one grey fails every pair, and each is named once.
    grey = "#888888"
    problems = Problems()
    check_palette(SiteConfig(palette=Palette(primary=grey, on_primary=grey, accent=grey, text=grey, background=grey)), problems)
    named = sorted(re.match(r"(\w+) #", p.message).group(1) for p in problems.errors)
    assert named == sorted(pair.foreground for pair in PAIRS)


def test_bad_colour_is_reported_not_crashed_on() -> None:
    problems = Problems()
    check_palette(SiteConfig(palette=Palette(primary="blue")), problems)
    [problem] = problems.errors
    assert problem.field == "palette.primary"
    assert "#rrggbb" in problem.message


def test_position_is_the_palette_line_of_site_yaml(tmp_path) -> None:
    (tmp_path / "site.yaml").write_text(
        "site_name: Test\npalette:\n  primary: '#1d4f91'\n  background: '#ffffff'\n  accent: '#aaaaaa'\n",
        encoding="utf-8",
    )
    from generator.content.config import load_settings

    problems = Problems()
    config, source = load_settings(tmp_path, problems)
    check_palette(config, problems, source)
    [problem] = problems.errors
    assert (problem.path, problem.line, problem.column) == ("site.yaml", 5, 3)
    assert str(problem).startswith("site.yaml:5:3: palette.accent: accent #aaaaaa")


def test_palette_css_sets_materials_variables_from_the_config() -> None:
    css = palette_css(SiteConfig(palette=Palette(primary="#004225", accent="#6b2c91")))
    assert "--md-primary-fg-color: #004225;" in css
    assert "--md-typeset-a-color: #6b2c91;" in css
    assert "--sl-focus: #6b2c91;" in css
    # No translucent colour: Material's 54%-opacity greys are what fail axe's contrast rule.
    assert not re.search(r"#[0-9a-f]{8}\b|rgba\(", css)


def test_build_refuses_a_failing_palette(make_project) -> None:
    root = make_project({"site.yaml": "palette:\n  text: '#bbbbbb'\n"})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for command in (["check"], ["build", "--no-handouts"]):
        result = subprocess.run(
            [sys.executable, "-m", "generator", *command, "--root", str(root)],
            capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "Traceback" not in output
        assert "site.yaml:2:3: palette.text: text #bbbbbb on background #ffffff (used for body text)" in output
    assert not (root / "site").exists()


def test_a_palette_passing_only_just_is_refused_where_its_shades_fail() -> None:
    # #767676 on white passes (4.54:1), but on the 5% shading of tables and code it would not.
    problems = Problems()
    check_palette(SiteConfig(palette=Palette(text="#767676")), problems)
    [problem] = problems.errors
    assert problem.field == "palette.text"
    assert problem.message.startswith("Text on the shading of tables and code would be #767676 on #")
    assert "4.5:1" in problem.message


def test_every_derived_shade_of_a_good_palette_passes() -> None:
    from generator.checks.palette import _derived_pairs

    for palette in (Palette(), Palette(primary="#004225", accent="#6b2c91", text="#000000", background="#fffdf5")):
        c = derived(SiteConfig(palette=palette))
        for _, fg, bg, use, minimum in _derived_pairs(c):
            assert contrast(fg, bg) >= minimum, use
