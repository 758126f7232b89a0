"""One pass over a document's sentences: opinion or plot, verdict, spoiler.

Opinion vs plot comes from opinion_v2 read over the whole document (opinion/stacked.py and
MODEL_CARD.md): the hashed n-gram classifier (opinion/classifier.py) mixed with a head on frozen
MiniLM embeddings where the n-grams are unsure, each sentence's logit then blended with its
neighbours'. The threshold is
0.5; no rules are layered on top (the first version's first-person and judging-word corrections
were written while looking at the labelled set, so the benchmark keeps them only as a peer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from critica.opinion.spoilers import spoiler_reason
from critica.opinion.stacked import document_opinion
from critica.score.model import load_default
from critica.score.sentences import Sentence, split_sentences

__all__ = ["ReadSentence", "opinion_probability", "read_sentences", "read_texts"]

OPINION_THRESHOLD = 0.5


@dataclass(frozen=True)
class ReadSentence:
    """A sentence of a document with what critica reads from it."""

    sentence: Sentence
    p_positive: float  # the verdict model's p
    p_opinion: float  # opinion_v2's p, read with the document's other sentences
    spoiler: str | None  # reason, when the sentence reveals a plot development

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def is_opinion(self) -> bool:
        return self.p_opinion >= OPINION_THRESHOLD


def opinion_probability(texts: Sequence[str]) -> list[float]:
    """p(opinion) per sentence of ONE document given in order (neighbours count)."""
    return document_opinion(texts)


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
