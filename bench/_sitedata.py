"""The data of the site benchmark (`bench/site.py`): 100,000 synthetic articles built into a
SQLite file, and the addresses and searches its load asks for. Not run by itself
(`bench/run.py` skips `_`): it is the half of the bench that makes things, apart from the
half that serves and measures them.

Why it is built this way:

* The database is built with `bulk_create` straight into the tables (plain INSERTs for the
  two big link tables), not through `news.store.store` (about 40 drafts/s: 100,000 articles
  would take most of an hour). The rows are what `store` would leave: a story per ~3
  articles (1 to ~30), one copy per article (and a second outlet's copy for one in ten),
  2-4 hashtags of ~2,000, the 12 strongest `textvec.term_weights` terms per article (the
  related-articles index, its indexes those of the migrations), and the full-text index,
  filled by migration 0003's triggers as the rows go in. Text is made from a fixed
  vocabulary: ~270 real English words at the frequent end, then made-up words, all drawn
  by Zipf's law, so a query word can be common (in ~10 % of the articles) or rare (a few
  dozen). The text and terms are computed in two processes while this one inserts.
* The built file is cached in var/bench-cache/, keyed by VERSION, N and the migrations, so
  a second run starts in seconds; bump VERSION when the generated data changes. On
  PostgreSQL (BENCH_SITE_DB=postgres) the built database stays on the server
  (scripts/ensure-postgres names it), under a name with the same key.
* The indexes of the big tables (and SQLite's full-text trigger) are dropped while the rows
  go in and made again after: one sorted build of an index costs a fraction of a million
  inserts in random key order, which is what makes 1,000,000 articles a matter of minutes.
* Two kinds of search: 200 queries of one or two words that the load asks for in turn
  (so, like a popular search, mostly answered from the page cache after the first round),
  and FRESH queries that never repeat: a word of an article's title with another word of
  its text, or with its section as a filter. Each finds at least that article, and each
  request is a full-text search of its own.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from _postgres import database_url as pg_database_url
from _postgres import server_url
from _sitetext import (
    ARTICLE_FIELDS,
    FUNCTION_WORDS,
    NAMES,
    NEWS_WORDS,
    SEED,
    SOURCES,
    STORY_FIELDS,
    TAG_NAMES,
    VOCAB,
    chunks,
    make_chunk,
    story_sizes,
)

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


N = int(os.environ.get("BENCH_SITE_N", "100000"))
ENGINE = "postgres" if os.environ.get("BENCH_SITE_DB", "") == "postgres" else "sqlite"
VERSION = "2"  # bump when the generated data changes: the cached database is rebuilt
CACHE = ROOT / "var" / "bench-cache"
ARTICLE_URLS = 1000
QUERIES = 200
FRESH = 25000  # searches that never repeat
HOT = 20  # article addresses of the second article run

BATCH = 2000
REGIONS = ["World", "Europe", "Asia", "Africa", "Americas", "Middle East"]

# ---------------------------------------------------------------------------------------
# The database


def _schema_key() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("newsfold/*/migrations/*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:10]


def build() -> dict:
    """Migrate and fill the database DATABASE_URL names; returns what was made."""
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils.text import slugify

    from newsfold.news.models import (
        Article,
        ArticleCopy,
        ArticleTag,
        ArticleTerm,
        Story,
        Tag,
        slug_for,
    )
    from newsfold.sources.models import Source

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A build that crashes is rebuilt anyway; a big page cache keeps what is
            # inserted off the disk.
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")
            # The rows are made consistent. With the link tables' indexes dropped, checking
            # a story's lead (an article inserted after it) would scan them for every
            # article: a million articles would take hours.
            cursor.execute("PRAGMA foreign_keys=OFF")
    deferred = _drop_indexes(connection, BIG_TABLES)
    adjectives = "Northern Daily Evening Morning Global Coastal Capital Harbour".split()
    nouns = "Courier Herald Post Times Gazette Observer Chronicle Tribune Ledger Record".split()
    outlet_names = [f"The {a} {n}" for n in nouns for a in adjectives][:SOURCES]
    hosts = {}
    with transaction.atomic():
        for i, name in enumerate(outlet_names, start=1):
            hosts[i] = f"outlet{i}.example"
            Source.objects.create(
                id=i,
                name=name,
                slug=slugify(name),
                homepage=f"https://{hosts[i]}/",
                host=hosts[i],
                region=REGIONS[i % len(REGIONS)],
                language="en",
            )
        Tag.objects.bulk_create(
            [Tag(id=i + 1, slug=slugify(n), name=n) for i, n in enumerate(TAG_NAMES)],
            batch_size=BATCH,
        )
    # Most rows are these two link tables: plain INSERTs, as Django's objects cost more
    # than SQLite's work (the columns are the models', so the schema stays the models').
    link_sql, term_sql = (
        _insert(ArticleTag, "article", "tag", "published_at"),
        _insert(ArticleTerm, "article", "term", "weight"),
    )
    adapt = connection.ops.adapt_datetimefield_value
    counts = dict.fromkeys(["articles", "stories", "copies", "hashtag links", "terms"], 0)
    sizes = story_sizes(N)
    jobs = list(chunks(sizes, BATCH))
    # fork: the workers only compute; they never touch Django's connection.
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for stories, rows in pool.imap(make_chunk, jobs):
            story_objs = [
                Story(**dict(zip(STORY_FIELDS, row, strict=True)), languages=["en"])
                for row in stories
            ]
            article_objs, copies, links, terms = [], [], [], []
            for fields, tags, words, again in rows:
                aid, _, source, title, text, at, _ = fields
                url = f"https://{hosts[source]}/{at:%Y/%m}/{slug_for(title)}-{aid}"
                article = Article(
                    **dict(zip(ARTICLE_FIELDS, fields, strict=True)), url=url, language="en"
                )
                article.created_at = article.updated_at = at
                article_objs.append(article)
                copies.append(
                    ArticleCopy(
                        article_id=aid,
                        source_id=source,
                        url=url,
                        title=title,
                        published_at=at,
                        fetched_at=at + timedelta(minutes=5),
                        text_length=len(text),
                    )
                )
                if again:
                    later = at + timedelta(hours=2)
                    copies.append(
                        ArticleCopy(
                            article_id=aid,
                            source_id=again,
                            url=f"https://{hosts[again]}/wire/{aid}",
                            title=title,
                            published_at=later,
                            fetched_at=later,
                            text_length=len(text),
                        )
                    )
                stamp = adapt(at)
                links += [(aid, t + 1, stamp) for t in tags]
                terms += [(aid, t[:64], w) for t, w in words]
            with transaction.atomic():
                Story.objects.bulk_create(story_objs, batch_size=BATCH)
                Article.objects.bulk_create(article_objs, batch_size=BATCH)
                ArticleCopy.objects.bulk_create(copies, batch_size=BATCH)
                with connection.cursor() as cursor:
                    cursor.executemany(link_sql, links)
                    cursor.executemany(term_sql, terms)
            counts["stories"] += len(story_objs)
            counts["articles"] += len(article_objs)
            counts["copies"] += len(copies)
            counts["hashtag links"] += len(links)
            counts["terms"] += len(terms)
            done = counts["articles"]
            if done % 20000 < BATCH:
                rate = done / (time.perf_counter() - started)
                print(f"  … {done} articles ({rate:.0f}/s)", flush=True)
    inserted = time.perf_counter() - started
    sqlite = connection.vendor == "sqlite"
    fts = (
        _full_text_index(connection)  # before its insert trigger is back
        if sqlite
        else "a stored tsvector column with its GIN index (made after the rows)"
    )
    with connection.cursor() as cursor:
        for sql in deferred:
            cursor.execute(sql)
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)" if sqlite else "VACUUM ANALYZE")
    connection.close()
    return {
        **counts,
        "full-text": fts,
        "seconds": time.perf_counter() - started,
        "insert seconds": inserted,
    }


def _insert(model, *fields: str) -> str:
    from django.db import connection

    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"


BIG_TABLES = ("news_article", "news_articlecopy", "news_articletag", "news_articleterm")


def _drop_indexes(connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the tables' secondary indexes (and SQLite's full-text insert trigger, which
    `_full_text_index` makes up for with one rebuild); returns the SQL that makes them
    again. Primary keys and unique constraints stay: the inserts rely on them."""
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(tables))
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
                f"({marks}) AND sql IS NOT NULL AND (type = 'index' OR name = "
                "'news_article_fts_ai') AND sql NOT LIKE 'CREATE UNIQUE%%'",
                list(tables),
            )
            found = cursor.fetchall()
            for kind, name, _ in found:
                cursor.execute(f'DROP {kind.upper()} "{name}"')
            return [sql for _, _, sql in found]
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename IN "
            f"({marks}) AND i.indexdef NOT LIKE 'CREATE UNIQUE%%'",
            list(tables),
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]


def _full_text_index(connection) -> str:
    """Migration 0003's triggers index the rows as they go in; without them, rebuild."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'news_article_fts%'")
        names = {row[0] for row in cursor.fetchall()}
        if "news_article_fts" not in names:
            return "none (no migration 0003_search)"
        how = "by the triggers"
        if "news_article_fts_ai" not in names:
            cursor.execute("INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')")
            how = "rebuilt (no insert trigger)"
        # An external-content table counts its content table's rows; docsize counts its own.
        cursor.execute("SELECT count(*) FROM news_article_fts_docsize")
        indexed = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM news_article")
        rows = cursor.fetchone()[0]
        if indexed != rows:
            cursor.execute("INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')")
            how = f"rebuilt ({indexed} of {rows} rows were indexed)"
    return how


def database_url(tmp: Path) -> str:
    """Where the bench's site keeps its data: a SQLite file in `tmp` (copied from the cache
    or built there), or the PostgreSQL database kept for this N and schema. Named before
    Django starts, as Django reads DATABASE_URL once."""
    if ENGINE == "sqlite":
        return f"sqlite:///{tmp / 'site.sqlite3'}"
    return pg_database_url(_server(), _pg_name())


def database(url: str) -> tuple[dict, bool]:
    """Make the database `database_url` named, unless it is kept already; returns what was
    made and whether it was kept."""
    CACHE.mkdir(parents=True, exist_ok=True)
    if ENGINE == "postgres":
        return _postgres_database(url)
    db = Path(url.removeprefix("sqlite:///"))
    cached = CACHE / f"site-v{VERSION}-n{N}-{_schema_key()}.sqlite3"
    meta = cached.with_suffix(".json")
    if cached.exists() and meta.exists():
        shutil.copyfile(cached, db)
        return json.loads(meta.read_text()), True
    for stale in CACHE.glob(f"site-*-n{N}-*"):
        stale.unlink()
    made = build()
    partial = cached.with_suffix(".partial")
    shutil.copyfile(db, partial)
    partial.replace(cached)
    meta.write_text(json.dumps(made))
    return made, False


def _pg_name() -> str:
    return f"newsfold_bench_site_v{VERSION}_n{N}_{_schema_key()}"


def _server() -> str:
    found = server_url()
    if found is None:
        raise SystemExit("no PostgreSQL server could be had (scripts/ensure-postgres)")
    return found


def _postgres_database(url: str) -> tuple[dict, bool]:
    """The kept database when its build finished (its record is in var/bench-cache/);
    otherwise older builds for this N are dropped and it is built afresh."""
    import psycopg

    meta = CACHE / f"{_pg_name()}.json"
    server = _server()
    with psycopg.connect(server, autocommit=True) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [f"newsfold_bench_site_%_n{N}_%"],
            )
        ]
        if _pg_name() in names and meta.exists():
            return json.loads(meta.read_text()), True
        for name in names:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{_pg_name()}"')
    made = build()
    meta.write_text(json.dumps(made))
    return made, False


# ---------------------------------------------------------------------------------------
# What the load asks for


def url_sets() -> dict[str, list[str]]:
    from django.urls import reverse

    from newsfold.news.models import Article

    total = Article.objects.count()
    step = max(1, total // ARTICLE_URLS)
    ids = list(range(1, total + 1, step))[:ARTICLE_URLS]
    titles = dict(Article.objects.values_list("pk", "title"))

    def address(pk: int) -> str:
        return reverse("news:article", args=[pk, Article(title=titles[pk]).slug])

    articles = [address(pk) for pk in ids]
    random.Random(SEED + 2).shuffle(articles)
    others = sorted(set(titles) - set(ids))
    random.Random(SEED + 5).shuffle(others)
    search = reverse("news:search")
    return {
        "/healthz": ["/healthz"],
        "home": ["/"],
        "article": articles,
        # The same pages again and again: what a reader gets once a page is kept.
        "hot article": articles[:HOT],
        # Pages nobody asked for yet: each rendered, whatever the cache.
        "article, all different": [address(pk) for pk in others[:FRESH]],
        "search": [f"{search}?{urlencode({'q': q})}" for q in queries()],
        "search, all different": [f"{search}?{_query(q, c)}" for q, c in fresh_queries()],
    }


def _query(q: str, category: str) -> str:
    return urlencode({"q": q, "category": category} if category else {"q": q})


def queries() -> list[str]:
    """Two in five a common word, three in ten a rare one, one in five two words, one in
    ten a name (hashtag)."""
    rng, out = random.Random(SEED + 3), []
    real = len(set(FUNCTION_WORDS.split() + NEWS_WORDS.split()))
    for i in range(QUERIES):
        kind = i % 10
        if kind < 4:
            out.append(VOCAB[rng.randrange(real - 150, 1500)])
        elif kind < 7:
            out.append(VOCAB[rng.randrange(5000, len(VOCAB))])
        elif kind < 9:
            out.append(
                f"{VOCAB[rng.randrange(real - 150, 1500)]} {VOCAB[rng.randrange(150, 8000)]}"
            )
        else:
            out.append(NAMES[rng.randrange(len(NAMES))].lower())
    return out


def fresh_queries() -> list[tuple[str, str]]:
    """FRESH distinct (query, section) pairs, none of them one of `queries()`, each from a
    random article: one in five two of its text's common words (a broad search: at a
    million articles some find tens of thousands), else a word of its title and a
    different word of its text or, one in four, the title word alone with the article's
    section as filter. Function words are left out."""
    from newsfold.news.models import Article

    rng, skip = random.Random(SEED + 4), set(FUNCTION_WORDS.split())
    common = set(VOCAB[:1500]) - skip
    taken, out = {(q, "") for q in queries()}, []
    ids = list(range(1, Article.objects.count() + 1))
    rng.shuffle(ids)
    for start in range(0, len(ids), BATCH):
        rows = Article.objects.filter(pk__in=ids[start : start + BATCH]).order_by("pk")
        for title, text, category in rows.values_list("title", "text", "category"):
            words = [
                sorted({w for w in part.lower().replace(".", " ").split() if w.isalpha()} - skip)
                for part in (title, text)
            ]
            first, broad = rng.choice(words[0]), [w for w in words[1] if w in common]
            if len(broad) > 1 and rng.random() < 0.2:
                pair = (" ".join(rng.sample(broad, 2)), "")
            elif category and rng.random() < 0.25:
                pair = (first, category)
            else:
                pair = (f"{first} {rng.choice([w for w in words[1] if w != first])}", "")
            if pair not in taken:
                taken.add(pair)
                out.append(pair)
                if len(out) == FRESH:
                    return out
    return out


def matches(url: str, searches: list[tuple[str, str]]) -> list[int]:
    """Articles each (query, section) finds, to show how broad the searches are."""
    if ENGINE == "postgres":
        return _pg_matches(searches)
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    fts = "SELECT count(*) FROM news_article_fts WHERE news_article_fts MATCH ?"
    joined = (
        "SELECT count(*) FROM news_article_fts f JOIN news_article a ON a.id = f.rowid"
        " WHERE news_article_fts MATCH ? AND a.category = ?"
    )
    try:
        out = []
        for q, category in searches:
            phrase = " AND ".join(f'"{w}"' for w in q.split())
            sql, params = (joined, [phrase, category]) if category else (fts, [phrase])
            out.append(con.execute(sql, params).fetchone()[0])
        return out
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def _pg_matches(searches: list[tuple[str, str]]) -> list[int]:
    from django.db import connection

    sql = "SELECT count(*) FROM news_article WHERE search_vector @@ to_tsquery('english', %s)"
    out = []
    with connection.cursor() as cursor:
        for q, category in searches:
            words = " & ".join(f"'{w}'" for w in q.split())
            if category:
                cursor.execute(sql + " AND category = %s", [words, category])
            else:
                cursor.execute(sql, [words])
            out.append(cursor.fetchone()[0])
    return out
