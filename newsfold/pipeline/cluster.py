"""Online story grouping: does a new article report an event we already follow?

Articles arrive one at a time; each joins the best-matching recent story or starts a new
one, and nothing decided is revisited, so a story page stays stable. The caller owns story
keys and storage; this module keeps only what deciding needs (see `StoryIndex`).

The evidence, and why each part is there (figures from bench/grouping.py and
bench/demo_stories.py):

- TF-IDF cosine between the article and a story's centroid. Word rarity is learnt from the
  stream itself, so the index needs no corpus shipped with it and follows the news as it
  changes.
- A threshold that rises with the article's number of informative terms. A headline that
  shares two rare words with a story is good evidence; a full article shares dozens of
  words with any story of the same kind (two earthquakes, two product recalls), so it must
  share far more before it counts as the same event.
- A boost for stories that grew in the last few arrivals, weighted by how little the
  article says: news comes in bursts, and a terse headline ("Plosser: weather curbed job
  growth") most likely belongs to the story everyone is writing about right now.
- A story's pull halves with every `half_life_seconds` it has gone without growing, down
  to `quiet_floor`: of two stories that read alike, the live one is the likelier, and a
  strong follow-up days later still joins its story.
- Only active stories are considered: those touched within the time window when articles
  carry dates, otherwise within the last `idle_arrivals` arrivals.
- An article longer than a headline that shares a single word with a story (its town's
  name) is not of that story.
- Names and figures in any script (`pipeline.namekeys`): an article in a language none of a
  story's articles is in joins it on those alone; a side angle of an event joins on them
  when its headline speaks of the event (`_by_names`).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field

from newsfold.pipeline.nameindex import NameIndex
from newsfold.pipeline.storyfeatures import Features, StoryDoc, features

__all__ = ["ClusterConfig", "Decision", "Features", "StoryDoc", "StoryIndex", "features"]


@dataclass(frozen=True)
class ClusterConfig:
    # Join threshold = threshold + threshold_slope * ln(1 + informative terms of the article).
    threshold: float = 0.025
    threshold_slope: float = 0.05
    # Score multiplier 1 + recency_boost * exp(-arrivals since the story grew / recency_arrivals)
    # * min(1, short_terms / terms) * (1 - burst_single / story size). Long articles carry
    # their own evidence and need the prior less; a story of one article is not yet a burst.
    recency_boost: float = 3.0
    recency_arrivals: float = 5.0
    short_terms: float = 20.0
    burst_single: float = 1.0
    # Below this share of the threshold the text match is too weak for any prior to rescue.
    burst_floor: float = 0.3
    # Without its most telling shared word, an article longer than a headline must still
    # reach this share of the threshold: one rare word (the town's name) is shared by every
    # story in that town. A headline has few words to share; one may be all it has.
    rest_floor: float = 0.35
    # Two candidate stories above threshold whose centroids are this similar are one story.
    merge_similarity: float = 0.6
    # Rarity is judged as if this many articles without the word came first, so the first
    # articles of a fresh index are not all made of "common" words.
    prior_docs: float = 100.0
    window_seconds: float = 3 * 24 * 3600
    # Score multiplier max(quiet_floor, 0.5 ** (time since the story grew / half life));
    # counted in arrivals where the stream has no dates.
    half_life_seconds: float = 12 * 3600
    half_life_arrivals: float = 300.0
    quiet_floor: float = 0.5
    # Without dates, a story nobody added to in this many arrivals is over.
    idle_arrivals: int = 2000
    # Bounds on the work per article and on memory, whatever the size of the stream.
    max_active_stories: int = 20000
    max_story_terms: int = 150
    max_postings: int = 50
    query_terms: int = 30
    # Word counts are halved this often, so rarity follows the news and one-off words go.
    forget_every: int = 50000
    # Names and figures (`pipeline.namekeys`), weighed by rarity like words. An article in
    # a language none of a story's articles is in joins it sharing at least `foreign_keys`
    # keys, one of them a name, and either this much name weight or, on the words the
    # lexicon gave it, `foreign_floor` of the threshold.
    foreign_names: float = 10.0
    foreign_keys: int = 2
    foreign_floor: float = 0.5
    # A side angle (the insurer after the flood) shares the event's names more than its
    # words: it joins with this much name weight once its text reaches `side_floor` of the
    # threshold, if one of its `side_terms` strongest words is among the story's
    # `story_terms` most defining ones.
    side_names: float = 16.0
    side_floor: float = 0.6
    side_terms: int = 8
    story_terms: int = 6
    max_story_names: int = 200


@dataclass(frozen=True)
class Decision:
    story: str | None
    score: float
    merge: list[str] = field(default_factory=list)


class _Story:
    __slots__ = (
        "languages",
        "last_seq",
        "last_source",
        "last_ts",
        "names",
        "norm",
        "size",
        "terms",
    )

    def __init__(self) -> None:
        # Sum of the member articles' term weights, each article scaled to unit TF-IDF length.
        self.terms: dict[str, float] = {}
        self.last_ts: float | None = None
        self.last_seq = 0
        self.last_source: str | None = None
        self.size = 0
        self.norm = 1.0
        # Name and figure keys → how many member articles carry them; the members' languages.
        self.names: dict[str, int] = {}
        self.languages: set[str] = set()


class StoryIndex:
    """Active stories, an inverted index from terms to them, and word rarity learnt online.

    `assign` only reads; `add` and `merge` change state, so replaying the same calls
    rebuilds the same index. Every container is insertion-ordered and ties are broken by
    key, so the result does not depend on string hashing.
    """

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._stories: OrderedDict[str, _Story] = OrderedDict()  # least recently grown first
        # term → {story key: the story's centroid weight for it}, least recently grown first.
        self._postings: dict[str, dict[str, float]] = {}
        self._df: dict[str, float] = {}
        self._names = NameIndex(self.config.max_postings, self.config.max_story_names)
        self._docs = 0.0
        self._seq = 0
        self._now: float | None = None

    def __len__(self) -> int:
        return len(self._stories)

    def _idf(self, term: str) -> float:
        docs = self._docs + self.config.prior_docs
        return math.log((docs + 1.0) / (self._df.get(term, 0.0) + 0.5))

    def _idfs(self, terms) -> dict[str, float]:
        """`_idf` of many terms at once (the same arithmetic, without a call per term)."""
        top, df, log = self._docs + self.config.prior_docs + 1.0, self._df, math.log
        return {t: log(top / (df.get(t, 0.0) + 0.5)) for t in terms}

    def _open(self, story: _Story, stamp: float | None) -> bool:
        if stamp is not None and story.last_ts is not None:
            return stamp - story.last_ts <= self.config.window_seconds
        return self._seq - story.last_seq <= self.config.idle_arrivals

    def _threshold(self, n_terms: int) -> float:
        return self.config.threshold + self.config.threshold_slope * math.log1p(n_terms)

    def assign(self, feats: Features) -> Decision:
        cfg = self.config
        idf = self._idfs(feats.terms)
        vec = {t: w * idf[t] for t, w in feats.terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        # Strongest first, ties by term: tuples compare in C, a key function per term did not.
        query = sorted([(-v, t) for t, v in vec.items()])[: cfg.query_terms]
        dots: dict[str, float] = {}
        tops: dict[str, float] = {}  # each story's largest one-word share of the match
        for weight, term in query:
            posting = self._postings.get(term)
            if not posting:
                continue
            value = -weight * idf[term]
            for key, weight in posting.items():
                part = value * weight
                dots[key] = dots.get(key, 0.0) + part
                if part > tops.get(key, 0.0):
                    tops[key] = part
        n_terms = len(feats.terms)
        terseness = min(1.0, cfg.short_terms / max(n_terms, 1))
        threshold = self._threshold(n_terms)
        rest = cfg.rest_floor * threshold
        scored: dict[str, float] = {}
        best, best_score = None, 0.0
        for key, dot in dots.items():
            story = self._stories[key]
            if not self._open(story, feats.timestamp) or _foreign(feats, story):
                continue  # another language's story is joined on its names (`_by_names`)
            gap = self._seq - story.last_seq
            if feats.source is not None and feats.source == story.last_source:
                gap = cfg.recency_arrivals * 10  # the same outlet's next item: no burst
            burst = cfg.recency_boost * math.exp(-gap / cfg.recency_arrivals) * terseness
            burst *= 1.0 - cfg.burst_single / story.size
            score = dot / (norm * story.norm)
            if cfg.half_life_seconds and feats.timestamp is not None and story.last_ts:
                quiet = max(0.0, feats.timestamp - story.last_ts)
                score *= max(cfg.quiet_floor, 0.5 ** (quiet / cfg.half_life_seconds))
            elif cfg.half_life_arrivals and (feats.timestamp is None or story.last_ts is None):
                idle = (self._seq - story.last_seq) / cfg.half_life_arrivals
                score *= max(cfg.quiet_floor, 0.5**idle)
            if n_terms > cfg.short_terms and (dot - tops[key]) / (norm * story.norm) < rest:
                score = 0.0  # an article sharing one word, however rare, is not one event
            if score >= cfg.burst_floor * threshold:
                score *= 1.0 + burst
            scored[key] = score
            if score > best_score or (score == best_score and best is not None and key < best):
                best, best_score = key, score
        if best is None or best_score < threshold:
            named = self._by_names(feats, vec, norm, dots, threshold)
            return Decision(named, best_score) if named else Decision(None, best_score)
        return Decision(best, best_score, self._merges(best, scored, threshold))

    def _by_names(
        self,
        feats: Features,
        vec: dict[str, float],
        norm: float,
        dots: dict[str, float],
        threshold: float,
    ) -> str | None:
        """A story this article's words alone do not reach, but its names and figures do:
        one in another language, or one it tells a side of."""
        cfg = self.config
        if not feats.names:
            return None
        weights, counts = self._names.weights(feats.names, self._docs + self.config.prior_docs)
        best, best_weight = None, 0.0
        shared: float | None = None  # the article's length on its comparable words
        for key, weight in weights.items():
            story = self._stories[key]
            if not self._open(story, feats.timestamp):
                continue
            if _foreign(feats, story):
                # Words the lexicon left in another script can never match: compare the rest.
                if shared is None:
                    shared = _comparable_norm(vec)
                text = dots.get(key, 0.0) / (shared * self._shared_norm(story))
                fits = counts[key] >= cfg.foreign_keys and (
                    weight >= cfg.foreign_names or text >= cfg.foreign_floor * threshold
                )
            else:
                text = dots.get(key, 0.0) / (norm * story.norm)
                fits = (
                    weight >= cfg.side_names
                    and text >= cfg.side_floor * threshold
                    and self._speaks_of(vec, story)
                )
            if fits and (weight > best_weight or (weight == best_weight and key < best)):
                best, best_weight = key, weight
        return best

    def _speaks_of(self, vec: dict[str, float], story: _Story) -> bool:
        """The article's strongest words (its headline's, mostly) include one of the few
        that define the story: the insurer's "flood claims" are about the flood; a bridge
        vote in the town where the vaccine plant stands is not about the vaccine."""
        cfg, idf = self.config, self._idfs(story.terms)
        central = sorted([(-w * idf[t], t) for t, w in story.terms.items()])[: cfg.story_terms]
        strongest = sorted([(-v, t) for t, v in vec.items()])[: cfg.side_terms]
        return not {t for _, t in central}.isdisjoint(t for _, t in strongest)

    def _shared_norm(self, story: _Story) -> float:
        idf = self._idfs(story.terms)
        return _comparable_norm({t: w * idf[t] for t, w in story.terms.items()})

    def _merges(self, best: str, scored: dict[str, float], threshold: float) -> list[str]:
        """Other stories this article also joins and that read as the same story as `best`."""
        if self.config.merge_similarity <= 0:
            return []
        target = self._stories[best]
        return [
            key
            for key, score in sorted(scored.items())
            if key != best
            and score >= threshold
            and self._similarity(target, self._stories[key]) >= self.config.merge_similarity
        ]

    def _similarity(self, a: _Story, b: _Story) -> float:
        dot = 0.0
        for term, weight in a.terms.items():
            other = b.terms.get(term)
            if other:
                dot += weight * other * self._idf(term) ** 2
        return dot / (a.norm * b.norm)

    def add(self, story: str, feats: Features) -> None:
        self._seq += 1
        self._docs += 1.0
        for term in feats.terms:
            self._df[term] = self._df.get(term, 0.0) + 1.0
        self._names.learn(feats.names)
        if feats.timestamp is not None and (self._now is None or feats.timestamp > self._now):
            self._now = feats.timestamp
        entry = self._stories.get(story)
        if entry is None:
            entry = self._stories[story] = _Story()
        else:
            self._stories.move_to_end(story)
        # One rarity for the article's terms and the story's: the counts do not change between.
        idf = self._idfs({**entry.terms, **feats.terms})
        norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in feats.terms.items())) or 1.0
        for term, weight in feats.terms.items():
            entry.terms[term] = entry.terms.get(term, 0.0) + weight / norm
        for key in feats.names:
            entry.names[key] = entry.names.get(key, 0) + 1
        if feats.language:
            entry.languages.add(feats.language)
        entry.last_seq = self._seq
        entry.last_source = feats.source
        entry.size += 1
        if feats.timestamp is not None:
            entry.last_ts = max(entry.last_ts or feats.timestamp, feats.timestamp)
        self._reindex(story, entry, idf)
        self._expire()
        if self.config.forget_every and self._seq % self.config.forget_every == 0:
            self._forget()

    def merge(self, source: str, into: str) -> None:
        src = self._stories.pop(source, None)
        if src is None or source == into:
            return
        self._unindex(source, src)
        dst = self._stories.get(into)
        if dst is None:
            self._stories[into] = src
            self._reindex(into, src)
            return
        for term, weight in src.terms.items():
            dst.terms[term] = dst.terms.get(term, 0.0) + weight
        for key, count in src.names.items():
            dst.names[key] = dst.names.get(key, 0) + count
        dst.languages |= src.languages
        dst.last_seq = max(dst.last_seq, src.last_seq)
        dst.size += src.size
        if src.last_ts is not None:
            dst.last_ts = max(dst.last_ts or src.last_ts, src.last_ts)
        self._reindex(into, dst)

    def _reindex(self, key: str, entry: _Story, idf: dict[str, float] | None = None) -> None:
        """Keep the story's strongest terms, post it under them, refresh its length. `idf`:
        the rarity of (at least) the story's terms, when the caller has it already."""
        if idf is None:
            idf = self._idfs(entry.terms)
        if len(entry.terms) > self.config.max_story_terms:
            ranked = sorted([(-w * idf[t], t) for t, w in entry.terms.items()])
            for _, term in ranked[self.config.max_story_terms :]:
                del entry.terms[term]
                posting = self._postings.get(term)
                if posting is not None:
                    posting.pop(key, None)
        postings, most = self._postings, self.config.max_postings
        for term, weight in entry.terms.items():
            posting = postings.get(term)
            if posting is None:
                posting = postings[term] = {}
            elif key in posting:
                posting[key] = weight
                continue
            posting[key] = weight
            if len(posting) > most:  # the story that grew least recently
                del posting[next(iter(posting))]
        squares = sum((w * idf[t]) ** 2 for t, w in entry.terms.items())
        entry.norm = math.sqrt(squares) or 1.0
        self._names.post(key, entry.names)

    def _unindex(self, key: str, entry: _Story) -> None:
        for term in entry.terms:
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(key, None)
                if not posting:
                    del self._postings[term]
        self._names.unpost(key, entry.names)

    def _expire(self) -> None:
        while self._stories:
            key, story = next(iter(self._stories.items()))
            stamp = self._now if story.last_ts is not None else None
            if len(self._stories) <= self.config.max_active_stories and self._open(story, stamp):
                break
            del self._stories[key]
            self._unindex(key, story)

    def _forget(self) -> None:
        self._docs /= 2.0
        halved = {t: c / 2.0 for t, c in self._df.items()}
        self._df = {t: c for t, c in halved.items() if c >= 1.0}
        self._names.forget()


def _foreign(feats: Features, story: _Story) -> bool:
    """The article is in a language none of the story's articles is in. The lexicon gives
    such an article the words of any event of its kind ("strike", "port"), so only the
    names it shares can say it is this one."""
    return bool(feats.language and story.languages) and feats.language not in story.languages


def _comparable_norm(vec: dict[str, float]) -> float:
    """Euclidean length over the words other languages can share: those not in Arabic
    script (the lexicon's English words, names in Latin letters, figures)."""
    squares = sum(v * v for t, v in vec.items() if not _ARABIC <= t[:1] <= _ARABIC_END)
    return math.sqrt(squares) or 1.0


_ARABIC, _ARABIC_END = "\u0600", "\u06ff"
