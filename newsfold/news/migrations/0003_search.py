"""Full-text search of articles (see newsfold/news/search.py).

SQLite: an external-content FTS5 table kept in step by triggers, so the text is stored
once. PostgreSQL: a GIN index on the weighted tsvector expression that search.py repeats
word for word, so Django's model and its INSERT/UPDATE stay untouched.

On SQLite, a later migration that makes Django rebuild news_article (most AlterField and
AddField of a NOT NULL column) drops these triggers with the old table: such a migration
must run SQLITE_FORWARDS again.
"""

from django.db import migrations

SQLITE_FORWARDS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS news_article_fts USING fts5(
        title, text, content='news_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS news_article_fts_ai AFTER INSERT ON news_article BEGIN
        INSERT INTO news_article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS news_article_fts_ad AFTER DELETE ON news_article BEGIN
        INSERT INTO news_article_fts(news_article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    # Only a changed title or text needs indexing again, not every story or metadata save.
    """CREATE TRIGGER IF NOT EXISTS news_article_fts_au AFTER UPDATE OF title, text
    ON news_article WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
        INSERT INTO news_article_fts(news_article_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO news_article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    "INSERT INTO news_article_fts(news_article_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS news_article_fts_ai",
    "DROP TRIGGER IF EXISTS news_article_fts_ad",
    "DROP TRIGGER IF EXISTS news_article_fts_au",
    "DROP TABLE IF EXISTS news_article_fts",
]
POSTGRES_FORWARDS = [
    """CREATE INDEX IF NOT EXISTS news_article_search ON news_article USING GIN ((
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce("text", '')), 'B')))""",
]
POSTGRES_BACKWARDS = ["DROP INDEX IF EXISTS news_article_search"]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARDS, SQLITE_BACKWARDS),
    "postgresql": (POSTGRES_FORWARDS, POSTGRES_BACKWARDS),
}


def _run(schema_editor, which: int) -> None:
    for sql in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[which]:
        schema_editor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, 0)


def backwards(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("news", "0002_hashtags_categories")]

    operations = [migrations.RunPython(forwards, backwards)]
