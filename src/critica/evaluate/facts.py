"""Facts and film identity scored against gold.json files (``critica eval facts --gold DIR``).

A gold file is in the format of ../shared/corpus/rust-and-bone/gold.json: one film, its facts
each with the files that state them, and the documents beside it. ``gold_dir`` may hold one
gold.json or several in subfolders; all their documents are analysed in ONE run, so a folder
mixing films must be split into the right films (two films of the same title included).

Scores are per field at the value level: a predicted value is right when it matches any gold
value of its film, a gold value is found when any predicted value matches it (so a duplicate
spelling costs precision, a miss costs recall). The predicted film of a gold film is the one
holding most of its documents. Matching is deliberately independent of critica's own
normalisers (case, diacritics and punctuation folded here, nothing more), so an evaluation
cannot pass because the code under test agrees with itself.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from critica.evaluate.table import EvalRow, EvalTable
from critica.records import (
    Award,
    CastMember,
    DocumentSummary,
    Film,
    Money,
    MpaaRating,
    ReleaseDate,
    Report,
)
from critica.settings import Settings

__all__ = ["FIELDS", "run_facts_eval", "score_report"]

# Scored rows, in table order. cast_character scores (actor, character) pairs.
FIELDS: tuple[str, ...] = (
    "directors", "writers", "producers", "composer", "cast_actor", "cast_character",
    "runtime_min", "mpaa_rating", "rating_reason", "release_dates", "release_events", "budget",
    "box_office", "production_companies", "distributors", "countries", "languages", "based_on",
    "awards", "conflicts",
)
_NAME_FIELDS = ("directors", "writers", "producers", "composer", "production_companies",
                "distributors", "countries", "languages")


def fold(text: object) -> str:
    """Lower case, no diacritics, punctuation as spaces: how gold and predicted text compare."""
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[’'`]", "", plain)
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@dataclass
class _Count:
    gold: int = 0
    predicted: int = 0
    found: int = 0  # gold values matched by some prediction
    right: int = 0  # predictions matching some gold value

    def add(self, other: _Count) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.found += other.found
        self.right += other.right

    def metrics(self) -> dict[str, float]:
        p = self.right / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = self.found / self.gold if self.gold else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f1, "gold": float(self.gold),
                "predicted": float(self.predicted)}


@dataclass
class _FilmResult:
    gold_title: str
    gold_year: int | None
    film: Film | None
    counts: dict[str, _Count] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    extras: dict[str, list[str]] = field(default_factory=dict)


def _compare(name: str, result: _FilmResult, gold: list[Any], predicted: list[Any],
             match: Callable[[Any, Any], bool], show: Callable[[Any], str] = str) -> None:
    count = _Count(len(gold), len(predicted))
    count.found = sum(any(match(p, g) for p in predicted) for g in gold)
    count.right = sum(any(match(p, g) for g in gold) for p in predicted)
    result.counts[name] = count
    missed = [show(g) for g in gold if not any(match(p, g) for p in predicted)]
    extra = [show(p) for p in predicted if not any(match(p, g) for g in gold)]
    if missed:
        result.misses[name] = missed
    if extra:
        result.extras[name] = extra


# --- gold values --------------------------------------------------------------------------------


def _unique(values: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def _gold_event(text: str) -> str:
    low = text.lower()
    if low.startswith("premiere") or low.startswith("festival"):
        return "premiere"
    if low.startswith("home video"):
        return "home_video"
    if "(limited)" in low:
        return "limited"
    if "(wide)" in low:
        return "wide"
    return "theatrical"


def _gold_conflicts(film: dict[str, Any]) -> set[str]:
    found = {c["field"] for c in film.get("conflicts", [])}
    for name in ("runtime_min", "budget"):
        if len({json.dumps(e["value"]) for e in film.get(name, [])}) > 1:
            found.add(name)
    if any(e.get("conflicts_with") for e in film.get("awards", [])):
        found.add("awards")
    return found


# --- matchers -------------------------------------------------------------------------------------


def _same_name(p: str, g: str) -> bool:
    return fold(p) == fold(g)


def _same_character(p: tuple[str, str], g: tuple[str, str]) -> bool:
    if fold(p[0]) != fold(g[0]):
        return False
    pred, gold = fold(p[1]).split(), fold(g[1]).split()
    # "Ali" names "Alain "Ali" van Versch"; "Jonah Teague" names "Captain Jonah Teague".
    return bool(pred) and set(pred) <= set(gold)


def _same_money(p: Money, g: dict[str, Any]) -> bool:
    if "amount" in g and "currency" in g:
        return p.currency == g["currency"] and abs(p.amount - g["amount"]) <= 0.01 * g["amount"]
    return fold(g["value"]).replace(" ", "") in fold(p.text).replace(" ", "")


def _same_rating(p: MpaaRating, g: dict[str, Any]) -> bool:
    return fold(p.value) == fold(g["value"]) and ("board" not in g or p.board == g["board"])


def _same_reason(p: MpaaRating, g: dict[str, Any]) -> bool:
    return _same_rating(p, g) and bool(p.reason) and (
        fold(g["reason"]) in fold(p.reason) or fold(p.reason) in fold(g["reason"]))


def _same_event(p: tuple[str, str | None], g: tuple[str, str]) -> bool:
    if p[0] != g[0]:
        return False
    # a plain "theatrical" in gold is met by a limited or wide release on that date
    return p[1] == g[1] or (g[1] == "theatrical" and p[1] in ("limited", "wide"))


# One name per award however it is written ("Oscar" = "Academy Award"); kept here, apart from
# extraction's own table, so the scorer does not agree with the code under test by construction.
_AWARD_KEYS: tuple[tuple[str, str], ...] = (
    (r"\boscars?\b|\bacademy awards?\b", "academy"),
    (r"\bbaftas?\b|\bbritish academy\b", "bafta"),
    (r"\bgolden globes?\b", "golden globe"),
    (r"\bcesars?\b", "cesar"),
    (r"\bgoyas?\b", "goya"),
    (r"\biftas?\b|\birish film (?:and )?television", "ifta"),
    (r"\bbifas?\b|\bbritish independent film", "bifa"),
    (r"\bscreen actors guild\b|\bsag\b", "sag"),
    (r"\bpalme d ?or\b", "palme d or"),
    (r"\bgolden lion\b", "golden lion"),
    (r"\bgolden bear\b", "golden bear"),
    (r"\bgolden shell\b|\bconcha de oro\b", "golden shell"),
    (r"\bgolden leopard\b", "golden leopard"),
    (r"\bemmys?\b", "emmy"),
    (r"\bnational film registry\b", "national film registry"),
)


def _award_word(text: str) -> str:
    folded = fold(text)
    for pattern, key in _AWARD_KEYS:
        if re.search(pattern, folded):
            return key
    words = [w for w in folded.split() if w not in ("the", "award", "awards", "for", "best")]
    return words[0] if words else ""


def _same_award(p: Award, g: dict[str, Any]) -> bool:
    if "award" in g:
        if p.outcome != g["outcome"] or _award_word(p.text) != _award_word(g["award"]):
            return False
        return g.get("count") is None or p.count is None or p.count == g["count"]
    # Seed gold states awards as prose: the award's name must appear in it, and a win in a
    # line that mentions wins ("nine César nominations, four wins").
    text = fold(g["value"])
    word = _award_word(p.text)
    if not word or (word not in text.split() and word not in text
                    and _award_word(g["value"]) != word):
        return False
    if p.outcome == "none":
        return "none" in text
    if p.outcome == "won":
        return bool(re.search(r"\bwin|\bwon\b", text))
    return True


def _same_source(p: str, g: str) -> bool:
    return fuzz.token_set_ratio(fold(p), fold(g)) >= 80


# --- scoring ------------------------------------------------------------------------------------


def _values(film: Film | None, name: str) -> list[Any]:
    if film is None:
        return []
    return [e.value for e in film.facts.get(name, ())]


def _score_film(result: _FilmResult, gold: dict[str, Any]) -> None:
    film = result.film
    for name in _NAME_FIELDS:
        _compare(name, result, _unique(e["value"] for e in gold.get(name, [])),
                 [str(v) for v in _values(film, name)], _same_name)
    cast = [v for v in _values(film, "cast") if isinstance(v, CastMember)]
    _compare("cast_actor", result, [c["actor"] for c in gold.get("cast", [])],
             [c.actor for c in cast], _same_name)
    _compare("cast_character", result,
             [(c["actor"], c["character"]) for c in gold.get("cast", []) if c.get("character")],
             [(c.actor, c.character) for c in cast if c.character], _same_character)
    _compare("runtime_min", result, _unique(e["value"] for e in gold.get("runtime_min", [])),
             _values(film, "runtime_min"), lambda p, g: p == g)
    ratings = [v for v in _values(film, "mpaa_rating") if isinstance(v, MpaaRating)]
    gold_ratings = _unique({k: e[k] for k in ("value", "board") if k in e}
                           for e in gold.get("mpaa_rating", []))
    _compare("mpaa_rating", result, gold_ratings, ratings, _same_rating,
             lambda v: v.value if isinstance(v, MpaaRating) else str(v.get("value")))
    _compare("rating_reason", result, [e for e in gold.get("mpaa_rating", []) if e.get("reason")],
             [r for r in ratings if r.reason], _same_reason)
    releases = [v for v in _values(film, "release_dates") if isinstance(v, ReleaseDate)]
    _compare("release_dates", result, _unique(e["date"] for e in gold.get("releases", [])),
             _unique(r.date for r in releases), lambda p, g: p == g)
    _compare("release_events", result,
             _unique((e["date"], _gold_event(e["event"])) for e in gold.get("releases", [])),
             _unique((r.date, r.event) for r in releases), _same_event)
    for name, keys in (("budget", ("budget",)),
                       ("box_office", tuple(k for k in gold if k.startswith("box_office")))):
        gold_money = [e for k in keys for e in gold.get(k, [])]
        _compare(name, result, gold_money,
                 [v for v in _values(film, name) if isinstance(v, Money)], _same_money,
                 lambda v: v.text if isinstance(v, Money) else str(v.get("value")))
    _compare("based_on", result, [e["value"] for e in gold.get("based_on", [])],
             [str(v) for v in _values(film, "based_on")], _same_source)
    _compare("awards", result, gold.get("awards", []),
             [v for v in _values(film, "awards") if isinstance(v, Award)], _same_award,
             lambda v: f"{v.text} {v.outcome} {v.count}" if isinstance(v, Award) else v["value"])
    predicted_conflicts = sorted({c.field for c in film.conflicts}) if film else []
    _compare("conflicts", result, sorted(_gold_conflicts(gold)), predicted_conflicts,
             lambda p, g: p == g)


def _load_gold(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    files = [gold_dir] if gold_dir.is_file() else sorted(gold_dir.rglob("gold.json"))
    return [(f.parent, json.loads(f.read_text(encoding="utf-8"))) for f in files]


def _title_right(film: Film | None, gold: dict[str, Any]) -> bool:
    if film is None:
        return False
    names = {fold(gold["title"]), fold(gold.get("original_title") or gold["title"])}
    year_ok = gold.get("year") is None or film.year == gold["year"]
    return fold(film.title) in names and year_ok


# Document metadata rows: gold key -> DocumentSummary attribute. Scored as accuracy over the
# documents whose gold entry has the key (a null there means "nothing names it", so a value
# predicted for it is wrong); a document that was rejected counts as predicting nothing.
_DOC_FIELDS: tuple[tuple[str, str], ...] = (
    ("doc_outlet", "outlet"), ("doc_author", "author"), ("doc_published", "published"),
    ("doc_kind", "kind"),
)


def _document_rows(report: Report, golds: list[tuple[Path, dict[str, Any]]]
                   ) -> tuple[list[EvalRow], list[dict[str, Any]]]:
    summaries: dict[str, DocumentSummary] = {d.path: d for f in report.films for d in f.documents}
    rows: list[EvalRow] = []
    misses: list[dict[str, Any]] = []
    for row_name, key in _DOC_FIELDS:
        right = total = 0
        for folder, gold in golds:
            for entry in gold["documents"]:
                if key not in entry:
                    continue
                path = str(folder / entry["file"])
                summary = summaries.get(path)
                predicted = getattr(summary, key) if summary is not None else None
                expected = entry[key]
                total += 1
                same = (predicted is None and expected is None) or (
                    predicted is not None and expected is not None
                    and fold(predicted) == fold(expected))
                if same:
                    right += 1
                else:
                    misses.append({"path": path, "field": key, "gold": expected,
                                   "predicted": predicted})
        if total:
            rows.append(EvalRow(row_name, False, {
                "accuracy": right / total, "right": float(right), "documents": float(total)}))
    return rows, misses


def score_report(report: Report, golds: list[tuple[Path, dict[str, Any]]],
                 texts: dict[str, str] | None = None, source: str = "") -> EvalTable:
    """Score one analysed report against gold files (folder, parsed gold.json)."""
    film_of: dict[str, Film] = {d.path: f for f in report.films for d in f.documents}
    results: list[_FilmResult] = []
    docs_right = docs_total = films_exact = 0
    for folder, gold in golds:
        paths = {str(folder / d["file"]) for d in gold["documents"]}
        votes: dict[int, int] = {}
        for p in paths:
            if p in film_of:
                votes[id(film_of[p])] = votes.get(id(film_of[p]), 0) + 1
        film = max((f for f in report.films if id(f) in votes), key=lambda f: votes[id(f)],
                   default=None)
        film_gold = gold["film"]
        result = _FilmResult(film_gold["title"], film_gold.get("year"), film)
        _score_film(result, film_gold)
        results.append(result)
        docs_total += len(paths)
        docs_right += sum(_title_right(film_of.get(p), film_gold) for p in paths)
        if film is not None and {d.path for d in film.documents} == paths:
            films_exact += 1
    rows: list[EvalRow] = []
    total = _Count()
    for name in FIELDS:
        count = _Count()
        for r in results:
            if name in r.counts:
                count.add(r.counts[name])
        if count.gold or count.predicted:
            rows.append(EvalRow(name, False, count.metrics()))
            total.add(count)
    rows.append(EvalRow("all fields (micro)", False, total.metrics()))
    rows.append(EvalRow("film identification", False, {
        "accuracy": docs_right / docs_total if docs_total else 0.0,
        "films_exact": films_exact / len(golds) if golds else 0.0,
        "documents": float(docs_total),
    }, note="accuracy: documents put in a film of the gold title and year; "
            "films_exact: gold films whose documents form exactly one predicted film"))
    doc_rows, doc_misses = _document_rows(report, golds)
    rows.extend(doc_rows)
    if texts is not None:
        quotes = [(e.path, e.quote) for f in report.films for entries in f.facts.values()
                  for entry in entries for e in entry.sources]
        exact = sum(q in texts.get(p, "") for p, q in quotes)
        rows.append(EvalRow("quotes exact", False, {
            "accuracy": exact / len(quotes) if quotes else 1.0, "quotes": float(len(quotes))}))
    films = [{
        "gold_title": r.gold_title, "gold_year": r.gold_year,
        "predicted_title": r.film.title if r.film else None,
        "predicted_year": r.film.year if r.film else None,
        "missed": r.misses, "extra": r.extras,
    } for r in results]
    return EvalTable(
        task="facts",
        protocol=(f"facts and film identity against {len(golds)} gold.json file(s), "
                  f"{docs_total} documents analysed in one run{source}"),
        rows=tuple(rows),
        extra={"films": films, "document_misses": doc_misses, "rejected": [
            {"path": r.path, "stage": r.stage, "reason": r.reason} for r in report.rejected]},
    )


def run_facts_eval(gold_dir: Path, settings: Settings | None = None) -> EvalTable:
    """Analyse every document the gold files under ``gold_dir`` list, in one run, and score it."""
    from critica.pipeline import run

    golds = _load_gold(Path(gold_dir))
    paths = [str(folder / d["file"]) for folder, gold in golds for d in gold["documents"]]
    report = run(paths, settings)
    texts = {d.path: d.text for d in report.documents}
    return score_report(report, golds, texts, source=f" ({gold_dir})")
