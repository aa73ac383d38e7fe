"""PostgreSQL keeps each article's weighted search vector in a stored column.

Search scores only its newest candidates (newsfold/news/search.py), but scoring them on
0003's expression index meant parsing each candidate's whole text again: ts_rank_cd needs
the vector, and an expression index does not hand it out. A generated column is kept by
PostgreSQL itself, so Django's model and its INSERT/UPDATE stay untouched. SQLite's FTS5
table stores its index already: nothing changes there.
"""

from django.db import migrations

VECTOR = """setweight(to_tsvector('english', coalesce(title, '')), 'A')
    || setweight(to_tsvector('english', coalesce("text", '')), 'B')"""

FORWARDS = [
    f"""ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS ({VECTOR}) STORED""",
    """CREATE INDEX IF NOT EXISTS news_article_search_vector
        ON news_article USING GIN (search_vector)""",
    "DROP INDEX IF EXISTS news_article_search",
]
BACKWARDS = [
    f"CREATE INDEX IF NOT EXISTS news_article_search ON news_article USING GIN (({VECTOR}))",
    "DROP INDEX IF EXISTS news_article_search_vector",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements: list[str]) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in statements:
            schema_editor.execute(sql)


def forwards(apps, schema_editor):
    _run(schema_editor, FORWARDS)


def backwards(apps, schema_editor):
    _run(schema_editor, BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("news", "0008_tag_kind")]

    operations = [migrations.RunPython(forwards, backwards)]
