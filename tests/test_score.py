"""The verdict model and document scoring: contract, offline loading, floors, seed corpus."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import numpy as np
import pytest

from critica.errors import ModelError
from critica.records import ClassifiedDocument, CleanDocument, DocumentMeta, ReportedReview
from critica.score import (
    LinearTextModel,
    VerdictModel,
    load_default,
    score_document,
    score_reported,
    split_sentences,
    verdict_of,
)
from critica.score.model import MODELS_DIR, VERDICT_NAME

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared" / "corpus" / "rust-and-bone"))
DATA_DIR = Path(os.environ.get("CRITICA_DATA_DIR", REPO.parent / "shared" / "data"))

POSITIVE = ["a warm , funny and moving film", "the best performance of the year",
            "beautifully shot and wonderfully acted", "a delight from start to finish"] * 5
NEGATIVE = ["a dull , lifeless mess", "the worst script of the year",
            "badly shot and woodenly acted", "a chore from start to finish"] * 5


def _doc(text: str, kind: str = "critic_review", language: str = "en") -> ClassifiedDocument:
    return ClassifiedDocument(CleanDocument("mem.txt", text, "utf-8", "text"), kind, language)  # type: ignore[arg-type]


# --- estimator contract ------------------------------------------------------------------

def test_init_only_stores_params() -> None:
    model = VerdictModel(C=2.0, n_features=2**12)
    assert vars(model) == {"n_features": 2**12, "ngram_range": (1, 2), "C": 2.0, "nb_alpha": 1.0,
                           "cv": 5, "random_state": 0}


def test_fit_returns_self_and_learned_attributes_end_in_underscore() -> None:
    model = VerdictModel(n_features=2**12, cv=2)
    before = set(vars(model))
    assert model.fit(POSITIVE + NEGATIVE, [1] * 20 + [0] * 20) is model
    learned = set(vars(model)) - before
    assert learned and all(name.endswith("_") for name in learned)
    p = model.predict_proba(["a warm and moving delight", "a dull lifeless chore"])
    assert p.shape == (2, 2) and p[0, 1] > 0.5 > p[1, 1]


def test_unfitted_model_raises_critica_error() -> None:
    with pytest.raises(ModelError, match="not fitted"):
        VerdictModel().predict_proba(["anything"])


def test_fit_rejects_one_class() -> None:
    with pytest.raises(ModelError):
        LinearTextModel(n_features=2**10).fit(["a", "b"], [1, 1])


def test_save_load_round_trip(tmp_path: Path) -> None:
    model = VerdictModel(n_features=2**12, cv=2).fit(POSITIVE + NEGATIVE, [1] * 20 + [0] * 20)
    files = model.save(tmp_path, "tiny")
    assert {f.suffix for f in files} == {".npz", ".json"}
    loaded = VerdictModel.load(tmp_path, "tiny")
    texts = ["moving and warm", "lifeless"]
    assert np.allclose(loaded.predict_proba(texts), model.predict_proba(texts), atol=1e-6)
    with np.load(tmp_path / "tiny.npz", allow_pickle=False) as arrays:  # no pickle inside
        assert set(arrays.files) == {"indices", "values"}


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="critica train"):
        VerdictModel.load(tmp_path, "absent")


# --- shipped model ------------------------------------------------------------------------

def test_shipped_model_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to use the network")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    model = VerdictModel.load(MODELS_DIR, VERDICT_NAME)
    p = model.predict_proba(["A triumph: moving, funny and superbly acted.",
                             "A tedious, muddled waste of a fine cast."])[:, 1]
    assert p[0] > 0.7 and p[1] < 0.3


def test_shipped_files_are_small_and_carded() -> None:
    total = sum(f.stat().st_size for f in MODELS_DIR.iterdir() if f.is_file())
    assert total < 60 * 1000 * 1000  # issue 3's bound for all model files in the repository
    card = (MODELS_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    for needle in ("mr_cv10_accuracy", "rt_review_accuracy", "How to retrain"):
        assert needle in card


def test_score_map_is_monotone() -> None:
    model = load_default()
    scores = model.score_from_proba(np.linspace(0, 1, 21))
    assert np.all(np.diff(scores) >= 0) and scores[0] < 50 < scores[-1]


@pytest.mark.skipif(not (DATA_DIR / "mr-rt-polarity-v1.0").exists(),
                    reason=f"MR data not found at {DATA_DIR} (set CRITICA_DATA_DIR)")
def test_accuracy_floor_two_fold_on_mr_sample() -> None:
    """2-fold CV on a fixed 6,000-snippet sample (3,000 to train: at 1,000 it reaches ~0.67)."""
    from sklearn.model_selection import StratifiedKFold

    from critica.score.data import read_mr

    rows = read_mr(DATA_DIR)
    pick = np.random.default_rng(0).choice(len(rows), size=6000, replace=False)
    texts = [rows[i].text for i in pick]
    y = np.array([rows[i].label for i in pick])
    correct = 0
    for train, test in StratifiedKFold(2, shuffle=True, random_state=0).split(texts, y):
        model = VerdictModel(n_features=2**18, cv=2).fit([texts[i] for i in train], y[train])
        correct += int((model.predict([texts[i] for i in test]) == y[test]).sum())
    assert correct / len(y) >= 0.70


# --- verdicts and sentences ---------------------------------------------------------------

# Metacritic's bands on the rounded score: 61-100 positive, 40-60 mixed, 0-39 negative.
@pytest.mark.parametrize(("score", "verdict"), [(100, "positive"), (61, "positive"), (60.5, "positive"),
                                                (60.4, "mixed"), (60, "mixed"), (40, "mixed"),
                                                (39.5, "mixed"), (39.4, "negative"), (0, "negative")])
def test_verdict_cut_offs(score: float, verdict: str) -> None:
    assert verdict_of(score) == verdict


def test_sentences_keep_exact_offsets_and_skip_fields() -> None:
    text = ("Paper Moons\n\nDirector: Someone Invented\nRated: R\n\n"
            "A small film that knows exactly what it is. Dr. Lee plays the aunt.\n"
            "In the end it is a charmer that I will gladly watch again!")
    sentences = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    roles = {s.text: s.role for s in sentences}
    assert roles["Director: Someone Invented"] == "field"
    assert "Dr. Lee plays the aunt." in roles
    assert [s for s in sentences if s.closing][-1].text.startswith("In the end it is a charmer")


INVENTED_POSITIVE = """Paper Moons review

A tender, funny and beautifully acted comedy: the year's most charming surprise.

Director: Someone Invented
Runtime: 98 minutes

Maya (a newcomer) runs a bakery in a small coastal town and falls for the man who fixes her oven.
Her sister moves in after a divorce and the two start a rivalry over the shop.

The performances are wonderful, the script is sharp, and the direction never puts a foot wrong.

In the end, this is a delight I will happily watch again.
"""

INVENTED_NEGATIVE = """Iron Tide review

A loud, tedious and badly written thriller that wastes a good cast.

The hero, a retired diver, is hired to recover gold from a wreck off the coast of Chile.
His old partner betrays him on the second day at sea.

The dialogue is dreadful, the plot makes no sense and the action is a blur.
Overall, a dull and lifeless mess that I cannot recommend.
"""


def test_invented_reviews_get_the_right_verdict() -> None:
    good = score_document(_doc(INVENTED_POSITIVE), DocumentMeta(author="A Critic"))
    bad = score_document(_doc(INVENTED_NEGATIVE), DocumentMeta())
    assert good is not None and bad is not None
    assert good.verdict == "positive" and good.fresh is True and good.score_source == "predicted"
    assert bad.verdict == "negative" and bad.fresh is False
    assert good.critic == "A Critic" and good.reported_in is None
    for review, text in ((good, INVENTED_POSITIVE), (bad, INVENTED_NEGATIVE)):
        assert review.quote and review.quote in text and len(review.quote) <= 200
        assert "Director:" not in review.quote


def test_printed_rating_wins() -> None:
    review = score_document(_doc(INVENTED_NEGATIVE + "\nRating: 4/5\n"), DocumentMeta())
    assert review is not None
    assert review.score == 80 and review.verdict == "positive"
    assert review.score_source == "explicit" and review.rating_text == "Rating: 4/5"


@pytest.mark.parametrize("kind", ["encyclopedia", "news", "other"])
def test_no_opinion_kinds_are_not_reviews(kind: str) -> None:
    assert score_document(_doc(INVENTED_POSITIVE, kind), DocumentMeta()) is None


@pytest.mark.parametrize("text", [
    "", "   \n\n", "1234 5678 90 -- ## !!", "★" * 500,
    "Ce film est une merveille, drôle et émouvant. Je le recommande vivement.",
    "Ein großartiger Film.\n" * 20,
    ("This film is a moving triumph. " * 3 + "The plot has many turns.\n") * 40_000,  # ~5 MB
])
def test_bad_input_never_crashes(text: str) -> None:
    review = score_document(_doc(text), DocumentMeta())
    assert review is not None
    if review.quote is not None:
        assert review.quote in text
    if review.verdict is None:
        assert review.score is None and review.fresh is None


def test_non_english_document_is_not_guessed() -> None:
    review = score_document(_doc("Ce film est une merveille.", language="fr"), DocumentMeta())
    assert review is not None and review.verdict is None and review.score is None


# --- reported reviews ---------------------------------------------------------------------

REPORTING = ("Ann Writer of The Daily Planet gave the film a four-star rating out of five, "
             "calling it \"a passionate and moving love story\". Bob Scribe gave four stars.")


@pytest.mark.parametrize(("rating_text", "score"), [("a four-star rating out of five", 80),
                                                    ("four stars", 100), ("B-", 67)])
def test_reported_rating_is_explicit(rating_text: str, score: float) -> None:
    reported = ReportedReview("wiki.txt", "Ann Writer", "The Daily Planet", rating_text, REPORTING[:150])
    review = score_reported(reported, _doc(REPORTING, "encyclopedia"))
    assert review.score == score and review.score_source == "explicit"
    assert review.reported_in == "wiki.txt" and review.path == "wiki.txt"
    assert review.rating_text == rating_text and review.quote == REPORTING[:150]


def test_reported_without_rating_is_predicted() -> None:
    quote = "Carl Pen of The Globe called it \"a tedious, muddled waste of a fine cast\"."
    review = score_reported(ReportedReview("w.txt", "Carl Pen", "The Globe", None, quote),
                            _doc(quote, "encyclopedia"))
    assert review.score_source == "predicted" and review.verdict == "negative"
    empty = score_reported(ReportedReview("w.txt", None, None, None, ""), _doc("", "encyclopedia"))
    assert empty.verdict is None and empty.score is None


# --- the seed corpus (read by path, never copied) -----------------------------------------

def _gold() -> dict:  # type: ignore[type-arg]
    path = GOLD_DIR / "gold.json"
    if not path.exists():
        pytest.skip(f"seed corpus not found at {GOLD_DIR} (set CRITICA_GOLD_DIR)")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _seed_review(entry: dict):  # type: ignore[no-untyped-def,type-arg]
    text = (GOLD_DIR / entry["file"]).read_text(encoding="utf-8")
    return text, score_document(_doc(text, entry["kind"]), DocumentMeta())


def test_seed_corpus_verdicts() -> None:
    for entry in _gold()["documents"]:
        text, review = _seed_review(entry)
        if entry["verdict"] is None:
            assert review is None, entry["file"]
            continue
        assert review is not None
        if entry["verdict"] == "positive":
            assert review.verdict == "positive", entry["file"]
        else:
            assert review.verdict in ("mixed", "negative"), entry["file"]
        assert review.quote is not None and review.quote in text and len(review.quote) <= 200
        assert review.score_source == ("explicit" if entry["explicit_rating"] else "predicted")


def test_seed_corpus_quotes_match_most_gold_sentences() -> None:
    entries = [e for e in _gold()["documents"] if e["verdict_sentence"]]
    matched = sum(_seed_review(e)[1].quote == e["verdict_sentence"] for e in entries)
    assert matched >= len(entries) // 2


# --- weighting and quote choice (invented text) ------------------------------------------

def test_retold_dialogue_is_not_the_quote() -> None:
    text = ("The best line is \u201cI love this wonderful, brilliant, beautiful life,\u201d "
            "and it is a delight.\n\n"
            "The film is a decent thriller with a solid cast.\n")
    review = score_document(_doc(text), DocumentMeta())
    assert review is not None and review.quote is not None
    assert "\u201c" not in review.quote


def test_boilerplate_is_never_the_quote() -> None:
    text = ("A moving, beautifully acted drama.\n\n"
            "When you buy through links on our site we may earn an affiliate commission, "
            "which is wonderful and brilliant.\n\n"
            "A good film with a fine cast and a strong script.\n")
    review = score_document(_doc(text), DocumentMeta())
    assert review is not None and review.quote is not None
    assert "affiliate" not in review.quote


def test_a_conceded_point_weighs_less_than_the_rebuttal() -> None:
    from critica.score.document import _position
    from critica.score.sentences import split_sentences as split

    first, second = split("The pacing is dull in places. But the film is a triumph.")
    assert _position(first, second) < _position(first, None)
    assert _position(second, None) == _position(second)
