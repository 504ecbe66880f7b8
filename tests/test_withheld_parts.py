"""A large JSON file (the search index) is searched in parts: the same phrases are found as in one piece."""

from __future__ import annotations

import json
from pathlib import Path

from generator import withheld
from generator.withheld import PhraseIndex, searchable, searchable_parts


def _index(tmp_path: Path) -> Path:
    docs = [{"location": f"page-{n}/", "title": f"Page {n}", "text": f"<p>Paragraph {n} says something ordinary.</p>"}
            for n in range(300)]
    # A withheld passage split across two sections, and one inside a section near the end.
    docs[150]["title"] = "the family moved to a flat near the"
    docs[150]["text"] = "<p>canal in the spring of that year</p>"
    docs[290]["text"] = "<p>her <em>brother</em> was seen at the school gate every morning</p>"
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}), encoding="utf-8")
    return path


def test_parts_overlap_so_every_run_of_words_is_found(tmp_path: Path, monkeypatch):
    path = _index(tmp_path)
    phrases = PhraseIndex([
        ("moved to a flat near the canal in", "a.yaml"),  # spans two strings of the index
        ("brother was seen at the school gate every", "b.yaml"),
        ("a flat near the", "c.yaml"),  # a short phrase
    ])
    whole = phrases.hits(searchable(path))
    assert len(whole) == 3
    for size in range(40, 400, 9):  # part boundaries fall everywhere, inside each phrase too
        monkeypatch.setattr(withheld, "PART_CHARACTERS", size)
        parts = list(searchable_parts(path))
        assert len(parts) > 20
        assert set().union(*(phrases.hits(words) for words in parts)) == whole, size


def test_a_page_is_one_part(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text('<html><head><meta name="description" content="About the site"></head><body><p>Hello there</p></body></html>')
    assert list(searchable_parts(page)) == [searchable(page)]
    assert list(searchable_parts(tmp_path / "logo.png")) == []
