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

from newsfold.news import rows
from newsfold.news.models import Article, ArticleTerm
from newsfold.pipeline.textvec import term_weights

TERMS_KEPT = 12  # per article, in the table
TERMS_ASKED = 8  # the rarest of those, per lookup
# Rows read per term at most, newest first: the cost stays flat as the archive grows. A term
# in more articles than this is common enough that its newest uses are the ones that matter.
POSTINGS = 500
# Asked terms a candidate must share (all of them, when fewer are asked): one or two words
# in common ("port", "record") make the same week, not the same topic.
MIN_SHARED = 3


def remember_terms(
    article: Article, weights: dict[str, float] | None = None, *, new: bool = False
) -> None:
    """Keep the article's strongest terms; `weights` when the caller has them already
    (the story decision weighed the same title and text). A `new` article has none yet."""
    if weights is None:
        weights = term_weights(article.title, article.text)
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_KEPT]
    if not new:
        ArticleTerm.objects.filter(article=article).delete()
    # One plain statement (`news.rows`): this runs for every stored article.
    kept = {t[:64]: w for t, w in reversed(top)}  # the column's length, the stronger weight
    rows.insert_many(
        ArticleTerm, ("article", "term", "weight"), [(article.pk, t, w) for t, w in kept.items()]
    )


def related_ids(article: Article, limit: int = 5) -> list[int]:
    """The ids of the closest articles outside the article's story, closest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, weight FROM news_articleterm WHERE article_id = %s", [article.pk]
        )
        mine = dict(cursor.fetchall())
        if not mine:
            return []
        df, total = _postings(cursor, sorted(mine))
        # Terms only this article has find nothing; of the others, the rarest say the most.
        asked = sorted((t for t in mine if df[t] > 1), key=lambda t: (df[t], t))[:TERMS_ASKED]
        if not asked:
            return []
        params = []
        for term in asked:
            idf = math.log(1 + total / df[term])
            params += [mine[term] * idf * idf, term, POSTINGS]
        postings = " UNION ALL ".join([_POSTINGS] * len(asked))
        story = article.story_id
        cursor.execute(
            _SCORES.format(postings=postings),
            [*params, article.pk, min(MIN_SHARED, len(asked)), limit * 4, story, story, limit],
        )
        return [row[0] for row in cursor.fetchall()]


_POSTINGS = (
    "SELECT article_id, weight * %s AS w FROM (SELECT article_id, weight FROM news_articleterm"
    " WHERE term = %s ORDER BY article_id DESC LIMIT %s) AS p"
)
# The best candidates first, then the ones in the article's own story left out: joining
# before grouping would look up thousands of postings' articles instead of a few dozen.
_SCORES = (
    "SELECT best.article_id FROM (SELECT article_id, SUM(w) AS score FROM ({postings}) AS hits"
    " WHERE article_id <> %s GROUP BY article_id HAVING COUNT(*) >= %s"
    " ORDER BY score DESC, article_id DESC"
    " LIMIT %s) AS best JOIN news_article a ON a.id = best.article_id"
    " WHERE %s IS NULL OR a.story_id IS NULL OR a.story_id <> %s"
    " ORDER BY best.score DESC, best.article_id DESC LIMIT %s"
)
_COUNT = (
    "SELECT %s, (SELECT COUNT(*) FROM"
    " (SELECT 1 FROM news_articleterm WHERE term = %s LIMIT %s) AS n)"
)
_TOTAL = "SELECT NULL, MAX(id) FROM news_article"


def _postings(cursor, terms: list[str]) -> tuple[dict[str, int], int]:
    """How many articles have each term, counted up to one more than is ever read (each a
    short walk along the index), and about how many articles there are: one statement."""
    cursor.execute(
        " UNION ALL ".join([*[_COUNT] * len(terms), _TOTAL]),
        [v for term in terms for v in (term, term, POSTINGS + 1)],
    )
    counts = dict(cursor.fetchall())
    return counts, counts.pop(None) or 1
