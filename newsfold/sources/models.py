from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone

from newsfold.fields import WebURLField


class Source(models.Model):
    """An outlet: who published what we read."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = WebURLField(max_length=2000, blank=True)
    # The homepage's host, lower-cased without "www.": ties pages and feed files to outlets.
    host = models.CharField(max_length=255, blank=True, db_index=True)
    region = models.CharField(max_length=40, blank=True)
    country = models.CharField(max_length=8, blank=True)
    language = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        # Outlets are looked up by name case-insensitively (name__iexact → UPPER(name)).
        indexes = [models.Index(Upper("name"), name="source_name_upper")]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="feeds")
    url = WebURLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    folder = models.CharField(max_length=200, blank=True)
    enabled = models.BooleanField(default=True)
    # Entries that carry only a summary get their linked page fetched and extracted.
    fetch_pages = models.BooleanField(default=True)
    # The outlet was named (--source, an OPML outline) or taken from the feed's own title:
    # until then the feed waits under its host and its first fetch files it (outlets.py).
    outlet_settled = models.BooleanField(default=False)

    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    poll_interval = models.PositiveIntegerField(default=3600)
    next_fetch_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # What the last successful fetch left out or read with trouble (entries over the cap,
    # malformed XML that still gave entries); cleared by a fetch without such a problem.
    notice = models.TextField(blank=True)
    # Set when the scheduler queues a fetch and again when a worker starts it: the lease
    # counts from the claim, and a stale value means the worker died mid-task.
    queued_at = models.DateTimeField(null=True, blank=True)
    # The queued fetch task's id: while it waits, the feed is not queued again.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source__name", "url"]

    def __str__(self) -> str:
        return self.url

    @property
    def status(self) -> str:
        if not self.enabled:
            return "disabled"
        if self.last_fetch_at is None:
            return "new"
        return "failing" if self.consecutive_failures else "ok"


class FetchAttempt(models.Model):
    """One fetch of a feed; trimmed to the last few per feed."""

    OK, NOT_MODIFIED, ERROR = "ok", "not_modified", "error"
    OUTCOMES = [(OK, "ok"), (NOT_MODIFIED, "not modified"), (ERROR, "error")]

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    error = models.TextField(blank=True)
    entries = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    folded = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["feed", "-started_at"])]


class HostSlot(models.Model):
    """One of a publisher host's connection slots, held by one fetch of one process at a
    time: every worker on every machine counts against the same few (`politeness`)."""

    host = models.CharField(max_length=255)
    slot = models.PositiveSmallIntegerField()
    holder = models.CharField(max_length=64, blank=True)
    # A holder that died frees its slot when this passes.
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["host", "slot"], name="host_slot_once")]


class RobotsFile(models.Model):
    """A site's robots.txt as last read, shared by every process until it expires."""

    url = models.CharField(max_length=300, unique=True)
    text = models.TextField(null=True, blank=True)  # None: no usable file, all allowed
    expires_at = models.DateTimeField()
