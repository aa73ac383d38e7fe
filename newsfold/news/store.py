"""Store drafts as articles and copies: the news app's door for ingestion.

What a draft is (a place we know again, a copy of an article, a new article in a story) is
decided by `pipeline.decide.decide`, the same function `newsfold group` runs, with the
database behind its lookups (`DatabaseLookups`); this module applies the decision to rows.
Idempotent by construction: a draft from a place already stored changes nothing unless its
text is fuller, and the fuller text always wins.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from newsfold.news import rows, stories
from newsfold.news.filing import file_article, section_of
from newsfold.news.models import Article, ArticleCopy, ArticleTag, FoldKey, TextKey
from newsfold.news.related import remember_terms
from newsfold.pipeline import cluster
from newsfold.pipeline.cluster import Features
from newsfold.pipeline.decide import (
    FOLD,
    NEW,
    SKIP,
    UPDATE,
    Arrival,
    Decision,
    Held,
    decide_article,
    decide_story,
)
from newsfold.pipeline.decide import with_article as features_of
from newsfold.pipeline.fingerprint import text_key
from newsfold.pipeline.fold import MAX_CANDIDATES, Signature, lsh_keys
from newsfold.pipeline.types import Draft
from newsfold.pipeline.urls import web_url
from newsfold.sources.models import Feed, Source
from newsfold.sources.outlets import UNATTRIBUTED

log = logging.getLogger(__name__)

ADDED, FOLDED, UPDATED, SKIPPED = "added", "folded", "updated", "skipped"


@dataclass(frozen=True)
class Stored:
    outcome: str  # added | folded | updated | skipped
    article_id: int | None
    reason: str = ""


class DatabaseLookups:
    """What `decide` asks, answered from the tables, for drafts of one outlet.

    Each answer is one statement in plain SQL: these run for every draft, and building them
    through the ORM cost more than running them. The article that has a text's key is
    asked in the same statement as the place (`held_at`): a text key is unique, so that one
    answer serves every `with_text` of the arrival."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.held_copy: int | None = None  # the copy `held_at` found, for `_update`
        self._keyed: dict[str, int | None] = {}  # text key -> the article that has it

    def held_at(self, arrival: Arrival) -> Held | None:
        places, params = [], [arrival.key, self.source.pk]
        for column, value in (("url", arrival.url), ("guid", arrival.guid)):
            if value:
                places.append(f"{column} = %s")
                params.append(value)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 0, article_id, 0 FROM news_textkey WHERE key = %s"  # noqa: S608
                " UNION ALL SELECT 1, id, article_id FROM (SELECT id, article_id"
                " FROM news_articlecopy WHERE source_id = %s"
                f" AND ({' OR '.join(places)}) ORDER BY fetched_at, id LIMIT 1) AS held",
                params,
            )
            found = {kind: (a, b) for kind, a, b in cursor.fetchall()}
        keyed = found.get(0)
        self._keyed[arrival.key] = keyed[0] if keyed else None
        if 1 not in found:
            return None
        self.held_copy, article = found[1]
        # The row is locked: the text it holds decides, and may change, in this transaction.
        (length,) = _one(
            "SELECT LENGTH(text) FROM news_article WHERE id = %s"  # noqa: S608
            + _for_update(),  # a fixed clause
            [article],
        )
        return Held(str(article), length, self._keyed[arrival.key] == article)

    def with_text(self, key: str, exclude: str | None) -> str | None:
        if key not in self._keyed:
            found = _one("SELECT article_id FROM news_textkey WHERE key = %s", [key])
            self._keyed[key] = found[0] if found else None
        article = self._keyed[key]
        if article is None or (exclude is not None and article == int(exclude)):
            return None
        return str(article)

    def fold_candidates(self, sig: Signature, exclude: str | None) -> list[tuple[str, Signature]]:
        keys = lsh_keys(sig)
        marks = ", ".join(["%s"] * len(keys))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.article_id, c.signature FROM news_articlecopy c JOIN ("  # noqa: S608
                " SELECT copy_id, COUNT(*) AS n FROM news_foldkey"
                f" WHERE key IN ({marks}) AND article_id <> %s"
                " GROUP BY copy_id ORDER BY n DESC, copy_id DESC LIMIT %s"
                ") k ON k.copy_id = c.id ORDER BY k.n DESC, c.id DESC",
                [*keys, int(exclude) if exclude is not None else 0, MAX_CANDIDATES],
            )
            rows = cursor.fetchall()
        return [(str(a), Signature.from_bytes(bytes(sig))) for a, sig in rows if sig]

    def text_length(self, article: str) -> int:
        return _one("SELECT LENGTH(text) FROM news_article WHERE id = %s", [int(article)])[0]

    def published_here(self, article: str, arrival: Arrival) -> bool:
        sql = "SELECT 1 FROM news_articlecopy WHERE article_id = %s AND source_id = %s"
        params = [int(article), self.source.pk]
        if arrival.url:
            sql += " AND (url = '' OR url = %s)"
            params.append(arrival.url)
        return _one(sql + " LIMIT 1", params) is not None

    def story_decision(self, feats: Features) -> cluster.Decision:
        return stories.decide(feats)


def _one(sql: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _for_update() -> str:
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


def store(draft: Draft, source: Source, feed: Feed | None = None) -> Stored:
    body = draft.text.strip()
    if not body:
        return Stored(SKIPPED, None, "no article text")
    # As the URL column keeps it, so that the lookups below find the place again.
    draft.url = web_url(draft.url) or ""
    if not draft.guid and not draft.url:
        # A copy with no address (a saved text page) is known by its text.
        draft.guid = f"text:{text_key(body)[:40]}"
    arrival = Arrival(
        title=draft.title,
        text=body,
        source_name=source.name,
        url=draft.url,
        guid=draft.guid,
        published_at=draft.published_at or draft.fetched_at,
        language=(draft.language or source.language) or None,
    )
    for _ in range(3):
        try:
            with transaction.atomic():
                lookups = DatabaseLookups(source)
                with _pipelined():
                    _claim(arrival, source)
                    decision = decide_article(arrival, lookups)
                return _apply(decision, lookups, draft, arrival, feed)
        except IntegrityError:
            # Another worker stored the same text or copy first: look again, it is there now.
            log.info("store race on %s, retrying", draft.url or draft.guid)
        except OperationalError as exc:
            if getattr(exc.__cause__, "sqlstate", None) not in _RETRIED:
                raise
            log.info("store of %s met another worker's locks, retrying", draft.url or draft.guid)
    raise RuntimeError(f"could not store {draft.url or draft.title!r} after retries")


# Drafts stored in one `batch` at most: a writer holds SQLite's write lock that long.
BATCH = 20


@contextmanager
def batch() -> Iterator[None]:
    """Stores made inside share one transaction on SQLite, each still its own savepoint.

    An SQLite commit writes every page the store touched to the log, and it cost a fifth of
    a store; consecutive drafts of one feed touch many of the same pages. Never around a
    network fetch: the write lock is held until the end. PostgreSQL gains nothing (a
    savepoint costs it the round trips a commit did) and would hold the story lock for the
    whole batch, so there each store keeps its own transaction. A batch that fails leaves
    the story index to be rebuilt, as it may have read the batch's decisions."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    try:
        with transaction.atomic():
            yield
    except BaseException:
        stories.reset_index()
        raise


_RETRIED = {"40P01", "40001"}  # PostgreSQL: deadlock detected, serialization failure
# The advisory lock space of text keys (the two-number form: apart from the story lock).
_TEXT_LOCKS = 0x6E66


@contextmanager
def _pipelined(*, enabled: bool = True) -> Iterator[None]:
    """PostgreSQL: a statement whose answer nobody reads (most of a store's writes, its
    locks) is sent without waiting for that answer; the next one that is read waits for all
    of them. A store made some 16 round trips to the server, and waiting on them was half
    its time. Not around the ORM's `save()` nor its updates: those read how many rows
    changed, which a pipeline tells only later."""
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield


def _claim(arrival: Arrival, source: Source) -> None:
    """Hold the keys this text is recognised by, and its place, until the transaction ends.

    Workers storing copies of one text, or the same place again, take turns: copies of one
    text share a key (the exact text's, or a fold key with high probability). Workers storing
    unrelated texts go on side by side, and wait for each other only for the story decision
    (`stories.serialize_decisions`). PostgreSQL only: SQLite's writers take turns anyway.
    """
    if connection.vendor != "postgresql":
        return
    names = {f"text {arrival.key}", *(f"fold {k}" for k in lsh_keys(arrival.sig))}
    names |= {f"place {source.pk} {place}" for place in (arrival.url, arrival.guid) if place}
    # Taken in one order by every worker (the subquery's), so that two never wait for each
    # other; a deadlock all the same is retried by `store`. The same statement lets this
    # transaction's commit return before its WAL reaches the disk (why: below).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('synchronous_commit', 'off', true), pg_advisory_xact_lock(%s, n)"
            " FROM (SELECT n FROM unnest(%s::int[]) AS t(n) ORDER BY n) AS ordered",
            [_TEXT_LOCKS, sorted({_lock_number(name) for name in names})],
        )


# A store's commit does not wait for the disk (PostgreSQL's synchronous_commit off, for this
# transaction only): that wait cost about as much as everything else a store does (some 6 ms
# a commit on the bench machine, against 7-8 ms of work). It is the durability SQLite
# has here already (WAL with synchronous=NORMAL, `envconf`): a crash of the server may lose
# the last few stores, whole and in order, never part of one nor a store without the ones
# before it. Any later commit that waits for the disk (a feed's fetch record, say) writes
# them too, so a store that was lost belongs to a fetch that left no record either, and the
# next fetch stores it again.


def _lock_number(name: str) -> int:
    digest = hashlib.blake2b(name.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


def _apply(
    decision: Decision, lookups: DatabaseLookups, draft: Draft, arrival: Arrival, feed
) -> Stored:
    source = lookups.source
    if decision.kind == SKIP:
        return Stored(SKIPPED, int(decision.article), decision.reason)
    if decision.kind == UPDATE:
        return _update(decision, lookups.held_copy, draft, arrival, source)
    if decision.kind == FOLD:
        # With its outlet, which the copy's metadata and the filing read.
        locked = Article.objects.select_related("source").select_for_update(of=("self",))
        article = locked.get(pk=int(decision.article))
        if decision.fuller:
            _take_fuller(article, draft, arrival.text, source)
            file_article(article)
        else:
            _take_metadata(article, draft, source)
        with _pipelined():
            _add_copy(article, draft, arrival, source, feed)
            stories.serialize_decisions()
            stories.republished(article, decision.features, source)
        return Stored(FOLDED, article.pk, decision.reason)
    assert decision.kind == NEW
    with _pipelined():
        article = _new_article(draft, arrival, source)
        _add_copy(article, draft, arrival, source, feed, new_article=True)
        remember_terms(article, decision.features.terms, new=True)
        file_article(article, new=True)
        # Only now the one story decision all workers share: the article's rows are written.
        stories.serialize_decisions()
        decision = decide_story(decision, lookups)
    # Merging stories saves them through the ORM, which reads how many rows changed.
    with _pipelined(enabled=not decision.story.merge):
        feats = features_of(decision.features, str(article.pk))
        stories.assign(article, decision.story, feats)
    return Stored(ADDED, article.pk)


def _new_article(draft: Draft, arrival: Arrival, source: Source) -> Article:
    """Insert the article's row (filed under its section already: `file_article` then
    finds nothing to change) and return it as a model instance."""
    now = timezone.now()
    article = Article(
        title=draft.title[:1000] or "(untitled)",
        text=arrival.text,
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
    article.category = section_of(article)
    values = {name: getattr(article, name) for name in _ARTICLE_COLUMNS}
    article.pk = rows.insert(Article, {**values, "source": source.pk})
    article._state.adding = False
    article._state.db = connection.alias
    return article


_ARTICLE_COLUMNS = (
    "title", "text", "html", "author", "url", "published_at", "language", "image_url", "tags",
    "category", "created_at", "updated_at",
)  # fmt: skip


def _update(
    decision: Decision, copy_id: int, draft: Draft, arrival: Arrival, source: Source
) -> Stored:
    """A place we know again shows a fuller text."""
    copy = ArticleCopy.objects.get(pk=copy_id)
    article = Article.objects.select_for_update().get(pk=int(decision.article))
    if decision.merge_into is not None:
        # The place now shows the full text of an article we already have (a feed's
        # summary, then its page): one article, not two; their stories may become one.
        stories.serialize_decisions()
        other = Article.objects.select_for_update().get(pk=int(decision.merge_into))
        _merge(article, into=other)
        article = other
        copy.article = other
    if decision.fuller:
        _take_fuller(article, draft, arrival.text, source)
        remember_terms(article)
        file_article(article)
    copy.text_length = len(arrival.text)
    copy.fetched_at = draft.fetched_at or timezone.now()
    copy.signature = arrival.sig.to_bytes()
    copy.save(update_fields=["article", "text_length", "fetched_at", "signature"])
    _remember(copy.pk, copy.article_id, arrival)
    return Stored(UPDATED, article.pk, decision.reason)


def _take_metadata(article: Article, draft: Draft, source: Source) -> None:
    """A shorter copy still tells the earliest publication time, and names the outlet of an
    article known so far only from unattributed captures."""
    changed = []
    if draft.published_at and draft.published_at < article.published_at:
        article.published_at = draft.published_at
        changed.append("published_at")
    if article.source.name == UNATTRIBUTED and source.name != UNATTRIBUTED:
        article.source = source
        article.url = draft.url or article.url
        changed += ["source", "url"]
    if not changed:
        return  # most copies: nothing the article does not know already
    article.save(update_fields=changed)
    if "published_at" in changed:
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


def _remember(
    copy: int, article: int, arrival: Arrival, *, new_copy: bool = False, new_article: bool = False
) -> None:
    """The copy's text keys, so later copies of it are recognised. A text key is the
    article's for good: a new article's insert fails if another worker took the key first
    (`store` then looks again); a copy of an article may bring a key it already has."""
    key = [(arrival.key, article)]
    rows.insert_many(TextKey, ("key", "article"), key, ignore_conflicts=not new_article)
    if not new_copy:
        FoldKey.objects.filter(copy=copy).delete()
    rows.insert_many(
        FoldKey, ("key", "copy", "article"), [(k, copy, article) for k in lsh_keys(arrival.sig)]
    )


def _add_copy(
    article: Article,
    draft: Draft,
    arrival: Arrival,
    source: Source,
    feed: Feed | None,
    *,
    new_article: bool = False,
) -> None:
    copy = rows.insert(
        ArticleCopy,
        {
            "article": article.pk,
            "source": source.pk,
            "feed": feed.pk if feed else None,
            "url": draft.url[:2000],
            "guid": draft.guid[:1000],
            "title": draft.title[:1000],
            "published_at": draft.published_at,
            "fetched_at": draft.fetched_at or timezone.now(),
            "text_length": len(arrival.text),
            "signature": arrival.sig.to_bytes(),
        },
    )
    _remember(copy, article.pk, arrival, new_copy=True, new_article=new_article)
