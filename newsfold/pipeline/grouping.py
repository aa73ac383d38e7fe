"""Fold and group a stream of articles in memory: what `newsfold group` runs.

It calls the very functions live ingestion calls (`fingerprint.text_key`, `fold.signature`
and `fold.best_copy` through `CopyIndex`; `cluster.features` and `StoryIndex.assign/add/
merge`), only with in-memory indexes where ingestion asks the database for candidates. As
in ingestion, a copy that folds into an article counts as one more arrival in its story.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from newsfold.pipeline.cluster import StoryDoc, StoryIndex, features
from newsfold.pipeline.fingerprint import text_key
from newsfold.pipeline.fold import CopyIndex, signature


@dataclass
class Grouped:
    id: str
    article: str  # the first document of the same text: the article it folded into
    story: str


class Grouper:
    """Online decisions, one document at a time, in arrival order."""

    def __init__(self) -> None:
        self.copies = CopyIndex()
        self.exact: dict[str, str] = {}
        self.stories = StoryIndex()
        self.story_of: dict[str, str] = {}
        self.merged_into: dict[str, str] = {}

    def add(self, doc: StoryDoc) -> Grouped:
        key = text_key(doc.text) if doc.text.strip() else None
        sig = signature(doc.title, doc.text)
        article = (self.exact.get(key) if key else None) or self.copies.find(sig)
        feats = features(doc)
        if article is not None:
            # Ingestion keeps every copy's keys: a later copy may resemble this one more
            # than the article's first text.
            self.copies.add(article, sig)
            story = self.final(self.story_of[article])
            self.stories.add(story, feats)
            return Grouped(doc.id, article, story)
        if key:
            self.exact[key] = doc.id
        self.copies.add(doc.id, sig)
        decision = self.stories.assign(feats)
        story = decision.story or doc.id
        for other in decision.merge:
            self.stories.merge(other, story)
            self.merged_into[other] = story
        self.stories.add(story, feats)
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
