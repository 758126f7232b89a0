"""The consensus: one sentence (at most 35 words) on what most critics think and why.

No generator model runs offline, so the sentence is built from templates over the verdicts and
the film-level aspects: a lead for the share of positive reviews ("Most critics praise X"),
the aspects most reviews praise ("Marion Cotillard's performance and Jacques Audiard's
direction") and, when enough critics agree on it, what they fault. Every phrase is a
:class:`ConsensusClaim` that keeps the review sentences supporting it; the verdict claim keeps
the pull quotes of the majority. Only opinion sentences that are not spoilers can be evidence
(aspects.py sees to that), so the consensus never retells the plot.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from critica.opinion.spoilers import spoiler_reason
from critica.records import Aspect, AspectName, ConsensusClaim, Evidence, Polarity, Review

__all__ = ["MAX_WORDS", "build_consensus"]

MAX_WORDS = 35
MAX_EVIDENCE = 5
_NOUNS: dict[AspectName, str] = {
    "performances": "performances", "direction": "direction", "screenplay": "screenplay",
    "music": "score", "visuals": "cinematography", "effects": "effects", "editing": "pacing",
}
_PERSON_NOUNS: dict[AspectName, str] = {
    "performances": "performance", "direction": "direction", "screenplay": "writing",
    "music": "score", "visuals": "camera work", "effects": "effects", "editing": "editing",
}


def _possessive(name: str) -> str:
    return name + ("’" if name.endswith("s") else "’s")


def _phrase(aspect: Aspect) -> str:
    if aspect.person:
        return f"{_possessive(aspect.person)} {_PERSON_NOUNS[aspect.name]}"
    return f"its {_NOUNS[aspect.name]}"


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _lead(title: str, percent: float) -> tuple[str, Polarity]:
    if percent >= 80:
        return f"Critics overwhelmingly praise {title}", "positive"
    if percent >= 60:
        return f"Most critics praise {title}", "positive"
    if percent >= 40:
        return f"Critics are divided on {title}", "mixed"
    if percent >= 20:
        return f"Most critics are unimpressed by {title}", "negative"
    return f"Critics overwhelmingly pan {title}", "negative"


def _chosen(aspects: Sequence[Aspect], polarity: Polarity, n_reviews: int,
            limit: int) -> list[Aspect]:
    """Aspects enough critics agree on: at least two reviews (one when there are few) and more
    for than against; people before generic mentions of the same aspect."""
    floor = 2 if n_reviews >= 4 else 1
    floor = max(floor, math.ceil(0.15 * n_reviews))

    def support(a: Aspect) -> int:
        return a.n_positive if polarity == "positive" else a.n_negative

    def against(a: Aspect) -> int:
        return a.n_negative if polarity == "positive" else a.n_positive

    picked: list[Aspect] = []
    covered: set[AspectName] = set()
    # named people first (what critics single out), then by support
    ranked = sorted(aspects, key=lambda a: (a.person is None, -support(a), a.name))
    for a in ranked:
        if support(a) < floor or support(a) <= against(a):
            continue
        if a.person is None and a.name in covered:
            continue  # "Cotillard's performance" already says "its performances"
        if a.name == "screenplay" and a.person is not None:
            continue  # a writer's name is rarer than "the script": keep the generic claim
        picked.append(a)
        covered.add(a.name)
        if len(picked) == limit:
            break
    return picked


def _claim(aspect: Aspect, polarity: Polarity) -> ConsensusClaim:
    return ConsensusClaim(_phrase(aspect), aspect.name, polarity,
                          tuple(dict.fromkeys(aspect.evidence))[:MAX_EVIDENCE])


def build_consensus(title: str, critics: Sequence[Review], percent: float,
                    aspects: Sequence[Aspect]) -> tuple[str, tuple[ConsensusClaim, ...]]:
    """The consensus sentence and its claims, from critics' reviews and film-level aspects."""
    lead, side = _lead(title, percent)
    majority = [r for r in critics if r.quote and r.verdict is not None
                and (r.verdict == "positive") == (side == "positive")
                and not spoiler_reason(r.quote, title)]
    majority.sort(key=lambda r: -abs((r.p_positive if r.p_positive is not None else 0.5) - 0.5))
    verdict_claim = ConsensusClaim(
        lead, None, side, tuple(Evidence(r.reported_in or r.path, r.quote or "")
                                for r in majority[:MAX_EVIDENCE]))
    n = len(critics)
    praised = _chosen(aspects, "positive", n, 3)
    faulted = _chosen(aspects, "negative", n, 2)
    claims = [verdict_claim]
    for limit_p, limit_f in ((3, 2), (2, 1), (2, 0), (1, 0), (0, 0)):
        p, f = praised[:limit_p], faulted[:limit_f]
        if side == "positive":
            text = lead
            if p:
                text += ", singling out " + _join([_phrase(a) for a in p])
            if f:
                text += ", though some fault " + _join([_phrase(a) for a in f])
        elif side == "mixed":
            text = lead
            if p and f:
                text += f": they admire {_join([_phrase(a) for a in p])} but fault " \
                        f"{_join([_phrase(a) for a in f])}"
            elif p:
                text += f", though most admire {_join([_phrase(a) for a in p])}"
            elif f:
                text += f", and many fault {_join([_phrase(a) for a in f])}"
        else:
            text = lead
            if f:
                text += ", faulting " + _join([_phrase(a) for a in f])
            if p:
                text += (" despite " if f else ", despite ") + _join([_phrase(a) for a in p])
        text += "."
        if len(text.split()) <= MAX_WORDS:
            claims += [_claim(a, "positive") for a in p] + [_claim(a, "negative") for a in f]
            return text, tuple(claims)
    return lead + ".", (verdict_claim,)
