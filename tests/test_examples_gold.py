"""The bundled example corpus: is examples/corpus/gold.json consistent with its documents?

This checks the gold file, not the pipeline: every line, sentence and value gold.json cites must be
found in the files it cites, so other tests can trust it as a second corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from critica.records import DOCUMENT_KINDS

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
VERDICTS = {"positive", "mixed", "negative", None}

# Facts a document states in other words than the gold value: what counts as stating it.
ALIASES: dict[str, tuple[str, ...]] = {
    "Not Rated": ("Not Rated", "without a rating"),
    "United States": ("United States", "American"),
}
NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five",
                6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


class _VisibleText(HTMLParser):
    """Text chunks of an HTML body, one per element, as a reader would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"head", "script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"head", "script", "style"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.chunks.append(data.strip())


def read_lines(name: str) -> list[str]:
    """The document's lines as a reader sees them (visible chunks for HTML), stripped."""
    raw = (CORPUS / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        parser = _VisibleText()
        parser.feed(raw)
        return parser.chunks
    return [line.strip() for line in raw.splitlines() if line.strip()]


def read_text(name: str) -> str:
    return "\n".join(read_lines(name))


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_prefix(gold: dict[str, Any]) -> dict[str, str]:
    return {d["file"].split("_", 1)[0]: d["file"] for d in gold["documents"]}


def cited(entry: dict[str, Any], by_prefix: dict[str, str]) -> list[str]:
    return [by_prefix[p] for p in entry["files"]]


def states(text: str, value: str) -> bool:
    return any(form in text for form in ALIASES.get(value, (value,)))


def whole_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def date_forms(iso: str) -> set[str]:
    d = date.fromisoformat(iso)
    return {iso, f"{d:%B} {d.day}, {d.year}", f"{d:%d %b %Y}", f"{d.day} {d:%B %Y}", f"{d:%d %B %Y}"}


def rating_forms(rating: str) -> set[str]:
    """Ways a document may print a rating gold writes as "x/y" (or a letter grade as is)."""
    if "/" not in rating:
        return {rating}
    x_text, y_text = rating.split("/")
    x, y = float(x_text), int(y_text)
    forms = {rating, f"{x_text} out of {y_text}"}
    if x == int(x):
        forms.add("★" * int(x) + "☆" * (y - int(x)))
        if int(x) in NUMBER_WORDS and y in NUMBER_WORDS:
            forms.add(f"{NUMBER_WORDS[int(x)]} stars out of {NUMBER_WORDS[y]}")
    elif x - int(x) == 0.5 and y in NUMBER_WORDS:
        whole = NUMBER_WORDS.get(int(x), "")
        forms.add(f"{whole} and a half stars out of {NUMBER_WORDS[y]}")
    return forms


def walk_files(node: Any) -> Iterator[str]:
    """Every prefix listed under any "files" key in gold.json."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "files":
                yield from value
            else:
                yield from walk_files(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk_files(item)


def test_every_document_is_listed_once_and_exists(gold: dict[str, Any]) -> None:
    listed = [d["file"] for d in gold["documents"]]
    on_disk = sorted(p.name for p in CORPUS.iterdir() if p.name != "gold.json")
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)


def test_every_cited_prefix_names_a_document(gold: dict[str, Any], by_prefix: dict[str, str]) -> None:
    prefixes = list(walk_files(gold))
    assert prefixes, "gold.json cites no files"
    assert set(prefixes) <= set(by_prefix), set(prefixes) - set(by_prefix)
    assert len(by_prefix) == len(gold["documents"]), "two documents share a prefix"


def test_kinds_and_verdicts_are_valid(gold: dict[str, Any]) -> None:
    for d in gold["documents"]:
        assert d["kind"] in DOCUMENT_KINDS, d["file"]
        assert d["verdict"] in VERDICTS, d["file"]
        assert (d["verdict"] is None) == (d["verdict_sentence"] is None), d["file"]
        for review in d.get("reported_reviews", []):
            assert review["verdict"] in VERDICTS, review
    assert {d["verdict"] for d in gold["documents"]} >= {"positive", "mixed", "negative"}


def test_boilerplate_lines_are_whole_lines_of_their_file(gold: dict[str, Any]) -> None:
    for d in gold["documents"]:
        lines = set(read_lines(d["file"]))
        for line in d.get("boilerplate_lines", []):
            assert line in lines, (d["file"], line)


def test_verdict_sentences_are_exact_single_sentences(gold: dict[str, Any]) -> None:
    for d in gold["documents"]:
        sentence = d["verdict_sentence"]
        if sentence is None:
            continue
        assert read_text(d["file"]).count(sentence) == 1, d["file"]
        assert sentence[-1] in ".!?" and not re.search(r"[.!?] [A-Z]", sentence), sentence


def test_document_metadata_appears_in_the_document(gold: dict[str, Any]) -> None:
    for d in gold["documents"]:
        raw = (CORPUS / d["file"]).read_text(encoding="utf-8")
        for key in ("outlet", "author"):
            if d[key] is not None:
                assert d[key] in raw, (d["file"], key)
        if d["published"] is not None:
            assert any(form in raw for form in date_forms(d["published"])), d["file"]
        if d["explicit_rating"] is not None:
            assert any(form in raw for form in rating_forms(d["explicit_rating"])), d["file"]
        if "list_rank" in d:
            assert f"#{d['list_rank']} " in raw, d["file"]


def test_title_and_variants_appear(gold: dict[str, Any]) -> None:
    film = gold["film"]
    texts = [read_text(d["file"]) for d in gold["documents"]]
    assert all(film["title"] in t for t in texts)
    assert any(film["original_title"] in t for t in texts)
    assert all(str(film["year"]) in t for t in texts)
    for variant in film["title_variants_seen"]:
        assert any(variant in t for t in texts), variant


def test_named_facts_appear_in_every_cited_file(gold: dict[str, Any], by_prefix: dict[str, str]) -> None:
    film = gold["film"]
    fields = ("directors", "writers", "producers", "composer", "based_on", "production_companies",
              "distributors", "countries", "mpaa_rating", "budget", "box_office_worldwide")
    for field in fields:
        for entry in film[field]:
            for name in cited(entry, by_prefix):
                assert states(read_text(name), entry["value"]), (field, entry["value"], name)


def test_runtimes_and_release_dates_appear_where_cited(gold: dict[str, Any], by_prefix: dict[str, str]) -> None:
    film = gold["film"]
    for entry in film["runtime_min"]:
        for name in cited(entry, by_prefix):
            assert re.search(rf"\b{entry['value']} min", read_text(name)), (entry, name)
    assert len({e["value"] for e in film["runtime_min"]}) > 1, "the corpus keeps one runtime conflict"
    for entry in film["releases"]:
        for name in cited(entry, by_prefix):
            assert any(form in read_text(name) for form in date_forms(entry["date"])), (entry, name)


def test_cast_names_characters_and_misspellings(gold: dict[str, Any], by_prefix: dict[str, str]) -> None:
    for member in gold["film"]["cast"]:
        spellings = [member["actor"], *member.get("misspellings_seen", [])]
        texts = [read_text(name) for name in cited(member, by_prefix)]
        for name, text in zip(cited(member, by_prefix), texts, strict=True):
            assert any(whole_word(text, s) for s in spellings), (member["actor"], name)
        assert any(member["character"] in t for t in texts), member
        for wrong in member.get("misspellings_seen", []):
            assert any(whole_word(t, wrong) for t in texts), wrong
        # The right spelling must be the majority, or canonical names could not be recovered.
        right = sum(whole_word(t, member["actor"]) for t in texts)
        assert right > len(texts) / 2, member["actor"]


def test_reported_reviews_and_aggregates_appear(gold: dict[str, Any], by_prefix: dict[str, str]) -> None:
    reporters = [d for d in gold["documents"] if d.get("reported_reviews")]
    assert reporters
    for d in reporters:
        text = read_text(d["file"])
        for review in d["reported_reviews"]:
            for key in ("critic", "outlet"):
                if review[key] is not None:
                    assert review[key] in text, review
            if review["explicit_rating"] is not None:
                assert any(f in text for f in rating_forms(review["explicit_rating"])), review
    for entry in gold["reported_aggregates"]:
        number = entry["value"].rstrip("%").split("/")[0]
        for name in cited(entry, by_prefix):
            text = read_text(name)
            assert entry["aggregator"] in text and number in text, (entry, name)
            assert re.search(rf"\b{entry['count']}\b", text), (entry, name)
