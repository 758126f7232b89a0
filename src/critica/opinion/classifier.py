"""Opinion vs plot, second version: n-grams plus style tokens, trained on wider data.

The first opinion model (score/model.py, ``opinion``) learnt review snippets against synopsis
sentences only, so anything that is neither - credits, ratings lines, site notices, plot retold
in a critic's own voice - fell to whichever side its words happened to lean. This one keeps the
same cheap linear form and widens what it learns from:

* opinion: MR snippets and Rotten Tomatoes review snippets;
* not opinion: Rotten Tomatoes synopsis sentences, credit and release lines built from the
  films' own metadata (director, writer, rating, runtime, studio, dates), and review furniture
  lines of polarity v2.0 picked by generic cues (``starring :``, ``rated :``, ``review by``,
  spoiler warnings, web addresses) when they carry no evaluative word;
* both: sentences we wrote ourselves for the kinds that are neither snippet nor synopsis
  (spoiler warnings, notices to the reader, anecdotes, facts, plot with loaded adjectives;
  opinions without sentiment words), opinion/training/own_sentences.jsonl, weighted per row by
  a weight chosen with grouped cross-validation on the training pool (never the labelled set);
* then self-training on whole polarity v2.0 reviews (never the documents of the labelled set):
  sentences scored by the model, each score smoothed with its neighbours (plot and opinion come
  in runs, Pang & Lee 2004), and the surest 30% plot / 40% opinion added as labels, twice.

Features are hashed word 1-2 grams plus style tokens: VADER-lexicon evaluative words by sign and
strength, first and second person, modal verbs, film-craft nouns, past-tense forms, numbers and a
length bin; rows are L2-normalised and a class-balanced logistic regression is fitted.

Files (no pickle): ``opinion_v2.npz`` (sparse weights), ``opinion_v2.json`` (parameters,
intercept, training counts).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from critica.errors import ModelError
from critica.score.model import MODELS_DIR, read_sparse_model

if TYPE_CHECKING:
    from critica.score.train import Metric

__all__ = ["OPINION_V2_NAME", "OpinionClassifier", "load_opinion_v2", "train_opinion"]

OPINION_V2_NAME = "opinion_v2"
FORMAT_VERSION = 1
LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "labels" / "opinion_spoilers.jsonl"
SEED = 0

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[!?\"():;*]")
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc`\u00b4]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FIRST = _words("i me my mine myself i'm i've i'd i'll we us our we're we've")
_SECOND = _words("you your you're you'll you'd you've yourself")
_MODAL = _words("would could should might must may ought wouldn't couldn't shouldn't")
_CRAFT = _words(
    "film movie picture performance performances script screenplay director directed acting "
    "cast plot story character characters scene scenes dialogue audience viewer viewers flick "
    "sequel genre cinema cinematic comedy thriller drama actor actress role ending")
_PAST = re.compile(r"[a-z]{3,}ed$")


@lru_cache(maxsize=1)
def evaluative_lexicon() -> dict[str, float]:
    """VADER's word valences (-4..4), read from the installed vaderSentiment package."""
    try:
        import vaderSentiment
    except ImportError as exc:
        raise ModelError("the opinion model reads VADER's lexicon: pip install vaderSentiment"
                         ) from exc
    path = Path(os.path.dirname(vaderSentiment.__file__)) / "vader_lexicon.txt"
    lexicon: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                lexicon[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return lexicon


def analyse(text: str) -> list[str]:
    """Words, word pairs and style tokens of a sentence (the hashed features)."""
    lexicon = evaluative_lexicon()
    words = _TOKEN.findall(_APOSTROPHES.sub("'", text.lower()))
    style: list[str] = []
    for word in words:
        valence = lexicon.get(word)
        if valence is not None:  # how strongly a word judges, not which word it is
            style.append("_ev" + ("p" if valence > 0 else "n") + ("2" if abs(valence) >= 2 else "1"))
        if word in _FIRST:
            style.append("_first")
        elif word in _SECOND:
            style.append("_second")
        elif word in _MODAL:
            style.append("_modal")
        elif word in _CRAFT:
            style.append("_craft")
        elif _PAST.match(word):
            style.append("_past")
        elif word.isdigit():
            style.append("_num")
    style.append(f"_len{min(len(words) // 5, 8)}")
    return words + style + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))


def smooth_runs(z: np.ndarray, lengths: Sequence[int], weight: float) -> np.ndarray:
    """Each value mixed with its neighbours' inside its document (ends repeat themselves)."""
    out = np.empty_like(z)
    start = 0
    for n in lengths:
        part = z[start:start + n]
        if n:
            pad = np.concatenate([[part[0]], part, [part[-1]]])
            out[start:start + n] = (1 - 2 * weight) * part + weight * (pad[:-2] + pad[2:])
        start += n
    return out


class OpinionClassifier:
    """p(opinion) of a sentence: the critic's judgement rather than plot, credits or notices.

    Parameters are stored as given; learned attributes end in ``_``. ``fit`` takes labelled
    opinions and non-opinions and, optionally, unlabelled documents (lists of sentences in
    order) for self-training.
    """

    def __init__(self, n_features: int = 2**19, C: float = 1.0, rounds: int = 2,
                 plot_share: float = 0.3, opinion_share: float = 0.4,
                 smoothing: float = 0.25, random_state: int = SEED) -> None:
        self.n_features = n_features
        self.C = C
        self.rounds = rounds
        self.plot_share = plot_share
        self.opinion_share = opinion_share
        self.smoothing = smoothing
        self.random_state = random_state

    def _features(self, texts: Sequence[str]) -> sp.csr_matrix:
        vectorizer = HashingVectorizer(n_features=self.n_features, analyzer=analyse,
                                       alternate_sign=False, binary=True, norm=None,
                                       dtype=np.float32)
        X = sp.csr_matrix(vectorizer.transform([t if isinstance(t, str) else "" for t in texts]))
        norms = np.sqrt(np.asarray(X.sum(axis=1)).ravel()) + 1e-9  # binary: sum = squared norm
        # each row scaled in place (a diagonal matrix product converts X across its millions of
        # hashed columns on every call, which made this the slowest step of reading a snippet)
        X.data *= np.repeat((1 / norms).astype(np.float32), np.diff(X.indptr))
        return X

    def _fit_linear(self, X: sp.csr_matrix, y: np.ndarray,
                    weights: np.ndarray | None = None) -> tuple[np.ndarray, float]:
        from sklearn.linear_model import LogisticRegression  # training only

        clf = LogisticRegression(C=self.C, solver="liblinear", class_weight="balanced",
                                 max_iter=2000, random_state=self.random_state)
        clf.fit(X, y, sample_weight=weights)
        return clf.coef_.ravel().astype(np.float32), float(clf.intercept_[0])

    def fit(self, opinions: Sequence[str], others: Sequence[str],
            documents: Sequence[Sequence[str]] = (),
            progress: Callable[[str], None] | None = None,
            weights: Sequence[float] | None = None) -> Self:
        """``weights``, when given, has one value per text of ``opinions + others``
        (pseudo-labels from ``documents`` weigh 1)."""
        say = progress or (lambda message: None)
        if not opinions or not others:
            raise ModelError("fit needs both opinion and non-opinion texts")
        X0 = self._features(list(opinions) + list(others))
        y0 = np.array([1] * len(opinions) + [0] * len(others))
        w0 = np.ones(len(y0)) if weights is None else np.asarray(weights, dtype=float)
        if len(w0) != len(y0):
            raise ModelError(f"fit got {len(w0)} weights for {len(y0)} texts")
        self.coef_, self.intercept_ = self._fit_linear(X0, y0, w0)
        self.n_pseudo_ = (0, 0)
        flat = [s for doc in documents for s in doc]
        if flat and self.rounds:
            Xd = self._features(flat)
            lengths = [len(doc) for doc in documents]
            for k in range(self.rounds):
                say(f"opinion_v2 self-training round {k + 1}/{self.rounds}")
                z = smooth_runs(np.asarray(Xd @ self.coef_ + self.intercept_), lengths,
                                self.smoothing)
                low, high = np.quantile(z, [self.plot_share, 1 - self.opinion_share])
                plot, opinion = z <= low, z >= high
                X = sp.vstack([X0, Xd[opinion], Xd[plot]]).tocsr()
                y = np.concatenate([y0, np.ones(int(opinion.sum())), np.zeros(int(plot.sum()))])
                w = np.concatenate([w0, np.ones(int(opinion.sum() + plot.sum()))])
                self.coef_, self.intercept_ = self._fit_linear(X, y, w)
                self.n_pseudo_ = (int(opinion.sum()), int(plot.sum()))
        self.n_train_ = (len(opinions), len(others))
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise ModelError("OpinionClassifier is not fitted: call fit() or load() first")

    def decision_function(self, texts: Sequence[str]) -> np.ndarray:
        self._check_fitted()
        if not texts:
            return np.zeros(0)
        return np.asarray(self._features(texts) @ self.coef_ + self.intercept_, dtype=float)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Shape (n, 2): columns [not opinion, opinion]."""
        p = _sigmoid(self.decision_function(texts))
        return np.column_stack([1.0 - p, p])

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: Path, name: str = OPINION_V2_NAME,
             extra: dict[str, Any] | None = None) -> list[Path]:
        self._check_fitted()
        directory.mkdir(parents=True, exist_ok=True)
        nz = np.flatnonzero(self.coef_)
        weights = directory / f"{name}.npz"
        np.savez_compressed(weights, indices=nz.astype(np.int32), values=self.coef_[nz])
        meta = {
            "format_version": FORMAT_VERSION, "class": type(self).__name__,
            "params": {"n_features": self.n_features, "C": self.C, "rounds": self.rounds,
                       "plot_share": self.plot_share, "opinion_share": self.opinion_share,
                       "smoothing": self.smoothing, "random_state": self.random_state},
            "features": "sklearn HashingVectorizer (murmurhash3_32) over classifier.analyse: "
                        "words, word pairs, VADER-lexicon and style tokens; rows L2-normalised",
            "lexicon_words": len(evaluative_lexicon()),
            "intercept": self.intercept_,
            "n_train": {"opinion": self.n_train_[0], "other": self.n_train_[1],
                        "pseudo_opinion": self.n_pseudo_[0], "pseudo_other": self.n_pseudo_[1]},
            **(extra or {}),
        }
        config = directory / f"{name}.json"
        config.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return [weights, config]

    @classmethod
    def load(cls, directory: Path = MODELS_DIR, name: str = OPINION_V2_NAME) -> OpinionClassifier:
        meta, indices, values = read_sparse_model(directory, name, FORMAT_VERSION)
        if meta.get("lexicon_words") != len(evaluative_lexicon()):
            raise ModelError(f"model {name!r} was trained with another VADER lexicon "
                             f"({meta.get('lexicon_words')} words): retrain with `critica train`")
        model = cls(**meta["params"])
        coef = np.zeros(model.n_features, dtype=np.float32)
        coef[indices] = values
        model.coef_, model.intercept_ = coef, float(meta["intercept"])
        counts = meta["n_train"]
        model.n_train_ = (int(counts["opinion"]), int(counts["other"]))
        model.n_pseudo_ = (int(counts["pseudo_opinion"]), int(counts["pseudo_other"]))
        return model


@lru_cache(maxsize=2)
def load_opinion_v2(directory: Path = MODELS_DIR) -> OpinionClassifier:
    """The shipped opinion-vs-plot classifier (loaded once; offline, no pickle)."""
    return OpinionClassifier.load(directory, OPINION_V2_NAME)


# -- training data --------------------------------------------------------------------------
_FURNITURE = re.compile(
    r"^\W*(?:starring|cast|director|directed by|written by|screenplay|produced by|producer|"
    r"rated|rating|mpaa|running time|runtime|review by|reviewed by|copyright|e-mail|email|"
    r"visit|website|music by|cinematography|\(c\))\b"
    r"|\bspoilers?\b|https?:|www\.|\.com\b|\.org\b|all rights reserved", re.I)


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split("|") if n.strip()]


def credit_lines(data_dir: Path, seed: int = SEED) -> list[str]:
    """Credit and release lines built from each film's Rotten Tomatoes metadata (3 per film)."""
    from critica.score.data import _require

    path = _require(data_dir / "rt-critic-reviews" / "rt.movie_info.dev.tsv.gz")
    with gzip.open(path) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="cp1252", newline=""),
                                   delimiter="\t"))
    rng = random.Random(seed)
    out: list[str] = []
    for row in rows:
        d, w, g = _names(row["director"]), _names(row["writer"]), _names(row["genre"])
        studio, rating = row["studio"].strip(), row["rating"].strip()
        runtime, date = row["runtime"].strip(), row["theater_date"].strip()
        lines: list[str] = []
        if d:
            lines += [f"Directed by {' and '.join(d)}.", f"director : {', '.join(d)}"]
        if w:
            lines += [f"Written by {' and '.join(w)}.", f"screenplay : {', '.join(w)}"]
        if g:
            lines += [f"Genre: {', '.join(g)}.", f"It is a {g[0].lower()} film."]
        if rating:
            lines += [f"Rated {rating}.", f"MPAA rating: {rating}", f"rated : {rating.lower()}"]
        if runtime:
            lines += [f"Running time: {runtime}.", f"The film runs {runtime}."]
        if date:
            lines += [f"Released {date}.", f"It opened in theaters on {date}."]
        if studio:
            lines += [f"Released by {studio}.", f"A {studio} release."]
        if row["box_office"].strip():
            lines.append(f"It grossed {row['currency']}{row['box_office'].strip()} "
                         "at the box office.")
        rng.shuffle(lines)
        out += lines[:3]
    return out


def labelled_documents(labels: Path = LABELS) -> set[str]:
    """File names of the polarity v2.0 reviews the labelled set draws from (kept out)."""
    if not labels.is_file():
        return set()
    names = set()
    for raw in labels.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            source = str(json.loads(raw)["source"])
            if "polarity-v2.0" in source:
                names.add(source.rsplit("/", 1)[-1])
    return names


def review_documents(data_dir: Path, exclude: Iterable[str]) -> list[list[str]]:
    """polarity v2.0 reviews as lists of sentences (one a line), minus ``exclude``d files."""
    from critica.score.data import _require

    skip = set(exclude)
    folder = _require(data_dir / "polarity-v2.0" / "txt_sentoken")
    return [[line.strip() for line in path.read_text("ascii", "replace").splitlines()
             if line.strip()]
            for sub in ("pos", "neg") for path in sorted((folder / sub).glob("cv*.txt"))
            if path.name not in skip]


def furniture_lines(documents: Sequence[Sequence[str]]) -> list[str]:
    """Short review lines with a credits/warning/web cue and no evaluative word."""
    lexicon = evaluative_lexicon()
    return [s for doc in documents for s in doc
            if _FURNITURE.search(s) and len(s.split()) <= 20
            and not any(abs(lexicon.get(w, 0.0)) >= 1.5 for w in s.lower().split())]


OWN_WEIGHTS = (0.0, 1.0, 3.0, 10.0, 30.0, 100.0)  # per-row weight of our own sentences, tried by CV


def own_sentences() -> list[dict[str, Any]]:
    """Our own written sentences (training/own_sentences.jsonl): text, opinion, category, group."""
    from critica.opinion.training.own_sentences import OWN_SENTENCES

    if not OWN_SENTENCES.is_file():
        raise ModelError(f"{OWN_SENTENCES} is missing: "
                         "run python -m critica.opinion.training.own_sentences")
    return [json.loads(line) for line in OWN_SENTENCES.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def choose_own_weight(texts: Sequence[str], y: np.ndarray, own: Sequence[dict[str, Any]],
                      candidates: Sequence[float] = OWN_WEIGHTS, folds: int = 5
                      ) -> tuple[float, dict[float, tuple[float, float]]]:
    """The weight of our own sentences by 5-fold CV on the training pool only (no self-training).

    Pool rows are split at random, our own sentences by group (a template or a block of hand
    written lines is held out whole), and each weight is scored by the mean of held-out pool
    accuracy and held-out own-sentence accuracy. Returns the best weight and every score.
    """
    from sklearn.model_selection import GroupKFold

    model = OpinionClassifier(rounds=0)
    Xp, Xo = model._features(list(texts)), model._features([str(r["text"]) for r in own])
    yo = np.array([int(bool(r["opinion"])) for r in own])
    pool_fold = np.random.default_rng(SEED).permutation(len(y)) % folds
    own_fold = np.empty(len(own), dtype=int)
    split = GroupKFold(n_splits=folds).split(Xo, yo, [str(r["group"]) for r in own])
    for k, (_, test) in enumerate(split):
        own_fold[test] = k
    scores: dict[float, tuple[float, float]] = {}
    for weight in candidates:
        pool_hits = own_hits = 0
        for k in range(folds):
            tp, to = pool_fold != k, (own_fold != k) & (weight > 0)
            X = sp.vstack([Xp[tp], Xo[to]]).tocsr()
            w = np.concatenate([np.ones(int(tp.sum())), np.full(int(to.sum()), weight)])
            coef, b = model._fit_linear(X, np.concatenate([y[tp], yo[to]]), w)
            pool_hits += int((((Xp[~tp] @ coef + b) >= 0) == y[~tp]).sum())
            own_hits += int((((Xo[own_fold == k] @ coef + b) >= 0) == yo[own_fold == k]).sum())
        scores[weight] = (pool_hits / len(y), own_hits / len(own))
    best = max(candidates, key=lambda c: (sum(scores[c]) / 2, -c))
    return best, scores


def train_opinion(data_dir: Path, out_dir: Path,
                  progress: Callable[[str], None] | None = None) -> list[Metric]:
    """Fit opinion_v2 from ``data_dir`` (the shared data sets), write it to ``out_dir``."""
    from critica.score.data import read_mr, read_rt_reviews, read_rt_synopses
    from critica.score.train import Metric

    say = progress or (lambda message: None)
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    say("opinion_v2: reading data")
    rng = random.Random(SEED)
    rt = [r.text for r in read_rt_reviews(data_dir)]
    mr = [r.text for r in read_mr(data_dir)]
    opinions = mr + rng.sample(rt, min(10_000, len(rt)))
    excluded = labelled_documents()
    documents = review_documents(data_dir, excluded)
    synopses, credits = read_rt_synopses(data_dir), credit_lines(data_dir)
    furniture = furniture_lines(documents)
    others = synopses + credits + furniture
    own = own_sentences()
    # a held-out tenth of the snippet/synopsis pool checks the first fit before self-training
    order = np.random.default_rng(SEED).permutation(len(opinions) + len(others))
    texts, y = opinions + others, np.array([1] * len(opinions) + [0] * len(others))
    held, kept = order[: len(order) // 10], order[len(order) // 10:]
    check = OpinionClassifier(rounds=0).fit([texts[i] for i in kept if y[i] == 1],
                                            [texts[i] for i in kept if y[i] == 0])
    held_acc = float((check.predict([texts[i] for i in held]) == y[held]).mean())
    say("opinion_v2: choosing the weight of our own sentences (5-fold CV on the pool)")
    weight, cv = choose_own_weight(texts, y, own)
    say("opinion_v2: fitting")
    own_op = [str(r["text"]) for r in own if r["opinion"]] if weight else []
    own_other = [str(r["text"]) for r in own if not r["opinion"]] if weight else []
    weights = ([1.0] * len(opinions) + [weight] * len(own_op)
               + [1.0] * len(others) + [weight] * len(own_other))
    model = OpinionClassifier().fit(opinions + own_op, others + own_other, documents, say,
                                    weights)
    model.save(out_dir, OPINION_V2_NAME, {
        "data": "MR + RT review snippets vs RT synopses, metadata credit lines and polarity "
                "v2.0 furniture lines, plus our own written sentences "
                "(opinion/training/own_sentences.jsonl); self-trained on polarity v2.0 reviews",
        "own_sentences": {"opinion": len(own_op), "other": len(own_other), "weight": weight,
                          "cv_pool_and_own_accuracy": {str(k): [round(a, 4) for a in v]
                                                       for k, v in cv.items()}},
        "excluded_documents": len(excluded)})
    metrics = [
        Metric("opinion_v2_heldout_accuracy", held_acc,
               f"{len(held)} held-out snippets/synopsis/credit lines, before self-training"),
        Metric("opinion_v2_own_weight", weight,
               "weight of our own sentences, by 5-fold CV on the pool: "
               + ", ".join(f"{k:g}: {a:.3f}/{b:.3f}" for k, (a, b) in cv.items())),
        Metric("opinion_v2_cv_own_accuracy", cv[weight][1],
               f"{len(own)} own sentences, held out by template or block"),
        Metric("opinion_v2_train_opinion", float(len(opinions) + len(own_op)),
               f"snippets + {len(own_op)} own sentences"),
        Metric("opinion_v2_train_other", float(len(others) + len(own_other)),
               f"synopsis, credit, furniture lines + {len(own_other)} own sentences"),
        Metric("opinion_v2_pseudo_labels", float(sum(model.n_pseudo_)),
               f"polarity v2.0 sentences from {len(documents)} reviews, "
               f"{len(excluded)} labelled-set reviews kept out"),
    ]
    from critica.opinion.stacked import fit_head  # the MiniLM head read beside these weights

    metrics += fit_head(mr, rt, synopses, credits, furniture, own, documents, model, out_dir,
                        say)
    return metrics

