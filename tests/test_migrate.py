"""`migrate` writes the old plain-text shorthand as fields, on the text, keeping everything else; check warns."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT, write_files

from generator.cli.commands import main
from generator.tools.migrate import migrate, rewrite

OLD = textwrap.dedent("""\
    # yaml-language-server: $schema=../../generator/schemas/panel-meeting.schema.json
    # Transcribed from the minutes.
    kind: panel-meeting
    id: stroud-2014-01-10
    title: Themes arising - Stroud 10/01/14
    locality: Stroud
    date: 2014-01-10
    themes_arising:
      - heading: Understanding Domestic Abuse
        themes: [domestic-abuse]
        points:
          # the first point, folded over two lines
          - >-
            Core groups need a shared understanding
            of the impact of domestic abuse.
          - text: Already in the canonical shape.
            themes: [core-groups]
          - A plain point that runs on
            to a second line.
        top_tips: ["A tip in a list on one line", 'Another, quoted']
    """)


def test_rewrite_writes_each_shorthand_as_its_field_and_keeps_the_rest() -> None:
    new, count = rewrite(OLD)
    assert count == 4
    assert new.splitlines()[:2] == OLD.splitlines()[:2]  # the schema line and the comment
    assert "      # the first point, folded over two lines\n      - text: >-\n          Core groups need" in new
    assert "      - text: A plain point that runs on\n          to a second line.\n" in new
    assert """top_tips: [{text: "A tip in a list on one line"}, {text: 'Another, quoted'}]""" in new
    data = yaml.safe_load(new)
    points = data["themes_arising"][0]["points"]
    assert points[0] == {"text": "Core groups need a shared understanding of the impact of domestic abuse."}
    assert points[1] == {"text": "Already in the canonical shape.", "themes": ["core-groups"]}
    assert points[2] == {"text": "A plain point that runs on to a second line."}


def test_rewrite_is_safe_to_run_again() -> None:
    once, _ = rewrite(OLD)
    twice, count = rewrite(once)
    assert (twice, count) == (once, 0)


def test_paragraphs_become_paragraph_fields(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"content/thematic-reviews/r.yaml": """
        kind: thematic-review
        id: r
        title: R
        introduction:
          - A paragraph.
          - heading: A heading
          - points:
              - A point in a block.
        key_themes: []
        """})
    result = migrate(root)
    assert result.changed == {"content/thematic-reviews/r.yaml": 2}
    data = yaml.safe_load((root / "content/thematic-reviews/r.yaml").read_text())
    assert data["introduction"] == [{"paragraph": "A paragraph."}, {"heading": "A heading"},
                                    {"points": [{"text": "A point in a block."}]}]


def test_the_shipped_records_are_in_the_canonical_shape() -> None:
    result = CliRunner().invoke(main, ["migrate", "--check", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "0 of " in result.output


def test_check_warns_about_the_shorthand_and_names_the_command(make_project) -> None:
    root = make_project({"content/panel-meetings/old.yaml": OLD})
    result = CliRunner().invoke(main, ["check", "--root", str(root), str(root / "content/panel-meetings/old.yaml")])
    assert result.exit_code == 0, result.output  # still accepted
    assert ("content/panel-meetings/old.yaml:13:9: themes_arising[0].points[0]: warning: 4 values written as plain "
            "text, this one first: write each as 'text: …' under its '- ' (the web form cannot open the shorthand). "
            "'python -m generator migrate' rewrites them all for you, keeping the comments.") in result.output
    result = CliRunner().invoke(main, ["migrate", "--root", str(root)])
    assert "content/panel-meetings/old.yaml: rewrote 4 value(s)" in result.output
    result = CliRunner().invoke(main, ["check", "--root", str(root), str(root / "content/panel-meetings/old.yaml")])
    assert "plain text" not in result.output and result.exit_code == 0


def test_a_file_that_does_not_parse_is_left_alone_and_named(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"content/panel-meetings/bad.yaml": "kind: panel-meeting\nid: [unclosed\n"})
    before = (root / "content/panel-meetings/bad.yaml").read_bytes()
    result = migrate(root)
    assert list(result.skipped) == ["content/panel-meetings/bad.yaml"]
    assert "run 'check' on it" in result.skipped["content/panel-meetings/bad.yaml"]
    assert (root / "content/panel-meetings/bad.yaml").read_bytes() == before
