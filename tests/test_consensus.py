"""The consensus, pull quotes and reported figures on the Rust and Bone corpus (gold.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import critica
from critica.opinion.consensus import MAX_WORDS
from critica.records import Film
from support import SEED_DIR, needs_seed

pytestmark = needs_seed
# What the issue names as the plot the consensus must not give away.
SPOILER_WORDS = re.compile(r"accident|amputat|legs|frozen|lake|\bice\b|ending|\bends?\b|dies|death",
                           re.I)


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((SEED_DIR / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def film() -> Film:
    return critica.analyze([str(SEED_DIR)]).films[0]


def _surname(name: str) -> str:
    return name.split()[-1]


def test_consensus_names_the_praised_lead_and_director(film: Film, gold: dict[str, Any]) -> None:
    agg = film.aggregate
    assert agg.consensus and len(agg.consensus.split()) <= MAX_WORDS
    lead = gold["film"]["cast"][0]["actor"]  # Marion Cotillard
    director = gold["film"]["directors"][0]["value"]  # Jacques Audiard
    praised = [c for c in agg.consensus_claims if c.polarity == "positive" and c.aspect]
    assert any(c.aspect == "performances" and _surname(lead) in c.text for c in praised)
    assert any(c.aspect == "direction" and _surname(director) in c.text for c in praised)
    assert _surname(lead) in agg.consensus and _surname(director) in agg.consensus


def test_consensus_is_spoiler_free_and_grounded(film: Film) -> None:
    agg = film.aggregate
    assert agg.consensus and not SPOILER_WORDS.search(agg.consensus)
    texts = {d.path: Path(d.path).read_text(encoding="utf-8") for d in film.documents}
    flagged = {f.quote for f in film.spoilers}
    for claim in agg.consensus_claims:
        assert claim.evidence, claim
        for e in claim.evidence:
            assert e.quote in texts[e.path]  # an exact excerpt of the review it came from
            assert e.quote not in flagged


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_pull_quote_is_the_gold_verdict_sentence(film: Film, gold: dict[str, Any], prefix: str) -> None:
    doc = next(d for d in gold["documents"] if d["file"].startswith(prefix))
    review = next(r for r in film.reviews
                  if r.reported_in is None and Path(r.path).name.startswith(prefix))
    assert review.quote == doc["verdict_sentence"]
    assert len(review.quote) <= 200


def test_reported_figures_stand_beside_critica_s_own(film: Film, gold: dict[str, Any]) -> None:
    reported = {(a.aggregator, a.value, a.count) for a in film.reported_aggregates}
    for g in gold["reported_aggregates"]:
        value = float(g["value"].rstrip("%").split("/")[0])
        assert (g["aggregator"], value, g["count"]) in reported
    # critica's own figure counts the critics it read, never the aggregators' 155 or 39
    assert film.aggregate.n_reviews < min(g["count"] for g in gold["reported_aggregates"])
    from critica.report import film_to_json

    data = film_to_json(film)
    assert data["aggregate"]["consensus_claims"] and data["reported_aggregates"]


def test_critics_and_others_are_kept_apart(film: Film, gold: dict[str, Any]) -> None:
    kinds = {d["file"][:3]: d["kind"] for d in gold["documents"]}
    others = sum(1 for r in film.reviews if r.reported_in is None
                 and kinds[Path(r.path).name[:3]] in {"blog_review", "list_entry"})
    assert film.aggregate.others is not None and film.aggregate.others.n_reviews == others
    critics_own = sum(1 for r in film.reviews if r.reported_in is None
                      and kinds[Path(r.path).name[:3]] in {"critic_review", "dvd_review"})
    reported = sum(len(d.get("reported_reviews", [])) for d in gold["documents"])
    assert film.aggregate.n_reviews == critics_own + reported
