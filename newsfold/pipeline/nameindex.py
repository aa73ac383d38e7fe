"""Stories by the name and figure keys their articles carry (`pipeline.namekeys`).

The story index's second inverted index: words find a story in the article's language,
names find it in any. Keys are weighed by rarity like words: a city every story mentions
says little, a person's name says much.
"""

from __future__ import annotations

import math

__all__ = ["NameIndex"]


class NameIndex:
    def __init__(self, max_postings: int, max_story_names: int) -> None:
        self.max_postings = max_postings
        self.max_story_names = max_story_names
        # key → {story: None}, least recently grown story first; key → articles carrying it.
        self._postings: dict[str, dict[str, None]] = {}
        self._df: dict[str, float] = {}

    def learn(self, names: frozenset[str]) -> None:
        """One more article carries these keys."""
        for key in names:
            self._df[key] = self._df.get(key, 0.0) + 1.0

    def weights(
        self, names: frozenset[str], docs: float
    ) -> tuple[dict[str, float], dict[str, int]]:
        """Stories sharing a name key (figures alone do not count), as `docs` articles have
        been seen: the rarity-weighted sum of the keys each shares, and how many."""
        top, df, log = docs + 1.0, self._df, math.log
        weights: dict[str, float] = {}
        counts: dict[str, int] = {}
        named: set[str] = set()
        for key in names:
            posting = self._postings.get(key)
            if not posting:
                continue
            weight = log(top / (df.get(key, 0.0) + 0.5))
            for story in posting:
                weights[story] = weights.get(story, 0.0) + weight
                counts[story] = counts.get(story, 0) + 1
                if key[0] != "#":
                    named.add(story)
        return {k: w for k, w in weights.items() if k in named}, counts

    def post(self, story: str, names: dict[str, int]) -> None:
        """Post the story under its keys, keeping those most of its articles carry (`names`
        is trimmed in place)."""
        if len(names) > self.max_story_names:
            ranked = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))
            for name, _ in ranked[self.max_story_names :]:
                del names[name]
                posting = self._postings.get(name)
                if posting is not None:
                    posting.pop(story, None)
        for name in names:
            posting = self._postings.get(name)
            if posting is None:
                posting = self._postings[name] = {}
            elif story in posting:
                continue
            posting[story] = None
            if len(posting) > self.max_postings:
                del posting[next(iter(posting))]

    def unpost(self, story: str, names: dict[str, int]) -> None:
        for name in names:
            posting = self._postings.get(name)
            if posting is not None:
                posting.pop(story, None)
                if not posting:
                    del self._postings[name]

    def forget(self) -> None:
        """Halve the counts, as the word counts are: rarity follows the news."""
        halved = {k: c / 2.0 for k, c in self._df.items()}
        self._df = {k: c for k, c in halved.items() if c >= 1.0}
