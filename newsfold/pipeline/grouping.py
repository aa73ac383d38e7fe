"""Fold and group a stream of articles in memory: what `newsfold group` runs.

Each document goes through `pipeline.decide.decide`, the decision live ingestion makes,
with indexes in memory (`MemoryLookups`) where ingestion asks the database. As in
ingestion, a copy that folds into an article counts as one more arrival in its story.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from newsfold.pipeline import cluster
from newsfold.pipeline.cluster import Features, StoryDoc, StoryIndex
from newsfold.pipeline.decide import FOLD, NEW, Arrival, Held, decide
from newsfold.pipeline.fold import CopyIndex, Signature


@dataclass
class Grouped:
    id: str
    article: str  # the first document of the same text: the article it folded into
    story: str


class MemoryLookups:
    """What `decide` asks, answered from memory. Documents have no outlet URLs, so no place
    is ever known again and no outlet holds a copy already."""

    def __init__(self) -> None:
        self.copies = CopyIndex()
        self.exact: dict[str, str] = {}
        self.lengths: dict[str, int] = {}
        self.stories = StoryIndex()

    def held_at(self, arrival: Arrival) -> Held | None:
        return None

    def with_text(self, key: str, exclude: str | None) -> str | None:
        found = self.exact.get(key)
        return found if found != exclude else None

    def fold_candidates(self, sig: Signature, exclude: str | None):
        return self.copies.candidates_with_signatures(sig, exclude)

    def text_length(self, article: str) -> int:
        return self.lengths[article]

    def published_here(self, article: str, arrival: Arrival) -> bool:
        return False

    def story_decision(self, feats: Features) -> cluster.Decision:
        return self.stories.assign(feats)

    def remember(self, article: str, arrival: Arrival) -> None:
        """Every copy's text is known from now on, as ingestion keeps every copy's keys."""
        if arrival.key:
            self.exact.setdefault(arrival.key, article)
        self.copies.add(article, arrival.sig)
        self.lengths[article] = max(self.lengths.get(article, 0), len(arrival.text))


class Grouper:
    """Online decisions, one document at a time, in arrival order."""

    def __init__(self) -> None:
        self.lookups = MemoryLookups()
        self.story_of: dict[str, str] = {}
        self.merged_into: dict[str, str] = {}

    def add(self, doc: StoryDoc) -> Grouped:
        arrival = Arrival(
            title=doc.title,
            text=doc.text,
            source_name=doc.source,
            published_at=doc.published_at,
            language=doc.language,
        )
        decision = decide(arrival, self.lookups)
        stories = self.lookups.stories
        if decision.kind == FOLD:
            article = decision.article
            self.lookups.remember(article, arrival)
            story = self.final(self.story_of[article])
            stories.add(story, decision.features)
            return Grouped(doc.id, article, story)
        assert decision.kind == NEW  # in memory no place is known again
        story = decision.story.story or doc.id
        for other in decision.story.merge:
            stories.merge(other, story)
            self.merged_into[other] = story
        stories.add(story, decision.features)
        self.lookups.remember(doc.id, arrival)
        self.story_of[doc.id] = story
        return Grouped(doc.id, doc.id, story)

    def final(self, story: str) -> str:
        """The story a merged story now lives in."""
        seen = set()
        while story in self.merged_into and story not in seen:
            seen.add(story)
            story = self.merged_into[story]
        return story


def group_stream(docs: Iterable[StoryDoc]) -> list[Grouped]:
    """Every document's article and story, with merged stories reported under the story
    they were merged into, as a reader sees them at the end."""
    grouper = Grouper()
    decided = [grouper.add(doc) for doc in docs]
    for item in decided:
        item.story = grouper.final(item.story)
    return decided


def read_docs(lines: Iterable[str]) -> Iterator[StoryDoc]:
    """Articles from JSON lines {id, date, title, body, lang, source}; ValueError names the
    line that is not one."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            yield StoryDoc(
                id=str(item["id"]),
                title=item.get("title") or "",
                text=item.get("body") or "",
                published_at=_when(item.get("date")),
                language=item.get("lang"),
                source=item.get("source"),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"line {number}: not an article object ({exc})") from None


def _when(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
