"""One pass over a document's sentences: opinion or plot, verdict, spoiler.

Opinion vs plot comes from the shipped opinion model (review snippets against film synopses,
see score/model.py and MODEL_CARD.md) with two corrections the labelled set supports: a
sentence in the first person ("I", "me", "my") is the critic speaking, and a sentence that
names a judging word ("masterclass", "clumsy", "overlong") is an opinion however much plot it
also carries. The threshold is the model's own 0.5.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from critica.opinion.spoilers import spoiler_reason
from critica.score.model import load_default, load_opinion
from critica.score.sentences import Sentence, split_sentences

__all__ = ["ReadSentence", "opinion_probability", "read_sentences", "read_texts"]

OPINION_THRESHOLD = 0.5
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we'd|you'll|you'd)\b", re.I)
_JUDGING = re.compile(
    r"\b(?:masterclass|masterpiece|triumph\w*|brilliant\w*|superb\w*|excellent|terrific|"
    r"wonderful\w*|great|good|best|worst|bad|awful|dull|tedious|boring|clumsy|overlong|"
    r"stilted|wooden|hammy|overdone|flat|fails?|failed|succeeds?|works|effective\w*|"
    r"impressive|compelling|captivating|stunning|gorgeous|beautiful\w*|powerful|moving|"
    r"devastating|funny|unfunny|mess|junk|cliche\w*|cliché\w*|formula\w*|predictable|"
    r"recommended|disappointing|forgettable|memorable|strength|weak\w*|slog|drags?|sags?|"
    r"too (?:long|slow|much)|cheap|crude|effective|unsettling|frighten\w*|scary|bleak|"
    r"cruell?est|blueprint|earns?|admirable|intelligent|ambitious|magnetic|palpable|"
    r"showcase|strong|subtle|nuanced|astonishing|incredible|gripping|tender|bruising|"
    r"merciless|nerve|dread|stiff|crude|choppy|dignity|without a trace)\b", re.I)


@dataclass(frozen=True)
class ReadSentence:
    """A sentence of a document with what critica reads from it."""

    sentence: Sentence
    p_positive: float  # the verdict model's p
    p_opinion: float  # the opinion model's p, after the corrections above
    spoiler: str | None  # reason, when the sentence reveals a plot development

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def is_opinion(self) -> bool:
        return self.p_opinion >= OPINION_THRESHOLD


def opinion_probability(texts: Sequence[str]) -> list[float]:
    """p(opinion) per text: the model's, raised for first-person and judging sentences."""
    if not texts:
        return []
    model_p = load_opinion().predict_proba(list(texts))[:, 1]
    out: list[float] = []
    for text, p in zip(texts, model_p, strict=True):
        value = float(p)
        if _FIRST_PERSON.search(text) or _JUDGING.search(text):
            value = max(value, 0.5 + value / 2)
        out.append(value)
    return out


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
