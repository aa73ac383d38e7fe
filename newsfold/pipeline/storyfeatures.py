"""What story grouping knows of an article: its weighted words, names, time, outlet and
language, kept beside it so an index can be rebuilt by replaying them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from newsfold.pipeline.namekeys import language_of, name_keys
from newsfold.pipeline.textvec import term_weights

__all__ = ["Features", "StoryDoc", "features"]


@dataclass
class StoryDoc:
    id: str
    title: str
    text: str = ""
    published_at: datetime | None = None  # aware UTC
    language: str | None = None
    source: str | None = None


@dataclass
class Features:
    """What grouping needs of one article, kept beside it so an index can be rebuilt by replay."""

    id: str
    terms: dict[str, float]
    timestamp: float | None = None  # seconds since the epoch, UTC
    # The outlet: a feed delivers its items back to back, which is no sign of one event.
    source: str | None = None
    # Names and figures in any script (`pipeline.namekeys`), and the primary language tag.
    names: frozenset[str] = frozenset()
    language: str | None = None

    def to_dict(self) -> dict:
        # By hand: `dataclasses.asdict` deep-copies every term, once per stored article.
        return {
            "id": self.id,
            "terms": dict(self.terms),
            "timestamp": self.timestamp,
            "source": self.source,
            "names": sorted(self.names),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Features:
        stamp = data.get("timestamp")
        return cls(
            id=str(data["id"]),
            terms={str(k): float(v) for k, v in data["terms"].items()},
            timestamp=float(stamp) if stamp is not None else None,
            source=data.get("source"),
            names=frozenset(str(k) for k in data.get("names") or ()),
            language=data.get("language"),
        )


def features(doc: StoryDoc) -> Features:
    stamp = None
    if doc.published_at is not None:
        when = doc.published_at
        if when.tzinfo is None:  # a naive time is taken as UTC, as everywhere in the pipeline
            when = when.replace(tzinfo=UTC)
        stamp = when.timestamp()
    language = language_of(doc.language, doc.title + " " + doc.text[:400])
    return Features(
        id=doc.id,
        terms=term_weights(doc.title, doc.text, language),
        timestamp=stamp,
        source=doc.source,
        names=name_keys(doc.title, doc.text),
        language=language,
    )
