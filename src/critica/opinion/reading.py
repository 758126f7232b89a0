"""One pass over a document's sentences: opinion or plot, verdict, spoiler.

Opinion vs plot comes from the opinion_v2 classifier (opinion/classifier.py and MODEL_CARD.md):
hashed n-grams and style tokens, trained on review snippets against synopses, credit lines and
review furniture, then self-trained on whole reviews. The threshold is its own 0.5; no rules are
layered on top (the first version's first-person and judging-word corrections were written while
looking at the labelled set, so the benchmark keeps them only as a peer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from critica.opinion.classifier import load_opinion_v2
from critica.opinion.spoilers import spoiler_reason
from critica.score.model import load_default
from critica.score.sentences import Sentence, split_sentences

__all__ = ["ReadSentence", "opinion_probability", "read_sentences", "read_texts"]

OPINION_THRESHOLD = 0.5


@dataclass(frozen=True)
class ReadSentence:
    """A sentence of a document with what critica reads from it."""

    sentence: Sentence
    p_positive: float  # the verdict model's p
    p_opinion: float  # the opinion_v2 classifier's p
    spoiler: str | None  # reason, when the sentence reveals a plot development

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def is_opinion(self) -> bool:
        return self.p_opinion >= OPINION_THRESHOLD


def opinion_probability(texts: Sequence[str]) -> list[float]:
    """p(opinion) per text, from the shipped opinion_v2 classifier."""
    if not texts:
        return []
    return [float(p) for p in load_opinion_v2().predict_proba(list(texts))[:, 1]]


def read_texts(sentences: Sequence[Sentence], title: str | None = None) -> list[ReadSentence]:
    """Read already-split sentences (see :func:`read_sentences`)."""
    if not sentences:
        return []
    texts = [s.text for s in sentences]
    p_pos = load_default().predict_proba(texts)[:, 1]
    p_op = opinion_probability(texts)
    return [
        ReadSentence(s, float(pp), po, spoiler_reason(s.text, title))
        for s, pp, po in zip(sentences, p_pos, p_op, strict=True)
    ]


def read_sentences(text: str, title: str | None = None) -> list[ReadSentence]:
    """Prose sentences of a document (standfirst and body, three words or more), read."""
    usable = [s for s in split_sentences(text)
              if s.role in ("standfirst", "body") and s.n_words >= 3]
    return read_texts(usable, title)
