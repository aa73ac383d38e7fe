"""Files a stored article under its section and hashtags (`pipeline.sections` decides)."""

from __future__ import annotations

from newsfold.news.models import Article, ArticleTag, Tag
from newsfold.pipeline.hashtags import hashtags, tag_slug
from newsfold.pipeline.sections import categorize


def file_article(article: Article, *, new: bool = False) -> None:
    """Decide again from the article's current text; called when it is stored or its text
    changes (a `new` article is filed nowhere yet). The outlet's own name is never one of
    its hashtags."""
    names = hashtags(article.title, article.text, article.tags, exclude=[article.source.name])
    category = categorize(article.title, article.text, article.tags)
    if category != article.category:
        article.category = category
        Article.objects.filter(pk=article.pk).update(category=category)
    wanted = {tag_slug(name): name[:100] for name in names}
    wanted.pop("", None)
    Tag.objects.bulk_create(
        [Tag(slug=slug, name=name) for slug, name in wanted.items()], ignore_conflicts=True
    )
    tags = Tag.objects.filter(slug__in=wanted).values_list("id", flat=True)
    if not new:
        ArticleTag.objects.filter(article=article).delete()
    ArticleTag.objects.bulk_create(
        [ArticleTag(article=article, tag_id=pk, published_at=article.published_at) for pk in tags]
    )
