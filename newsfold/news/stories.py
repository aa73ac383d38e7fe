"""Group articles into stories, online and in arrival order, the same way on every worker.

Each process keeps an in-memory story index (`pipeline.cluster.StoryIndex`). Decisions are
made one at a time under a database-wide lock (an advisory lock on PostgreSQL; SQLite
serialises writers by itself) after the index has replayed every decision logged since it
last looked (`StoryLog`), so two workers never start two stories for one event.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone

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
    entries = StoryLog.objects.filter(id__gt=_replica.last_log).order_by("id")
    for entry in entries.only("id", "story_id", "merged_into_id", "features").iterator(500):
        if entry.merged_into_id is not None:
            _replica.index.merge(str(entry.story_id), str(entry.merged_into_id))
        elif entry.features:
            _replica.index.add(str(entry.story_id), Features.from_dict(entry.features))
        _replica.last_log = entry.id
    return _replica.index


def decide(feats: Features) -> Decision:
    """The story index's choice for a new article, this process's index caught up first."""
    with _replica_lock:
        return _caught_up().assign(feats)


def assign(article: Article, decision: Decision, feats: Features) -> Story:
    """Put a new article into the story `decide` chose for it, or start one.

    Must run inside the transaction that stores the article, after `serialize_decisions()`.
    """
    story = Story.objects.filter(pk=int(decision.story)).first() if decision.story else None
    if decision.story is not None and story is None:
        # The index knows a story the database does not (a restore, a rolled-back test):
        # rebuild it from the log and decide again.
        reset_index()
        decision = decide(feats)
        story = Story.objects.filter(pk=int(decision.story)).first() if decision.story else None
    if story is None:
        story = Story.objects.create(
            headline=article.title,
            first_seen=article.published_at,
            last_updated=article.published_at,
        )
    merged = list(Story.objects.filter(pk__in=[int(k) for k in decision.merge]))
    for other in merged:
        merge(other, into=story)
    article.story = story
    article.save(update_fields=["story"])
    _log(article, story, feats)
    if merged:
        refresh(story)
    else:
        _count_arrival(story, article, article.source, new_article=True)
    return story


def republished(article: Article, feats: Features, source: Source) -> None:
    """A copy of the article arrived from `source`: one more sign its story is alive, as
    in `group`."""
    if article.story_id is None:
        return
    story = final(article.story)
    _caught_up_locked()
    _log(article, story, feats)
    _count_arrival(story, article, source, new_article=False)


def _log(article: Article, story: Story, feats: Features) -> None:
    entry = StoryLog.objects.create(article=article, story=story, features=feats.to_dict())
    # The index learns the decision only once it is committed; a rollback leaves no trace.
    transaction.on_commit(lambda: _learn(entry.id, story.pk, feats))


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


def _count_arrival(story: Story, article: Article, source: Source, *, new_article: bool) -> None:
    """Update a story's counts for one arrival without recounting the whole story: an
    article (with its first copy) joined, or another copy of one of its articles came, from
    `source` (not knowing who published it is no outlet)."""
    if source.name != UNATTRIBUTED and source.pk not in story.outlets:
        story.outlets = [*story.outlets, source.pk]
        story.outlet_count = len(story.outlets)
    if new_article:
        story.article_count += 1
        if article.language and article.language not in story.languages:
            story.languages = sorted([*story.languages, article.language])
    story.first_seen = min(story.first_seen, article.published_at)
    story.last_updated = max(story.last_updated, article.published_at)
    if story.lead_id is None or _ahead(article, story.lead_id):
        story.lead = article
        story.headline = article.title[:1000]
    story.save(update_fields=_COUNTED)


_COUNTED = [
    "outlets", "outlet_count", "article_count", "languages", "first_seen", "last_updated",
    "lead", "headline",
]  # fmt: skip


def _ahead(article: Article, lead: int) -> bool:
    """The article leads its story rather than `lead`: more copies, or as many and earlier."""
    if article.pk == lead:
        return False
    counts = dict(
        ArticleCopy.objects.filter(article_id__in=[article.pk, lead])
        .values("article_id")
        .annotate(n=Count("id"))
        .values_list("article_id", "n")
    )
    mine, theirs = counts.get(article.pk, 0), counts.get(lead, 0)
    if mine != theirs:
        return mine > theirs
    earlier = Article.objects.filter(pk=lead, published_at__gt=article.published_at)
    return earlier.exists()


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
