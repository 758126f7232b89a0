"""Scoring speed of critica's verdict models beside VADER and TextBlob, in one run.

    .venv/bin/python benchmarks/score_speed.py [--data ../shared/data] [--snippets N] [--reviews N]

Each tool runs in a fresh process, so load time and peak resident memory are its own:
- load: import and model load until the first prediction can be made (seconds);
- snippets/s: Rotten Tomatoes critic snippets (rt-critic-reviews, dev split), one call per batch;
- reviews/s: full reviews of about 1,000 words (polarity v2.0 reviews, joined in pairs and cut
  to 1,000 words, sentence starts capitalised), for critica the pipeline's document scoring (sentence split, NBSVM and
  opinion on every sentence, the NBSVM + MiniLM stack on the top sentences);
- peak RSS: the process's maximum resident set size (MB) after all of it.
Prints a Markdown table for docs/benchmarks.md ("## Scoring speed").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"

WORKER = r"""
import json, resource, sys, time
tool, data_dir, n_snip, n_rev = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
from pathlib import Path
from critica.score.data import read_polarity2, read_rt_reviews
snippets = [r.text for r in read_rt_reviews(Path(data_dir))][:n_snip]
docs = [d.text.split() for d in read_polarity2(Path(data_dir))]
import re
# the reviews are lower-cased: capitalise sentence starts so the splitter finds the sentences
upper = lambda m: m.group(1) + m.group(2).upper()
reviews = [re.sub(r"(^|[.!?] )([a-z])", upper, " ".join((docs[i] + docs[i + 1])[:1000]))
           for i in range(0, 2 * n_rev, 2)]
began = time.perf_counter()
if tool == "critica":
    from critica.score.document import score_sentences
    from critica.score.ensemble import load_stacked
    from critica.score.model import load_opinion
    from critica.score.sentences import split_sentences
    stack = load_stacked()
    load_opinion()
    stack.predict_proba(["warm-up"])
    snip = lambda texts: stack.predict_proba(texts)
    review = lambda text: score_sentences(split_sentences(text))
elif tool == "critica-nbsvm":
    from critica.score.document import score_sentences
    from critica.score.model import load_default, load_opinion
    from critica.score.sentences import split_sentences
    model = load_default()
    load_opinion()
    snip = lambda texts: model.predict_proba(texts)
    review = lambda text: score_sentences(split_sentences(text), ensemble=False)
elif tool == "vader":
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    snip = lambda texts: [vader.polarity_scores(t)["compound"] for t in texts]
    review = lambda text: vader.polarity_scores(text)["compound"]
else:
    from textblob import TextBlob
    TextBlob("warm up").sentiment
    snip = lambda texts: [TextBlob(t).sentiment.polarity for t in texts]
    review = lambda text: TextBlob(text).sentiment.polarity
load = time.perf_counter() - began
began = time.perf_counter()
snip(snippets)
snip_rate = len(snippets) / (time.perf_counter() - began)
began = time.perf_counter()
for text in reviews:
    review(text)
review_rate = len(reviews) / (time.perf_counter() - began)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from critica.score.sentences import split_sentences
sentences = sum(len(split_sentences(r)) for r in reviews) / len(reviews)
print(json.dumps({"tool": tool, "sentences": sentences, "load": load, "snippets": snip_rate, "reviews": review_rate,
                  "rss": rss, "words": sum(len(r.split()) for r in reviews) / len(reviews)}))
"""

TOOLS = ("critica", "critica-nbsvm", "vader", "textblob")


def run(tool: str, data: Path, n_snippets: int, n_reviews: int) -> dict[str, float | str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", WORKER, tool, str(data), str(n_snippets),
                           str(n_reviews)], capture_output=True, text=True, env=env, check=True)
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--snippets", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=100)
    args = parser.parse_args()
    rows = [run(tool, args.data, args.snippets, args.reviews) for tool in TOOLS]
    print(f"`{' '.join(['benchmarks/score_speed.py', *sys.argv[1:]])}` on "
          f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{args.snippets} RT snippets, {args.reviews} reviews of "
          f"{float(rows[0]['words']):.0f} words and {float(rows[0]['sentences']):.0f} sentences\n")
    print("| tool | load (s) | snippets/s | reviews/s | peak RSS (MB) |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['tool']} | {float(r['load']):.2f} | {float(r['snippets']):.0f} | "
              f"{float(r['reviews']):.1f} | {float(r['rss']):.0f} |")


if __name__ == "__main__":
    main()
