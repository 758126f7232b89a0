"""A learned ranking of one document's title candidates (which title is the document about).

The rules of document.py propose candidates and say where each came from; this module turns
each proposed title (by matching key) into general features (which sources proposed it, where
it first appears, how often the body repeats it, its shape) and scores them with a logistic
regression fitted on the gold development sets (``python -m critica.identify.train_ranker``).
A document's keys share its evidence by a softmax of their scores, so a misspelt headline
that stays second still carries enough weight to link the document to its film.

The weights are a small JSON file (models/title_ranker.json), read once per process. Without
it (a trimmed install) the rule weights are used as they are.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from critica.identify.lead import is_masthead
from critica.identify.normalize import is_title_cased, keys_match, normalize_title, word_set
from critica.identify.prose import body_mentions
from critica.records import Identity

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "title_ranker.json"
PILE_MODEL_PATH = MODEL_PATH.with_name("title_ranker_pile.json")

# Which family of rule each origin belongs to: the model learns one weight per family.
SOURCE_OF: dict[str, str] = {
    "first_sentence": "lead_sentence",
    "first_sentence_original": "lead_alias",
    "first_sentence_aka": "lead_alias",
    "headline": "headline",
    "expanded_headline": "headline",
    "page_title": "page_title",
    "header_line": "header_line",
    "title_field": "field",
    "original_title_field": "field_original",
    "list_entry": "list_entry",
    "prose_year": "year_paren",
    "prose_quoted": "quoted",
    "prose_alias": "alias",
    "paren_alias": "alias",
    "paren_alias_original": "alias",
    "subject_sentence": "subject",
    "credit_possessive": "credited",
    "prose_phrase": "phrase",
}
SOURCES = tuple(sorted(set(SOURCE_OF.values())))

_MASTHEAD_LIKE = re.compile(r"\b(?:review|reviews|news|blog|magazine|times|daily|weekly|"
                            r"digest|online|\.com|film club|cinema)\b", re.I)
_REVIEW_CUE = re.compile(r"\breview(?:s|ed)?\b", re.I)
_CREDIT_CUE = re.compile(r"\b(?:directed\s+by|director|dir\.|written\s+by|starring|film\s+by)\b",
                         re.I)
_FURNITURE_WORDS = word_set(
    "home menu search reviews review features news film films movies movie blog about contact "
    "share comments reply subscribe login related posts more next previous archive archives "
    "categories category tags latest popular trending videos podcast interviews lists "
    "newsletter advertisement sponsored culture arts entertainment opinion")


@dataclass(frozen=True)
class KeyCandidate:
    """All a document's rules said about one title key: its spellings and summed rule weights."""

    key: str
    title: str  # the spelling with most rule weight
    rule_weight: float
    origins: dict[str, float] = field(default_factory=dict)  # origin -> summed rule weight
    loose: bool = False  # only loose, furniture-like shapes proposed it in the headline zone


@dataclass(frozen=True)
class DocumentContext:
    """The parts of a document the features read."""

    lines: tuple[str, ...]
    body: str
    people: frozenset[str]  # case-folded names the document credits


def _first_line(lines: Sequence[str], title: str) -> int | None:
    needle = title.casefold()
    for index, line in enumerate(lines):
        if needle in line.casefold():
            return index
    return None


def _feature_row(cand: KeyCandidate, top_rule: float, ctx: DocumentContext,
                 joined: str, keys: Sequence[str]) -> dict[str, float]:
    row: dict[str, float] = {}
    sources = {SOURCE_OF[o] for o in cand.origins if o in SOURCE_OF}
    for source in SOURCES:
        row[f"src_{source}"] = 1.0 if source in sources else 0.0
    row["n_sources"] = math.log1p(len(sources))
    row["rule_share"] = cand.rule_weight / top_rule if top_rule > 0 else 0.0
    # a mention the rules read as another work ("her last film, X") sits orders below
    row["log_rule_share"] = math.log(max(row["rule_share"], 1e-3)) / math.log(1e3)
    row["loose_only"] = 1.0 if cand.loose else 0.0
    title = cand.title
    plain, passing = body_mentions(ctx.body, title)
    row["body_plain"] = math.log1p(min(plain, 20))
    row["body_passing"] = math.log1p(min(passing, 20))
    row["body_none"] = 1.0 if plain + passing == 0 else 0.0
    row["only_passing"] = 1.0 if passing and not plain else 0.0
    first = _first_line(ctx.lines, title)
    row["absent_in_text"] = 1.0 if first is None else 0.0
    row["first_line"] = math.log1p(first) / math.log(60) if first is not None else 1.0
    escaped = re.escape(title)
    row["quoted"] = 1.0 if re.search(rf"[\"'‘“«]{escaped}[\"'’”»]", joined, re.I) else 0.0
    row["year_after"] = 1.0 if re.search(rf"{escaped}\s*[\(\[,]\s*(?:19|20)\d\d", joined,
                                          re.I) else 0.0
    line = ctx.lines[first] if first is not None else ""
    row["review_on_line"] = 1.0 if _REVIEW_CUE.search(line.replace(title, " ")) else 0.0
    start = joined.casefold().find(title.casefold())
    window = joined[max(0, start - 100):start + len(title) + 100] if start >= 0 else ""
    row["credit_near"] = 1.0 if _CREDIT_CUE.search(window) else 0.0
    words = title.split()
    row["n_words"] = math.log(len(words))
    row["one_word"] = 1.0 if len(words) == 1 else 0.0
    row["long_title"] = 1.0 if len(words) >= 7 else 0.0
    letters = [ch for ch in title if ch.isalpha()]
    row["all_caps"] = 1.0 if len(letters) > 3 and all(ch.isupper() for ch in letters) else 0.0
    row["title_cased"] = 1.0 if is_title_cased(title) else 0.0
    row["lower_start"] = 1.0 if title[:1].islower() else 0.0
    row["has_digit"] = 1.0 if any(ch.isdigit() for ch in title) else 0.0
    row["punctuated"] = 1.0 if re.search(r"[.!?,;]\s|[|»>]", title) else 0.0
    folded = [w.strip(".,:;!?|()'\"").lower() for w in words]
    row["furniture_words"] = sum(w in _FURNITURE_WORDS for w in folded) / len(words)
    row["masthead"] = 1.0 if is_masthead(title) or _MASTHEAD_LIKE.search(title) else 0.0
    row["is_person"] = 1.0 if title.casefold() in ctx.people else 0.0
    row["near_spelling"] = 1.0 if any(
        k != cand.key and keys_match(k, cand.key) for k in keys) else 0.0
    # "Harbour Lights at SXSW" beside "Harbour Lights", "Kestrel" beside "Red Kestrel Road"
    padded = f" {cand.key} "
    row["extends_other"] = 1.0 if any(
        k != cand.key and f" {k} " in padded for k in keys) else 0.0
    row["part_of_other"] = 1.0 if any(
        k != cand.key and padded in f" {k} " for k in keys) else 0.0
    return row


def key_features(cands: Sequence[KeyCandidate], ctx: DocumentContext) -> list[dict[str, float]]:
    """One feature row per key, in the order given."""
    top_rule = max((c.rule_weight for c in cands), default=0.0)
    joined = "\n".join(ctx.lines)
    keys = [c.key for c in cands]
    return [_feature_row(c, top_rule, ctx, joined, keys) for c in cands]


class TitleRanker:
    """Logistic regression over key features (estimator contract: fit returns self, learned
    attributes end in ``_``). Features are standardised with the training means and scales."""

    def __init__(self, c: float = 1.0, features: Sequence[str] | None = None,
                 temperature: float = 1.0) -> None:
        self.c = c
        self.features = tuple(features) if features is not None else None
        self.temperature = temperature  # > 1 keeps a runner-up key's share (pile linking)

    def fit(self, rows: Sequence[dict[str, float]], labels: Sequence[int]) -> TitleRanker:
        from sklearn.linear_model import LogisticRegression  # training only

        names = self.features or tuple(sorted(rows[0]))
        matrix = [[r[n] for n in names] for r in rows]
        count = len(matrix)
        means = [sum(col) / count for col in zip(*matrix, strict=True)]
        scales = [math.sqrt(sum((v - m) ** 2 for v in col) / count) or 1.0
                  for col, m in zip(zip(*matrix, strict=True), means, strict=True)]
        scaled = [[(v - m) / s for v, m, s in zip(row, means, scales, strict=True)]
                  for row in matrix]
        model = LogisticRegression(C=self.c, max_iter=2000, class_weight="balanced")
        model.fit(scaled, list(labels))
        self.features_ = names
        self.means_ = means
        self.scales_ = scales
        self.coef_ = [float(v) for v in model.coef_[0]]
        self.intercept_ = float(model.intercept_[0])
        return self

    def decision(self, row: dict[str, float]) -> float:
        return self.intercept_ + sum(
            w * (row.get(n, 0.0) - m) / s
            for n, w, m, s in zip(self.features_, self.coef_, self.means_, self.scales_,
                                  strict=True))

    def shares(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """Softmax of the scores over one document's keys: each key's share of the document."""
        scores = [self.decision(r) / self.temperature for r in rows]
        top = max(scores, default=0.0)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def to_json(self) -> dict[str, object]:
        return {"model": "title_ranker", "version": 1, "c": self.c,
                "temperature": self.temperature,
                "features": list(self.features_), "coef": self.coef_,
                "intercept": self.intercept_, "means": self.means_, "scales": self.scales_}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> TitleRanker:
        features = [str(f) for f in data["features"]]  # type: ignore[attr-defined]
        ranker = cls(float(data["c"]), features,  # type: ignore[arg-type]
                     float(data.get("temperature", 1.0)))  # type: ignore[arg-type]
        ranker.features_ = tuple(features)
        ranker.coef_ = [float(v) for v in data["coef"]]  # type: ignore[attr-defined]
        ranker.intercept_ = float(data["intercept"])  # type: ignore[arg-type]
        ranker.means_ = [float(v) for v in data["means"]]  # type: ignore[attr-defined]
        ranker.scales_ = [float(v) for v in data["scales"]]  # type: ignore[attr-defined]
        return ranker


@cache
def load_ranker(path: Path = MODEL_PATH) -> TitleRanker | None:
    """The shipped ranker, read once per process; None when the file is missing or its
    "enabled" flag is off (then identification is the rule weights alone)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return TitleRanker.from_json(data) if data.get("enabled", True) else None


def group_keys(entries: Sequence[tuple[str, str, float, bool]]) -> list[KeyCandidate]:
    """(title, origin, rule weight, loose) entries -> one KeyCandidate per matching key."""
    by_key: dict[str, list[tuple[str, str, float, bool]]] = {}
    for entry in entries:
        key = normalize_title(entry[0])
        if key:
            by_key.setdefault(key, []).append(entry)
    found: list[KeyCandidate] = []
    for key in sorted(by_key):
        group = by_key[key]
        spelling: dict[str, float] = {}
        origins: dict[str, float] = {}
        for title, origin, weight, _ in group:
            spelling[title] = spelling.get(title, 0.0) + weight
            origins[origin] = origins.get(origin, 0.0) + weight
        title = max(sorted(spelling), key=lambda t: spelling[t])
        sourced = [e for e in group if e[1] != "body_mention"]
        loose = bool(sourced) and all(e[3] for e in sourced)
        found.append(KeyCandidate(key, title, sum(spelling.values()), origins, loose))
    return found


# --- the pile: what the other documents say ---------------------------------------------------

PILE_FEATURES = ("log_share", "agree_top")
AGREE_CAP = 4
RANKED_SCALE = 6.0  # a document's whole evidence after ranking: a first sentence's weight


def _key_totals(identity: Identity) -> dict[str, float]:
    totals: dict[str, float] = {}
    for candidate in identity.candidates:
        key = normalize_title(candidate.title)
        if key:
            totals[key] = totals.get(key, 0.0) + candidate.weight
    return totals


def pile_rows(identities: Sequence[Identity]) -> list[list[tuple[str, dict[str, float]]]]:
    """Per document, (key, features) of each key: its share of the document's evidence and how
    many other documents of the pile rank it first."""
    totals = [_key_totals(identity) for identity in identities]
    tops = [min(t, key=lambda k: (-t[k], k)) if t else None for t in totals]
    top_count: dict[str, int] = {}
    for top in tops:
        if top is not None:
            top_count[top] = top_count.get(top, 0) + 1
    found: list[list[tuple[str, dict[str, float]]]] = []
    for top, keys in zip(tops, totals, strict=True):
        whole = sum(keys.values()) or 1.0
        rows: list[tuple[str, dict[str, float]]] = []
        for key, weight in sorted(keys.items()):
            # counts capped: a pile of hundreds must not take the features past what the
            # development piles (a few documents per film) showed
            # (how many documents merely propose a key was measured too and left out: a
            # site's masthead is proposed by every page of that site)
            others_top = min(top_count.get(key, 0) - (key == top), AGREE_CAP)
            rows.append((key, {
                "log_share": math.log(max(weight / whole, 1e-4)),
                "agree_top": math.log1p(others_top),
            }))
        found.append(rows)
    return found


def rerank_pile(identities: Sequence[Identity], ranker: TitleRanker | None
                ) -> list[Identity]:
    """Each document's keys re-weighed with what the rest of the pile proposes."""
    if ranker is None or len(identities) < 2:
        return list(identities)
    reranked: list[Identity] = []
    for identity, rows in zip(identities, pile_rows(identities), strict=True):
        if not rows:
            reranked.append(identity)
            continue
        shares = dict(zip((k for k, _ in rows), ranker.shares([r for _, r in rows]),
                          strict=True))
        totals = _key_totals(identity)
        candidates = tuple(
            replace(c, weight=round(RANKED_SCALE * shares[key] * c.weight / totals[key], 4))
            if (key := normalize_title(c.title)) and totals.get(key, 0.0) > 0 else c
            for c in identity.candidates)
        reranked.append(replace(identity, candidates=candidates))
    return reranked


@cache
def load_pile_ranker(path: Path = PILE_MODEL_PATH) -> TitleRanker | None:
    """The shipped pile re-ranker, read once per process; None when the file is missing."""
    if not path.exists():
        return None
    return TitleRanker.from_json(json.loads(path.read_text(encoding="utf-8")))
