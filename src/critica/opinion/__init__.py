"""opinion: what critics think, read sentence by sentence (used by aggregate).

    read_sentences(text, title) -> [ReadSentence]     opinion or plot, verdict p, spoiler
    spoiler_reason(sentence) -> "death" | "ending" | "twist" | "injury" | "outcome" | None
    review_aspects(path, sentences, people) -> (Aspect, ...); merge_aspects(...) per film
    pick_quote(sentences, verdict) -> the pull quote
    build_consensus(title, critics, percent, aspects) -> (sentence, claims)
"""

from critica.opinion.aspects import People, merge_aspects, review_aspects
from critica.opinion.consensus import build_consensus
from critica.opinion.quotes import pick_quote
from critica.opinion.reading import ReadSentence, read_sentences
from critica.opinion.spoilers import spoiler_reason

__all__ = [
    "People", "ReadSentence", "build_consensus", "merge_aspects", "pick_quote",
    "read_sentences", "review_aspects", "spoiler_reason",
]
