"""Fit the title ranker on the gold development sets and measure it by leave-one-set-out CV.

    python -m critica.identify.train_ranker [--out PATH] [--sets DIR ...]

Each set is one pile of documents written together (one session's shapes), so a fold holds out
a whole set: the figures say how the ranker does on shapes it was not fitted on. Two figures
per fold: the share of documents whose top-ranked key is the gold title, and the share put in a
film of the gold title and year after the held-out set is clustered as one pile (what
``critica eval facts`` calls film identification accuracy). The rule weights alone are
measured beside them. The final model is fitted on every set; the regularisation strength is
the one with the best CV document accuracy.

The final unseen sets (tests/heldout5, tests/heldout6) are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from critica.identify.ranker import (
    MODEL_PATH,
    PILE_FEATURES,
    KeyCandidate,
    TitleRanker,
    key_features,
    pile_rows,
    rerank_pile,
)
from critica.records import Identity, Rejection

# Development sets with gold.json files (paths from the repository root); never heldout5/6.
TRAINING_SETS = ("tests/heldout", "tests/heldout2", "tests/heldout3", "tests/heldout4",
                 "tests/devshapes", "tests/devident", "examples/corpus")
# (C of the document ranker, its softmax temperature, C of the pile re-ranker or None)
GRID: tuple[tuple[float, float, float | None], ...] = (
    (0.1, 2.0, None), (0.3, 1.0, None), (0.3, 2.0, None), (0.3, 3.0, None), (1.0, 2.0, None),
    (0.3, 2.0, 1.0))
FORBIDDEN = ("heldout5", "heldout6")


@dataclass
class _Doc:
    set_name: str
    path: str
    gold_keys: frozenset[str]  # title and original title
    title_key: str
    gold_year: int | None
    classified: Any
    keys: list[KeyCandidate]
    rows: list[dict[str, float]]

    @property
    def labels(self) -> list[int]:
        """The gold title's key is the answer; the original title's only when the document
        never uses the gold title (a translated title outranks the original, as it is shown)."""
        keys = [k.key for k in self.keys]
        answer = self.title_key if self.title_key in keys else None
        if answer is None:
            answer = next((k for k in keys if k in self.gold_keys), None)
        return [1 if k == answer else 0 for k in keys]


def load_documents(sets: Sequence[str]) -> list[_Doc]:
    """Clean, classify and gather the rule candidates of every document the gold files list."""
    from critica.classify import classify
    from critica.identify.document import ranker_input
    from critica.identify.normalize import normalize_title
    from critica.ingest import ingest
    from critica.pipeline import _clean

    docs: list[_Doc] = []
    for set_name in sets:
        if any(name in set_name for name in FORBIDDEN):
            raise SystemExit(f"{set_name} is a final unseen set: never train on it")
        for gold_path in sorted(Path(set_name).rglob("gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            film = gold["film"]
            keys = frozenset(normalize_title(t) for t in (film["title"], film.get("original_title"))
                             if t)
            for entry in gold["documents"]:
                path = str(gold_path.parent / entry["file"])
                cleaned = _clean(next(iter(ingest([path]))))
                if isinstance(cleaned, Rejection):
                    continue
                classified = classify(cleaned)
                cands, context = ranker_input(classified)
                rows = key_features(cands, context) if cands else []
                docs.append(_Doc(set_name, path, keys, normalize_title(film["title"]),
                                 film.get("year"), classified, cands, rows))
    return docs


def _fit(docs: Sequence[_Doc], c: float, temperature: float = 1.0) -> TitleRanker:
    rows = [r for d in docs for r in d.rows]
    labels = [y for d in docs for y in d.labels]
    return TitleRanker(c, temperature=temperature).fit(rows, labels)


def _identities(docs: Sequence[_Doc], ranker: TitleRanker | None) -> list[Identity]:
    from critica.identify.document import identify_with

    found = (identify_with(doc.classified, ranker) for doc in docs)
    return [identity for identity in found if isinstance(identity, Identity)]


def _pile_examples(docs: Sequence[_Doc], identities: Sequence[Identity]
                   ) -> tuple[list[dict[str, float]], list[int]]:
    by_path = {d.path: d for d in docs}
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for identity, keyed in zip(identities, pile_rows(identities), strict=True):
        gold = by_path[identity.path].gold_keys
        if not any(key in gold for key, _ in keyed):
            continue  # nothing to learn from a document whose title no rule proposed
        for key, row in keyed:
            rows.append(row)
            labels.append(1 if key in gold else 0)
    return rows, labels


def _fit_pile(docs: Sequence[_Doc], c: float, temperature: float, pile_c: float
              ) -> TitleRanker:
    """The pile re-ranker, fitted on out-of-fold document rankings: for each set, the
    document ranker fitted without that set ranks its documents, and the set is one pile."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for held in sorted({d.set_name for d in docs}):
        inner = _fit([d for d in docs if d.set_name != held], c, temperature)
        pile = [d for d in docs if d.set_name == held]
        more_rows, more_labels = _pile_examples(pile, _identities(pile, inner))
        rows += more_rows
        labels += more_labels
    return TitleRanker(pile_c, PILE_FEATURES).fit(rows, labels)


def _scores(docs: Sequence[_Doc], identities: Sequence[Identity]) -> tuple[int, int]:
    """(documents whose top key is gold, documents put in a film of gold title and year)."""
    from critica.identify.attribution import best_candidate
    from critica.identify.grouping import cluster_as_ranked
    from critica.identify.normalize import normalize_title

    by_path = {d.path: d for d in docs}
    tops = [(i, best_candidate(i)) for i in identities]
    top = sum(1 for i, best in tops
              if best is not None and normalize_title(best.title) in by_path[i.path].gold_keys)
    right = 0
    for group in cluster_as_ranked(identities):
        for path in group.paths:
            doc = by_path[path]
            year_ok = doc.gold_year is None or group.year == doc.gold_year
            right += normalize_title(group.title) in doc.gold_keys and year_ok
    return top, right


def cross_validate(docs: Sequence[_Doc], c: float, temperature: float,
                   pile_c: float | None) -> dict[str, Any]:
    """Leave one set out; ``pile_c`` None measures the document ranker alone."""
    sets = sorted({d.set_name for d in docs})
    folds: dict[str, dict[str, float]] = {}
    names = ("docs", "top_model", "pile_model", "top_rules", "pile_rules")
    totals = dict.fromkeys(names, 0)
    for held in sets:
        train = [d for d in docs if d.set_name != held]
        test = [d for d in docs if d.set_name == held]
        ranker = _fit(train, c, temperature)
        identities = _identities(test, ranker)
        if pile_c is not None:
            identities = rerank_pile(identities, _fit_pile(train, c, temperature, pile_c))
        top, pile = _scores(test, identities)
        top_rules, pile_rules = _scores(test, _identities(test, None))
        fold = dict(zip(names, (len(test), top, pile, top_rules, pile_rules), strict=True))
        folds[held] = {k: float(v) for k, v in fold.items()}
        for k, v in fold.items():
            totals[k] += v
    n = totals["docs"] or 1
    return {"c": c, "temperature": temperature, "pile_c": pile_c, "folds": folds,
            "documents": totals["docs"],
            "top_key_accuracy": totals["top_model"] / n,
            "identification_accuracy": totals["pile_model"] / n,
            "top_key_accuracy_rules": totals["top_rules"] / n,
            "identification_accuracy_rules": totals["pile_rules"] / n}


def train(sets: Sequence[str] = TRAINING_SETS, out: Path = MODEL_PATH,
          grid: Sequence[tuple[float, float, float | None]] = GRID,
          enabled: bool = False) -> dict[str, Any]:
    """Choose the settings by leave-one-set-out CV, fit on every set, write the two JSON
    models (document ranker at ``out``, pile re-ranker beside it); return the summary."""
    docs = load_documents(sets)
    results = [cross_validate(docs, c, t, pile_c) for c, t, pile_c in grid]
    # The pile re-ranker is measured, not shipped: other documents' agreement also lifts a
    # film mentioned in passing when that film is in the pile (a director's previous film).
    best = max((r for r in results if r["pile_c"] is None),
               key=lambda r: (r["identification_accuracy"], r["top_key_accuracy"],
                              -abs(r["c"] - 1.0)))
    ranker = _fit(docs, best["c"], best["temperature"])
    cv = {k: v for k, v in best.items() if k != "folds"}
    data = ranker.to_json() | {"enabled": enabled, "trained_on": list(sets), "cv": cv}
    out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    pile_out = out.with_name(out.stem + "_pile.json")
    if best["pile_c"] is not None:
        pile = _fit_pile(docs, best["c"], best["temperature"], best["pile_c"])
        pile_data = pile.to_json() | {"trained_on": list(sets), "cv": cv}
        pile_out.write_text(json.dumps(pile_data, indent=1) + "\n", encoding="utf-8")
    elif pile_out.exists():
        pile_out.unlink()
    return {"grid": [{k: v for k, v in r.items() if k != "folds"} for r in results],
            "chosen": best, "out": str(out),
            "weights": dict(zip(ranker.features_, (round(w, 3) for w in ranker.coef_),
                                strict=True))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m critica.identify.train_ranker",
                                     description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--sets", nargs="+", default=list(TRAINING_SETS))
    parser.add_argument("--enable", action="store_true",
                        help="mark the model enabled (identify() uses it); off by default")
    args = parser.parse_args(argv)
    summary = train(args.sets, args.out, enabled=args.enable)
    json.dump(summary, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
