"""Spoiler flags: sentences that reveal plot developments (deaths, endings, turns, injuries).

Rules, not a model: no labelled spoiler corpus exists to train one, and the cues are few and
plain ("is shot dead", "turns out to be", "in the final scene", "loses her legs"). A cue counts
only in a sentence that reports events: "the ending is weak" judges an ending without
revealing it, while "the film ends with his body on a bonfire" reveals it. Measured on
benchmarks/labels/opinion_spoilers.jsonl by benchmarks/opinion_spoilers.py.
"""

from __future__ import annotations

import re

__all__ = ["SPOILER_CUES", "spoiler_reason"]

SPOILER_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("death", re.compile(
        r"\b(?:dies|died|dying|(?:is|are|was|were|gets?|been)\s+(?:\w+\s+)?(?:killed|murdered|"
        r"shot|executed|slain|drowned|stabbed|beheaded|decapitated)|kills|killed|murders|"
        r"burn(?:s|ed)? to death|shot dead|commits? suicide|suicide|drowns|perish(?:es)?|"
        r"(?:his|her|their) death|the death of|body (?:is )?(?:found|thrown)|survives?|"
        r"survivors? of|lone survivor|nobody survives|one of the dead|takes? him too|"
        r"comes? back to life|back from the dead|rises from the dead|rises and)\b", re.I)),
    ("ending", re.compile(
        r"\b(?:(?:the )?film ends|movie ends|ends (?:with|when|on)|in the (?:final|last|closing) "
        r"(?:scene|shot|reel|act|minutes?)s?\b(?!\s+(?:is|are|was|were)\b)|by the (?:final scene|end)|"
        r"at the end(?: of the (?:film|movie|day))?,? (?:he|she|they|the|we|it|his|her)|"
        r"in the end,? (?:he|she|they|his|her)|last reel|final message|"
        r"(?:relationship|marriage|affair) (?:ends|is over)|it ends|finally (?:marry|marries|"
        r"learns?|kills?|escapes?|gives? way)|at dawn|the morning takes)\b", re.I)),
    ("twist", re.compile(
        r"\b(?:turns? out (?:to|that)|turn out to have|(?:is|was|are|were) revealed|reveals? "
        r"(?:that|himself|herself|to be)|the (?:big )?twist is|secretly|is really (?:working|"
        r"a|an|the)|real agenda|whodunit is|the killer is|is actually|was actually|all along|"
        r"betrays?|double-cross|framed for|mistak(?:es|en) (?:for|him|her))\b", re.I)),
    ("injury", re.compile(
        r"\b(?:accident|amputat\w*|loses? (?:both )?(?:her|his|their) (?:legs?|arms?|sight|"
        r"hands?)|(?:legs?|arms?) are gone|prosthetic|paralys\w+|paralyz\w+|wheelchair|"
        r"falls? through the ice|frozen lake|hospital|bitten|pregnan\w+|fractures?)\b", re.I)),
    ("outcome", re.compile(
        r"\b(?:(?:is|are|gets?) (?:arrested|captured|rescued|caught)|captured|escapes? (?:from|"
        r"to)|reunit\w+|get together|leaves? town|goes back to|(?:is|gets) married|marries|"
        r"unfaithful|lied to|precipitous drop|loses the respect|never gets a chance|"
        r"gives? way|locks? himself|dragged out|comes back for|evolves from)\b", re.I)),
)
# Judging words: a cue in a sentence that only judges ("its ending is still one of the cruellest")
# reveals nothing. A sentence that also narrates (a verb in the present) still counts.
_JUDGEMENT_ONLY = re.compile(
    r"^(?:its|the)\s+(?:ending|finale|climax|final (?:minutes|scene|act))\s+(?:is|are|was|feels)\b",
    re.I)


def spoiler_reason(text: str, title: str | None = None) -> str | None:
    """The kind of plot development the sentence reveals, or None.

    The film's own title is blanked first: "Night of the Living Dead" names no death.
    """
    probe = text
    if title:
        probe = re.sub(re.escape(title), " ", probe, flags=re.I)
    if _JUDGEMENT_ONLY.match(probe.strip()):
        return None
    for reason, pattern in SPOILER_CUES:
        if pattern.search(probe):
            return reason
    return None
