"""Opinion vs plot and spoiler flags on the labelled set, with peers measured in the same run.

    .venv/bin/python benchmarks/opinion_spoilers.py [--shared ../shared]

Prints Markdown tables for docs/benchmarks.md ("## Consensus, spoilers and opinion").
The set (benchmarks/labels/opinion_spoilers.jsonl): sentences from polarity v2.0 (random, and
after a reviewer's spoiler warning), from the seed corpus, and our own; shared sentences are
stored as references only.

Nothing of the opinion_v2 classifier is tuned on this set (threshold 0.5, the model's own); the
set is still split into two fixed halves by source document (crc32 of the reference) and both
halves are reported, so a later tuning step has a held-out half to report.
"""

from __future__ import annotations

import argparse
import re
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from critica.opinion.classifier import load_opinion_v2
from critica.opinion.labels import LabelledSentence, load_labelled
from critica.opinion.reading import OPINION_THRESHOLD, opinion_probability
from critica.opinion.spoilers import spoiler_reason
from critica.score.model import load_opinion

REPO = Path(__file__).resolve().parents[1]
NAIVE_SPOILER = re.compile(r"\b(?:dies|death|killed|ending|ends|twist|spoiler)\b", re.I)
# The first version's corrections to the opinion model (written while looking at this set):
# kept here as a peer only.
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we'd|you'll|you'd)\b", re.I)
_JUDGING = re.compile(
    r"\b(?:masterclass|masterpiece|triumph\w*|brilliant\w*|superb\w*|excellent|terrific|"
    r"wonderful\w*|great|good|best|worst|bad|awful|dull|tedious|boring|clumsy|overlong|"
    r"stilted|wooden|hammy|overdone|flat|fails?|failed|succeeds?|works|effective\w*|"
    r"impressive|compelling|captivating|stunning|gorgeous|beautiful\w*|powerful|moving|"
    r"devastating|funny|unfunny|mess|junk|cliche\w*|clich\u00e9\w*|formula\w*|predictable|"
    r"recommended|disappointing|forgettable|memorable|strength|weak\w*|slog|drags?|sags?|"
    r"too (?:long|slow|much)|cheap|crude|effective|unsettling|frighten\w*|scary|bleak|"
    r"cruell?est|blueprint|earns?|admirable|intelligent|ambitious|magnetic|palpable|"
    r"showcase|strong|subtle|nuanced|astonishing|incredible|gripping|tender|bruising|"
    r"merciless|nerve|dread|stiff|crude|choppy|dignity|without a trace)\b", re.I)
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


def corrected(texts: list[str]) -> list[bool]:
    """The first version: opinion model p, raised for first-person and judging sentences."""
    out = []
    for text, p in zip(texts, load_opinion().predict_proba(texts)[:, 1], strict=True):
        value = float(p)
        if _FIRST_PERSON.search(text) or _JUDGING.search(text):
            value = max(value, 0.5 + value / 2)
        out.append(value >= 0.5)
    return out


def halves(rows: list[LabelledSentence]) -> list[int]:
    """Fixed half (0 or 1) per row, by source document; our own sentences by blocks of six."""
    return [zlib.crc32((r.source if r.source != "own" else f"own{i // 6}").encode()) % 2
            for i, r in enumerate(rows)]


def half_table(rows: list[LabelledSentence],
               methods: dict[str, Callable[[list[str]], list[bool]]]) -> list[str]:
    split = halves(rows)
    out = ["| method | half 0 (n) | half 0 accuracy | half 1 (n) | half 1 accuracy |",
           "|---|---|---|---|---|"]
    for name, method in methods.items():
        pred = method([r.text for r in rows])
        cells = []
        for h in (0, 1):
            idx = [i for i, s in enumerate(split) if s == h]
            acc = sum(pred[i] == rows[i].opinion for i in idx) / len(idx)
            cells += [str(len(idx)), f"{acc:.3f}"]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return out


def speed(texts: list[str], repeat: int = 20) -> float:
    """Sentences per second of opinion_v2 alone (model loaded, features + dot product)."""
    model = load_opinion_v2()
    model.predict_proba(texts[:10])
    batch = texts * repeat
    began = time.perf_counter()
    model.predict_proba(batch)
    return len(batch) / (time.perf_counter() - began)


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
        "critica (opinion_v2, p >= 0.5)":
            lambda t: [p >= OPINION_THRESHOLD for p in opinion_probability(t)],
        "previous critica (opinion model + first-person/judging words)": corrected,
        "first opinion model alone (p >= 0.5)":
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
    print("\nBy fixed half (split by source document; nothing tuned on either):\n")
    print("\n".join(half_table(rows, opinion)))
    print(f"\nopinion_v2 speed: {speed([r.text for r in rows]):,.0f} sentences/s "
          "(features and dot product, one process)")
    print("\nSpoilers:\n")
    print("\n".join(table(rows, spoilers, "spoiler")))


if __name__ == "__main__":
    main()
