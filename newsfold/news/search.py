"""Full-text search of articles: SQLite FTS5 or PostgreSQL tsvector behind one function.

The user's words never reach FTS5 MATCH or to_tsquery as typed: both have a query language
of their own that raises on stray quotes, `*`, `NEAR(`, `:` and the like. The query is read
here into plain word tokens (terms, "quoted phrases", -exclusions), all ANDed, and written
out again in each engine's syntax. The index itself is made by migrations 0003_search and
0009_search_vector.

A broad word ("ukraine") matches 100,000 of a million articles: ranking them all costs a
score per match, and nobody reads past page ten. So only the newest CANDIDATES matches are
ranked (both indexes hand out matches newest id first and stop there), and the count is
exact up to there and estimated beyond it, from how densely the newest articles match.
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
# Matches ranked, newest first: the site's ten pages of up to MAX_LIMIT, and one more to
# know whether the count is exact.
CANDIDATES = 1000
# Private markers around matched words, turned into <mark> once the text is escaped; a
# stray one in an article's own text is dropped, so a <mark> is never left open.
START, STOP = "\x02", "\x03"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
# A word is letters and digits; combining marks (Arabic harakat, decomposed accents)
# stay inside it.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670])*")
_CHUNK = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')

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
    total: int = 0  # articles the query finds: exact, or estimated when `estimated`
    estimated: bool = False
    ranked: int = 0  # the newest matches ranked and shown, at most


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
    Only the newest CANDIDATES matches are ranked and shown; `total` counts them all.
    Exclusions alone find nothing: neither engine can list "all but"."""
    parsed = parse(query)
    if not parsed.include:
        return Results(query)
    limit, offset = max(1, min(limit, MAX_LIMIT)), max(0, offset)
    window = CANDIDATES
    where, params = _filters(outlet, category, since, until)
    page = [window + 1, limit + 1, offset]
    if connection.vendor == "postgresql":
        any_word = _tsquery(Query(include=[(w,) for p in parsed.include for w in p]), "|")
        sql = _POSTGRES.format(where=where)
        tsquery = _tsquery(parsed)
        args = [tsquery, tsquery, *params, *page, _PG_TITLE, _PG_SNIPPET, any_word]
    else:
        sql = (_SQLITE if where else _SQLITE_RANK).format(where=where)
        args = [_fts5(parsed), *params, *page]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        rows = cursor.fetchall()
        if connection.vendor != "postgresql":
            rows = _sqlite_passages(cursor, args[0], rows)
        total, estimated = _count(cursor, rows, window)
    # The window + 1st candidate only tells whether the count is exact: it is not shown.
    shown = rows[: max(0, min(limit, window - offset))]
    articles = Article.objects.select_related("source").in_bulk([r[0] for r in shown])
    hits = [
        Hit(articles[pk], _marked(snippet), _marked(title), float(rank))
        for pk, rank, title, snippet, *_ in shown
        if pk in articles  # deleted since the search ran
    ]
    more = len(rows) > limit and offset + limit < window
    if not rows and offset:  # past the last page: the count is the first page's
        first = search(query, outlet=outlet, category=category, since=since, until=until)
        total, estimated = first.total, first.estimated
    return Results(query, hits, more, total, estimated, window)


def _count(cursor, rows: list[tuple], window: int) -> tuple[int, bool]:
    """Every row carries how many candidates there were and the oldest one's id. Fewer than
    the window is the exact count. A full window holds the newest matches down to that id:
    the rest is estimated at the same density over the older ids. Ids are given in
    arrival order, so it says "about" and rounds: a story in the news now matches its
    newest articles more densely than its oldest."""
    if not rows:
        return 0, False
    found, oldest = rows[0][-2], rows[0][-1]
    if found <= window:
        return found, False
    # Two subqueries: SQLite reads min() or max() off the key at once, but not both in one.
    cursor.execute("SELECT (SELECT min(id) FROM news_article), (SELECT max(id) FROM news_article)")
    low, high = cursor.fetchone()
    if low is None or high < oldest:
        return window, True
    spread = (high - low + 1) / max(1, high - oldest + 1)
    return max(found, _rounded(found * spread)), True


def _rounded(n: float) -> int:
    """Two significant figures: 123,456 is "about 120,000"."""
    n = int(n)
    if n < 100:
        return n
    step = 10 ** (len(str(n)) - 2)
    return round(n / step) * step


# The candidates are the newest window + 1 matches (FTS5 hands them out by rowid, newest
# first, and stops there); only they are scored. bm25 is lower-is-better: negated, so rank
# reads like ts_rank_cd's. Each row also carries the candidates' number and oldest id.
_SQLITE = """
    WITH c AS MATERIALIZED (
        SELECT a.id, a.published_at, -bm25(news_article_fts, 10.0, 1.0) AS rank
        FROM news_article_fts JOIN news_article a ON a.id = news_article_fts.rowid
        WHERE news_article_fts MATCH %s{where}
        ORDER BY news_article_fts.rowid DESC LIMIT %s)
    SELECT id, rank, (SELECT count(*) FROM c), (SELECT min(id) FROM c)
    FROM c ORDER BY rank DESC, published_at DESC, id DESC
    LIMIT %s OFFSET %s"""

# Without filters the ranking needs nothing from the articles table: FTS5 alone ranks (in
# half the time of the join). Either way the passages are cut for the page's rows only.
_SQLITE_RANK = """
    WITH c AS MATERIALIZED (
        SELECT rowid, -bm25(news_article_fts, 10.0, 1.0) AS rank
        FROM news_article_fts WHERE news_article_fts MATCH %s{where}
        ORDER BY rowid DESC LIMIT %s)
    SELECT rowid, rank, (SELECT count(*) FROM c), (SELECT min(rowid) FROM c)
    FROM c ORDER BY rank DESC, rowid DESC
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
    return [(pk, rank, *passages.get(pk, ("", "")), *count) for pk, rank, *count in ranked]


# ts_headline reads and parses the whole text again: only for the page's rows. It marks
# passages that hold the whole query, so it gets the included words ORed: a word found only
# in the title must not leave the snippet without a mark. Rank normalisation 1 discounts
# long texts (by log length), as bm25 does on SQLite. The candidates are the newest
# window + 1 matches, scored on the stored vector (migration 0009_search_vector).
_POSTGRES = """
    WITH c AS MATERIALIZED (
        SELECT a.id, a.published_at, ts_rank_cd(a.search_vector, QUERY, 1) AS rank
        FROM news_article a
        WHERE a.search_vector @@ QUERY{where}
        ORDER BY a.id DESC LIMIT %s),
    n AS (SELECT count(*) AS found, min(id) AS oldest FROM c),
    r AS (
        SELECT id, rank, published_at FROM c
        ORDER BY rank DESC, published_at DESC, id DESC LIMIT %s OFFSET %s)
    SELECT r.id, r.rank, ts_headline('english', a.title, h.q, %s),
        ts_headline('english', a.text, h.q, %s), n.found, n.oldest
    FROM r JOIN news_article a ON a.id = r.id, n, (SELECT to_tsquery('english', %s) AS q) h
    ORDER BY r.rank DESC, r.published_at DESC, r.id DESC""".replace(
    # A constant the planner can read: with the column's statistics it knows how many
    # articles the words match, and walks the newest ids for a common word but the index
    # for a rare one. Written twice, so bound twice.
    "QUERY",
    "to_tsquery('english', %s)",
)


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
