"""The front page: which stories lead, and what fills each section.

A story leads by the breadth of its coverage (distinct outlets count more than more articles
from the same ones), by how fresh it is (half the weight every `HALF_LIFE_HOURS` since it
last grew), by how new the event is (a story first seen today outranks one that has run
all week and is still updated), and by not repeating an outlet the stories above it
already lead with. A story only one outlet tells is not yet a top story: such stories
fill the top only when too few stories are covered more widely. In a regional edition, a
story that the region's own outlets cover climbs: global news, local flavour.

"Fresh" is measured from the newest update we hold, not the wall clock, so a site that
stopped fetching still shows its last front page rather than an empty one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.utils.text import slugify

from newsfold.news.models import Article, Story
from newsfold.news.reader import ANONYMOUS, Reader
from newsfold.pipeline.sections import CATEGORIES
from newsfold.sources.models import Source

HALF_LIFE_HOURS = 12.0
NOVELTY = 1.0  # extra weight of a story first seen just now, halving every HALF_LIFE_HOURS
CANDIDATES = 400  # the most recently updated stories considered for the top
SAME_LEAD_PENALTY = 0.6  # per story above already led by the same outlet
LOCAL_BOOST = 1.0  # per share of a story's outlets from the edition's region
ARTICLE_FIELDS = (
    "id",
    "title",
    "published_at",
    "language",
    "story_id",
    "source__name",
    "source__slug",
    "image_url",
    "url",  # the original, which the API and feeds out link to
)


@dataclass
class TopStory:
    story: Story
    lead: Article | None
    more: list[Article] = field(default_factory=list)  # other outlets' takes, newest first


def editions() -> list[tuple[str, str]]:
    """(slug, name) of each region some outlet is in: the home page's edition switch."""
    regions = Source.objects.exclude(region="").values_list("region", flat=True).distinct()
    return sorted({(slugify(r), r) for r in regions if slugify(r)}, key=lambda e: e[1])


def region_outlets(region: str) -> set[int]:
    return set(Source.objects.filter(region=region).values_list("id", flat=True))


def score(story: Story, now, local: set[int] | None = None) -> float:
    breadth = story.outlet_count + 0.5 * math.log2(
        1 + max(0, story.article_count - story.outlet_count)
    )
    age = max(0.0, (now - story.last_updated).total_seconds() / 3600)
    value = breadth * 0.5 ** (age / HALF_LIFE_HOURS)
    began = max(0.0, (now - (story.first_seen or story.last_updated)).total_seconds() / 3600)
    value *= 1 + NOVELTY * 0.5 ** (began / HALF_LIFE_HOURS)
    if local:
        outlets = set(story.outlets or [])
        if outlets:
            value *= 1 + LOCAL_BOOST * len(outlets & local) / len(outlets)
    return value


def top_stories(region: str = "", limit: int = 8, reader: Reader = ANONYMOUS) -> list[TopStory]:
    now = Story.objects.filter(merged_into=None).aggregate(m=Max("last_updated"))["m"]
    if now is None:
        return []
    since = now - timedelta(hours=settings.NEWSFOLD_TOP_HOURS)
    candidates = list(
        Story.objects.filter(merged_into=None, last_updated__gte=since, article_count__gt=0)
        .order_by("-last_updated")
        .only(
            "id",
            "headline",
            "last_updated",
            "first_seen",
            "article_count",
            "outlet_count",
            "outlets",
            "lead_id",
        )[:CANDIDATES]
    )
    if reader.muted_words:
        candidates = [s for s in candidates if not reader.hides_text(s.headline)]
    local = region_outlets(region) if region else None
    scored = {s.pk: score(s, now, local) for s in candidates}
    leads = dict(
        Article.objects.filter(pk__in=[s.lead_id for s in candidates if s.lead_id]).values_list(
            "id", "source_id"
        )
    )
    picked: list[Story] = []
    led_by: dict[int, int] = {}
    pool = sorted(candidates, key=lambda s: (-scored[s.pk], -s.pk))
    broad = {s.pk for s in candidates if s.outlet_count > 1}
    # Greedy: each time, the best story once outlets already leading are discounted.
    # A reader's mutes may empty a story: a few spares stand in for those.
    wanted = limit + (limit if reader.mutes else 0)
    while pool and len(picked) < wanted:
        at = max(
            range(len(pool)),
            key=lambda i: (
                pool[i].pk in broad,
                scored[pool[i].pk] * SAME_LEAD_PENALTY ** led_by.get(leads.get(pool[i].lead_id), 0),
                -i,
            ),
        )
        best = pool.pop(at)
        picked.append(best)
        outlet = leads.get(best.lead_id)
        if outlet is not None:
            led_by[outlet] = led_by.get(outlet, 0) + 1
    return [t for t in with_articles(picked, reader=reader) if t.lead][:limit]


def with_articles(
    stories: list[Story], per_story: int = 3, reader: Reader = ANONYMOUS
) -> list[TopStory]:
    """Each story with its lead and other outlets' takes, as far as the reader sees them."""
    rows = reader.visible(Article.objects.filter(story__in=[s.pk for s in stories]))
    rows = rows.select_related("source").only(*ARTICLE_FIELDS).order_by("-published_at", "-id")
    by_story: dict[int, list[Article]] = {}
    for article in rows[: 60 * max(1, len(stories))]:
        by_story.setdefault(article.story_id, []).append(article)
    result = []
    for story in stories:
        articles = by_story.get(story.pk, [])
        lead = next(
            (a for a in articles if a.pk == story.lead_id), articles[0] if articles else None
        )
        seen = {lead.source.slug} if lead else set()
        more = []
        for a in articles:
            if a is not lead and a.source.slug not in seen and len(more) < per_story:
                seen.add(a.source.slug)
                more.append(a)
        result.append(TopStory(story, lead, more))
    return result


def latest(region: str = "", limit: int = 10, reader: Reader = ANONYMOUS) -> list[Article]:
    rows = reader.visible(Article.objects.select_related("source").only(*ARTICLE_FIELDS))
    if region:
        rows = rows.filter(source__region=region)
    return list(rows.order_by("-published_at", "-id")[:limit])


def sections(
    region: str = "", per_section: int = 4, reader: Reader = ANONYMOUS
) -> list[tuple[str, list[Article]]]:
    """(category slug, newest articles) for every category that has any."""
    found = []
    for slug in CATEGORIES:
        rows = reader.visible(Article.objects.filter(category=slug))
        rows = rows.select_related("source").only(*ARTICLE_FIELDS)
        if region:
            rows = rows.filter(source__region=region)
        articles = list(rows.order_by("-published_at", "-id")[:per_section])
        if articles:
            found.append((slug, articles))
    return found
