"""Related articles: the closest articles by content in *other* stories.

Each article keeps its strongest terms (`ArticleTerm`). Candidates share its rarer terms
(rarity counted in the database, so common words of the day do not flood the lookup);
they are ranked by weighted overlap. Recency and outlet play no part.
"""

from __future__ import annotations

import math
from collections import defaultdict

from django.db.models import Count

from newsfold.news.models import Article, ArticleTerm
from newsfold.pipeline.textvec import term_weights

TERMS_KEPT = 12  # per article, in the table
TERMS_ASKED = 8  # the rarest of those, per lookup
POSTINGS = 2000  # rows read per term at most: the cost stays flat as the archive grows


def remember_terms(article: Article) -> None:
    weights = term_weights(article.title, article.text)
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_KEPT]
    ArticleTerm.objects.filter(article=article).delete()
    ArticleTerm.objects.bulk_create(
        [ArticleTerm(article=article, term=t[:64], weight=w) for t, w in top]
    )


def related_articles(article: Article, limit: int = 5) -> list[Article]:
    mine = dict(ArticleTerm.objects.filter(article=article).values_list("term", "weight"))
    if not mine:
        return []
    total = Article.objects.count()
    df = dict(
        ArticleTerm.objects.filter(term__in=mine)
        .values("term")
        .annotate(n=Count("id"))
        .values_list("term", "n")
    )
    # Terms only this article has find nothing; of the others, the rarest say the most.
    asked = sorted((t for t in mine if df.get(t, 0) > 1), key=lambda t: (df[t], t))
    scores: dict[int, float] = defaultdict(float)
    for term in asked[:TERMS_ASKED]:
        idf = math.log(1 + total / df[term])
        rows = ArticleTerm.objects.filter(term=term).exclude(article=article)
        if article.story_id:
            rows = rows.exclude(article__story_id=article.story_id)
        rows = rows.order_by("-article_id").values_list("article_id", "weight")[:POSTINGS]
        for other, weight in rows:
            scores[other] += mine[term] * weight * idf * idf
    if not scores:
        return []
    ranked = sorted(scores, key=lambda pk: (-scores[pk], -pk))
    found = Article.objects.select_related("source").in_bulk(ranked[:limit])
    return [found[pk] for pk in ranked[:limit] if pk in found]
