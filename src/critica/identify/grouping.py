"""cluster(): group documents into films.

1. Titles are matched by key (normalize_title), by small misspellings (keys_match) and by the
   links documents state ("X (French: Y)" makes X and Y one title for every document).
2. A document takes part in every title that carries a good share of its own evidence, so a
   document whose headline is misspelt still joins through its other candidates, while a film
   mentioned in passing (a tiny share) links nothing.
3. Documents sharing a title are merged strongest link first, unless their groups disagree:
   years both known and more than one apart, directors both known and different, or credited
   people both known and disjoint while nothing else (an agreeing year, a shared director)
   says they are one film. That is what keeps two films of the same title (remakes) apart.
4. Groups are then merged once more when they share their main title (or a title linked to
   it as original and translation), or when they share a director or two credited people and a
   title, under the same disagreement rules: a review that names only the cast and a guide
   that names only the director are one film when title and year agree.
5. The year is a vote: years printed with the title or in a credit line and infobox first,
   release-date hints next, the dateline's (publication) year only when nothing else dates it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from critica.identify.document import FIRM_YEAR_ORIGINS
from critica.identify.normalize import (
    FUZZY_MIN_RATIO,
    is_well_formed_title,
    keys_match,
    normalize_title,
    title_case,
)
from critica.identify.people import person_key, share_people
from critica.identify.ranker import load_pile_ranker, rerank_pile
from critica.records import FilmGroup, Identity, TitleCandidate

SIGNIFICANT = 0.25  # share of a document's own evidence a title needs to link it
YEAR_TOLERANCE = 1  # festival year vs release year
LINK_ORIGINS = frozenset({"first_sentence", "first_sentence_original", "first_sentence_aka"})
UNIDENTIFIED = "(unidentified)"
PUBLISHED_ORIGIN = "published_year"
PASSING_WEIGHT = 0.1  # a mention introduced as another work (document.W_PASSING) dates nothing  # the dateline's year: a last resort for the film's year


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        self.add(item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # the smaller key becomes the root so results do not depend on input order
            low, high = sorted((root_a, root_b))
            self.parent[high] = low


def _key_weights(identity: Identity) -> dict[str, float]:
    weights: dict[str, float] = defaultdict(float)
    for candidate in identity.candidates:
        key = normalize_title(candidate.title)
        if key:
            weights[key] += candidate.weight
    return dict(weights)


def _significant_keys(identity: Identity) -> dict[str, float]:
    weights = _key_weights(identity)
    top = max(weights.values(), default=0.0)
    if top <= 0:
        return {}
    return {k: w / top for k, w in weights.items() if w / top >= SIGNIFICANT}


def _title_classes(identities: Sequence[Identity]) -> _UnionFind:
    classes = _UnionFind()
    for identity in identities:
        significant = _significant_keys(identity)
        linked: list[str] = []
        for candidate in identity.candidates:
            key = normalize_title(candidate.title)
            if key not in significant:
                continue
            classes.add(key)
            if candidate.original_title and normalize_title(candidate.original_title):
                classes.union(key, normalize_title(candidate.original_title))
            if candidate.origin in LINK_ORIGINS:
                linked.append(key)
        for key in linked[1:]:
            classes.union(linked[0], key)
        # a near spelling the ranker put below the share ("Rus and Bone" beside "Rust and
        # Bone") still names the same title: kept as a variant, linking nothing by itself
        for key in _key_weights(identity).keys() - significant.keys():
            near = next((k for k in sorted(significant) if keys_match(k, key)), None)
            if near is not None:
                classes.union(near, key)
    keys = sorted(classes.parent)
    if len(keys) > 1:
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO)
        for i, j in zip(*scores.nonzero(), strict=True):
            if i < j and keys_match(keys[i], keys[j]):
                classes.union(keys[i], keys[j])
    return classes


@dataclass
class _Doc:
    index: int
    identity: Identity
    classes: dict[str, float]  # title class -> share of this document's evidence (top = 1)
    top: str | None
    years: Counter[int]
    people: frozenset[str]
    directors: frozenset[str] = frozenset()
    weak_years: Counter[int] = field(default_factory=Counter)  # any year given to the top title


def _doc_view(index: int, identity: Identity, classes: _UnionFind) -> _Doc:
    shares: dict[str, float] = defaultdict(float)
    for key, share in _significant_keys(identity).items():
        shares[classes.find(key)] += share
    top_share = max(shares.values(), default=0.0)
    normalised = {c: s / top_share for c, s in shares.items()} if top_share else {}
    top = min((c for c, s in normalised.items() if s == 1.0), default=None)
    years: Counter[int] = Counter()
    weak_years: Counter[int] = Counter()
    for candidate in identity.candidates:
        if (candidate.year is not None and top
                and classes.find(normalize_title(candidate.title)) == top):
            weak_years[candidate.year] += max(1, round(candidate.weight * 10))
            if candidate.origin in FIRM_YEAR_ORIGINS and candidate.weight > PASSING_WEIGHT:
                years[candidate.year] += max(1, round(candidate.weight * 10))
    people = frozenset(person_key(p) for p in identity.people)
    directors = frozenset(person_key(p) for p in identity.directors)
    return _Doc(index, identity, normalised, top, years, people, directors, weak_years)


@dataclass
class _Group:
    members: list[_Doc]
    classes: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    people: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)
    directors: set[str] = field(default_factory=set)
    weak_years: Counter[int] = field(default_factory=Counter)

    @classmethod
    def of(cls, doc: _Doc) -> _Group:
        group = cls([doc])
        group.classes.update({c: round(s * 1000) for c, s in doc.classes.items()})
        group.years.update(doc.years)
        group.weak_years.update(doc.weak_years)
        group.people.update(doc.people)
        group.directors.update(doc.directors)
        if doc.top:
            group.links.add(doc.top)
        return group

    @property
    def main(self) -> str | None:
        if not self.classes:
            return None
        return min(self.classes, key=lambda c: (-self.classes[c], c))

    @property
    def year(self) -> int | None:
        return _vote(self.years)

    def share(self, title_class: str) -> float:
        top = max(self.classes.values(), default=0)
        return self.classes.get(title_class, 0) / top if top else 0.0

    def absorb(self, other: _Group, via: str) -> None:
        self.members.extend(other.members)
        self.classes.update(other.classes)
        self.years.update(other.years)
        self.weak_years.update(other.weak_years)
        self.people.update(other.people)
        self.directors.update(other.directors)
        self.links.update(other.links | {via})


def _vote(counter: Counter[int]) -> int | None:
    if not counter:
        return None
    return min(counter, key=lambda y: (-counter[y], y))


def _compatible(a: _Group, b: _Group, via: str) -> bool:
    if via not in {a.main, b.main} or min(a.share(via), b.share(via)) < SIGNIFICANT:
        return False
    return _agree(a, b)


def _shared(a: set[str], b: set[str]) -> int:
    """How many people of ``a`` are also in ``b`` (a small misspelling allowed)."""
    if not a or not b:
        return 0
    return sum(1 for x in a if x in b or share_people(frozenset({x}), frozenset(b)))


def _agree(a: _Group, b: _Group) -> bool:
    """Whether two groups may be one film: years within one, the same director when both name
    one, and credited people in common unless an agreeing year or director vouches for them."""
    year_a, year_b = a.year, b.year
    if year_a is not None and year_b is not None and abs(year_a - year_b) > YEAR_TOLERANCE:
        return False
    same_director = _shared(a.directors, b.directors) > 0
    if a.directors and b.directors and not same_director:
        return False  # a remake: same title, another director
    if a.people and b.people and not (a.people & b.people) and not share_people(
            frozenset(a.people), frozenset(b.people)):
        # disjoint credits are a remake's sign unless a director or two known years agree; a
        # page's few "people" are often a neighbour's title or a co-writer the other side never
        # names, so weak years (release hints, the dateline) that agree vouch too
        weak_a, weak_b = _vote(a.weak_years), _vote(b.weak_years)
        return same_director or (year_a is not None and year_b is not None) or (
            weak_a is not None and weak_b is not None and abs(weak_a - weak_b) <= YEAR_TOLERANCE)
    return True


def _merge_groups(groups: list[_Group], classes: _UnionFind) -> list[_Group]:
    """Merge groups that are one film split by the document-level linking (step 4)."""
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(groups):
            for b in groups[i + 1:]:
                if _one_film(a, b):
                    a.absorb(b, a.main or b.main or "")
                    groups.remove(b)
                    merged = True
                    break
            if merged:
                break
    return groups


def _one_film(a: _Group, b: _Group) -> bool:
    if a.main is None or b.main is None:
        return False
    if a.main == b.main:
        return _agree(a, b)
    # a title both groups carry, and credits in common: a director, or two people
    shared_title = b.main in a.classes or a.main in b.classes
    credits = _shared(a.directors, b.directors) > 0 or _shared(a.people, b.people) >= 2
    return shared_title and credits and _agree(a, b)


def _link_documents(docs: list[_Doc]) -> list[_Group]:
    by_class: dict[str, list[_Doc]] = defaultdict(list)
    for doc in docs:
        for title_class in doc.classes:
            by_class[title_class].append(doc)
    pairs: list[tuple[float, str, int, int]] = []
    for title_class, members in by_class.items():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                score = min(a.classes[title_class], b.classes[title_class])
                pairs.append((-score, title_class, a.index, b.index))
    pairs.sort()
    owner: dict[int, _Group] = {doc.index: _Group.of(doc) for doc in docs}
    changed = True
    while changed:  # a merge can make another possible (main titles and years settle)
        changed = False
        for _, title_class, i, j in pairs:
            group_a, group_b = owner[i], owner[j]
            if group_a is group_b or not _compatible(group_a, group_b, title_class):
                continue
            group_a.absorb(group_b, title_class)
            for doc in group_b.members:
                owner[doc.index] = group_a
            changed = True
    unique: dict[int, _Group] = {}
    for group in owner.values():
        unique.setdefault(id(group), group)
    return list(unique.values())


def _group_candidates(group: _Group, classes: _UnionFind) -> list[tuple[_Doc, TitleCandidate]]:
    wanted = group.links | ({group.main} if group.main else set())
    return [
        (doc, c)
        for doc in group.members
        for c in doc.identity.candidates
        if classes.find(normalize_title(c.title)) in wanted
    ]


def _display_title(found: list[tuple[_Doc, TitleCandidate]], original_keys: set[str]) -> str:
    own = [(d, c) for d, c in found if normalize_title(c.title) not in original_keys] or found
    key_weight: Counter[str] = Counter()
    for _, candidate in own:
        key_weight[normalize_title(candidate.title)] += round(candidate.weight * 1000)
    best_key = min(key_weight, key=lambda k: (-key_weight[k], k))
    docs_using: dict[str, set[int]] = defaultdict(set)
    weight_of: Counter[str] = Counter()
    for doc, candidate in own:
        if normalize_title(candidate.title) == best_key:
            docs_using[candidate.title].add(doc.index)
            weight_of[candidate.title] += round(candidate.weight * 1000)
    title = min(
        docs_using,
        key=lambda t: (not is_well_formed_title(t), -len(docs_using[t]), -weight_of[t], t),
    )
    if not is_well_formed_title(title) and (title.isupper() or title.islower()):
        return title_case(title)
    return title


def _straightness(text: str) -> int:
    return sum(text.count(mark) for mark in "’‘“”")


def _original_title(found: list[tuple[_Doc, TitleCandidate]], title: str) -> str | None:
    votes: Counter[str] = Counter()
    for _, candidate in found:
        original = candidate.original_title
        if original and normalize_title(original) != normalize_title(title):
            votes[original] += round(candidate.weight * 1000)
    if not votes:
        return None
    by_key: Counter[str] = Counter()
    for form, weight in votes.items():
        by_key[normalize_title(form)] += weight
    best_key = min(by_key, key=lambda k: (-by_key[k], k))
    forms = [f for f in votes if normalize_title(f) == best_key]
    return min(forms, key=lambda f: (-votes[f], _straightness(f), f))


def _group_year(found: list[tuple[_Doc, TitleCandidate]]) -> int | None:
    firm: Counter[int] = Counter()
    weak: Counter[int] = Counter()
    published: Counter[int] = Counter()
    for _, candidate in found:
        if candidate.year is None:
            continue
        target = (firm if candidate.origin in FIRM_YEAR_ORIGINS
                  and candidate.weight > PASSING_WEIGHT
                  else published if candidate.origin == PUBLISHED_ORIGIN else weak)
        target[candidate.year] += max(1, round(candidate.weight * 10))
    return _vote(firm) or _vote(weak) or _vote(published)


def _film_group(group: _Group, classes: _UnionFind) -> FilmGroup:
    paths = tuple(doc.identity.path for doc in sorted(group.members, key=lambda d: d.index))
    found = _group_candidates(group, classes)
    if not found:
        return FilmGroup(UNIDENTIFIED, None, None, paths)
    original_keys = {normalize_title(c.original_title) for _, c in found if c.original_title}
    title = _display_title(found, original_keys)
    original = _original_title(found, title)
    spellings: Counter[str] = Counter()
    for _, candidate in found:
        spellings[candidate.title] += round(candidate.weight * 1000)
        if candidate.original_title:
            spellings[candidate.original_title] += round(candidate.weight * 1000)
    variants = tuple(sorted(spellings, key=lambda s: (-spellings[s], s)))
    return FilmGroup(title, _group_year(found), original, paths, variants)


def cluster(identities: Sequence[Identity],
            texts: Sequence[str] | None = None) -> tuple[FilmGroup, ...]:
    """Group per-document identities into films, in order of title then year.

    Each document's title keys are first re-weighed with what the rest of the pile proposes
    (ranker.rerank_pile: a runner-up title that other documents rank first gains); with the
    documents' ``texts``, a document that names no film firmly joins the pile's film its text
    talks about (attach_to_pile)."""
    if texts is not None:
        identities = attach_to_pile(identities, texts)
    return cluster_as_ranked(rerank_pile(identities, load_pile_ranker()))


FIRM_TOP = 2.0  # a document's own evidence for its title that makes the title the pile's
WEAK_TOP = 1.0  # below this a document's best title is a guess (a masthead, a quoted show)
W_PILE_MENTION = 1.5  # what naming a pile's firm title is worth to such a document
LIST_ORIGINS = frozenset({"list_entry", "guide_entry"})


def attach_to_pile(identities: Sequence[Identity], texts: Sequence[str]) -> list[Identity]:
    """A document whose own evidence names no film firmly ("THE LAUGH TRACK" over an
    interview that says "If you have watched Long Division since it hit VOD") gains the title
    that other documents of the pile name firmly, when its text mentions that title (not in
    passing) and no other such title."""
    from critica.identify.prose import body_mentions

    tops: list[tuple[str | None, float]] = []
    for identity in identities:
        weights = _key_weights(identity)
        top = min(weights, key=lambda k: (-weights[k], k)) if weights else None
        tops.append((top, weights.get(top, 0.0) if top else 0.0))
    firm_all: dict[str, str] = {}  # key -> the spelling its first firm document used
    firm_docs: dict[str, set[int]] = defaultdict(set)
    for index, (identity, (top, weight)) in enumerate(zip(identities, tops, strict=True)):
        if top is not None and weight >= FIRM_TOP:
            firm_docs[top].add(index)
            if top not in firm_all:
                best = max((c for c in identity.candidates if normalize_title(c.title) == top),
                           key=lambda c: c.weight)
                firm_all[top] = best.title
    if not firm_all:
        return list(identities)
    attached: list[Identity] = []
    for index, (identity, text, (top, weight)) in enumerate(
            zip(identities, texts, tops, strict=True)):
        # the titles other documents name firmly (a document does not vouch for itself)
        firm = {k: t for k, t in firm_all.items() if firm_docs[k] - {index}}
        entries = {normalize_title(c.title): c for c in identity.candidates
                   if c.origin in LIST_ORIGINS}
        listing = len(entries) >= 2 and top not in firm
        if (weight >= WEAK_TOP and not listing) or not isinstance(text, str):
            attached.append(identity)
            continue
        named = []
        for key, title in firm.items():
            if key == top:
                continue
            if listing:
                # a list page shows several films: the one of them the pile is about
                if key in entries:
                    named.append((1, key, entries[key].title))
                continue
            plain, _passing = body_mentions(text, title)
            if plain:
                named.append((plain, key, title))
        if len(named) != 1:
            attached.append(identity)  # nothing, or several of the pile's films: no guess
            continue
        plain, key, title = named[0]
        boost = W_PILE_MENTION + 0.1 * min(plain, 5)
        if listing:
            boost += weight - _key_weights(identity).get(key, 0.0)
        extra = TitleCandidate(title, entries[key].year if key in entries else None,
                               round(boost, 4), "pile_mention")
        attached.append(Identity(identity.path, (*identity.candidates, extra), identity.people,
                                 identity.directors))
    return attached


def cluster_as_ranked(identities: Sequence[Identity]) -> tuple[FilmGroup, ...]:
    """cluster() with each document's candidate weights as they are (no pile re-ranking)."""
    classes = _title_classes(identities)
    docs = [_doc_view(index, identity, classes) for index, identity in enumerate(identities)]
    linked = _merge_groups(_link_documents(docs), classes)
    groups = [_film_group(group, classes) for group in linked]
    return tuple(sorted(
        groups, key=lambda g: (normalize_title(g.title), g.year or 0, g.title, g.paths)
    ))
