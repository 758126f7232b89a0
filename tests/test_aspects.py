"""Aspects per review and per film, with evidence (Rust and Bone: gold.json's people)."""

from __future__ import annotations

import json
from pathlib import Path

import critica
from critica.opinion.aspects import People, review_aspects
from critica.opinion.reading import read_sentences
from support import SEED_DIR, needs_seed


@needs_seed
def test_film_aspects_praise_the_lead_and_the_director() -> None:
    gold = json.loads((SEED_DIR / "gold.json").read_text(encoding="utf-8"))
    film = critica.analyze([str(SEED_DIR)]).films[0]
    by_key = {(a.name, a.person): a for a in film.aggregate.aspects}
    lead = by_key[("performances", gold["film"]["cast"][0]["actor"])]
    director = by_key[("direction", gold["film"]["directors"][0]["value"])]
    for aspect in (lead, director):
        assert aspect.polarity == "positive" and aspect.n_positive >= 2
        for e in aspect.evidence:
            assert e.quote in Path(e.path).read_text(encoding="utf-8")


def test_clauses_split_praise_from_fault() -> None:
    # our own sentences: one faults the story and praises the lead, one praises the score
    text = ("The film fails as a love story, but Vera Lindqvist is superb as the widow. "
            "Otto Brandt's sparse score is beautiful throughout.")
    people = People({"performances": ("Vera Lindqvist",), "music": ("Otto Brandt",)})
    aspects = {(a.name, a.person): a for a in
               review_aspects("own.txt", read_sentences(text), people)}
    assert aspects[("screenplay", None)].polarity == "negative"
    assert aspects[("performances", "Vera Lindqvist")].polarity == "positive"
    assert aspects[("music", "Otto Brandt")].polarity == "positive"
