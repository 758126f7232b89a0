"""Spellings of one name across documents, folded into the spelling most documents use."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from critica.extract.spans import fold, has_diacritics


class NameIndex:
    """Clusters spellings of names; ``canonical`` maps any spelling to its cluster's winner.

    With ``single_tokens_fold`` (people), a surname alone joins the one full name it fuzzily
    ends; companies and places keep single words apart ("Sony" is not "Sony Pictures").
    """

    def __init__(self, single_tokens_fold: bool = True) -> None:
        self.person = single_tokens_fold
        self._docs: dict[str, set[str]] = defaultdict(set)
        self._winner: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}

    def add(self, name: str, path: str) -> None:
        self._docs[name].add(path)

    def build(self) -> None:
        spellings = sorted(self._docs, key=self._rank, reverse=True)
        clusters: list[list[str]] = []
        singles: list[str] = []
        for name in spellings:
            if self.person and len(fold(name).split()) < 2:
                singles.append(name)
                continue
            for cluster in clusters:
                if self._same(cluster[0], name):
                    cluster.append(name)
                    break
            else:
                clusters.append([name])
        for name in singles:
            matches = [c for c in clusters if self._surname_of(c[0], name)]
            if len({fold(c[0]) for c in matches}) == 1:
                matches[0].append(name)
                continue
            for cluster in clusters:
                if len(fold(cluster[0]).split()) == 1 and fuzz.ratio(fold(cluster[0]), fold(name)) >= 85:
                    cluster.append(name)
                    break
            else:
                clusters.append([name])
        for cluster in clusters:
            winner = max(cluster, key=lambda n: self._cluster_rank(n, cluster))
            self._members[winner] = cluster
            for name in cluster:
                self._winner[name] = winner

    def canonical(self, name: str) -> str:
        return self._winner.get(name, name)

    def variants(self, canonical: str) -> list[str]:
        # A bare surname is a short form, not a spelling worth reporting.
        surname = fold(canonical).split()[-1] if canonical.strip() else ""
        return [n for n in self._members.get(canonical, [])
                if n != canonical and fold(n) != surname]

    # -- ranking and matching ----------------------------------------------------------------

    def _rank(self, name: str) -> tuple[int, int, int, int]:
        return (len(fold(name).split()) >= 2, len(self._docs[name]), has_diacritics(name), len(name))

    def _cluster_rank(self, name: str, cluster: list[str]) -> tuple[int, int, int, int]:
        # Documents supporting this spelling's folded form: "Stéphanie" and "Stephanie" pool.
        same = set().union(*(self._docs[n] for n in cluster if fold(n) == fold(name)))
        full = len(fold(name).split()) >= 2 or not self.person
        return (int(full), len(same), int(has_diacritics(name)), len(name))

    def _same(self, a: str, b: str) -> bool:
        fa, fb = fold(a), fold(b)
        if fa == fb:
            return True
        ta, tb = fa.split(), fb.split()
        if not self.person:
            return len(ta) == len(tb) and fuzz.ratio(fa, fb) >= 92
        if len(ta) != len(tb):
            return False
        first_ok = ta[0] == tb[0] or fuzz.ratio(ta[0], tb[0]) >= 80 or (
            len(ta[0]) == 1 or len(tb[0]) == 1) and ta[0][0] == tb[0][0]
        return first_ok and fuzz.ratio(ta[-1], tb[-1]) >= 75 and fuzz.ratio(fa, fb) >= 85

    @staticmethod
    def _surname_of(full: str, single: str) -> bool:
        tokens = fold(full).split()
        s = fold(single)
        return len(tokens) >= 2 and (tokens[-1] == s or (len(s) > 4 and fuzz.ratio(tokens[-1], s) >= 80))
