"""Opinion vs plot and spoiler flags on the labelled set, with peers measured in the same run.

    .venv/bin/python benchmarks/opinion_spoilers.py [--shared ../shared]

Prints Markdown tables for docs/benchmarks.md ("## Consensus, spoilers and opinion").
The set (benchmarks/labels/opinion_spoilers.jsonl): sentences from polarity v2.0 (random, and
after a reviewer's spoiler warning), from the seed corpus, and our own; shared sentences are
stored as references only.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from critica.opinion.labels import LabelledSentence, load_labelled
from critica.opinion.reading import OPINION_THRESHOLD, opinion_probability
from critica.opinion.spoilers import spoiler_reason
from critica.score.model import load_opinion

REPO = Path(__file__).resolve().parents[1]
NAIVE_SPOILER = re.compile(r"\b(?:dies|death|killed|ending|ends|twist|spoiler)\b", re.I)
SAMPLES = {"A": "random review sentences", "B": "after a spoiler warning",
           "C": "after a spoiler warning", "R": "seed corpus", "W": "our own"}


def prf(pred: Sequence[bool], gold: Sequence[bool]) -> tuple[float, float, float, int]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    return precision, recall, acc, sum(gold)


def table(rows: list[LabelledSentence], methods: dict[str, Callable[[list[str]], list[bool]]],
          field: str) -> list[str]:
    out = ["| method | subset | n | positives | precision | recall | accuracy |",
           "|---|---|---|---|---|---|---|"]
    groups = {"all": rows, "shared data only": [r for r in rows if r.source != "own"]}
    for key in sorted({r.sample for r in rows}):
        groups[f"{key}: {SAMPLES.get(key, key)}"] = [r for r in rows if r.sample == key]
    for name, method in methods.items():
        pred_all = method([r.text for r in rows])
        by_text = dict(zip((id(r) for r in rows), pred_all, strict=True))
        for subset, members in groups.items():
            pred = [by_text[id(r)] for r in members]
            p, r, a, pos = prf(pred, [getattr(m, field) for m in members])
            out.append(f"| {name} | {subset} | {len(members)} | {pos} | {p:.3f} | {r:.3f} | {a:.3f} |")
            if name != next(iter(methods)):
                break  # peers: the whole set only
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    rows = load_labelled(REPO / "benchmarks" / "labels" / "opinion_spoilers.jsonl", args.shared)

    def textblob(texts: list[str]) -> list[bool]:
        from textblob import TextBlob

        return [TextBlob(t).sentiment.subjectivity >= 0.5 for t in texts]

    opinion = {
        "critica (opinion model + first-person/judging words)":
            lambda t: [p >= OPINION_THRESHOLD for p in opinion_probability(t)],
        "opinion model alone (p >= 0.5)":
            lambda t: [bool(p >= 0.5) for p in load_opinion().predict_proba(t)[:, 1]],
        "TextBlob subjectivity >= 0.5": textblob,
    }
    spoilers = {
        "critica (spoiler rules)": lambda t: [spoiler_reason(x) is not None for x in t],
        "naive keywords (dies, death, killed, ending, ends, twist, spoiler)":
            lambda t: [bool(NAIVE_SPOILER.search(x)) for x in t],
    }
    print(f"Labelled set: {len(rows)} sentences, {sum(r.opinion for r in rows)} opinion, "
          f"{sum(r.spoiler for r in rows)} spoilers.\n")
    print("Opinion (positive class) vs plot and other:\n")
    print("\n".join(table(rows, opinion, "opinion")))
    print("\nSpoilers:\n")
    print("\n".join(table(rows, spoilers, "spoiler")))


if __name__ == "__main__":
    main()
