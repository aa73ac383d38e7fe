from django.db import models
from django.utils import timezone

from newsfold.sources.models import Feed, Source


class Article(models.Model):
    """One distinct text, however many places it was found (see ArticleCopy)."""

    title = models.CharField(max_length=1000)
    text = models.TextField()
    html = models.TextField(blank=True)  # sanitised structured body
    author = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=2000, blank=True)  # the copy whose text won
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    published_at = models.DateTimeField(db_index=True)
    language = models.CharField(max_length=16, blank=True)
    image_url = models.CharField(max_length=2000, blank=True)
    tags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["-published_at", "-id"])]

    def __str__(self) -> str:
        return self.title


class ArticleCopy(models.Model):
    """A place where an article's text was found: an outlet, a URL, a time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="copies")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="copies")
    feed = models.ForeignKey(Feed, on_delete=models.SET_NULL, null=True, blank=True)
    url = models.CharField(max_length=2000, blank=True)
    guid = models.CharField(max_length=1000, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    text_length = models.PositiveIntegerField(default=0)

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


class SentenceKey(models.Model):
    """Hashes of an article's substantial sentences: find the same text with a paragraph more
    or less (a capture without its lead, a truncated republication) or laid out otherwise."""

    key = models.CharField(max_length=32, db_index=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sentence_keys")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="sentence_key_once")]
