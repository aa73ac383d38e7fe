"""Word rarity and how alike two sentences are: what summaries and conflicts rank by. A
sentence's words are the grouping's own (`textvec.tokens`: function words and news-writing
words out, plurals folded)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

Vector = dict[str, float]


def rarity(bags: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over the given bags of terms."""
    counts: Counter[str] = Counter()
    n = 0
    for bag in bags:
        n += 1
        counts.update(set(bag))
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in counts.items()}


def norm(v: Vector) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if not dot:
        return 0.0
    return dot / (norm(a) * norm(b))
