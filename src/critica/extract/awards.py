"""Awards: nominations, wins, competition slots, and an explicit "None".

    "nominated for a Screen Actors Guild Award, two Golden Globes, ..., and nine César Awards,
     winning four"                   -> nominated x1, x2, ..., César nominated x9 and won x4
    "competed for the Palme d'Or"    -> competed
    "won the Golden Lion"            -> won
    "selected for the National Film Registry"  -> selected
    "AWARDS: None (2 Golden Globe Nominations and 2 BAFTA nominations ...)"
                                     -> none, plus the nominations in the parentheses
"""

from __future__ import annotations

import re

from critica.extract.context import Context
from critica.extract.spans import Span
from critica.records import Award

_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "single": 1,
}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(_NUMBERS) + r")"
_AWARD_NAME = (
    r"(?P<name>Palme\s+d['’]Or|Golden\s+(?:Lion|Bear|Shell|Leopard|Globes?(?:\s+Awards?)?)|"
    r"Grand\s+Prix|Jury\s+Prize|Camera\s+d['’]Or|Academy\s+Awards?|Oscars?|BAFTAs?(?:\s+Awards?)?|"
    r"Goyas?(?:\s+Awards?)?|IFTAs?(?:\s+Awards?)?|BIFAs?(?:\s+Awards?)?|Genies?(?:\s+Awards?)?|"
    r"Emmys?(?:\s+Awards?)?|Gaudís?(?:\s+Awards?)?|Ariels?(?:\s+Awards?)?|Magrittes?(?:\s+Awards?)?|"
    r"(?:[A-Z][\w'’.-]*\s+){0,4}(?:Awards?|Prizes?|Césars?|Cesars?))"
)
_ITEM = re.compile(r"\s*(?:(?:the|" + _COUNT + r")\s+)?" + _AWARD_NAME + r"(?:\s+[Nn]ominations?)?")
_NOMINATED = re.compile(r"\b(?:was|were|been|is|and|also)?\s*nominated\s+for\s+", re.I)
_RECEIVED_NOMS = re.compile(
    r"\b(?:received|earned|garnered|picked\s+up|scored|landed|got)\s+" + _COUNT + r"\s+"
    + _AWARD_NAME + r"\s+nominations?", re.I)
_NOMS_OF = re.compile(r"\b" + _COUNT + r"\s+" + _AWARD_NAME + r"\s+[Nn]ominations?")
_WON = re.compile(
    r"\b(?:won|wins|winning|winner\s+of|received|took\s+home|was\s+awarded|awarded|"
    r"went\s+home\s+with|picked\s+up|collected|carried\s+off)\s+"
    r"(?:the\s+|an?\s+|" + _COUNT + r"\s+)?" + _AWARD_NAME)
_COMPETED = re.compile(
    r"\b(?:competed|competing|in\s+competition|selected\s+to\s+compete|vied)\s+for\s+(?:the\s+)?"
    + _AWARD_NAME)
# Honours without a contest: "selected for preservation in the National Film Registry",
# "inducted into the ... Hall of Fame", "added to the National Film Registry".
_SELECTED = re.compile(
    r"\b(?:selected|chosen|inducted|added|named)\s+(?:for\s+(?:preservation|inclusion)\s+)?"
    r"(?:to|into|in|for)\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,5}(?:Registry|Hall\s+of\s+Fame))\b")
_WINNING_N = re.compile(r"^\s*,?\s*(?:winning|and\s+won|won)\s+(?P<count>\d{1,2}|" + "|".join(_NUMBERS) + r")\b")
_NONE = re.compile(r"^\s*(?:none|no\s+wins?|0\s+wins?|n/a)\b", re.I)
_ALIASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"golden\s+globe", re.I), "Golden Globe Award"),
    (re.compile(r"\bbafta", re.I), "BAFTA Award"),
    (re.compile(r"c[ée]sar", re.I), "César Award"),
    (re.compile(r"\boscar|academy\s+award", re.I), "Academy Award"),
    (re.compile(r"screen\s+actors\s+guild|\bSAG\b", re.I), "Screen Actors Guild Award"),
    (re.compile(r"palme\s+d.or", re.I), "Palme d'Or"),
    (re.compile(r"national\s+film\s+registry", re.I), "National Film Registry"),
    (re.compile(r"\bgoya", re.I), "Goya Award"),
    (re.compile(r"\bifta|irish\s+film\s+(?:and|&)\s+television", re.I), "IFTA Award"),
    (re.compile(r"\bbifa|british\s+independent\s+film", re.I), "British Independent Film Award"),
    (re.compile(r"golden\s+lion", re.I), "Golden Lion"),
    (re.compile(r"golden\s+bear", re.I), "Golden Bear"),
    (re.compile(r"golden\s+shell", re.I), "Golden Shell"),
    (re.compile(r"golden\s+leopard", re.I), "Golden Leopard"),
]
# "took the top prize at San Sebastián": each festival's top prize by its name.
_TOP_PRIZES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"cannes", re.I), "Palme d'Or"),
    (re.compile(r"venice", re.I), "Golden Lion"),
    (re.compile(r"berlin", re.I), "Golden Bear"),
    (re.compile(r"san\s+sebasti[aá]n", re.I), "Golden Shell"),
    (re.compile(r"locarno", re.I), "Golden Leopard"),
    (re.compile(r"karlovy\s+vary", re.I), "Crystal Globe"),
    (re.compile(r"sundance", re.I), "Grand Jury Prize"),
    (re.compile(r"toronto|\btiff\b", re.I), "People's Choice Award"),
]
_TOP_PRIZE = re.compile(
    r"\b(?:took|won|wins|winning|took\s+home|received|scooped|carried\s+off|picked\s+up)\s+(?:the\s+)?"
    r"(?:top|grand|main|highest|best\s+film)\s+(?:prize|award|honou?r)\s+(?:at|in)\s+(?:the\s+)?"
    r"(?:\d{4}\s+)?(?P<fest>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})")
# "IFTA 3 won / 7 nominated", "3 IFTAs from 7 nominations", "6 Goya nominations, winning 2"
_WON_SLASH = re.compile(
    r"\b(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})s?\s*:?\s+(?P<a>\d{1,2})\s+(?P<wa>won|wins|nominated|nominations)"
    r"\s*[/,;]\s*(?P<b>\d{1,2})\s+(?P<wb>won|wins|nominated|nominations)\b")
_FROM_NOMS = re.compile(
    r"\b" + _COUNT.replace("count", "won") + r"\s+" + _AWARD_NAME + r"\s+(?:from|out\s+of)\s+"
    + _COUNT.replace("count", "noms") + r"\s+nominations?")


def award_name(raw: str) -> str:
    """Canonical award name: "two Golden Globes" -> "Golden Globe Award"."""
    for pattern, name in _ALIASES:
        if pattern.search(raw):
            return name
    name = re.sub(r"\s+", " ", raw).strip()
    name = re.sub(r"^(?:the|an?)\s+", "", name, flags=re.I)
    name = re.sub(r"(Award|Prize)s\b", r"\1", name)
    return name


def _count(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())


def read_awards(ctx: Context) -> None:
    for kl, _region in ctx.keyed("awards"):
        if _NONE.match(kl.value):
            ctx.add("awards", Award("None", "none"), kl.quote)
        _nominations(ctx, kl.value, kl.quote)
        for m in _WON.finditer(kl.value):
            ctx.add("awards", Award(award_name(m.group("name")), "won", _count(m.group("count"))), kl.quote)
        _selections(ctx, kl.value, kl.quote)
    for sent in ctx.unkeyed_sentences():
        _sentence(ctx, sent)


def _selections(ctx: Context, text: str, quote: Span) -> None:
    if "Registry" not in text and "Hall" not in text:
        return  # every selection names one of them (speed only)
    for m in _SELECTED.finditer(text):
        ctx.add("awards", Award(award_name(m.group("name")), "selected"), quote)


def _nominations(ctx: Context, text: str, quote: Span) -> None:
    if "omination" not in text:
        return  # "[Nn]ominations?" (speed only)
    for m in _NOMS_OF.finditer(text):
        name = award_name(m.group("name"))
        ctx.add("awards", Award(name, "nominated", _count(m.group("count"))), quote)
        won = _WINNING_N.match(text[m.end():])  # "6 Goya nominations, winning 2"
        if won:
            ctx.add("awards", Award(name, "won", _count(won.group("count"))), quote)


# Words of which every _WON and _COMPETED match holds one (speed only).
_WON_NEEDLES = ("won", "win", "received", "took", "awarded", "went", "picked", "collected",
                "carried")
_COMPETED_NEEDLES = ("compet", "vied")


def _sentence(ctx: Context, sent: Span) -> None:
    text = sent.text
    lowered = ctx.folded(sent)
    for m in _NOMINATED.finditer(text) if "nominated" in lowered else ():
        pos = m.end()
        last: Award | None = None
        while True:
            item = _ITEM.match(text, pos)
            if not item:
                break
            last = Award(award_name(item.group("name")), "nominated", _count(item.group("count")))
            ctx.add("awards", last, sent)
            pos = item.end()
            sep = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", text[pos:])
            if not sep:
                break
            pos += sep.end()
        won = _WINNING_N.match(text[pos:])
        if won and last is not None:
            ctx.add("awards", Award(last.text, "won", _count(won.group("count"))), sent)
    for m in _RECEIVED_NOMS.finditer(text) if "nomination" in lowered else ():
        ctx.add("awards", Award(award_name(m.group("name")), "nominated", _count(m.group("count"))), sent)
    _nominations(ctx, text, sent)
    for m in _WON.finditer(text) if any(n in text for n in _WON_NEEDLES) else ():
        if re.search(r"\bnominations?\b", text[m.end(): m.end() + 15], re.I):
            continue  # "received two Golden Globe nominations" was read above
        ctx.add("awards", Award(award_name(m.group("name")), "won", _count(m.group("count"))), sent)
    folded = text.lower()
    for m in _TOP_PRIZE.finditer(text) if "prize" in folded or "award" in folded else ():
        prize = next((name for pat, name in _TOP_PRIZES if pat.search(m.group("fest"))), None)
        ctx.add("awards", Award(prize or f"{m.group('fest')} top prize", "won"), sent)
    for m in _WON_SLASH.finditer(text) if "won" in folded or "nominat" in folded else ():
        name = award_name(m.group("name"))
        for count, word in ((m.group("a"), m.group("wa")), (m.group("b"), m.group("wb"))):
            if word.startswith("w"):
                ctx.add("awards", Award(name, "won", int(count)), sent)
            else:
                ctx.add("awards", Award(name, "nominated", int(count)), sent)
    for m in _FROM_NOMS.finditer(text) if "nomination" in folded else ():
        name = award_name(m.group("name"))
        ctx.add("awards", Award(name, "won", _count(m.group("won"))), sent)
        ctx.add("awards", Award(name, "nominated", _count(m.group("noms"))), sent)
    for m in _COMPETED.finditer(text) if any(n in text for n in _COMPETED_NEEDLES) else ():
        ctx.add("awards", Award(award_name(m.group("name")), "competed"), sent)
    _selections(ctx, text, sent)
