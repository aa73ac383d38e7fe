"""Store drafts as articles and copies: the news app's door for ingestion.

Idempotent by construction: a draft from a place already stored (same outlet and URL or
GUID) changes nothing unless its text is fuller; the same text from another place — word
for word, or republished with a new headline, a dateline, cuts and small edits — becomes a
copy of the existing article; the fuller text always wins. A new article joins its story.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from newsfold.news import stories
from newsfold.news.filing import file_article
from newsfold.news.models import Article, ArticleCopy, ArticleTag, FoldKey, TextKey
from newsfold.news.related import remember_terms
from newsfold.pipeline.fingerprint import text_key
from newsfold.pipeline.fold import MAX_CANDIDATES, Signature, best_copy, lsh_keys, signature
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


@dataclass(frozen=True)
class _Text:
    """The draft's text and the keys that recognise it."""

    body: str
    key: str
    sig: Signature


def store(draft: Draft, source: Source, feed: Feed | None = None) -> Stored:
    body = draft.text.strip()
    if not body:
        return Stored(SKIPPED, None, "no article text")
    text = _Text(body, text_key(body), signature(draft.title, body))
    if not draft.guid and not draft.url:
        # A copy with no address (a saved text page) is known by its text.
        draft.guid = f"text:{text.key[:40]}"
    for _ in range(3):
        try:
            with transaction.atomic():
                return _store(draft, text, source, feed)
        except IntegrityError:
            # Another worker stored the same text or copy first: look again, it is there now.
            log.info("store race on %s, retrying", draft.url or draft.guid)
    raise RuntimeError(f"could not store {draft.url or draft.title!r} after retries")


def _store(draft: Draft, text: _Text, source: Source, feed: Feed | None) -> Stored:
    # One decision at a time across workers: which article a text is, which story it joins.
    stories.serialize_decisions()
    copy = _known_copy(draft, source)
    if copy is not None:
        return _update_copy(copy, draft, text, source)

    article = _same_text(text)
    if article is not None:
        if _has_copy_from(article, source, draft.url):
            return Stored(SKIPPED, article.pk, "already stored")
        if len(text.body) > len(article.text):
            _take_fuller(article, draft, text.body, source)
            file_article(article)
        else:
            _take_metadata(article, draft, source)
        _add_copy(article, draft, text, source, feed)
        stories.republished(article, draft.title, text.body, draft.published_at)
        return Stored(FOLDED, article.pk, f"same text as article {article.pk}")

    now = timezone.now()
    article = Article.objects.create(
        title=draft.title[:1000] or "(untitled)",
        text=text.body,
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
    _add_copy(article, draft, text, source, feed)
    remember_terms(article)
    file_article(article)
    stories.assign(article)
    return Stored(ADDED, article.pk)


def _update_copy(copy: ArticleCopy, draft: Draft, text: _Text, source: Source) -> Stored:
    """A place we know again: nothing changes unless it now shows a fuller text."""
    article = Article.objects.select_for_update().get(pk=copy.article_id)
    if len(text.body) <= len(article.text) or article.text_keys.filter(key=text.key).exists():
        return Stored(SKIPPED, article.pk, "already stored")
    other = _same_text(text, exclude=article.pk)
    if other is not None:
        # The place now shows the full text of an article we already have (a feed's
        # summary, then its page): one article, not two.
        _merge(article, into=other)
        article = other
        copy.article = other
    if len(text.body) > len(article.text):
        _take_fuller(article, draft, text.body, source)
        remember_terms(article)
        file_article(article)
    copy.text_length = len(text.body)
    copy.fetched_at = draft.fetched_at or timezone.now()
    copy.signature = text.sig.to_bytes()
    copy.save(update_fields=["article", "text_length", "fetched_at", "signature"])
    _remember(copy, text)
    return Stored(UPDATED, article.pk, "fuller text")


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


def _same_text(text: _Text, exclude: int | None = None) -> Article | None:
    """The article whose copies this text is a copy of: exact words first, then the few
    copies that share a fold key, decided by `pipeline.fold`."""
    hit = TextKey.objects.filter(key=text.key).exclude(article_id=exclude).first()
    if hit is not None:
        return Article.objects.select_for_update().get(pk=hit.article_id)
    shared = (
        FoldKey.objects.filter(key__in=lsh_keys(text.sig))
        .exclude(article_id=exclude)
        .values("copy")
        .annotate(n=Count("id"))
        .order_by("-n", "-copy")[:MAX_CANDIDATES]
    )
    copies = ArticleCopy.objects.filter(pk__in=[row["copy"] for row in shared])
    candidates = [
        (c.article_id, Signature.from_bytes(bytes(c.signature)))
        for c in copies.only("article_id", "signature")
        if c.signature
    ]
    found = best_copy(text.sig, candidates)
    return Article.objects.select_for_update().get(pk=found) if found is not None else None


def _take_metadata(article: Article, draft: Draft, source: Source) -> None:
    """A shorter copy still tells the earliest publication time, and names the outlet of an
    article known so far only from unattributed captures."""
    if draft.published_at and draft.published_at < article.published_at:
        article.published_at = draft.published_at
    if article.source.name == UNATTRIBUTED and source.name != UNATTRIBUTED:
        article.source = source
        article.url = draft.url or article.url
    article.save(update_fields=["published_at", "source", "url"])
    ArticleTag.objects.filter(article=article).update(published_at=article.published_at)


def _merge(article: Article, into: Article) -> None:
    """The article turned out to be another's text: its copies, keys and story go there."""
    ArticleCopy.objects.filter(article=article).update(article=into)
    TextKey.objects.filter(article=article).update(article=into)
    FoldKey.objects.filter(article=article).update(article=into)
    if article.published_at < into.published_at:
        into.published_at = article.published_at
        into.save(update_fields=["published_at"])
        ArticleTag.objects.filter(article=into).update(published_at=into.published_at)
    old_story = article.story
    article.delete()
    if old_story is not None and old_story.pk != into.story_id:
        if into.story_id and not old_story.articles.exists():
            stories.merge(old_story, into=into.story)
        else:
            stories.refresh(old_story)
    if into.story_id:
        stories.refresh(into.story)


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


def _remember(copy: ArticleCopy, text: _Text) -> None:
    TextKey.objects.get_or_create(key=text.key, defaults={"article_id": copy.article_id})
    FoldKey.objects.filter(copy=copy).delete()
    FoldKey.objects.bulk_create(
        [FoldKey(key=k, copy=copy, article_id=copy.article_id) for k in lsh_keys(text.sig)]
    )


def _add_copy(
    article: Article, draft: Draft, text: _Text, source: Source, feed: Feed | None
) -> None:
    copy = ArticleCopy.objects.create(
        article=article,
        source=source,
        feed=feed,
        url=draft.url[:2000],
        guid=draft.guid[:1000],
        title=draft.title[:1000],
        published_at=draft.published_at,
        fetched_at=draft.fetched_at or timezone.now(),
        text_length=len(text.body),
        signature=text.sig.to_bytes(),
    )
    _remember(copy, text)
