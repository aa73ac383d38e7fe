"""Every article as one JSON object per line: the portable form of the archive."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.db.models import Prefetch

from newsfold.news.models import Article, ArticleCopy


def article_records(batch: int = 500) -> Iterator[dict]:
    copies = Prefetch("copies", queryset=ArticleCopy.objects.select_related("source"))
    articles = Article.objects.select_related("source").prefetch_related(copies).order_by("id")
    for a in articles.iterator(chunk_size=batch):
        yield {
            "id": a.pk,
            "url": a.url,
            "title": a.title,
            "source": a.source.name,
            "published_at": a.published_at.isoformat(),
            "language": a.language,
            "story_id": a.story_id,
            "text": a.text,
            "copies": [
                {"source": c.source.name, "url": c.url, "fetched_at": c.fetched_at.isoformat()}
                for c in a.copies.all()
            ],
        }


def export_lines() -> Iterator[str]:
    for record in article_records():
        yield json.dumps(record, ensure_ascii=False)
