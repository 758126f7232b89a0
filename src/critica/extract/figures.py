"""Numbers about a film: runtime, MPAA/BBFC certificate, budget and box office."""

from __future__ import annotations

import re

from critica.extract.context import Context
from critica.extract.money import MoneyMatch, find_money, with_scope
from critica.extract.spans import Span
from critica.records import MpaaRating

# --- runtime ---------------------------------------------------------------------------------

_HM = re.compile(
    r"\b(?P<h>[1-4])\s*(?:hours?|hrs?\.?|h)(?![a-z])\s*"
    r"(?:,?\s*(?:and\s+)?(?P<m>\d{1,2})\s*(?:minutes?|mins?\.?|m)(?![a-z]))?",
    re.I)
_MIN = re.compile(r"\b(?P<m>\d{2,3})(?:\s*|-)(?:minutes?|mins?\.?|m)\b", re.I)
_RUNTIME_PROSE = re.compile(
    r"\b(?:running\s+time|runtime|run\s+time|runs|running|clocks?\s+in\s+at|clocking\s+in\s+at|"
    r"lasts|long|trimmed\s+to|cut\s+to|extended\s+to|version|cut)\b", re.I)


# "At 104 minutes it never outstays its welcome", "at a brisk 84 minutes"
_AT_LENGTH = re.compile(r"\b[Aa]t\s+(?:(?:a|just|barely|only|nearly|almost|over|under)\s+)?(?:[a-z-]+\s+)?$")
# "Cert 12A   96 mins": a capsule's columns, a runtime alone in its cell
_CAPSULE_CELL = re.compile(r"(?:^|\s{3,}|\t)\d{2,3}\s*(?:mins?|minutes)\.?(?:\s{3,}|\t|$)", re.I)


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start: end if end >= 0 else len(text)]


_DIGIT = re.compile(r"\d")


def parse_runtime(text: str) -> int | None:
    """Minutes in "120 minutes", "120 min.", "1 hr. 52 min.", "2h 7m", "112 mins"."""
    hm = _HM.search(text)
    if hm:
        minutes = int(hm.group("h")) * 60 + int(hm.group("m") or 0)
        return minutes if 40 <= minutes <= 600 else None
    m = _MIN.search(text)
    if m:
        minutes = int(m.group("m"))
        return minutes if 40 <= minutes <= 600 else None
    return None


def read_runtime(ctx: Context) -> None:
    for kl, _region in ctx.keyed("runtime_min"):
        # "112 minutes (theatrical cut); 124 minutes (director's cut)": every cut counts
        for part in re.split(r";|\s/\s|,\s+(?=\d)|\bor\b", kl.value):
            minutes = parse_runtime(part)
            if minutes:
                ctx.add("runtime_min", minutes, kl.quote)
    for sent in ctx.sentences:
        text = sent.text
        if not _DIGIT.search(text):
            continue  # both patterns below need a digit (speed only)
        # "1 hr. 52 min." is unmistakably a runtime; a bare "112 minutes" needs a runtime word
        # nearby ("a ten-minute standing ovation" is not one).
        hm = _HM.search(text)
        if hm and hm.group("m"):
            minutes = parse_runtime(hm.group(0))
            if minutes:
                ctx.add("runtime_min", minutes, sent)
                continue
        for m in _MIN.finditer(text):
            window = text[max(0, m.start() - 40): m.end() + 15]
            if _RUNTIME_PROSE.search(window) or re.match(r"\d+-minute\s+(?:film|movie|feature|drama|running|version|cut|theatrical|director)", text[m.start():]) \
                    or _AT_LENGTH.search(text[: m.start()]) or _CAPSULE_CELL.search(_line_of(ctx.text, sent.start), 0):
                minutes = parse_runtime(m.group(0))
                if minutes:
                    ctx.add("runtime_min", minutes, sent)


# --- certificates ------------------------------------------------------------------------------

_MPAA = r"NC-17|PG-13|PG|G|R|NR|Not Rated|Unrated|M|X"
_BBFC = r"12A|12|15|18|R18|U|PG"
_CERT_VALUE = re.compile(
    rf"^\s*(?:MPAA\s*:?\s*)?(?P<code>{_MPAA}|{_BBFC})(?![\w/.\-]|\s*(?:/|out\s+of|stars?))"
    r"\s*(?:\(?\s*(?P<reason>for\s[^)]+?)\s*\)?)?\s*(?:\.|$|\()", )
_RATED_PROSE = re.compile(
    rf"(?:\b[Rr]ated(?:\s+(?:it|the\s+film|the\s+movie))?|\bMPAA\s+(?i:rating)(?:\s+of|:)?|\bcertificate|"
    rf"\brating\s+of)\s+"
    rf"(?P<code>{_MPAA}|12A|15|18)(?![\w/\-]|\s*(?:/|out\s+of|stars?|%))"
    r"(?:\s+(?:by\s+the\s+MPA+\s+)?(?P<reason>for\s[^.()]+))?")


# "carries a 12A certificate for moderate violence and threat"; "Not Rated." alone.
_CERT_BEFORE = re.compile(
    r"\b(?:an?|the)\s+(?P<code>12A|12|15|18|R18|U|PG|PG-13|NC-17|R|AA|A|X|H)\s+(?:certificate|rating|"
    r"classification)(?:\s+(?P<reason>for\s[^.()]+))?")
# "Certificate 12A: contains moderate language", "Cert 12A", "BBFC 15 for strong violence"
_CERT_PROSE = re.compile(
    r"\b(?:[Cc]ertificate|[Cc]ert\.?|BBFC(?:\s+rating)?)\s*:?\s*(?P<code>12A|12|15|18|R18|U|PG|AA|A|X|H)"
    r"(?![\w/-])(?:\s*[:,(–—-]?\s*(?P<reason>(?:contains|for)\s[^.()]+))?")
_UNRATED = re.compile(r"^(?P<code>Not Rated|Unrated)\b")


_NO_RATING = frozenset({"NR", "Not Rated", "Unrated"})


def read_certificates(ctx: Context) -> None:
    # a disc's "Not Rated" / "Unrated" is its edition's (an unrated cut), not the film's rating
    edition = ctx.doc.kind == "dvd_review"
    for kl, _region in ctx.keyed("mpaa_rating"):
        m = _CERT_VALUE.match(kl.value)
        if not m or edition and m.group("code") in _NO_RATING:
            continue
        code = m.group("code")
        board = _board(code, kl.key + " " + (kl.qualifier or ""))
        if board == "BBFC" and kl.key in ("rating", "rated") and code not in ("12A", "15", "18", "R18"):
            continue
        ctx.add("mpaa_rating", MpaaRating(code, _reason(m.group("reason")), board), kl.quote)
    # A page with British cues and no MPAA ones: a bare "rated PG" is the BBFC's.
    text = ctx.text
    british = any(n in text for n in _BRITISH_NEEDLES) and bool(_BRITISH.search(text)) and not (
        any(n in text for n in _AMERICAN_NEEDLES) and _AMERICAN.search(text))
    for sent in ctx.sentences:
        rated = any(n in sent.text for n in _RATED_NEEDLES)
        for m in _RATED_PROSE.finditer(sent.text) if rated else ():
            code = m.group("code")
            if code in ("M", "X", "G") and not re.search(r"\b(?:MPAA|MPA)\b", sent.text):
                continue
            if edition and code in _NO_RATING:
                continue
            board = _board(code, sent.text if not british else sent.text + " British")
            ctx.add("mpaa_rating", MpaaRating(code, _reason(m.group("reason")), board), sent)
        for pattern in (_CERT_BEFORE, _CERT_PROSE):
            if "ert" not in sent.text and "BBFC" not in sent.text and "rating" not in sent.text \
                    and "classification" not in sent.text:
                continue
            for m in pattern.finditer(sent.text):
                code = m.group("code")
                if code in ("A", "X", "H", "AA") and "certificate" not in sent.text.lower():
                    continue
                ctx.add("mpaa_rating", MpaaRating(code, _reason(m.group("reason")),
                                                  _board(code, sent.text + " certificate")), sent)
        unrated = _UNRATED.match(sent.text)
        if unrated and not edition:
            ctx.add("mpaa_rating", MpaaRating("Not Rated"), sent)


_BRITISH = re.compile(r"\bBBFC\b|\bcertificate\b|\bBritish\b|£")
_AMERICAN = re.compile(r"\bMPA{1,2}\b|\bPG-13\b|\bNC-17\b|\bAmerican\b|\bU\.S\.")
# Strings of which every match of the pattern holds one: a text without them skips the scan
# (speed only).
_BRITISH_NEEDLES = ("BBFC", "certificate", "British", "£")
_AMERICAN_NEEDLES = ("MPA", "PG-13", "NC-17", "American", "U.S.")
_RATED_NEEDLES = ("ated", "MPAA", "certificate", "rating")


def _board(code: str, context: str) -> str:
    if re.search(r"\bBBFC\b|\bcertificate\b|\bUK\b|British", context, re.I) and code in (
        "U", "PG", "12", "12A", "15", "18", "R18", "X"):
        return "BBFC"
    if code in ("12", "12A", "15", "18", "R18", "U", "A", "AA", "H"):
        return "BBFC"
    return "MPAA"


def _reason(text: str | None) -> str | None:
    if not text:
        return None
    return text.strip().rstrip(".,;)").strip() or None


# --- money ------------------------------------------------------------------------------------

_BUDGET_WORDS = re.compile(
    r"\bbudget(?:ed)?\b|\bcost\b|\bcosting\b|\bmade\s+(?:it\s+|the\s+film\s+)?for\b|\bshot\s+for\b|\bproduced\b[^.]*?\bfor\s*$|"
    r"\bfinanced\b", re.I)
_GROSS_WORDS = re.compile(
    r"\bgross(?:ed|ing)?\b|\bearn(?:ed|ing)?\b|\btook\s+in\b|\btaking\s+in\b|\bbox[\s-]office\b|"
    r"\bticket\s+sales\b|\bmade\b|\brevenue\b|\bopening\s+weekend\b|\bhaul\b|\btaken\b|"
    r"\btook\b|\btakings\b|\bcrossed\b|\bpassed\b", re.I)
_SCOPE = re.compile(
    r"\b(worldwide|global(?:ly)?|international(?:ly)?|domestic(?:ally)?|overseas|"
    r"North\s+America(?:n)?|in\s+the\s+(?:US|U\.S\.|United\s+States|UK|United\s+Kingdom)|"
    r"in\s+France)\b", re.I)


def read_money(ctx: Context) -> None:
    for fieldname in ("budget", "box_office"):
        for kl, region in ctx.keyed(fieldname):
            for mm in find_money(kl.value):
                scope = _scope_of((kl.qualifier or "") + " " + (region or "") + " " + kl.key)
                if fieldname == "budget":
                    scope = None
                ctx.add(fieldname, with_scope(mm.money, scope), kl.quote)
    for sent in ctx.unkeyed_sentences():  # header lines were read above with their keys
        for mm in find_money(sent.text):
            which = _money_field(sent, mm)
            if which:
                near = None if which == "budget" else _scope_near(sent.text, mm)
                ctx.add(which, with_scope(mm.money, near), sent)


def _money_field(sent: Span, mm: MoneyMatch) -> str | None:
    """Budget or box office by the nearest trigger word (before the amount counts more)."""
    text = sent.text
    best: tuple[int, str] | None = None
    for fieldname, pattern in (("budget", _BUDGET_WORDS), ("box_office", _GROSS_WORDS)):
        for m in pattern.finditer(text):
            if m.end() <= mm.start:
                dist = mm.start - m.end()
            elif m.start() >= mm.end:
                dist = (m.start() - mm.end) * 2
            else:
                continue
            if dist <= 80 and (best is None or dist < best[0]):
                best = (dist, fieldname)
    # "a $4 million film that made $31.5 million": the amount that describes the film is its cost
    if _AMOUNT_FILM.match(text, mm.end):
        return "budget"
    # "produced by X for €15.4 million": the amount a film was made for is its budget.
    if re.search(r"\b(?:produced|made|shot)\b[^.]{0,80}\bfor\s*$", text[: mm.start]):
        return "budget"
    return best[1] if best else None


_AMOUNT_FILM = re.compile(
    r"\s*(?:[a-z-]+\s+)?(?:film|movie|picture|production|feature|drama|thriller|comedy|epic|"
    r"blockbuster|indie)\b")


def _scope_near(text: str, mm: MoneyMatch) -> str | None:
    window = text[max(0, mm.start - 60): mm.end + 60]
    return _scope_of(window)


def _scope_of(text: str) -> str | None:
    m = _SCOPE.search(text)
    if not m:
        return None
    word = m.group(1).lower()
    if word.startswith(("worldwide", "global")):
        return "worldwide"
    if word.startswith(("international", "overseas")):
        return "international"
    if word.startswith("domestic") or "north america" in word or "us" in word.split() \
            or "u.s." in word or "united states" in word:
        return "domestic"
    if "uk" in word.split() or "united kingdom" in word:
        return "United Kingdom"
    if "france" in word:
        return "France"
    return None
