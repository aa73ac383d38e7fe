"""Store drafts as articles and copies: the news app's door for ingestion.

Idempotent by construction: a draft from a place already stored (same outlet and URL or
GUID) changes nothing unless its text is fuller; the same text from another place becomes a
copy of the existing article; the fuller text always wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from newsfold.news.models import Article, ArticleCopy, SentenceKey, TextKey
from newsfold.pipeline.fingerprint import same_text, sentence_keys, text_key
from newsfold.pipeline.types import Draft
from newsfold.sources.models import Feed, Source
from newsfold.sources.outlets import UNATTRIBUTED

log = logging.getLogger(__name__)

ADDED, FOLDED, UPDATED, SKIPPED = "added", "folded", "updated", "skipped"


@dataclass(frozen=True)
class Stored:
    outcome: str  # added | folded | updated | skipped
    article_id: int | None
    reason: str = ""


def store(draft: Draft, source: Source, feed: Feed | None = None) -> Stored:
    text = draft.text.strip()
    if not text:
        return Stored(SKIPPED, None, "no article text")
    tkey, skeys = text_key(text), sentence_keys(text)
    if not draft.guid and not draft.url:
        # A copy with no address (a saved text page) is known by its text.
        draft.guid = f"text:{tkey[:40]}"
    for _ in range(3):
        try:
            with transaction.atomic():
                return _store(draft, text, tkey, skeys, source, feed)
        except IntegrityError:
            # Another worker stored the same text or copy first: look again, it is there now.
            log.info("store race on %s, retrying", draft.url or draft.guid)
    raise RuntimeError(f"could not store {draft.url or draft.title!r} after retries")


def _store(
    draft: Draft, text: str, tkey: str, skeys: list[str], source: Source, feed: Feed | None
) -> Stored:
    copy = _known_copy(draft, source)
    if copy is not None:
        article = Article.objects.select_for_update().get(pk=copy.article_id)
        if len(text) <= len(article.text) or article.text_keys.filter(key=tkey).exists():
            return Stored(SKIPPED, article.pk, "already stored")
        other = _same_text(tkey, skeys, exclude=article.pk)
        if other is not None:
            # The place now shows the full text of an article we already have (a feed's
            # summary, then its page): one article, not two.
            _merge(article, into=other)
            article = other
        if len(text) > len(article.text):
            _take_fuller(article, draft, text, source)
        _remember(article, tkey, skeys)
        copy.text_length = len(text)
        copy.fetched_at = draft.fetched_at or timezone.now()
        copy.save(update_fields=["text_length", "fetched_at"])
        return Stored(UPDATED, article.pk, "fuller text")

    article = _same_text(tkey, skeys)
    if article is not None:
        if _has_copy_from(article, source, draft.url):
            return Stored(SKIPPED, article.pk, "already stored")
        if len(text) > len(article.text):
            _take_fuller(article, draft, text, source)
        else:
            _take_metadata(article, draft, source)
        _remember(article, tkey, skeys)
        _add_copy(article, draft, text, source, feed)
        return Stored(FOLDED, article.pk, f"same text as article {article.pk}")

    now = timezone.now()
    article = Article.objects.create(
        title=draft.title[:1000] or "(untitled)",
        text=text,
        html=draft.html,
        author=draft.author[:300],
        url=draft.url,
        source=source,
        published_at=draft.published_at or draft.fetched_at or now,
        language=(draft.language or source.language)[:16],
        image_url=draft.image_url[:2000],
        tags=draft.tags[:20],
        created_at=now,
        updated_at=now,
    )
    TextKey.objects.create(key=tkey, article=article)  # unique: the race guard
    _remember(article, None, skeys)
    _add_copy(article, draft, text, source, feed)
    return Stored(ADDED, article.pk)


def _known_copy(draft: Draft, source: Source) -> ArticleCopy | None:
    place = Q()
    if draft.url:
        place |= Q(url=draft.url)
    if draft.guid:
        place |= Q(guid=draft.guid)
    return ArticleCopy.objects.filter(place, source=source).first()


def _has_copy_from(article: Article, source: Source, url: str) -> bool:
    copies = article.copies.filter(source=source)
    return copies.filter(Q(url="") | Q(url=url)).exists() if url else copies.exists()


def _same_text(tkey: str, skeys: list[str], exclude: int | None = None) -> Article | None:
    hit = TextKey.objects.filter(key=tkey).exclude(article_id=exclude).first()
    if hit is not None:
        return Article.objects.select_for_update().get(pk=hit.article_id)
    if not skeys:
        return None
    candidates = (
        SentenceKey.objects.filter(key__in=skeys)
        .exclude(article_id=exclude)
        .values("article")
        .annotate(shared=Count("id"))
        .order_by("-shared")[:5]
    )
    for row in candidates:
        theirs = list(
            SentenceKey.objects.filter(article=row["article"]).values_list("key", flat=True)
        )
        if same_text(skeys, theirs):
            return Article.objects.select_for_update().get(pk=row["article"])
    return None


def _take_metadata(article: Article, draft: Draft, source: Source) -> None:
    """A shorter copy still tells the earliest publication time, and names the outlet of an
    article known so far only from unattributed captures."""
    if draft.published_at and draft.published_at < article.published_at:
        article.published_at = draft.published_at
    if article.source.name == UNATTRIBUTED and source.name != UNATTRIBUTED:
        article.source = source
        article.url = draft.url or article.url
    article.save(update_fields=["published_at", "source", "url"])


def _merge(article: Article, into: Article) -> None:
    ArticleCopy.objects.filter(article=article).update(article=into)
    TextKey.objects.filter(article=article).update(article=into)
    known = into.sentence_keys.values_list("key", flat=True)
    SentenceKey.objects.filter(article=article, key__in=list(known)).delete()
    SentenceKey.objects.filter(article=article).update(article=into)
    if article.published_at < into.published_at:
        into.published_at = article.published_at
        into.save(update_fields=["published_at"])
    article.delete()


def _take_fuller(article: Article, draft: Draft, text: str, source: Source) -> None:
    article.text = text
    article.html = draft.html
    article.url = draft.url or article.url
    article.source = source
    if draft.title:
        article.title = draft.title[:1000]
    article.author = draft.author[:300] or article.author
    article.image_url = draft.image_url[:2000] or article.image_url
    if draft.published_at and draft.published_at < article.published_at:
        article.published_at = draft.published_at
    article.tags = list(dict.fromkeys([*article.tags, *draft.tags]))[:20]
    article.updated_at = timezone.now()
    article.save()


def _remember(article: Article, tkey: str | None, skeys: list[str]) -> None:
    if tkey is not None:
        TextKey.objects.get_or_create(key=tkey, defaults={"article": article})
    known = set(article.sentence_keys.values_list("key", flat=True))
    SentenceKey.objects.bulk_create(
        [SentenceKey(key=k, article=article) for k in skeys if k not in known]
    )


def _add_copy(article: Article, draft: Draft, text: str, source: Source, feed: Feed | None) -> None:
    ArticleCopy.objects.create(
        article=article,
        source=source,
        feed=feed,
        url=draft.url[:2000],
        guid=draft.guid[:1000],
        title=draft.title[:1000],
        published_at=draft.published_at,
        fetched_at=draft.fetched_at or timezone.now(),
        text_length=len(text),
    )
