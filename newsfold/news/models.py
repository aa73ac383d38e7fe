from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from newsfold.fields import WebURLField
from newsfold.sources.models import Feed, Source


def slug_for(title: str) -> str:
    """A readable URL part; the id before it is what finds the page, so it may change."""
    return slugify(title, allow_unicode=True)[:80].strip("-") or "untitled"


class Story(models.Model):
    """Articles about one event. A story merged into another stays as a redirect."""

    headline = models.CharField(max_length=1000)
    first_seen = models.DateTimeField(db_index=True)
    last_updated = models.DateTimeField(db_index=True)
    article_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    outlets = models.JSONField(default=list, blank=True)  # source ids, for outlet_count
    languages = models.JSONField(default=list, blank=True)
    # The article whose title is the headline: the most republished, earliest on a tie.
    lead = models.ForeignKey(
        "Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )

    class Meta:
        ordering = ["-last_updated", "-id"]

    def __str__(self) -> str:
        return self.headline

    @property
    def slug(self) -> str:
        return slug_for(self.headline)


class Article(models.Model):
    """One distinct text, however many places it was found (see ArticleCopy)."""

    title = models.CharField(max_length=1000)
    text = models.TextField()
    html = models.TextField(blank=True)  # sanitised structured body
    author = models.CharField(max_length=300, blank=True)
    url = WebURLField(max_length=2000, blank=True)  # the copy whose text won
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    published_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=16, blank=True)
    image_url = WebURLField(max_length=2000, blank=True)
    tags = models.JSONField(default=list, blank=True)  # as the feed or page gave them
    # A slug of `pipeline.sections.CATEGORIES`, or "" when no rule files the article.
    category = models.CharField(max_length=32, blank=True, default="")
    hashtags = models.ManyToManyField("Tag", through="ArticleTag", related_name="articles")
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-id"]
        # Listings walk these in order from a cursor (keyset pagination).
        indexes = [
            models.Index(fields=["-published_at", "-id"]),
            models.Index(fields=["source", "-published_at", "-id"], name="article_outlet_time"),
            models.Index(fields=["category", "-published_at", "-id"], name="article_category_time"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        return slug_for(self.title)


class Tag(models.Model):
    """A hashtag: a name, place, organisation or topic that articles are filed under."""

    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    name = models.CharField(max_length=100)
    # "person", "place", "organisation", or "" for a topic a feed named.
    kind = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleTag(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tag_links")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="article_links")
    # The article's time, copied so a hashtag page walks one index in order.
    published_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "tag"], name="tag_once")]
        indexes = [models.Index(fields=["tag", "-published_at", "-article"], name="tag_time")]


class ArticleCopy(models.Model):
    """A place where an article's text was found: an outlet, a URL, a time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="copies")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="copies")
    feed = models.ForeignKey(Feed, on_delete=models.SET_NULL, null=True, blank=True)
    url = WebURLField(max_length=2000, blank=True)
    guid = models.CharField(max_length=1000, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    text_length = models.PositiveIntegerField(default=0)
    # The copy's text as `pipeline.fold` compares it (minhash sketch, headline hashes).
    signature = models.BinaryField(default=b"")

    class Meta:
        ordering = ["fetched_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "url"], condition=~models.Q(url=""), name="copy_source_url"
            ),
            models.UniqueConstraint(
                fields=["source", "guid"], condition=~models.Q(guid=""), name="copy_source_guid"
            ),
        ]
        indexes = [models.Index(fields=["url"]), models.Index(fields=["source", "guid"])]


class TextKey(models.Model):
    """The hash of one normalised text seen for an article; unique, so two workers storing
    the same text at once cannot both create an article."""

    key = models.CharField(max_length=64, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="text_keys")


class FoldKey(models.Model):
    """Locality-sensitive keys of each copy's text: copies of one text share at least one,
    so a new text is compared only with the few copies it shares a key with."""

    key = models.CharField(max_length=16, db_index=True)
    copy = models.ForeignKey("ArticleCopy", on_delete=models.CASCADE, related_name="fold_keys")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="fold_keys")


class StoryLog(models.Model):
    """Every story decision in order: an article (or a republished copy of it) arrived in a
    story, or a story merged into another. Each process's in-memory story index catches up
    by replaying what is new, so the features it read are kept here."""

    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    features = models.JSONField(null=True, blank=True)
    merged_into = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)


class ArticleTerm(models.Model):
    """An article's strongest terms: finds related articles by content across stories."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=64)
    weight = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "term"], name="term_once")]
        # Covers the related-articles lookup: a term's newest postings with their weights.
        indexes = [models.Index(fields=["term", "article", "weight"], name="term_postings")]


class ArticleInsight(models.Model):
    """What enrichment read in an article (`news.insights`), computed in the background.

    `basis` is the article's `updated_at` when it was read: a newer text makes it due again,
    and so does a newer `version` of the engine."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="insight"
    )
    summary = models.JSONField(default=list, blank=True)  # cited sentences, in text order
    basis = models.DateTimeField()
    version = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)


class StoryInsight(models.Model):
    """A story's summary, key points, quotes and conflicting figures, all cited.

    `basis` is the story's `last_updated` when it was read: a new article makes it due."""

    story = models.OneToOneField(
        Story, on_delete=models.CASCADE, primary_key=True, related_name="insight"
    )
    summary = models.JSONField(default=list, blank=True)
    key_points = models.JSONField(default=list, blank=True)
    quotes = models.JSONField(default=list, blank=True)
    conflicts = models.JSONField(default=list, blank=True)
    engine = models.CharField(max_length=100, blank=True)  # "offline" or the LLM's model
    basis = models.DateTimeField()
    version = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)
