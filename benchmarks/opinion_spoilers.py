"""Opinion vs plot and spoiler flags on the labelled set, with peers measured in the same run.

    .venv/bin/python benchmarks/opinion_spoilers.py [--shared ../shared]

Prints Markdown tables for docs/benchmarks.md ("## Consensus, spoilers and opinion").
The set (benchmarks/labels/opinion_spoilers.jsonl): sentences from polarity v2.0 (random, and
after a reviewer's spoiler warning), from the seed corpus, and our own; shared sentences are
stored as references only.

opinion_v2 reads each sentence with its document (stacked.py): every labelled sentence is
scored inside the document it comes from (a polarity v2.0 review, one sentence a line; a seed
corpus file, split as the pipeline splits it), our own sentences alone. The set is split into
two fixed halves by source document (crc32 of the reference): the head's mix, the neighbour
smoothing, the head's weight for our own sentences and the gate (the n-gram logit from which a
sentence skips the head) were chosen on half 0 only; half 1 is untouched by any choice, and
both are reported.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from critica.opinion.classifier import load_opinion_v2, smooth_runs
from critica.opinion.labels import LabelledSentence, documents_of, load_labelled
from critica.opinion.reading import OPINION_THRESHOLD, opinion_probability
from critica.opinion.spoilers import spoiler_reason
from critica.opinion.stacked import document_logits, embed, load_head
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
SNIPPETS = 5_000  # Rotten Tomatoes snippets for the skipped share (seeded sample)
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


def opinion_variants(docs: list[list[str]], where: list[tuple[int, int]]
                     ) -> dict[str, list[bool]]:
    """opinion_v2 as shipped and its parts, per labelled row, all from one pass."""
    head, sparse = load_head(), load_opinion_v2()
    flat = [s for doc in docs for s in doc]
    lengths = [len(doc) for doc in docs]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    rows = np.array([starts[d] + i for d, i in where])
    z = sparse.decision_function(flat)
    e = head.scale_ * head.decision_function(embed(flat))
    mixed = head.mix * e + (1 - head.mix) * z
    shipped = opinion_probability  # one document at a time, as the pipeline calls it
    p_doc = np.concatenate([np.asarray(shipped(doc), dtype=float) for doc in docs])
    logits = {
        f"critica (opinion_v2 over the document: n-grams + MiniLM head where |n-gram logit| < "
        f"{head.gate:g} + neighbours, p >= 0.5)": p_doc - OPINION_THRESHOLD,
        "the same with the head on every sentence (no gate; shipped before)":
            smooth_runs(mixed, lengths, head.smoothing),
        "opinion_v2 n-grams alone, sentence by sentence (shipped before)": z,
        "opinion_v2 n-grams + neighbours (no head)": smooth_runs(z, lengths, head.smoothing),
        "MiniLM head alone": e,
        "n-grams + MiniLM head, no neighbours": mixed,
    }
    return {name: [bool(v) for v in value[rows] >= 0] for name, value in logits.items()}


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


def read_snippets(shared: Path) -> list[str]:
    """A seeded sample of Rotten Tomatoes review snippets (the batch pipeline's usual rows)."""
    from critica.score.data import read_rt_reviews

    texts = [r.text for r in read_rt_reviews(shared / "data")]
    return random.Random(0).sample(texts, min(SNIPPETS, len(texts)))


def skipped_share(docs: list[list[str]], snippets: list[str]) -> tuple[float, float]:
    """Share of sentences that skip the head: in the labelled set's documents, and in review
    snippets read one at a time (as the batch pipeline reads Rotten Tomatoes rows)."""
    head, sparse = load_head(), load_opinion_v2()
    flat = [s for doc in docs for s in doc]
    return (1 - float(head.needs_head(sparse.decision_function(flat)).mean()),
            1 - float(head.needs_head(sparse.decision_function(snippets)).mean()))


def speed(texts: list[str], repeat: int = 20) -> tuple[float, float, float]:
    """Sentences per second: the n-gram model alone, the whole document reading as shipped, and
    the same with the head on every sentence. Single sentences, read one at a time as the batch
    pipeline reads snippets."""
    model, head = load_opinion_v2(), load_head()
    model.predict_proba(texts[:10])
    opinion_probability(texts[:10])
    batch = texts * repeat
    began = time.perf_counter()
    model.predict_proba(batch)
    n_gram = len(batch) / (time.perf_counter() - began)
    rates = []
    for gate in (head.gate, float("inf")):
        gated = copy.copy(head)
        gated.gate = gate
        began = time.perf_counter()
        for text in texts:
            document_logits([[text]], model, gated)
        rates.append(len(texts) / (time.perf_counter() - began))
    return n_gram, rates[0], rates[1]


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
    labels = REPO / "benchmarks" / "labels" / "opinion_spoilers.jsonl"
    rows = load_labelled(labels, args.shared)

    def textblob(texts: list[str]) -> list[bool]:
        from textblob import TextBlob

        return [TextBlob(t).sentiment.subjectivity >= 0.5 for t in texts]

    docs, where = documents_of(rows, labels, args.shared)
    variants = opinion_variants(docs, where)

    def fixed(pred: list[bool]) -> Callable[[list[str]], list[bool]]:
        def method(texts: list[str]) -> list[bool]:
            assert len(texts) == len(pred), "row-aligned predictions need every labelled row"
            return pred
        return method

    opinion = {name: fixed(pred) for name, pred in variants.items()}
    opinion |= {
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
    print("\nBy fixed half (split by source document; mix, smoothing, the head's own-sentence "
          "weight and the gate chosen on half 0; half 1 untouched):\n")
    print("\n".join(half_table(rows, opinion)))
    in_docs, in_snippets = skipped_share(docs, read_snippets(args.shared))
    print(f"\nSentences that skip the MiniLM head (|n-gram logit| >= {load_head().gate:g}): "
          f"{in_docs:.1%} of the labelled set's document sentences, {in_snippets:.1%} of "
          f"{SNIPPETS:,} Rotten Tomatoes review snippets")
    n_gram, gated, every = speed([r.text for r in rows])
    print(f"\nopinion_v2 speed, sentences read one at a time (one process): n-grams alone "
          f"{n_gram:,.0f} sentences/s; with the gated head {gated:,.0f}/s; with the head on every "
          f"sentence {every:,.0f}/s")
    print("\nSpoilers:\n")
    print("\n".join(table(rows, spoilers, "spoiler")))


if __name__ == "__main__":
    main()
