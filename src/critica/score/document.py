"""A document's own verdict, score and quote, and the reviews it reports about others.

A review is not the average of its sentences: plot summary is noise and critics sum up in a
few places. Each sentence i gets the verdict model's p_i and a weight

    w_i = opinion_i ** 2  x  (EVAL_FLOOR + |2 p_i - 1|)  x  position_i

- opinion_i: p that the sentence states an opinion rather than plot, from a model trained on
  review snippets against film synopses (squared: plot should count for little);
- |2 p_i - 1|: how evaluative the sentence is; the floor keeps balanced sentences ("fails as a
  love story, but succeeds in other ways") from vanishing;
- position_i: ``POSITION_PRIOR`` (standfirst and headline, the closing paragraph, sentences
  that open with a summing-up phrase such as "In the end" or "Overall", and a low weight for
  talk about a disc's extras, which judges the disc rather than the film).

p_i is first NBSVM's (every sentence, microseconds each); then the ``ENCODED_TOP_K`` sentences
with the most weight are read again by the stacked NBSVM + MiniLM model (ensemble.py), whose p
replaces theirs. A 1,000-word review has about 50 sentences: encoding all of them would cost
about 0.3 s, encoding the eight that carry the verdict keeps 20 reviews a second.

The document's p_positive is the weighted mean of p_i; its 0-100 score is the verdict model's
document map of that p (equipercentile, fitted on full reviews with the critic's own rating, see
model.py) unless the document prints a rating, which then wins.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from critica.records import (
    ClassifiedDocument,
    DocumentKind,
    DocumentMeta,
    ReportedReview,
    Review,
    Verdict,
)
from critica.score.ensemble import StackedVerdict, load_stacked
from critica.score.model import LinearTextModel, VerdictModel, load_default, load_opinion
from critica.score.ratings import find_rating, parse_rating
from critica.score.sentences import Sentence, split_sentences

__all__ = [
    "NO_OPINION_KINDS", "POSITION_PRIOR", "DocumentScore", "score_document", "score_reported",
    "score_sentences", "verdict_of",
]

NO_OPINION_KINDS: frozenset[DocumentKind] = frozenset({"encyclopedia", "news", "other"})
# Metacritic's bands: 61-100 favourable, 40-60 mixed, 0-39 unfavourable (on the rounded score).
# A printed 3/5 or 6/10 is therefore mixed: the boundary case critics themselves call "fair".
POSITIVE_FROM = 61.0  # rounded score >= 61 is positive (fresh)
NEGATIVE_BELOW = 40.0  # rounded score < 40 is negative; 40-60 is mixed (and rotten)
EVAL_FLOOR = 0.25
ENCODED_TOP_K = 8  # sentences per document the encoder reads (speed: see docs/benchmarks.md)
MAX_QUOTE = 200
POSITION_PRIOR: dict[str, float] = {
    "standfirst": 2.0,  # the one-line summary under a headline
    "headline": 1.0,
    "closing": 1.5,  # the last prose paragraph, where reviews usually conclude
    "summary_cue": 2.0,  # "In the end", "Overall", "All in all", "Bottom line" ...
    "body": 1.0,
    "disc": 0.2,  # DVD/Blu-ray extras, transfer, subtitles: they judge the disc, not the film
    "dialogue": 0.5,  # quotes a line of dialogue: plot retold, not the critic's judgement
    "conceded": 0.5,  # followed by "But ..."/"Still ...": the critic answers it next
    "boilerplate": 0.05,  # affiliate, cookie and newsletter notices
}
# These multipliers were checked on full reviews (polarity v2.0 accuracy and AUC, scale data
# Pearson r and 3-band accuracy of the CV'd document map; see MODEL_CARD.md): dialogue and
# conceded each gave a small gain on both; first-person and stronger closing boosts did not.
_DISC_TALK = re.compile(
    r"\b(?:special features|bonus (?:features|material)|featurettes?|commentary track|"
    r"deleted scenes|blu-ray|dvd|transfer|aspect ratio|audio tracks?|subtitles|extras)\b",
    re.IGNORECASE)
_SUMMARY_CUE = re.compile(
    r"^[\"'“‘]?(?:in the end|overall|ultimately|all in all|in short|in sum|in summary|"
    r"to sum up|in conclusion|(?:the )?bottom line|on the whole|on balance|verdict)\b",
    re.IGNORECASE)
_DIALOGUE = re.compile(r"“[^”]{2,}”|\"[^\"]{2,}\"|``.{2,}?''")
_REBUTTAL = re.compile(r"^[\"'“‘]?(?:but|still|yet|nevertheless|nonetheless|however|even so|"
                       r"that said)\b", re.IGNORECASE)
_BOILERPLATE = re.compile(r"\b(?:affiliate|commission|cookies?|newsletter|subscribe|"
                          r"all rights reserved|privacy policy|sign up|skip to)\b", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:but|yet|although|though|however|despite|while)\b", re.IGNORECASE)
# A pull quote judges the film: a sentence naming none of its parts (an appeal for donations,
# a note about the site) is a poor quote even when it balances "but" clauses like a verdict.
_FILM_TALK = re.compile(
    r"\b(?:film|films|movie|movies|picture|cinema|story|stor(?:y|ies)|plot|script|screenplay|"
    r"writ(?:ing|ten)|direct(?:ed|ion|or|s)|filmmak\w*|perform\w*|act(?:ing|or|ors|ress)|cast|"
    r"role|character\w*|scenes?|camera|shot|shots|cinematograph\w*|score|music|soundtrack|"
    r"editing|pac(?:e|ing)|drama|melodrama|comedy|thriller|romance|love story|documentary|"
    r"ending|sequel|remake|audience|viewers?|watch(?:ing|ed)?|screen|tale|narrative|"
    r"dialogue|lead|star(?:s|ring)?)\b",
    re.IGNORECASE)
NO_FILM_TALK = 0.4
_SCORED_ROLES = frozenset({"standfirst", "headline", "body"})
ENGLISH = frozenset({"en", "und", ""})


@dataclass(frozen=True)
class DocumentScore:
    """The prose verdict of one text: p_positive, 0-100 score and the quote behind it."""

    p_positive: float | None
    score: float | None
    quote: Sentence | None
    n_sentences: int


def verdict_of(score: float) -> Verdict:
    """positive >= 61, mixed 40-60, negative < 40 on the rounded score (Metacritic's bands).

    fresh means positive; mixed is rotten.
    """
    rounded = math.floor(score + 0.5)  # half up, as scores are printed (round() is half-even)
    if rounded >= POSITIVE_FROM:
        return "positive"
    return "mixed" if rounded >= NEGATIVE_BELOW else "negative"


def _position(sentence: Sentence, next_sentence: Sentence | None = None) -> float:
    prior = POSITION_PRIOR.get(sentence.role, 1.0)
    if _DIALOGUE.search(sentence.text):
        prior *= POSITION_PRIOR["dialogue"]
    if next_sentence is not None and _REBUTTAL.match(next_sentence.text):
        prior *= POSITION_PRIOR["conceded"]
    if _BOILERPLATE.search(sentence.text):
        prior *= POSITION_PRIOR["boilerplate"]
    if sentence.closing:
        prior *= POSITION_PRIOR["closing"]
    if _SUMMARY_CUE.match(sentence.text):
        prior *= POSITION_PRIOR["summary_cue"]
    if _DISC_TALK.search(sentence.text):
        prior *= POSITION_PRIOR["disc"]
    return prior


def score_sentences(sentences: Sequence[Sentence], verdict_model: VerdictModel | None = None,
                    opinion_model: LinearTextModel | None = None,
                    weighted: bool = True, ensemble: StackedVerdict | None | bool = True,
                    top_k: int = ENCODED_TOP_K) -> DocumentScore:
    """Weighted verdict of prose sentences (see the module docstring for the weights).

    ``weighted=False`` gives the plain mean of sentence probabilities, the baseline the
    weighting is measured against (model card, polarity v2.0). ``ensemble``: True for the
    shipped stack (when one is shipped), a StackedVerdict, or False/None for NBSVM alone.
    """
    usable = [s for s in sentences if s.role in _SCORED_ROLES and s.n_words >= 3]
    if not usable:
        return DocumentScore(None, None, None, 0)
    verdicts = verdict_model or load_default()
    texts = [s.text for s in usable]
    p = verdicts.predict_proba(texts)[:, 1]
    opinion = (opinion_model or load_opinion()).predict_proba(texts)[:, 1]
    following: list[Sentence | None] = [*usable[1:], None]
    position = np.array([_position(s, nxt) for s, nxt in zip(usable, following, strict=True)])
    stack = load_stacked() if ensemble is True else (ensemble or None)
    if stack is not None and top_k > 0:
        # the sentences that carry the verdict get the better (slower) reader
        prior = opinion**2 * (EVAL_FLOOR + np.abs(2 * p - 1)) * position
        top = np.argsort(-prior, kind="stable")[:top_k]
        p = p.copy()
        p[top] = stack.predict_proba([texts[i] for i in top])[:, 1]
    weight = opinion**2 * (EVAL_FLOOR + np.abs(2 * p - 1)) * position
    if not weighted:
        weight = np.ones_like(p)
    p_doc = float(np.sum(weight * p) / np.sum(weight)) if weight.sum() > 0 else float(p.mean())
    score = verdicts.document_score(p_doc)
    quote = _pick_quote(usable, p, opinion, position, verdict_of(score))
    return DocumentScore(round(p_doc, 4), round(score, 1), quote, len(usable))


def _pick_quote(sentences: Sequence[Sentence], p: np.ndarray, opinion: np.ndarray,
                position: np.ndarray, verdict: Verdict) -> Sentence | None:
    """The opinion sentence that most drives the verdict, at most MAX_QUOTE characters."""
    if verdict == "positive":
        agreement = p
    elif verdict == "negative":
        agreement = 1 - p
    else:  # a mixed verdict is best stated by a balanced sentence that weighs both sides
        contrast = np.array([1.5 if _CONTRAST.search(s.text) else 1.0 for s in sentences])
        agreement = (1 - np.abs(2 * p - 1)) * contrast
    # a quote should be the critic's judgement: retold dialogue is plot even when it scores high
    plot_line = np.array([0.3 if _DIALOGUE.search(s.text) else 1.0 for s in sentences])
    about_film = np.array([1.0 if _FILM_TALK.search(s.text) else NO_FILM_TALK
                           for s in sentences])
    drive = opinion**2 * position * agreement * plot_line * about_film
    ranked = np.argsort(-drive, kind="stable")
    for want_sentence in (True, False):
        for i in ranked:
            s = sentences[int(i)]
            if len(s.text) > MAX_QUOTE or s.n_words < 5:
                continue
            if want_sentence and s.role == "headline":
                continue
            return s
    return None


def _is_english(language: str) -> bool:
    return (language or "").lower().split("-")[0] in ENGLISH


def score_document(doc: ClassifiedDocument, meta: DocumentMeta) -> Review | None:
    """The document's own review, or None for kinds that carry no opinion of their own.

    A printed rating (find_rating) sets the score and verdict (score_source "explicit");
    otherwise both are predicted from the prose. A text the model cannot read (no words, not
    English) without a printed rating yields a review whose verdict and score are None.
    """
    if doc.kind in NO_OPINION_KINDS:
        return None
    text = doc.text if isinstance(doc.text, str) else ""
    printed = find_rating(text)
    prose = (score_sentences(split_sentences(text)) if _is_english(doc.language)
             else DocumentScore(None, None, None, 0))
    quote = prose.quote.text if prose.quote else None
    if printed is not None:
        score: float | None = printed.score
        source: str | None = "explicit"
    else:
        score, source = prose.score, ("predicted" if prose.score is not None else None)
    verdict = verdict_of(score) if score is not None else None
    return Review(
        path=doc.path, critic=meta.author, outlet=meta.outlet, published=meta.published,
        reported_in=None, rating_text=printed.text if printed else None, score=score,
        score_source="explicit" if source == "explicit" else ("predicted" if source else None),
        verdict=verdict, fresh=None if verdict is None else verdict == "positive",
        p_positive=prose.p_positive, quote=quote, kind=doc.kind,
    )


def score_reported(review: ReportedReview, doc: ClassifiedDocument) -> Review:
    """A review another document reports: its printed rating when given, else the quote's p."""
    printed = parse_rating(review.rating_text) if review.rating_text else None
    p: float | None = None
    predicted: float | None = None
    if review.quote and review.quote.strip():
        model = load_default()
        stack = load_stacked()
        p = float((stack or model).predict_proba([review.quote])[0, 1])
        predicted = float(model.score_from_proba(p))
    score = printed.score if printed else (round(predicted, 1) if predicted is not None else None)
    verdict = verdict_of(score) if score is not None else None
    source = "explicit" if printed else ("predicted" if score is not None else None)
    return Review(
        path=review.path, critic=review.critic, outlet=review.outlet, published=None,
        reported_in=review.path, rating_text=review.rating_text or None,
        score=score, score_source="explicit" if source == "explicit" else (
            "predicted" if source else None),
        verdict=verdict, fresh=None if verdict is None else verdict == "positive",
        p_positive=None if p is None else round(p, 4), quote=review.quote or None,
        kind="critic_review",
    )
