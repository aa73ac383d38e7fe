"""The reader's own front page ("For you") and what is new on the stories they follow.

"For you" takes the stories the front page would weigh (`news.home.score`: breadth and
freshness) among those touching what the reader follows — a followed story, hashtag,
outlet or section — and lifts each by how much of it the reader follows, and by the
sections the reader has been reading lately. A story the reader has read every article of
sinks: it has nothing left to tell them.

"New since you last read" counts, for each followed story, the articles stored after the
reader's last visit to it (or after they followed it, if they never opened it since).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Q

from newsfold.community.follows import matching
from newsfold.community.models import Follow, Read, StoryVisit
from newsfold.news import home as front
from newsfold.news.models import Article, Story
from newsfold.news.reader import Reader

WINDOW = timedelta(days=7)  # stories updated this long before the newest one may show
CANDIDATES = 300
FOLLOW_WEIGHT = 1.0  # per followed thing a story touches (at most MAX_MATCHES counted)
MAX_MATCHES = 4
READ_WEIGHT = 0.5  # for a story in the sections the reader reads most
READ_HISTORY = 100  # the reader's latest reads that say what they like
ALL_READ = 0.2  # a story whose every article the reader has read keeps this much


@dataclass
class StoryNews:
    story: Story
    new: int  # articles stored since the last visit
    outlets: list[str]


def follows(user_id: int) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in Follow.KINDS}
    for kind, key in Follow.objects.filter(user_id=user_id).values_list("kind", "key"):
        found[kind].add(key)
    return found


def _touching(followed: dict[str, set[str]]) -> Q | None:
    """Articles touching anything followed."""
    q = Q()
    for kind, keys in followed.items():
        for key in sorted(keys):
            q |= matching(kind, key)
    return q or None


def for_you(reader: Reader, limit: int = 20) -> list[front.TopStory]:
    followed = follows(reader.user_id)
    touching = _touching(followed)
    if touching is None:
        return []
    newest = Story.objects.filter(merged_into=None).aggregate(m=Max("last_updated"))["m"]
    if newest is None:
        return []
    rows = reader.visible(
        Article.objects.filter(touching, story__isnull=False, story__merged_into=None).filter(
            story__last_updated__gte=newest - WINDOW
        )
    )
    # How much of each story the reader follows: the distinct followed things it touches.
    matched: dict[int, set[tuple[str, str]]] = {}
    columns = ("story_id", "source__slug", "category", "tag_links__tag__slug")
    for story_id, outlet, section, tag in rows.values_list(*columns)[: CANDIDATES * 20]:
        found = matched.setdefault(story_id, set())
        found |= {
            (kind, key)
            for kind, key in (
                ("outlet", outlet),
                ("section", section),
                ("tag", tag),
                ("story", str(story_id)),
            )
            if key in followed[kind]
        }
    matches = {pk: len(found) for pk, found in matched.items()}
    if not matches:
        return []
    stories = Story.objects.in_bulk(list(matches)[: CANDIDATES * 4])
    liked = _liked_sections(reader.user_id)
    sections = dict(
        Article.objects.filter(
            pk__in=[s.lead_id for s in stories.values() if s.lead_id]
        ).values_list("story_id", "category")
    )
    read_all = _fully_read(reader.user_id, list(stories))
    scored = []
    for pk, story in stories.items():
        if reader.muted_words and reader.hides_text(story.headline):
            continue
        value = front.score(story, newest)
        value *= 1 + FOLLOW_WEIGHT * min(matches[pk], MAX_MATCHES)
        if sections.get(pk) in liked:
            value *= 1 + READ_WEIGHT
        if pk in read_all:
            value *= ALL_READ
        scored.append((value, pk))
    scored.sort(key=lambda vp: (-vp[0], -vp[1]))
    picked = [stories[pk] for _, pk in scored[: limit * 2]]
    return [t for t in front.with_articles(picked, reader=reader) if t.lead][:limit]


def _liked_sections(user_id: int) -> set[str]:
    recent = (
        Read.objects.filter(user_id=user_id)
        .order_by("-at")
        .values_list("article__category", flat=True)[:READ_HISTORY]
    )
    counts = Counter(c for c in recent if c)
    return {c for c, _ in counts.most_common(2)}


def _fully_read(user_id: int, story_ids: list[int]) -> set[int]:
    read = Counter(
        Read.objects.filter(user_id=user_id, article__story_id__in=story_ids).values_list(
            "article__story_id", flat=True
        )
    )
    if not read:
        return set()
    totals = dict(Story.objects.filter(pk__in=list(read)).values_list("pk", "article_count"))
    return {pk for pk, n in read.items() if n >= totals.get(pk, 0) > 0}


def since_last_visit(user_id: int, story: Story) -> datetime | None:
    """When the reader last opened the story; None when they never did (nothing is
    "new" on a first visit: everything is)."""
    return (
        StoryVisit.objects.filter(user_id=user_id, story=story)
        .values_list("seen_at", flat=True)
        .first()
    )


def new_on_followed(reader: Reader, limit: int = 10) -> list[StoryNews]:
    """Followed stories with articles stored since the reader last looked, most first."""
    keys = Follow.objects.filter(user_id=reader.user_id, kind="story").values_list(
        "key", "created_at"
    )
    followed = {int(k): at for k, at in keys if k.isascii() and k.isdigit()}
    if not followed:
        return []
    visits = dict(
        StoryVisit.objects.filter(user_id=reader.user_id, story_id__in=list(followed)).values_list(
            "story_id", "seen_at"
        )
    )
    found = []
    for story in Story.objects.filter(pk__in=list(followed), merged_into=None):
        since = max(filter(None, (visits.get(story.pk), followed[story.pk])))
        arrived = reader.visible(story.articles.filter(created_at__gt=since))
        outlets = list(dict.fromkeys(arrived.values_list("source__name", flat=True)))
        count = arrived.count()
        if count:
            found.append(StoryNews(story, count, outlets))
    found.sort(key=lambda n: (-n.new, -n.story.pk))
    return found[:limit]
