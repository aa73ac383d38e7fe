"""Full-text search of articles: SQLite FTS5 or PostgreSQL tsvector behind one function.

The user's words never reach FTS5 MATCH or to_tsquery as typed: both have a query language
of their own that raises on stray quotes, `*`, `NEAR(`, `:` and the like. The query is read
here into plain word tokens (terms, "quoted phrases", -exclusions), all ANDed, and written
out again in each engine's syntax. The index itself is made by migration 0003_search.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from newsfold.news.models import Article

MAX_WORDS = 12
MAX_QUERY = 1000  # characters read; a longer query is cut, never refused
MAX_LIMIT = 100
# Private markers around matched words, turned into <mark> once the text is escaped; a
# stray one in an article's own text is dropped, so a <mark> is never left open.
START, STOP = "\x02", "\x03"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
# A word is letters and digits; combining marks (Arabic harakat, decomposed accents)
# stay inside it.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670])*")
_CHUNK = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')

# The index's expression, word for word, so that PostgreSQL uses the GIN index.
_PG_VECTOR = (
    "(setweight(to_tsvector('english', coalesce(a.title, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(a.text, '')), 'B'))"
)
_PG_TITLE = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
_PG_SNIPPET = (
    f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12, "
    'FragmentDelimiter=" … "'
)


@dataclass
class Hit:
    article: Article  # with .source loaded
    snippet_html: SafeString
    title_html: SafeString
    rank: float  # higher is better; comparable within one search only


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    has_more: bool = False


@dataclass
class Query:
    """Each item is a phrase: a tuple of one or more words."""

    include: list[tuple[str, ...]] = field(default_factory=list)
    exclude: list[tuple[str, ...]] = field(default_factory=list)


def parse(text: str) -> Query:
    """Words, "phrases" and -exclusions; other characters only separate words, so no
    input can carry an operator into either engine."""
    query, budget = Query(), MAX_WORDS
    for m in _CHUNK.finditer(text[:MAX_QUERY]):
        negated, chunk = (m[1], m[2]) if m[2] is not None else (m[3], m[4])
        words = tuple(_WORD.findall(chunk))[:budget]
        if words:
            (query.exclude if negated else query.include).append(words)
            budget -= len(words)
        if budget <= 0:
            break
    return query


def search(
    query: str,
    *,
    outlet: int | None = None,
    category: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    """Articles holding every word and phrase of `query` and none of its -exclusions, best
    first (title words weigh more), newest first on a tie; `since` counts, `until` does not.
    Exclusions alone find nothing: neither engine can list "all but"."""
    parsed = parse(query)
    if not parsed.include:
        return Results(query)
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
    where, params = _filters(outlet, category, since, until)
    if connection.vendor == "postgresql":
        any_word = _tsquery(Query(include=[(w,) for p in parsed.include for w in p]), "|")
        first = [_PG_TITLE, _PG_SNIPPET, any_word, _tsquery(parsed)]
        sql = _POSTGRES.format(where=where)
    else:
        sql, first = (_SQLITE if where else _SQLITE_RANK).format(where=where), [_fts5(parsed)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*first, *params, limit + 1, offset])
        rows = cursor.fetchall()
        if connection.vendor != "postgresql" and not where:
            rows = _sqlite_passages(cursor, first[0], rows)
    articles = Article.objects.select_related("source").in_bulk([r[0] for r in rows[:limit]])
    hits = [
        Hit(articles[pk], _marked(snippet), _marked(title), float(rank))
        for pk, rank, title, snippet in rows[:limit]
        if pk in articles  # deleted since the search ran
    ]
    return Results(query, hits, len(rows) > limit)


# bm25 is lower-is-better: negated, so rank reads like ts_rank_cd's.
_SQLITE = """
    SELECT a.id, -bm25(news_article_fts, 10.0, 1.0) AS rank,
        highlight(news_article_fts, 0, char(2), char(3)),
        snippet(news_article_fts, 1, char(2), char(3), '…', 30)
    FROM news_article_fts JOIN news_article a ON a.id = news_article_fts.rowid
    WHERE news_article_fts MATCH %s{where}
    ORDER BY rank DESC, a.published_at DESC, a.id DESC
    LIMIT %s OFFSET %s"""

# Without filters the ranking needs nothing from the articles table: FTS5 alone ranks (in
# half the time of the join), and the passages are cut for the page's rows only.
_SQLITE_RANK = """
    SELECT rowid, -bm25(news_article_fts, 10.0, 1.0) AS rank
    FROM news_article_fts WHERE news_article_fts MATCH %s{where}
    ORDER BY rank DESC, rowid DESC
    LIMIT %s OFFSET %s"""


_SQLITE_PASSAGES = """
    SELECT rowid, highlight(news_article_fts, 0, char(2), char(3)),
        snippet(news_article_fts, 1, char(2), char(3), '…', 30)
    FROM news_article_fts WHERE news_article_fts MATCH %s AND rowid IN ({ids})"""


def _sqlite_passages(cursor, match: str, ranked: list[tuple]) -> list[tuple]:
    if not ranked:
        return []
    ids = [row[0] for row in ranked]
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(_SQLITE_PASSAGES.format(ids=marks), [match, *ids])
    passages = {row[0]: row[1:] for row in cursor.fetchall()}
    return [(pk, rank, *passages.get(pk, ("", ""))) for pk, rank in ranked]


# ts_headline reads and parses the whole text again: only for the page's rows. It marks
# passages that hold the whole query, so it gets the included words ORed: a word found only
# in the title must not leave the snippet without a mark. Rank normalisation 1 discounts
# long texts (by log length), as bm25 does on SQLite.
_POSTGRES = (
    """
    SELECT p.id, p.rank, ts_headline('english', p.title, h.q, %s),
        ts_headline('english', p.text, h.q, %s)
    FROM (SELECT to_tsquery('english', %s) AS q) h, (
        SELECT a.id, a.title, a.text, a.published_at, ts_rank_cd(VECTOR, q.q, 1) AS rank
        FROM news_article a, (SELECT to_tsquery('english', %s) AS q) q
        WHERE VECTOR @@ q.q{where}
        ORDER BY rank DESC, a.published_at DESC, a.id DESC
        LIMIT %s OFFSET %s
    ) p
    ORDER BY p.rank DESC, p.published_at DESC, p.id DESC"""
).replace("VECTOR", _PG_VECTOR)


def _filters(
    outlet: int | None, category: str, since: datetime | None, until: datetime | None
) -> tuple[str, list[object]]:
    ops, where, params = connection.ops, [], []
    if outlet is not None:
        where.append("a.source_id = %s")
        params.append(outlet)
    if category:
        where.append("a.category = %s")
        params.append(category)
    if since is not None:
        where.append("a.published_at >= %s")
        params.append(ops.adapt_datetimefield_value(since))
    if until is not None:
        where.append("a.published_at < %s")
        params.append(ops.adapt_datetimefield_value(until))
    return "".join(f" AND {w}" for w in where), params


def _fts5(q: Query) -> str:
    """Every phrase double-quoted: inside quotes FTS5 reads no operators, only words."""
    phrase = '"{}"'.format
    sql = "(" + " AND ".join(phrase(" ".join(p)) for p in q.include) + ")"
    if q.exclude:
        sql += " NOT (" + " OR ".join(phrase(" ".join(p)) for p in q.exclude) + ")"
    return sql


def _tsquery(q: Query, op: str = "&") -> str:
    """Words hold no quote or operator character, so each is a safe quoted lexeme."""

    def phrase(words: tuple[str, ...]) -> str:
        return "(" + " <-> ".join(f"'{w}'" for w in words) + ")"

    parts = [phrase(p) for p in q.include] + [f"!{phrase(p)}" for p in q.exclude]
    return f" {op} ".join(parts)


def _marked(text: str | None) -> SafeString:
    escaped = html.escape(text or "")
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
