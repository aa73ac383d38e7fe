"""Related articles: the closest articles by content in *other* stories.

Each article keeps its strongest terms (`ArticleTerm`). Candidates share its rarer terms
(rarity counted in the database, so common words of the day do not flood the lookup);
they are ranked by weighted overlap. Recency and outlet play no part.

The scoring is one SQL statement: for each asked term, the newest `POSTINGS` rows of it
(read from the covering index in order), summed per article. Fetching those rows into
Python instead cost a rendered article page more than everything else on it.
"""

from __future__ import annotations

import math

from django.db import connection
from django.db.models import Max

from newsfold.news.models import Article, ArticleTerm
from newsfold.pipeline.textvec import term_weights

TERMS_KEPT = 12  # per article, in the table
TERMS_ASKED = 8  # the rarest of those, per lookup
# Rows read per term at most, newest first: the cost stays flat as the archive grows. A term
# in more articles than this is common enough that its newest uses are the ones that matter.
POSTINGS = 500


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
    with connection.cursor() as cursor:
        df = {term: _postings(cursor, term) for term in mine}
        # Terms only this article has find nothing; of the others, the rarest say the most.
        asked = sorted((t for t in mine if df[t] > 1), key=lambda t: (df[t], t))[:TERMS_ASKED]
        if not asked:
            return []
        total = Article.objects.aggregate(n=Max("id"))["n"] or 1  # about the count, cheaply
        params = []
        for term in asked:
            idf = math.log(1 + total / df[term])
            params += [mine[term] * idf * idf, term, POSTINGS]
        postings = " UNION ALL ".join([_POSTINGS] * len(asked))
        cursor.execute(_SCORES.format(postings=postings), [*params, article.pk, limit * 4])
        ranked = [row[0] for row in cursor.fetchall()]
    found = Article.objects.select_related("source").in_bulk(ranked)
    same_story = article.story_id
    kept = [found[pk] for pk in ranked if pk in found]
    return [a for a in kept if not same_story or a.story_id != same_story][:limit]


_POSTINGS = (
    "SELECT article_id, weight * %s AS w FROM (SELECT article_id, weight FROM news_articleterm"
    " WHERE term = %s ORDER BY article_id DESC LIMIT %s) AS p"
)
_SCORES = (
    "SELECT article_id, SUM(w) AS score FROM ({postings}) AS hits WHERE article_id <> %s"
    " GROUP BY article_id ORDER BY score DESC, article_id DESC LIMIT %s"
)


def _postings(cursor, term: str) -> int:
    """How many articles have the term, counted up to one more than is ever read."""
    cursor.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM news_articleterm WHERE term = %s LIMIT %s) AS n",
        [term, POSTINGS + 1],
    )
    return cursor.fetchone()[0]
