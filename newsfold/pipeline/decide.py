"""The one decision made for every article that arrives: which article it is, which story.

Ingestion (`news.store`, with the database behind the lookups) and `newsfold group` (with
indexes in memory, `pipeline.grouping`) both call `decide()`; only their `Lookups` differ.
So the rules of folding and grouping live here once, and the quality floors that measure
`newsfold group` measure what production does.

The decision, in order:
1. A place we know (this outlet, this URL or GUID) shows its text again: nothing, unless
   the text is fuller; then the article takes it, and if that fuller text is another
   article's, the two become one (a feed's summary, then its page).
2. The same text, word for word or a near copy (`pipeline.fold`), is already an article:
   this is one more copy of it ("also published by"), the fuller text winning; unless the
   outlet already has that copy.
3. Otherwise a new article, which joins the best-matching open story or starts one, and
   may bring stories that grew into one together (`pipeline.cluster`).

`decide` is `decide_article` then `decide_story`. Ingestion calls the two apart: which
article a text is concerns only the few articles that share its keys, while the story
decision reads one index that every worker shares, so only that second half has to wait
for the other workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from newsfold.pipeline import cluster
from newsfold.pipeline.cluster import Features, StoryDoc, features
from newsfold.pipeline.fingerprint import key_of_words, words
from newsfold.pipeline.fold import Signature, best_copy, signature

__all__ = [
    "FOLD", "NEW", "SKIP", "UPDATE", "Arrival", "Decision", "Held", "Lookups", "decide",
    "decide_article", "decide_story",
]  # fmt: skip

SKIP, UPDATE, FOLD, NEW = "skip", "update", "fold", "new"


@dataclass(frozen=True)
class Arrival:
    """One article as it arrives, with the keys that recognise its text."""

    title: str
    text: str
    source_name: str | None = None  # the outlet, as the story index tells outlets apart
    url: str = ""
    guid: str = ""
    published_at: datetime | None = None
    language: str | None = None
    key: str = field(init=False)
    sig: Signature = field(init=False)

    def __post_init__(self) -> None:
        body = words(self.text)  # read once for both keys
        object.__setattr__(self, "key", key_of_words(body) if self.text.strip() else "")
        object.__setattr__(self, "sig", signature(self.title, self.text, body))

    def features(self, article: str = "") -> Features:
        """What the story index learns of this arrival."""
        doc = StoryDoc(
            id=article,
            title=self.title,
            text=self.text,
            published_at=self.published_at,
            language=self.language,
            source=self.source_name,
        )
        return features(doc)


@dataclass(frozen=True)
class Held:
    """The article a known place holds."""

    article: str
    length: int  # of the article's text
    knows_text: bool  # the article has had this very text before


class Lookups(Protocol):
    def held_at(self, arrival: Arrival) -> Held | None:
        """The article this outlet's copy at this URL or GUID belongs to."""

    def with_text(self, key: str, exclude: str | None) -> str | None:
        """The article one of whose copies has exactly this text."""

    def fold_candidates(
        self, sig: Signature, exclude: str | None
    ) -> Iterable[tuple[str, Signature]]:
        """(article, a copy's signature) for the copies most likely to be this text, ranked,
        at most `fold.MAX_CANDIDATES`."""

    def text_length(self, article: str) -> int: ...

    def published_here(self, article: str, arrival: Arrival) -> bool:
        """The outlet already has a copy of the article at this URL (or one without URL)."""

    def story_decision(self, feats: Features) -> cluster.Decision:
        """The story index's choice for a new article (`StoryIndex.assign`)."""


@dataclass(frozen=True)
class Decision:
    kind: str  # SKIP | UPDATE | FOLD | NEW
    article: str | None = None  # skip, update, fold: the article concerned
    merge_into: str | None = None  # update: the article the fuller text turned out to be
    fuller: bool = False  # update, fold: the arrival's text replaces the article's
    story: cluster.Decision | None = None  # new: the story to join (None: a new one), merges
    features: Features | None = None  # fold, new: what the story index learns
    reason: str = ""


def decide(arrival: Arrival, lookups: Lookups) -> Decision:
    return decide_story(decide_article(arrival, lookups), lookups)


def decide_story(decision: Decision, lookups: Lookups) -> Decision:
    """A new article's story: the one it joins (None: it starts one), and the stories it
    brings together. Other decisions are returned as they are."""
    if decision.kind != NEW or decision.story is not None:
        return decision
    return replace(decision, story=lookups.story_decision(decision.features))


def decide_article(arrival: Arrival, lookups: Lookups) -> Decision:
    """Which article the arrival is; a new one's story is left to `decide_story`."""
    held = lookups.held_at(arrival)
    if held is not None:
        if len(arrival.text) <= held.length or held.knows_text:
            return Decision(SKIP, held.article, reason="already stored")
        other = same_text(arrival, lookups, exclude=held.article)
        target_length = lookups.text_length(other) if other is not None else held.length
        return Decision(
            UPDATE,
            held.article,
            merge_into=other,
            fuller=len(arrival.text) > target_length,
            reason="fuller text",
        )
    article = same_text(arrival, lookups)
    if article is not None:
        if lookups.published_here(article, arrival):
            return Decision(SKIP, article, reason="already stored")
        return Decision(
            FOLD,
            article,
            fuller=len(arrival.text) > lookups.text_length(article),
            features=arrival.features(article),
            reason=f"same text as article {article}",
        )
    return Decision(NEW, features=arrival.features())


def same_text(arrival: Arrival, lookups: Lookups, exclude: str | None = None) -> str | None:
    """The article whose copies this text is a copy of: exact words first, then the few
    copies that share a fold key, decided by `pipeline.fold`."""
    exact = lookups.with_text(arrival.key, exclude) if arrival.key else None
    if exact is not None:
        return exact
    return best_copy(arrival.sig, lookups.fold_candidates(arrival.sig, exclude))


def with_article(feats: Features, article: str) -> Features:
    """The features of a new article, once it has its id."""
    return replace(feats, id=article)
