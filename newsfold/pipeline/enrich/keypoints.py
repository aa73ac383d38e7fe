"""Key points of a story: short sentences stating its facts, the ones most outlets report
first, none said twice and none the summary says already."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsfold.pipeline.enrich import summary
from newsfold.pipeline.enrich.types import Cited, Doc

MAX_POINTS = 5
# A bullet longer than this is a paragraph.
MAX_WORDS = 32
# A sentence with a figure or a date states a checkable fact: it gets this on top.
FIGURE_BONUS = 0.15


def key_points(
    docs: Sequence[Doc],
    *,
    skip: Sequence[Cited] = (),
    count: int = MAX_POINTS,
    cands: summary.Candidates | None = None,
) -> list[Cited]:
    cands = cands or summary.candidates(docs)
    if not len(cands):
        return []
    score = summary.centrality(cands)
    said = {(c.doc, c.sentence) for c in skip}
    for row, (d, i, text) in enumerate(cands.items):
        if len(text.split()) > MAX_WORDS or (cands.docs[d].key, i) in said:
            score[row] = -np.inf
        elif any(ch.isdigit() for ch in text):
            score[row] += FIGURE_BONUS
    said_rows = [r for r, (d, i, _) in enumerate(cands.items) if (cands.docs[d].key, i) in said]
    ranked = summary.pick(cands, score, count=3 * count + len(said_rows))
    chosen: list[int] = []
    for row in ranked:
        if score[row] == -np.inf or len(chosen) >= count:
            continue
        if _repeats(cands, row, said_rows + chosen):
            continue
        chosen.append(row)
    return summary.cited(cands, chosen)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# Sentences that give the same figure and share this much more state one fact twice.
SAME_FIGURE = 0.2


def _repeats(cands: summary.Candidates, row: int, others: list[int]) -> bool:
    if not others:
        return False
    likeness = cands.matrix[others] @ cands.matrix[row]
    if float(likeness.max()) > summary.REPEAT:
        return True
    figures = set(_FIGURE.findall(cands.items[row][2]))
    return any(
        float(like) > SAME_FIGURE and figures & set(_FIGURE.findall(cands.items[o][2]))
        for o, like in zip(others, likeness, strict=True)
    )
