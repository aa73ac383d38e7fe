"""Group articles into stories, online and in arrival order, the same way on every worker.

Each process keeps an in-memory story index (`pipeline.cluster.StoryIndex`). Decisions are
made one at a time under a database-wide lock (an advisory lock on PostgreSQL; SQLite
serialises writers by itself) after the index has replayed every decision logged since it
last looked (`StoryLog`), so two workers never start two stories for one event.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

from newsfold.news import rows
from newsfold.news.models import Article, ArticleCopy, Story, StoryLog
from newsfold.pipeline.cluster import Decision, Features, StoryIndex
from newsfold.sources.models import Source
from newsfold.sources.outlets import UNATTRIBUTED

# Any fixed 64-bit number: the key of PostgreSQL's advisory lock for story decisions.
DECISION_LOCK = 0x6E657773666F6C64


def serialize_decisions() -> None:
    """Hold the story lock until the current transaction ends: one story decision at a time
    across workers (which article a text is needs only its own keys, `store._claim`)."""
    if connection.vendor == "postgresql":
        # What other workers decided meanwhile is read now, before waiting: the lock is then
        # held for the few decisions made while this one waited, not for all of them.
        _caught_up_locked()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DECISION_LOCK])


@dataclass
class _Replica:
    index: StoryIndex | None = None
    last_log: int = 0


_replica = _Replica()
_replica_lock = threading.Lock()


def reset_index() -> None:
    """Forget this process's index; the next decision rebuilds it from the log."""
    with _replica_lock:
        _replica.index, _replica.last_log = None, 0


def _caught_up() -> StoryIndex:
    if _replica.index is None:
        _replica.index = StoryIndex()
        since = timezone.now() - timedelta(days=settings.NEWSFOLD_STORY_WINDOW_DAYS)
        first = StoryLog.objects.filter(at__gte=since).order_by("id").values_list("id", flat=True)
        _replica.last_log = (first.first() or 1) - 1
    # Asked before every story decision: one plain statement, usually answering nothing.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, story_id, merged_into_id, features FROM news_storylog"
            " WHERE id > %s ORDER BY id",
            [_replica.last_log],
        )
        while batch := cursor.fetchmany(500):
            for log_id, story, merged_into, data in batch:
                if merged_into is not None:
                    _replica.index.merge(str(story), str(merged_into))
                elif data:
                    feats = json.loads(data) if isinstance(data, str) else data
                    if feats:
                        _replica.index.add(str(story), Features.from_dict(feats))
                _replica.last_log = log_id
    return _replica.index


def decide(feats: Features) -> Decision:
    """The story index's choice for a new article, this process's index caught up first."""
    with _replica_lock:
        return _caught_up().assign(feats)


def assign(article: Article, decision: Decision, feats: Features) -> int:
    """Put a new article into the story `decide` chose for it, or start one; the story's id.

    Must run inside the transaction that stores the article (with its first copy), after
    `serialize_decisions()`.
    """
    counted = _counted(decision.story, article) if decision.story else None
    if decision.story is not None and counted is None:
        # The index knows a story the database does not (a restore, a rolled-back test):
        # rebuild it from the log and decide again.
        reset_index()
        decision = decide(feats)
        counted = _counted(decision.story, article) if decision.story else None
    story = _start(article) if counted is None else counted.id
    merged = []
    if decision.merge:
        merged = list(Story.objects.filter(pk__in=[int(k) for k in decision.merge]))
    if merged:
        into = Story.objects.get(pk=story)
        for other in merged:
            merge(other, into=into)
    rows.update(Article, article.pk, {"story": story})
    article.story_id = story
    _log(article, story, feats)
    if merged:
        refresh(into)
    elif counted is not None:
        _count_arrival(counted, article, article.source, new_article=True)
    return story


def republished(article: Article, feats: Features, source: Source) -> None:
    """A copy of the article arrived from `source`: one more sign its story is alive, as
    in `group`."""
    if article.story_id is None:
        return
    story = _final_id(article.story_id)
    _caught_up_locked()
    _log(article, story, feats)
    _count_arrival(_counted(story, article), article, source, new_article=False)


def _log(article: Article, story: int, feats: Features) -> None:
    data = feats.to_dict()
    entry = rows.insert(
        StoryLog,
        {"article": article.pk, "story": story, "features": data, "at": timezone.now()},
    )
    # The index learns the decision only once it is committed; a rollback leaves no trace.
    transaction.on_commit(lambda: _learn(entry, story, feats))


def _caught_up_locked() -> None:
    with _replica_lock:
        _caught_up()


def _learn(log_id: int, story_id: int, feats: Features) -> None:
    with _replica_lock:
        if _replica.index is not None and _replica.last_log == log_id - 1:
            _replica.index.add(str(story_id), feats)
            _replica.last_log = log_id
        # Otherwise the index missed something: it replays from the log next time.


def merge(story: Story, into: Story) -> None:
    """Two stories that grew into one become one; the old one stays as a redirect."""
    if story.pk == into.pk:
        return
    Article.objects.filter(story=story).update(story=into)
    Story.objects.filter(merged_into=story).update(merged_into=into)
    story.merged_into = into
    story.article_count = 0
    story.save(update_fields=["merged_into", "article_count"])
    StoryLog.objects.create(story=story, merged_into=into)


@dataclass(frozen=True)
class _Counted:
    """What counting one more arrival in a story reads of it (one statement, `_counted`)."""

    id: int
    outlets: list[int]
    article_count: int
    languages: list[str]
    ahead: bool  # the arriving article leads the story rather than its lead


_COUNTED_SQL = (
    "SELECT s.id, s.outlets, s.article_count, s.languages, s.lead_id,"
    " (SELECT COUNT(*) FROM news_articlecopy WHERE article_id = %s),"
    " (SELECT COUNT(*) FROM news_articlecopy WHERE article_id = s.lead_id),"
    " (SELECT COUNT(*) FROM news_article l WHERE l.id = s.lead_id AND l.published_at > %s)"
    " FROM news_story s WHERE s.id = %s"
)


def _counted(story: str | int, article: Article) -> _Counted | None:
    """The story's counts, and whether the arriving article leads rather than the story's
    lead: more copies, or as many and earlier (the times compared in SQL, as stored)."""
    published = Article._meta.get_field("published_at").get_db_prep_save(
        article.published_at, connection
    )
    with connection.cursor() as cursor:
        cursor.execute(_COUNTED_SQL, [article.pk, published, int(story)])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, outlets, article_count, languages, lead, mine, theirs, lead_later = row
    if lead is None:
        ahead = True
    elif lead == article.pk:
        ahead = False
    else:
        ahead = mine > theirs if mine != theirs else bool(lead_later)
    return _Counted(pk, _json(outlets), article_count, _json(languages), ahead)


def _json(value: object) -> list:
    return json.loads(value) if isinstance(value, str) else list(value or [])


def _start(article: Article) -> int:
    """A new story of one article: its counts are the article's, written at once."""
    outlets = [] if article.source.name == UNATTRIBUTED else [article.source.pk]
    return rows.insert(
        Story,
        {
            "headline": article.title[:1000],
            "first_seen": article.published_at,
            "last_updated": article.published_at,
            "article_count": 1,
            "outlet_count": len(outlets),
            "outlets": outlets,
            "languages": [article.language] if article.language else [],
            "lead": article.pk,
        },
    )


def _final_id(story: int) -> int:
    """Follow merge redirects from a story id to the story that holds the articles now."""
    seen = set()
    with connection.cursor() as cursor:
        while story not in seen:
            seen.add(story)
            cursor.execute("SELECT merged_into_id FROM news_story WHERE id = %s", [story])
            row = cursor.fetchone()
            if row is None or row[0] is None:
                break
            story = row[0]
    return story


def _count_arrival(story: _Counted, article: Article, source: Source, *, new_article: bool) -> None:
    """Update a story's counts for one arrival without recounting the whole story: an
    article (with its first copy) joined, or another copy of one of its articles came, from
    `source` (not knowing who published it is no outlet)."""
    values: dict[str, object] = {}
    if source.name != UNATTRIBUTED and source.pk not in story.outlets:
        values["outlets"] = [*story.outlets, source.pk]
        values["outlet_count"] = len(values["outlets"])
    if new_article:
        values["article_count"] = story.article_count + 1
        if article.language and article.language not in story.languages:
            values["languages"] = sorted([*story.languages, article.language])
    if story.ahead:
        values["lead"] = article.pk
        values["headline"] = article.title[:1000]
    when = article.published_at
    rows.update(
        Story, story.id, values, lowest={"first_seen": when}, highest={"last_updated": when}
    )


def refresh(story: Story) -> None:
    """Recount a story and choose its headline: the title of its most republished article,
    the earliest of those on a tie."""
    articles = Article.objects.filter(story=story)
    stats = articles.aggregate(n=Count("id"), first=Min("published_at"))
    if not stats["n"]:
        return
    ranked = articles.annotate(copies_n=Count("copies")).order_by("-copies_n", "published_at")
    story.lead = ranked.first()
    story.headline = story.lead.title[:1000]
    story.article_count = stats["n"]
    story.first_seen = min(story.first_seen, stats["first"])
    story.last_updated = max(
        story.last_updated, articles.order_by("-published_at").first().published_at
    )
    copies = ArticleCopy.objects.filter(article__story=story)
    named = copies.exclude(source__name=UNATTRIBUTED)  # not knowing who is not an outlet
    story.outlets = sorted(named.values_list("source", flat=True).distinct())
    story.outlet_count = len(story.outlets)
    story.languages = sorted({lang for lang in articles.values_list("language", flat=True) if lang})
    story.save()


def final(story: Story) -> Story:
    """Follow merge redirects to the story that holds the articles now."""
    seen = set()
    while story.merged_into_id and story.pk not in seen:
        seen.add(story.pk)
        story = story.merged_into
    return story
