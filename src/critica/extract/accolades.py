"""Awards by a general reading of where an award is named and what surrounds it.

``awards.read_awards`` reads fixed phrasings ("nominated for A, B and C, winning one"). This
reader complements it: it finds every award name in a sentence (a known award body, a festival
prize, or any capitalised "... Award"/"... Prize"), then decides the outcome from the words
around that name, nearest first:

    "picked up the AACTA for Best Lead Actress"             -> AACTA won
    "got an Oscar nomination", "BAFTA nominee"              -> nominated
    "the European Film Award ..., which it won"             -> won
    "At the 2017 German Film Awards the film received five nominations ... and won two"
                                                             -> nominated x5, won x2
    "Canadian Screen Award for Best Actress (won)"          -> won
    an "Accolades" table row "BAFTA Awards <tab> Best Film <tab> ... <tab> Nominated"
                                                             -> nominated

Wins and nominations stay apart. A name without an outcome word near it is not an award of
this film ("the Oscars ceremony"), nor is one in a compound about a person or another work
("Oscar-winning director", "whose short X was nominated for an Oscar").
"""

from __future__ import annotations

import re

from critica.extract.awards import award_name
from critica.extract.context import Context
from critica.extract.spans import Span, lines
from critica.records import Award

_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "only": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
}
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|" \
         r"fourteen|fifteen)"
_OPT_AWARD = r"(?:\s+Awards?)?"
# Award bodies and festival prizes that are written without the word "Award".
_BODIES = (
    r"Academy\s+Awards?|Oscars?|BAFTA(?:\s+(?:Cymru|Scotland))?s?" + _OPT_AWARD
    + r"|British\s+Academy(?:\s+Film)?\s+Awards?|Golden\s+Globes?" + _OPT_AWARD
    + r"|C[ée]sars?" + _OPT_AWARD + r"|Goyas?" + _OPT_AWARD + r"|Emmys?" + _OPT_AWARD
    + r"|AACTAs?" + _OPT_AWARD + r"|Annies?\s+Awards?|Independent\s+Spirit" + _OPT_AWARD
    + r"|Gotham" + _OPT_AWARD + r"|Magrittes?" + _OPT_AWARD + r"|David\s+di\s+Donatello"
    + _OPT_AWARD + r"|Ariels?" + _OPT_AWARD + r"|Gaud[ií]s?" + _OPT_AWARD + r"|Genies?"
    + _OPT_AWARD + r"|IFTAs?" + _OPT_AWARD + r"|BIFAs?" + _OPT_AWARD + r"|Razzies?"
    + r"|Saturn" + _OPT_AWARD + r"|Palme\s+d['’]Or|Cam[ée]ra\s+d['’]Or|Queer\s+Palm"
    r"|Teddy" + _OPT_AWARD + r"|(?:Golden|Silver|Crystal|Bronze)\s+(?:Bear|Lion|Shell|Leopard|"
    r"Globe|Hugo|Frog|Alexander|Pyramid|Spike|Dove|Rooster|Horse|Calf|Osella)s?"
    r"|Volpi\s+Cup|Grand\s+Prix|(?:Grand\s+)?Jury\s+Prize|FIPRESCI\s+(?:Prize|Award)"
    r"|Screen\s+Actors\s+Guild" + _OPT_AWARD + r"|SAG\s+Awards?|Grierson" + _OPT_AWARD
)
# Any run of capitalised words ending in Award/Prize/Medal/Trophy ("Canadian Screen Award",
# "Grand Jury award", "SACD prize"): the first word may not be an article or "Best".
_CAP = r"(?:[A-Z][\w'’.&-]*|of|de|du|di)"
_GENERIC = (r"(?!(?:The|A|An|This|That|Its|It|His|Her|Their|Best|Our|Each|Every|No|Any|Won|Wins|"
            r"Winning|Winner|Nominated|Received|Took|Picked|Collected|Earned|Scooped|At|In|For|"
            r"With|And|But|Also|Then|Both)\s)"
            r"[A-Z][\w'’.&-]*(?:\s+" + _CAP + r"){0,4}?\s+(?:Awards?|Prizes?|Medal|Trophy|"
            r"award|prize)")
_NAME = re.compile(r"(?<![\w’'-])(?P<name>" + _BODIES + r"|" + _GENERIC + r")(?![\w-])")
# Words that state the outcome when they come before the award's name.
_CUE = re.compile(
    r"\b(?P<nom>nominated|nominations?|nominee|nod|shortlisted|short-listed|longlisted|"
    r"in\s+the\s+running|up\s+for|contention)\b|"
    r"\b(?P<won>won|wins|win|winning|winner|took(?:\s+home)?|takes|picked\s+up|picks\s+up|"
    r"collected|received|receives|scooped|carried\s+off|bagged|landed|earned|awarded|"
    r"went\s+home\s+with|claimed|nabbed|secured|honou?red\s+with|recipient)\b|"
    r"\b(?P<comp>competed|competing|in\s+competition|vied|vying)\b", re.I)
_NOM_AFTER = re.compile(r"^s?\s*(?:nominations?|nominee|nods?)\b", re.I)
# "..., which it won", "(won)", " – Nominated", "for Best Actress (nominated)".
_AFTER_OUTCOME = re.compile(
    r"^[^.;()]{0,70}?(?:\(\s*(?P<p>won|winner|win|nominated|nominee|nomination)\s*\)|"
    r"\s[–—-]\s*(?P<d>won|winner|nominated|nominee)\b|"
    r",?\s+which\s+(?:it|the\s+film|she|he|they)\s+(?:went\s+on\s+to\s+)?(?P<w>won|took|collected)\b)",
    re.I)
# A compound about a person or another work: "Oscar-winning", "BAFTA winner Jo Bell".
_COMPOUND = re.compile(r"^(?:-|\s+(?:winner|winning|nominee|nominated)\s+[A-Z])", re.I)
# A sentence about another work by the same people.
_OTHER_WORK = re.compile(
    r"\bwhose\s+(?:(?:previous|earlier|last|prior|former|first)\s+)?(?:\w+\s+)?short\b|"
    r"\b(?:previous|earlier|last|prior|former)\s+(?:\w+\s+)?(?:film|feature|short|movie|"
    r"picture|documentary)s?\b", re.I)
_CEREMONY = re.compile(r"\b(?:[Aa]t|[Ii]n|[Ff]rom)\s+the\s+(?:\d{4}\s+|\d{1,3}(?:st|nd|rd|th)\s+)?$")
_N_NOMS = re.compile(r"\b(?P<n>" + _COUNT + r")\s+(?:\w+\s+){0,2}?nominations?\b", re.I)
_N_WON = re.compile(r"\b(?:won|winning|took\s+home|took|picked\s+up)\s+(?P<n>" + _COUNT
                    + r")\b(?!\s+(?:\w+\s+){0,2}?nominations?)", re.I)
_HEADING = re.compile(
    r"^(?:#+\s*)?(?:awards?(?:\s+(?:and|&)\s+(?:nominations|honou?rs|recognition))?|"
    r"accolades|honou?rs|awards?\s+and\s+accolades|recognition)(?:\[edit\])?\s*:?$", re.I)
_RESULT_CELL = re.compile(r"^\W*(?P<r>won|winner|win|nominated|nominee|nomination)\W*$", re.I)
_CELLS = re.compile(r"\s*\t\s*|\s*\|\s*|\s{2,}|\s+[–—]\s+")
_EVENT_CELL = re.compile(r"(?:Awards?|Festival|Prizes?|Circle|Association|Society|Guild|"
                         r"Critics|Globes?|BAFTA|Oscars?)\b")


# Every award name or outcome word holds one of these (a cheap test before the patterns run).
_NEEDLES = ("award", "prize", "oscar", "nominat", "bafta", "palme", "golden", "silver", "crystal",
            "bronze", "aacta", "césar", "cesar", "goya", "emmy", "accolade", "globe", "magritte",
            "annie", "spirit", "gotham", "donatello", "ariel", "gaud", "genie", "ifta", "bifa",
            "razzie", "saturn", "camera", "caméra", "queer palm", "teddy", "volpi", "grand prix",
            "fipresci", "guild", "grierson", "medal", "trophy")


def read_accolades(ctx: Context) -> None:
    done = {(f.evidence.quote, _key(f.value.text)) for f in ctx.facts
            if f.field == "awards" and isinstance(f.value, Award)}
    folded = ctx.text.lower()
    if not any(w in folded for w in _NEEDLES):
        return
    # a sentence about another work by the same people states none of this film's awards
    ctx.facts[:] = [f for f in ctx.facts
                    if f.field != "awards" or not _OTHER_WORK.search(f.evidence.quote)]
    keyed = [kl for kl, _r in ctx.keyed("awards")]
    for kl in keyed:
        for part in re.split(r";", kl.value):
            _read(ctx, part, kl.quote, done)
    for sent in ctx.unkeyed_sentences():
        low = sent.text.lower()
        if any(w in low for w in _NEEDLES):
            _read(ctx, sent.text, sent, done)
    _tables(ctx)


def _key(text: str) -> str:
    return award_name(text).lower()


def _count(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())


def _read(ctx: Context, text: str, quote: Span, done: set[tuple[str, str]]) -> None:
    if _OTHER_WORK.search(text):
        return
    names = [m for m in _NAME.finditer(text) if not _COMPOUND.match(text[m.end():])]
    for m in names:
        name = award_name(m.group("name"))
        if (quote.text.strip(), name.lower()) in done:
            continue
        found = _outcomes(text, m, len(names) == 1)
        if found and len(names) == 1 and all(a.outcome != "nominated" for a in found):
            noms = _N_NOMS.search(text)  # "(the film had four nominations in total)"
            if noms:
                found.append(Award(name, "nominated", _count(noms.group("n"))))
        for award in found:
            ctx.add("awards", Award(name, award.outcome, award.count), quote)
        done.add((quote.text.strip(), name.lower()))


def _outcomes(text: str, m: re.Match[str], only: bool) -> list[Award]:
    """What happened to the award named at ``m``, by the words nearest to it."""
    name = m.group("name")
    before = text[max(0, m.start() - 90): m.start()]
    before = re.split(r"[;:]|\.\s", before)[-1]
    after = text[m.end():]
    # "At the 2017 German Film Awards the film received five nominations ... and won two"
    if _CEREMONY.search(before) or (only and not _cue_before(before) and _N_NOMS.search(text)):
        out: list[Award] = []
        noms = _N_NOMS.search(text)
        if noms:
            out.append(Award(name, "nominated", _count(noms.group("n"))))
        won = _N_WON.search(text)
        if won:
            out.append(Award(name, "won", _count(won.group("n"))))
        if out:
            return out
    if _NOM_AFTER.match(after):  # "two Golden Globe nominations", "an Oscar nomination"
        count = re.search(r"\b(" + _COUNT + r"|an?|only|single)\s+(?:\w+\s+)?$", before, re.I)
        return [Award(name, "nominated", _count(count.group(1)) if count else None)]
    tail = _AFTER_OUTCOME.match(after)
    if tail:
        word = (tail.group("p") or tail.group("d") or tail.group("w")).lower()
        return [Award(name, "nominated" if word.startswith("nomin") else "won")]
    cue = _cue_before(before)
    if cue is None:
        return []
    if cue.group("nom"):
        return [Award(name, "nominated")]
    if cue.group("comp"):
        return [Award(name, "competed")]
    # "received a nomination for ...": the cue word is a win verb but a nomination follows it
    if re.search(r"\bnominations?\b", before[cue.end():], re.I):
        return [Award(name, "nominated")]
    return [Award(name, "won")]


def _cue_before(before: str) -> re.Match[str] | None:
    cues = list(_CUE.finditer(before))
    return cues[-1] if cues else None


def _tables(ctx: Context) -> None:
    """Rows of an awards table or list: an award cell and a result cell ("Won", "Nominated").
    Rows whose award cell is empty (a merged cell) take the award of the row above."""
    spans = lines(ctx.text)
    in_section = False
    gap = 0
    last_award: str | None = None
    for span in spans:
        text = span.text
        if _HEADING.match(text):
            in_section, gap, last_award = True, 0, None
            continue
        cells = [c for c in _CELLS.split(text.strip(" *•-")) if c]
        result = next((c for c in cells if _RESULT_CELL.match(c)), None)
        if result is None:
            if in_section:
                gap += 1
                if gap > 2 and len(text) < 40 and not text.endswith("."):
                    in_section = False  # the next heading
            continue
        if not in_section and len(cells) < 3:
            continue
        gap = 0
        # the event column ("Sundance Film Festival", "Canadian Screen Awards") names the
        # award better than the category column ("Grand Jury Prize")
        award = next((c for c in cells if c is not result and _EVENT_CELL.search(c)
                      and len(c) <= 60), None)
        if award is None:
            award = next((c for c in cells if c is not result and _NAME.fullmatch(c.strip())),
                         None)
        if award is None:
            award = last_award
        if award is None:
            continue
        last_award = award
        word = _RESULT_CELL.match(result).group("r").lower()  # type: ignore[union-attr]
        name = award_name(re.sub(r"^(?:\d{4}\s+|\d+(?:st|nd|rd|th)\s+)", "", award))
        if word.startswith("nomin"):
            ctx.add("awards", Award(name, "nominated"), span)
        else:
            ctx.add("awards", Award(name, "won"), span)
