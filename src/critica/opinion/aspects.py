"""Aspects: what a review praises or faults (performances and whose, direction, screenplay,
music, visuals, effects, editing and pacing), each with its polarity and evidence sentences.

A sentence speaks of an aspect when it names it ("the script", "Desplat's score") or names a
person the film's facts tie to it (a cast member's surname is a performance, the director's is
direction). Polarity is read per clause ("fails as a love story, but succeeds in other ways"
faults the story only), from the verdict model's p of the clause, overridden by plain praise
or fault words next to the mention. Plot sentences and spoilers are never evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from critica.opinion.reading import ReadSentence
from critica.records import Aspect, AspectName, Evidence, Polarity
from critica.score.model import load_default

__all__ = ["ASPECT_TERMS", "People", "merge_aspects", "review_aspects"]

ASPECT_TERMS: dict[AspectName, re.Pattern[str]] = {
    "performances": re.compile(
        r"\b(?:performances?|performers?|acting|actors?|actress(?:es)?|cast|casting|portrayal|"
        r"turn as|leading players|leads?|chemistry|ensemble|masterclass|plays the|star(?:s|ring)?)\b",
        re.I),
    "direction": re.compile(
        r"\b(?:direction|directs?|directed|directing|directorial|director|filmmaking|"
        r"filmmakers?|helm\w*|handling|mise[- ]en[- ]sc[eè]ne)\b", re.I),
    "screenplay": re.compile(
        r"\b(?:screenplay|script|scripts|writing|writers?|dialogue|(?<!short-)story|storytelling|"
        r"plot|narrative|characters?|characteri[sz]ations?|love story|romance)\b", re.I),
    "music": re.compile(
        r"\b(?:music|musical|soundtrack|songs?|composer|(?:\w+['’]s |sparse |original |musical )"
        r"score|score (?:is|was|swells))\b", re.I),
    "visuals": re.compile(
        r"\b(?:cinematography|cinematographer|photography|photographed|visuals?|visually|"
        r"imagery|images|camera\w*|lensing|framed|framing|lighting|shot of|long shot|"
        r"looks? (?:gorgeous|beautiful|stunning|great)|colou?r palette)\b", re.I),
    "effects": re.compile(
        r"\b(?:effects|cgi|vfx|computer-generated|make-?up|prosthetics|creature work|"
        r"stunts?)\b", re.I),
    "editing": re.compile(
        r"\b(?:editing|edited|editor|pacing|pace|paced|running time|overlong|too long|drags?|"
        r"sags?|brisk|tempo|length)\b", re.I),
}
_PRAISE = re.compile(
    r"\b(?:masterclass|triumph\w*|brilliant\w*|superb\w*|excellent|terrific|wonderful\w*|"
    r"great|magnetic|astonishing|incredible|nuanced|powerful|moving|compelling|strong|subtle|"
    r"superbly|impressive|spellbinding|brio|winning|gloriously|praised?|praising|admired|"
    r"effective\w*|beautiful\w*|stunning|gorgeous|assured|commanding|dignity|palpable|"
    r"succeeds?|excels?|shines?|tour de force|unsentimental|pleasure|finest|best)\b", re.I)
_FAULT = re.compile(
    r"\b(?:fails?|failed|weak\w*|clumsy|dull|tedious|boring|wooden|stilted|hammy|overdone|"
    r"overwrought|flat|mess\w*|cliche\w*|cliché\w*|contrived|forgettable|unconvincing|"
    r"overlong|drags?|sags?|choppy|awful|worst|bad|poor\w*|lacks?|lacking|false|forgotten|"
    r"exasperating|annoying|uninteresting|too (?:long|slow|much))\b", re.I)
_CLAUSE = re.compile(r"\s*(?:[;:]|,?\s+\b(?:but|yet|although|though|while|whereas|however)\b)\s*",
                     re.I)
# talk about a disc, a site or a field line judges neither the film nor its makers
_NOT_THE_FILM = re.compile(
    r"\b(?:special features|bonus|featurettes?|commentary|deleted scenes|blu-ray|dvd|"
    r"transfer|subtitles|extras|donate|commission)\b|^[A-Z][A-Z ?'’]{2,}:", re.I)


@dataclass(frozen=True)
class People:
    """Names the film's facts tie to aspects: cast to performances, directors to direction ..."""

    by_aspect: dict[AspectName, tuple[str, ...]]

    @classmethod
    def empty(cls) -> People:
        return cls({})

    def mentioned(self, text: str) -> list[tuple[AspectName, str]]:
        found: list[tuple[AspectName, str]] = []
        for aspect, names in self.by_aspect.items():
            for name in names:
                if _mentions(text, name):
                    found.append((aspect, name))
        return found


def _surname(name: str) -> str:
    parts = name.replace(".", " ").split()
    return parts[-1] if parts else name


def _mentions(text: str, name: str) -> bool:
    """Full name or surname (four letters or more), possessives and light misspellings allowed."""
    if re.search(r"\b" + re.escape(name) + r"\b", text):
        return True
    surname = _surname(name)
    if len(surname) < 4:
        return False
    if re.search(r"\b" + re.escape(surname) + r"(?:['’]s?)?\b", text):
        return True
    # "Collitard" for Cotillard, "Schoenarts" for Schoenaerts: same first letter, close spelling
    from difflib import SequenceMatcher

    for word in re.findall(r"\b[A-Z][\w'’-]{3,}", text):
        bare = re.sub(r"['’]s?$", "", word)
        if bare[0] == surname[0] and bare != surname and \
                SequenceMatcher(None, bare.lower(), surname.lower()).ratio() >= 0.8:
            return True
    return False


def _clauses(text: str) -> list[str]:
    parts = [p for p in _CLAUSE.split(text) if p and len(p.split()) >= 2]
    return parts or [text]


def _clause_polarity(clause: str, p: float) -> Polarity:
    praise, fault = bool(_PRAISE.search(clause)), bool(_FAULT.search(clause))
    if praise and not fault:
        return "positive"
    if fault and not praise:
        return "negative"
    if p >= 0.6:
        return "positive"
    return "negative" if p <= 0.4 else "mixed"


def _sentence_mentions(text: str, people: People) -> list[tuple[AspectName, str | None, str]]:
    """(aspect, person, clause) for every aspect a sentence's clauses speak of."""
    out: list[tuple[AspectName, str | None, str]] = []
    for clause in _clauses(text):
        named = people.mentioned(clause)
        seen = {a for a, _ in named}
        out.extend((a, n, clause) for a, n in named)
        for aspect, pattern in ASPECT_TERMS.items():
            if aspect not in seen and pattern.search(clause):
                out.append((aspect, None, clause))
    return out


def review_aspects(path: str, sentences: Sequence[ReadSentence], people: People) -> tuple[Aspect, ...]:
    """One Aspect per (aspect, person) the review speaks of, polarity by majority of mentions."""
    mentions: list[tuple[AspectName, str | None, str, ReadSentence]] = []
    for s in sentences:
        if not s.is_opinion or s.spoiler or _NOT_THE_FILM.search(s.text):
            continue
        mentions.extend((a, n, c, s) for a, n, c in _sentence_mentions(s.text, people))
    if not mentions:
        return ()
    clause_p = load_default().predict_proba([c for _, _, c, _ in mentions])[:, 1]
    grouped: dict[tuple[AspectName, str | None], list[tuple[Polarity, ReadSentence]]] = {}
    for (aspect, person, clause, s), p in zip(mentions, clause_p, strict=True):
        grouped.setdefault((aspect, person), []).append((_clause_polarity(clause, float(p)), s))
    out: list[Aspect] = []
    for (aspect, person), items in grouped.items():
        votes = [pol for pol, _ in items]
        pos, neg = votes.count("positive"), votes.count("negative")
        polarity: Polarity = "positive" if pos > neg else "negative" if neg > pos else "mixed"
        evidence = tuple(dict.fromkeys(Evidence(path, s.text) for _, s in items))
        out.append(Aspect(aspect, polarity, person, evidence, int(polarity == "positive"),
                          int(polarity == "negative"), int(polarity == "mixed")))
    return tuple(out)


def merge_aspects(per_review: Iterable[tuple[Aspect, ...]]) -> tuple[Aspect, ...]:
    """Film level: per (aspect, person), distinct reviews praising, faulting or mixed."""
    merged: dict[tuple[AspectName, str | None], list[Aspect]] = {}
    for aspects in per_review:
        for a in aspects:
            merged.setdefault((a.name, a.person), []).append(a)
    out: list[Aspect] = []
    for (name, person), items in merged.items():
        pos = sum(a.n_positive for a in items)
        neg = sum(a.n_negative for a in items)
        mixed = sum(a.n_mixed for a in items)
        polarity: Polarity = "positive" if pos > neg else "negative" if neg > pos else "mixed"
        evidence = tuple(e for a in items for e in a.evidence)
        out.append(Aspect(name, polarity, person, evidence, pos, neg, mixed))
    out.sort(key=lambda a: (-(a.n_positive + a.n_negative + a.n_mixed), a.name, a.person or ""))
    return tuple(out)
