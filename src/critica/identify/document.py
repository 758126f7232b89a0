"""identify(): which film one document is about, as weighted title candidates.

Weights say how much a place in the document is trusted: an encyclopedia's first sentence or
a headline outweighs any number of body mentions, and a body mention introduced as another
work ("Audiard's last film, A Prophet") counts for a fraction of a plain one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from critica.identify.headlines import list_heading_year, parse_headline, split_page_title
from critica.identify.lead import (
    credit_line_year,
    dateline_year,
    field_titles,
    guide_entries,
    headline_zone,
    is_prose,
    list_entries,
    parse_first_sentence,
    prose_release_year,
    relative_release_year,
    release_year_hint,
    self_year,
    split_lines,
    zone_titles,
)
from critica.identify.normalize import is_title_cased, keys_match, normalize_title
from critica.identify.people import find_directors, find_people, person_key
from critica.identify.prose import (
    body_mentions,
    credited_titles,
    expand_short_title,
    paren_aliases,
    quoted_titles,
    repeated_phrases,
    subject_titles,
    year_titles,
)
from critica.identify.ranker import (
    RANKED_SCALE,
    DocumentContext,
    KeyCandidate,
    TitleRanker,
    group_keys,
    key_features,
    load_ranker,
)
from critica.records import ClassifiedDocument, Identity, Rejection, TitleCandidate

NO_TITLE = "no film title found in the document"
MAX_CANDIDATES = 20

W_FIRST_SENTENCE = 6.0
W_HEADLINE = 5.0
W_PAGE_TITLE = 4.5
W_FIELD = 4.0
W_PROSE_YEAR = 1.0
W_PROSE_ALIAS = 1.0
W_QUOTED = 0.6
W_MENTION = 0.3
W_PASSING = 0.06  # any mention introduced as another work
W_SUBJECT = 1.0  # "X is rated R", "X opens Friday": a sentence only the film's title opens
W_PAREN_ALIAS = 2.0  # "Las brasas de agosto (Embers of August)"
SUBJECT_CAP = 3
W_PHRASE = 0.2
W_RELEASE_YEAR = 0.2
W_CREDIT_YEAR = 0.5  # "United Kingdom 2017" under a capsule's title: the film's own year
W_PUBLISHED_YEAR = 0.05  # the dateline's year: only when nothing else dates the film
W_CREDITED = 1.0  # "Yuki Tamsin's Nightjar": a title a person's possessive credits
UNSUPPORTED_FACTOR = 0.4  # a furniture-shaped line with no support, beside a supported title
MENTION_CAP = 12
UNMENTIONED_LINE_FACTOR = 0.4

# Origins whose year is the film's own (a release-date field may be a later DVD release).
FIRM_YEAR_ORIGINS = frozenset(
    {"first_sentence", "headline", "page_title", "header_line", "title_field", "prose_year",
     "prose_quoted", "expanded_headline", "credit_year", "list_entry", "guide_entry",
     "remake_year"}
)
# Origins that are themselves support for a title: a shape only a film title takes, or the
# title recurring in the body. A loose candidate (a bare capitalised line, "Label: rest")
# without any of them is as likely a masthead, a column's name or a section label.
_SUPPORT_ORIGINS = frozenset(
    {"first_sentence", "first_sentence_original", "first_sentence_aka", "page_title",
     "title_field", "original_title_field", "prose_year", "prose_quoted", "prose_alias",
     "subject_sentence", "credit_possessive", "paren_alias", "paren_alias_original",
     "expanded_headline", "list_entry"}
)


@dataclass
class _Entry:
    title: str
    year: int | None
    weight: float
    origin: str
    original_title: str | None = None


class _Evidence:
    """Accumulates candidates; one entry per (spelling, origin), weights summed."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], _Entry] = {}
        self.loose: set[tuple[str, str]] = set()  # entries only a loose shape gave
        self.firm_headlines: set[tuple[str, str]] = set()  # a review or quoted shape gave

    def add(self, title: str, year: int | None, weight: float, origin: str,
            original_title: str | None = None) -> None:
        title = " ".join(title.split())
        original_title = " ".join(original_title.split()) if original_title else None
        if not normalize_title(title) or weight <= 0:
            return
        entry = self.entries.get((title, origin))
        if entry is None:
            self.entries[(title, origin)] = _Entry(title, year, weight, origin, original_title)
            return
        entry.weight += weight
        entry.year = entry.year if entry.year is not None else year
        entry.original_title = entry.original_title or original_title

    def key_weights(self) -> dict[str, float]:
        weights: dict[str, float] = {}
        for entry in self.entries.values():
            key = normalize_title(entry.title)
            weights[key] = weights.get(key, 0.0) + entry.weight
        return weights

    def strong_titles(self) -> list[str]:
        return sorted({e.title for e in self.entries.values() if not e.origin.startswith("prose")})


def _decay(line_index: int) -> float:
    return max(0.4, 0.9 ** line_index)


def _lead_evidence(doc: ClassifiedDocument, lines: list[str], zone: list[str],
                   people: tuple[str, ...], evidence: _Evidence) -> None:
    first = parse_first_sentence(lines)
    if first is not None:
        evidence.add(first.title, first.year, W_FIRST_SENTENCE, "first_sentence",
                     first.original_title)
        if first.original_title:
            evidence.add(first.original_title, first.year, W_FIRST_SENTENCE * 0.4,
                         "first_sentence_original", first.original_title)
        for alias in first.aliases:
            evidence.add(alias, first.year, W_FIRST_SENTENCE * 0.4, "first_sentence_aka")
    page_title = doc.document.metadata.title
    if page_title:
        part = split_page_title(page_title, doc.document.metadata.site_name)
        headline = parse_headline(part)
        if headline is not None:
            evidence.add(headline.title, headline.year, W_PAGE_TITLE * headline.strength,
                         "page_title")
        elif part and is_title_cased(part) and len(part.split()) <= 10:
            evidence.add(part, None, W_PAGE_TITLE * 0.6, "page_title")
    people_keys = frozenset(p.casefold() for p in people)
    for lead in zone_titles(zone, people_keys, lines):
        evidence.add(lead.title, lead.year, W_HEADLINE * lead.strength * _decay(lead.line_index),
                     lead.origin, lead.original_title)
        key = (" ".join(lead.title.split()), lead.origin)
        if lead.loose:
            evidence.loose.add(key)
        elif lead.origin == "headline":
            evidence.firm_headlines.add(key)
    for entry in list_entries(lines):
        evidence.add(entry.title, entry.year, W_HEADLINE * entry.strength * _decay(min(
            entry.line_index, len(zone))), entry.origin)
    for entry in guide_entries(lines):
        evidence.add(entry.title, entry.year, W_HEADLINE * entry.strength, entry.origin)
    for field in field_titles(lines):
        evidence.add(field.title, field.year, W_FIELD * field.strength, field.origin,
                     field.original_title)


def _subject_evidence(text: str, people: tuple[str, ...], evidence: _Evidence) -> None:
    # the whole text: a short "X is released in cinemas today." sits in the headline zone
    subjects: dict[str, int] = {}
    for mention in subject_titles(text, people):
        subjects[mention.title] = subjects.get(mention.title, 0) + 1
    for title, count in subjects.items():
        evidence.add(title, None, W_SUBJECT * min(count, SUBJECT_CAP), "subject_sentence")


def _prose_evidence(body: str, people: tuple[str, ...], evidence: _Evidence) -> None:
    for mention in quoted_titles(body) + year_titles(body):
        if mention.origin == "prose_alias" and mention.alias_of:
            evidence.add(mention.alias_of, mention.year, W_PROSE_ALIAS, "prose_alias",
                         original_title=mention.title)
            evidence.add(mention.title, mention.year, W_PROSE_ALIAS * 0.5, "prose_alias")
            continue
        base = W_PROSE_YEAR if mention.origin == "prose_year" else W_QUOTED
        evidence.add(mention.title, mention.year, W_PASSING if mention.passing else base,
                     mention.origin)
    for title in evidence.strong_titles():
        plain, passing = body_mentions(body, title)
        weight = W_MENTION * min(plain, MENTION_CAP) + W_PASSING * min(passing, MENTION_CAP)
        evidence.add(title, None, weight, "body_mention")
        entry = evidence.entries.get((title, "header_line"))
        if plain + passing == 0 and entry is not None and not _spells_other(evidence, title):
            # a bare capitalised line never repeated in the body is more often a site name
            entry.weight *= UNMENTIONED_LINE_FACTOR
    known = {e.title for e in evidence.entries.values()} | set(people)
    for phrase, count in repeated_phrases(body, known):
        if normalize_title(phrase) not in evidence.key_weights():
            evidence.add(phrase, None, W_PHRASE * min(count, MENTION_CAP), "prose_phrase")


def _credited_evidence(body: str, people: tuple[str, ...], evidence: _Evidence
                       ) -> list[tuple[str, str]]:
    """Add possessive-credited titles; return (person, title) for each "Y's X"."""
    credited: dict[str, float] = {}
    names: list[tuple[str, str]] = []
    for mention in credited_titles(body, people):
        if mention.credited and not mention.passing:
            names.append((mention.credited, mention.title))
        credited[mention.title] = credited.get(mention.title, 0.0) + (
            W_PASSING if mention.passing else W_CREDITED)
    for title, weight in credited.items():
        evidence.add(title, None, min(weight, SUBJECT_CAP * W_CREDITED), "credit_possessive")
    return names


def _supported_keys(evidence: _Evidence) -> set[str]:
    """Keys with support: a shape only a film title takes, or plain recurrence in the body."""
    supported: set[str] = set()
    for (title, origin), entry in evidence.entries.items():
        firm = (title, origin) in evidence.firm_headlines
        if origin in _SUPPORT_ORIGINS or firm or (origin == "body_mention" and entry.weight > 0.1):
            supported.add(normalize_title(title))
    return supported


def _demote_unsupported(evidence: _Evidence) -> None:
    """A loose line ("Berlin Diary", "Awards Desk") that nothing else supports loses to a
    supported title; when nothing is supported, the weights stay as they are."""
    supported = _supported_keys(evidence)
    if not supported:
        return
    for loose in evidence.loose:
        entry = evidence.entries.get(loose)
        if entry is None:
            continue
        key_ = normalize_title(entry.title)
        # "Rus and Bone" over the text: a misspelling of a supported title shares its support
        if key_ not in supported and not any(keys_match(key_, other) for other in supported):
            entry.weight *= UNSUPPORTED_FACTOR


def _alias_evidence(text: str, evidence: _Evidence) -> None:
    for mention in paren_aliases(text):
        if mention.alias_of is None:
            continue
        weight = W_PASSING if mention.passing else W_PAREN_ALIAS
        evidence.add(mention.alias_of, None, weight, "paren_alias", original_title=mention.title)
        evidence.add(mention.title, None, weight * 0.4, "paren_alias_original",
                     original_title=mention.title)


_SHORT_FORM_ORIGINS = frozenset({"headline", "page_title", "header_line"})


def _prints_title(line: str, title: str) -> bool:
    """Whether a headline line is where ``title`` came from ("'Freight' rolls on", "FREIGHT")."""
    headline = parse_headline(line)
    if headline is not None and headline.title == title:
        return True
    folded = line.casefold().strip()
    return folded == title.casefold() or any(
        f"{q}{title.casefold()}" in folded for q in "'‘“\"")


def _expand_short_forms(lines: list[str], zone: list[str], people: tuple[str, ...],
                        evidence: _Evidence) -> None:
    """A headline's short form ("'Freight' rolls on") counts for the full title of the text."""
    shorts = [e for e in evidence.entries.values()
              if e.origin in _SHORT_FORM_ORIGINS and len(e.title.split()) <= 2]
    if not shorts:
        return  # most headlines print the full title: skip the weighing
    weights = evidence.key_weights()
    best_key = max(sorted(weights), key=lambda k: weights[k])
    for entry in shorts:
        if normalize_title(entry.title) != best_key:
            continue
        # the text without the headline lines that printed the short form
        text = "\n".join(line for index, line in enumerate(lines)
                         if index >= len(zone) or not _prints_title(line, entry.title))
        full = expand_short_title(text, entry.title, people)
        if full is None:
            continue
        evidence.add(full, entry.year, entry.weight, "expanded_headline")
        entry.weight *= 0.2


def _spells_other(evidence: _Evidence, title: str) -> bool:
    """Whether a title is a near spelling of another candidate ("Rus and Bone")."""
    key = normalize_title(title)
    return any(
        other != key and keys_match(other, key) for other in evidence.key_weights()
    )


def _link_original_title(evidence: _Evidence) -> None:
    """An "Original Title:" field that differs from the headline title names the same film."""
    weights = evidence.key_weights()
    best_key = max(sorted(weights), key=lambda k: weights[k])
    for entry in evidence.entries.values():
        if entry.origin != "original_title_field":
            continue
        if normalize_title(entry.title) == best_key:
            entry.original_title = None  # a site printing the English title in that field
            continue
        for other in evidence.entries.values():
            if normalize_title(other.title) == best_key and other.original_title is None:
                other.original_title = entry.title


def _directors(text: str, credited: list[str]) -> tuple[str, ...]:
    """Credited directors, or else the person a possessive credits with the film ("Y's X")."""
    directors = find_directors(text)
    if directors:
        return directors
    names = {person_key(n): n for n in credited if len(n.split()) >= 2}
    return tuple(names.values())[:1] if len(names) == 1 else ()


def _best_entry(evidence: _Evidence) -> _Entry:
    weights = evidence.key_weights()
    best_key = max(sorted(weights), key=lambda k: weights[k])
    return max((e for e in evidence.entries.values() if normalize_title(e.title) == best_key),
               key=lambda e: (e.weight, e.title))


def _to_candidates(evidence: _Evidence) -> tuple[TitleCandidate, ...]:
    entries = sorted(evidence.entries.values(), key=lambda e: (-e.weight, e.title, e.origin))
    candidates = [
        TitleCandidate(e.title, e.year, round(e.weight, 4), e.origin, e.original_title)
        for e in entries[:MAX_CANDIDATES]
    ]
    return tuple(candidates)


def _gather(doc: ClassifiedDocument) -> tuple[_Evidence, list[str], list[str], str,
                                              tuple[str, ...], list[tuple[str, str]]]:
    """Every candidate the rules propose, with rule weights: (evidence, lines, zone, body,
    people, credited (person, title) pairs)."""
    lines = split_lines(doc.text)
    joined = "\n".join(lines)
    people = find_people(joined)
    zone = headline_zone(lines)
    evidence = _Evidence()
    _lead_evidence(doc, lines, zone, people, evidence)
    body = "\n".join(
        line for index, line in enumerate(lines) if index >= len(zone) or is_prose(line)
    )
    _subject_evidence(joined, people, evidence)
    _prose_evidence(body, people, evidence)
    credited = _credited_evidence(body, people, evidence)
    _alias_evidence(joined, evidence)
    if evidence.entries:
        _demote_unsupported(evidence)
        _expand_short_forms(lines, zone, people, evidence)
        _link_original_title(evidence)
    return evidence, lines, zone, body, people, credited


def _ranker_input(evidence: _Evidence, lines: list[str], body: str,
                  people: tuple[str, ...]) -> tuple[list[KeyCandidate], DocumentContext]:
    entries = [(e.title, e.origin, e.weight, (e.title, e.origin) in evidence.loose)
               for e in evidence.entries.values()]
    context = DocumentContext(tuple(lines), body, frozenset(p.casefold() for p in people))
    return group_keys(entries), context


def ranker_input(doc: ClassifiedDocument) -> tuple[list[KeyCandidate], DocumentContext]:
    """The keys the rules propose for a document and what the ranker reads (for training)."""
    evidence, lines, _, body, people, _ = _gather(doc)
    return _ranker_input(evidence, lines, body, people)


def _apply_ranker(evidence: _Evidence, lines: list[str], body: str,
                  people: tuple[str, ...], ranker: TitleRanker | None) -> None:
    """Give each key the ranker's share of the document, split among its entries as the rules
    weighed them (the spelling and origin mix of a key stay what the rules said)."""
    if ranker is None:
        return
    keys, context = _ranker_input(evidence, lines, body, people)
    shares = dict(zip((k.key for k in keys), ranker.shares(key_features(keys, context)),
                      strict=True))
    totals = evidence.key_weights()
    first = max(sorted(shares), key=lambda k: shares[k])
    for entry in evidence.entries.values():
        key = normalize_title(entry.title)
        if totals.get(key, 0.0) > 0:
            ranked = RANKED_SCALE * shares.get(key, 0.0) * entry.weight / totals[key]
            # a runner-up never gains over what the rules gave it: a mention the rules read
            # as another work ("buy Copper Sky (2018) now") stays a passing one
            entry.weight = ranked if key == first else min(ranked, entry.weight)


def _page_year(doc: ClassifiedDocument) -> int | None:
    """The year of an HTML page's own publication date (its metadata), if it has one."""
    published = doc.document.metadata.published
    found = re.match(r"((?:19|20)\d{2})-", published or "")
    return int(found.group(1)) if found else None


# "Odalys Ferrante's remake", "than the 1974 version", "fans of the original": the document's
# film is a newer version of a title; an earlier version's year is not its year.
_REMAKE_CUE = re.compile(
    r"\b(?:this|the|[A-Z][\w-]+['’]s)\s+(?:new\s+)?(?:remake|reboot|re-?imagining)\b|\bremake\s+of\b|"
    r"\b(?:the|its)\s+(?:(?P<year>(?:19|20)\d{2})\s+)?(?:original|version)\b")


def _remake_year(text: str, published: int | None) -> int | None:
    """A remake's review says so and dates itself: the publication year stands for the film's
    (an original's year named in it, "the 1974 version", must be earlier)."""
    if published is None:
        return None
    cues = list(_REMAKE_CUE.finditer(text))
    if not any(m.group("year") or "original" not in m.group(0) for m in cues) or len(cues) < 2:
        return None  # one "the original" is too little ("the original score")
    earlier = [int(m.group("year")) for m in cues if m.group("year")]
    return published if all(y < published - YEAR_GAP for y in earlier) else None


YEAR_GAP = 2  # an original and its remake are further apart than a festival and a release


def identify(doc: ClassifiedDocument) -> Identity | Rejection:
    """Title and year candidates of one document, with the people it credits.

    Returns Rejection(path, "identify", ...) when nothing in the document names a film.
    """
    return identify_with(doc, load_ranker())


def identify_with(doc: ClassifiedDocument, ranker: TitleRanker | None) -> Identity | Rejection:
    """identify() with a given title ranker (None: the rule weights alone), for training."""
    evidence, lines, zone, body, people, credited = _gather(doc)
    if not evidence.entries:
        return Rejection(doc.path, "identify", NO_TITLE)
    _apply_ranker(evidence, lines, body, people, ranker)
    joined = "\n".join(lines)
    hint = (release_year_hint(lines) or prose_release_year(lines) or relative_release_year(lines)
            or self_year(lines))
    published = dateline_year(lines) or _page_year(doc)
    for year, weight, origin in (
            (credit_line_year(lines), W_CREDIT_YEAR, "credit_year"),
            (hint, W_RELEASE_YEAR, "release_date"),
            (next(filter(None, map(list_heading_year, zone)), None), W_RELEASE_YEAR, "list_year"),
            (_remake_year(joined, published), W_CREDIT_YEAR, "remake_year"),
            (published, W_PUBLISHED_YEAR, "published_year")):
        if year is not None:
            best = _best_entry(evidence)
            evidence.add(best.title, year, weight, origin)
    candidates = _to_candidates(evidence)
    # a dispatch covering two films credits both directors: keep the one of this film's title
    best = _best_entry(evidence)
    own = {normalize_title(best.title), normalize_title(best.original_title or best.title)}
    names = [name for name, title in credited if normalize_title(title) in own]
    return Identity(doc.path, candidates, people, _directors(joined, names))
