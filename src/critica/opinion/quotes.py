"""Pull quotes: per review, the sentence that best states its verdict.

The old Google critic-review rules: an exact excerpt, at most 200 characters, the critic's
opinion rather than plot, and (ours) never a spoiler. Among the sentences that qualify, the
one that most agrees with the review's verdict wins, weighted by where critics sum up: a
one-sentence closing paragraph or standfirst, a summing-up opener ("In the end", "Overall").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from critica.opinion.reading import ReadSentence
from critica.records import Verdict

__all__ = ["MAX_QUOTE", "pick_quote"]

MAX_QUOTE = 200
_SUMMARY = re.compile(r"^[\"'“‘]?(?:in the end|overall|ultimately|all in all|in short|"
                      r"on balance|bottom line|verdict)\b", re.I)
_CONTRAST = re.compile(r"\b(?:but|yet|although|though|however|while)\b", re.I)
_DIALOGUE = re.compile(r"“[^”]{2,}”|\"[^\"]{2,}\"")
_NOTICE = re.compile(r"\b(?:donate|commission|affiliate|subscribe|rights reserved|cookies?)\b"
                     r"|^[A-Z][A-Z ?'’]{2,}:", re.I)


def _position(s: ReadSentence, alone: bool) -> float:
    weight = 1.0
    if s.sentence.role == "standfirst":
        weight *= 2.0
    if s.sentence.closing:
        weight *= 3.0 if alone else 1.5  # a one-sentence last paragraph is the verdict line
    if _SUMMARY.match(s.text):
        weight *= 2.0
    if _DIALOGUE.search(s.text):
        weight *= 0.3
    return weight


def pick_quote(sentences: Sequence[ReadSentence], verdict: Verdict | None) -> ReadSentence | None:
    """The best verdict sentence, or None when no sentence qualifies."""
    per_block: dict[int, int] = {}
    for s in sentences:
        per_block[s.sentence.block] = per_block.get(s.sentence.block, 0) + 1
    best: tuple[float, ReadSentence] | None = None
    for s in sentences:
        if (s.spoiler or not s.is_opinion or len(s.text) > MAX_QUOTE
                or s.sentence.n_words < 5 or _NOTICE.search(s.text)):
            continue
        if verdict == "negative":
            agreement = 1 - s.p_positive
        elif verdict == "mixed":
            agreement = (1 - abs(2 * s.p_positive - 1)) * (1.5 if _CONTRAST.search(s.text) else 1)
        else:
            agreement = s.p_positive
        alone = per_block.get(s.sentence.block, 0) == 1
        value = s.p_opinion ** 2 * agreement * _position(s, alone)
        if best is None or value > best[0]:
            best = (value, s)
    return best[1] if best else None
