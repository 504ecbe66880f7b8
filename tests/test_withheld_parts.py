"""A large JSON file (the search index) is searched in parts: the same phrases are found as in one piece."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from generator.checks import withheld
from generator.checks.withheld import PhraseIndex, searchable, searchable_parts


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


def test_a_phrase_split_across_parts_is_found_by_the_anchored_search(tmp_path: Path, monkeypatch):
    """find_in (anchors first, words only where one is found) finds what find finds on the whole file."""
    path = _index(tmp_path)
    phrases = PhraseIndex([("moved to a flat near the canal in", "a.yaml")])
    assert phrases.find(searchable(path)) == ("moved to a flat near the canal in", "a.yaml")
    for size in range(40, 400, 9):
        monkeypatch.setattr(withheld, "PART_CHARACTERS", size)
        assert phrases.find_in(withheld.searchable_texts(path)) == ("moved to a flat near the canal in", "a.yaml"), size


def test_anchors_are_rare_words_or_pairs_and_never_hide_a_phrase(tmp_path: Path):
    # Every word of the short phrase is in published records, the pair 'report 49' is not: the pair anchors it.
    texts = [("synthetic forum report 12 said that in 12 of the 49 cases the family moved house in the spring "
              "synthetic forum report 49").split()]
    published = [w for w in texts[0] if w not in ("report", "49")] + ["synthetic", "forum", "report", "12", "of", "the", "49"]
    pairs = {("synthetic", "forum"), ("forum", "report"), ("report", "49"), ("the", "quokka"), ("quokka", "family")}
    counts = Counter((w,) for w in set(published)) + Counter(pairs.intersection(zip(published, published[1:], strict=False)))
    phrases = PhraseIndex([("synthetic forum report 49", "r.yaml"), ("the quokka family moved house in the spring", "q.yaml")],
                          counts)
    assert set(phrases.anchors.values()) == {("report", "49"), ("quokka",)}
    page = tmp_path / "page.html"
    for body, found in [
        ("<p>Synthetic forum report 495 and 49 other reports</p>", None),  # no anchor: passed over
        ("<p>Synthetic <em>forum</em> report&nbsp;49.</p>", "synthetic forum report 49"),
        ("<p>The Quokka family moved house in the spring.</p>", "the quokka family moved house in the spring"),
        ("<p>The Q&#117;okka family moved house in the spring.</p>", "the quokka family moved house in the spring"),
        ('<p title="the quokka family moved house in the spring">x</p>', "the quokka family moved house in the spring"),
    ]:
        page.write_text(body, encoding="utf-8")
        whole = phrases.find(searchable(page))
        assert (whole and whole[0]) == found, body
        assert phrases.find_in(withheld.searchable_texts(page)) == whole, body


def test_only_a_text_with_an_anchor_word_as_a_whole_word_is_split_into_words(monkeypatch):
    """may_occur passes over a text unless one of the anchors' words is one of its words, however many
    anchors there are (up to 64 were searched for one by one; past that every file was split into words)."""
    phrases = PhraseIndex([("the quokka family moved house in the spring", "q.yaml")])
    [word] = phrases.anchor_words
    assert word in "the quokka family moved house in the spring".split()
    for text, expected in [
        (f"{word}", True), (f"start {word}", True), (f"{word}, end", True), (f"(é{word[1:]}) {word}.", True),
        (f"{word}s", False), (f"x{word}", False), (f"{word}_x", True), (f"{word[:-1]} {word[1:]}", False), ("", False),
    ]:
        assert phrases.may_occur(text) is expected, text
        assert phrases.may_occur(text) == (word in withheld.words_of(text)), text

    many = PhraseIndex([(f"the record of zorbling{n} said that the family moved", f"{n}.yaml") for n in range(300)],
                       Counter({("the",): 9, ("record",): 9, ("of",): 9, ("said",): 9, ("that",): 9, ("family",): 9,
                                ("moved",): 9}))
    assert len(many.anchor_words) == 300
    split = []
    monkeypatch.setattr(withheld, "words_of", lambda text: split.append(text) or withheld._WORD.findall(text))
    ordinary = "the record of the meeting said that the family moved " * 200
    inside = "the record of xzorbling12 and zorbling2170 said that the family moved"  # anchor words inside longer words
    assert many.find_in([ordinary, inside]) is None
    assert split == []  # no anchor word as a word: neither text was split into words
    leak = ordinary + "the record of zorbling217 said that the family moved"
    assert many.find_in([ordinary, leak]) == ("the record of zorbling217 said that the family moved", "217.yaml")
    assert split == [leak]
