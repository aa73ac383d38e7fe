"""Files a stored article under its section and hashtags (`pipeline.sections` decides).

Runs for every stored article, so its writes are plain SQL (`news.rows`): the tags it
names are created if new, and the article is linked to them by one statement that reads
their ids as it inserts.
"""

from __future__ import annotations

from django.db import connection

from newsfold.news import rows
from newsfold.news.models import Article, ArticleTag, Tag
from newsfold.pipeline.hashtags import kinded, tag_slug
from newsfold.pipeline.sections import categorize


def section_of(article: Article) -> str:
    """The section an article is filed under, from its title, text and the feed's tags."""
    return categorize(article.title, article.text, article.tags)


def file_article(article: Article, *, new: bool = False) -> None:
    """Decide again from the article's current text; called when it is stored or its text
    changes. A `new` article has no hashtags yet, and was inserted under its section
    (`section_of`). The outlet's own name is never one of its hashtags."""
    names = kinded(article.title, article.text, article.tags, exclude=[article.source.name])
    category = article.category if new else section_of(article)
    if category != article.category:
        article.category = category
        rows.update(Article, article.pk, {"category": category})
    wanted = {tag_slug(name): (name[:100], kind) for name, kind in names}
    wanted.pop("", None)
    if not new:
        ArticleTag.objects.filter(article=article).delete()
        # Tags made before they had kinds learn theirs when an article is filed again.
        by_kind: dict[str, list[str]] = {}
        for slug, (_, kind) in wanted.items():
            if kind:
                by_kind.setdefault(kind, []).append(slug)
        for kind, slugs in by_kind.items():
            Tag.objects.filter(slug__in=slugs, kind="").update(kind=kind)
    if not wanted:
        return
    rows.insert_many(
        Tag,
        ("slug", "name", "kind"),
        [(slug, name, kind) for slug, (name, kind) in wanted.items()],
        ignore_conflicts=True,
    )
    published = ArticleTag._meta.get_field("published_at").get_db_prep_save(
        article.published_at, connection
    )
    marks = ", ".join(["%s"] * len(wanted))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO news_articletag (article_id, tag_id, published_at)"  # noqa: S608
            f" SELECT %s, id, %s FROM news_tag WHERE slug IN ({marks})",  # placeholders only
            [article.pk, published, *wanted],
        )
