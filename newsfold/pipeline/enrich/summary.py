"""Extractive summaries: an article's few central sentences, and a story's across its
articles, each sentence said once and cited.

A sentence is central when its words are the text's own main words (its likeness to the
whole text) and, across a story, when other outlets say the same (its likeness to other
articles' sentences: a fact reported by several outlets is the story's core). News puts
the event first, so earlier sentences get a head start. A sentence too like one already
chosen is skipped: the summary never says one fact twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfold.pipeline.enrich import sentences as sentence_split
from newsfold.pipeline.enrich.types import Cited, Doc, cite
from newsfold.pipeline.enrich.vectors import rarity
from newsfold.pipeline.textvec import tokens as terms

ARTICLE_SENTENCES = 3
# A story summary stops at about this many words (Multi-News editors write 200-260).
STORY_WORDS = 230
# Sentences outside these lengths are headlines, captions or run-ons, not summary material.
MIN_WORDS, MAX_WORDS = 6, 60
# Two sentences this alike (cosine of their word vectors) state the same fact.
REPEAT = 0.5
# How much an early place counts: the lead sentence gets this much on top of its score.
LEAD_BONUS = 0.5
# Sentences read of each article: news puts what matters first, and the cost is quadratic.
MAX_SENTENCES = 60


@dataclass
class Candidates:
    """Every usable sentence of some articles, with its word vector (unit length)."""

    docs: list[Doc]
    items: list[tuple[int, int, str]]  # (doc number, sentence index, text)
    matrix: np.ndarray  # one unit row per item
    # `centrality`, once computed: a story's summary, key points and model context share it.
    scored: np.ndarray | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.items)


def candidates(docs: Sequence[Doc], *, limit: int = MAX_SENTENCES) -> Candidates:
    items: list[tuple[int, int, str]] = []
    bags: list[list[str]] = []
    for d, doc in enumerate(docs):
        for i, text in enumerate(sentence_split.split(doc.text)[:limit]):
            words = len(text.split())
            bag = terms(text)
            if MIN_WORDS <= words <= MAX_WORDS and len(bag) >= 3:
                items.append((d, i, text))
                bags.append(bag)
    return Candidates(list(docs), items, _matrix(bags))


def _matrix(bags: list[list[str]]) -> np.ndarray:
    idf = rarity(bags)
    vocabulary = {t: n for n, t in enumerate(idf)}
    matrix = np.zeros((len(bags), max(len(vocabulary), 1)), dtype=np.float32)
    for row, bag in enumerate(bags):
        for t in bag:
            matrix[row, vocabulary[t]] += 1.0
    np.log1p(matrix, out=matrix)
    matrix *= np.array([idf[t] for t in vocabulary] or [1.0], dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


def centrality(cands: Candidates) -> np.ndarray:
    """Each sentence's likeness to the whole coverage, plus its likeness to what the other
    articles say (only where there are others), plus its head start. A copy: callers may
    change their own."""
    if cands.scored is None:
        cands.scored = _centrality(cands)
    return cands.scored.copy()


def _centrality(cands: Candidates) -> np.ndarray:
    if not len(cands):
        return np.zeros(0)
    m = cands.matrix
    centroid = m.sum(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    score = m @ centroid
    doc_of = np.array([d for d, _, _ in cands.items])
    if len(set(doc_of.tolist())) > 1:
        likeness = m @ m.T
        likeness[doc_of[:, None] == doc_of[None, :]] = 0.0
        others = len(set(doc_of.tolist())) - 1
        score = score + likeness.clip(0, None).sum(axis=1) / (others * 4.0)
    place = np.array([i for _, i, _ in cands.items], dtype=np.float32)
    return score + LEAD_BONUS / (1.0 + place)


def pick(
    cands: Candidates, score: np.ndarray, *, count: int | None = None, words: int | None = None
) -> list[int]:
    """Best sentences first, none too like one already picked, until `count` sentences or
    `words` words; returned in ranking order."""
    chosen: list[int] = []
    total = 0
    for row in np.argsort(-score, kind="stable"):
        row = int(row)
        if chosen and float((cands.matrix[chosen] @ cands.matrix[row]).max()) > REPEAT:
            continue
        chosen.append(row)
        total += len(cands.items[row][2].split())
        if (count is not None and len(chosen) >= count) or (words is not None and total >= words):
            break
    return chosen


def cited(cands: Candidates, rows: Sequence[int]) -> list[Cited]:
    out = []
    for row in rows:
        d, i, text = cands.items[row]
        out.append(cite(cands.docs[d], i, text))
    return out


def reading_order(cands: Candidates, rows: Sequence[int]) -> list[int]:
    """Chosen sentences as a reader takes them: by place in their article, then article."""
    return sorted(rows, key=lambda r: (cands.items[r][1], cands.items[r][0]))


def article_summary(doc: Doc, count: int = ARTICLE_SENTENCES) -> list[Cited]:
    """About three sentences of the article's own text, in its order."""
    cands = candidates([doc])
    rows = pick(cands, centrality(cands), count=count)
    return cited(cands, sorted(rows, key=lambda r: cands.items[r][1]))


def story_summary(
    docs: Sequence[Doc], words: int = STORY_WORDS, *, cands: Candidates | None = None
) -> list[Cited]:
    """Sentences across the story's articles, about `words` long, no fact twice (`cands`:
    the articles' candidates, when the caller has them already)."""
    cands = cands or candidates(docs)
    rows = pick(cands, centrality(cands), words=words)
    return cited(cands, reading_order(cands, rows))
