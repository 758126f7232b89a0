"""score: printed ratings, the verdict model, and each document's review.

    parse_rating("B+") -> Rating(score=83)          find_rating(text) -> Rating | None
    score_document(doc, meta) -> Review | None      score_reported(review, doc) -> Review
    load_default() -> VerdictModel                  train_all(data_dir, out_dir) (score.train)
"""

from critica.score.document import score_document, score_reported, verdict_of
from critica.score.model import LinearTextModel, VerdictModel, load_default
from critica.score.ratings import find_rating, parse_rating
from critica.score.sentences import Sentence, split_sentences

__all__ = [
    "LinearTextModel", "Sentence", "VerdictModel", "find_rating", "load_default",
    "parse_rating", "score_document", "score_reported", "split_sentences", "verdict_of",
]
