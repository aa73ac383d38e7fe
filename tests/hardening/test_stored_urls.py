"""A URL from outside (OPML, feed, page, command line) is stored and shown only as an
http(s) address without credentials: no stored XSS through an outlet's homepage, no feed
password on a public page."""

import pytest
from django.db import connection

from newsfold.ingestion.files import import_paths
from newsfold.news.models import Article
from newsfold.sources.models import Feed, Source
from tests.news.test_site_pages import _store

pytestmark = pytest.mark.django_db

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>hostile</title></head><body>
  <outline text="Script Home" xmlUrl="https://script-home.example/rss"
           htmlUrl="javascript:alert(document.domain)"/>
  <outline text="Data Home" xmlUrl="https://data-home.example/rss"
           htmlUrl="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="/>
  <outline text="Script Feed" xmlUrl="javascript:alert(1)"/>
  <outline text="Secret Feed" xmlUrl="https://reader:hunter2@private.example/rss"/>
</body></opml>
"""


def _raw_update(table: str, column: str, value: str, pk: int) -> None:
    """Write a row the way an older newsfold (or a hand edit) may have left it."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])


def test_an_opml_file_cannot_store_a_script_link_or_a_feed_password(client, tmp_path):
    path = tmp_path / "subscriptions.opml"
    path.write_text(OPML, encoding="utf-8")

    report = import_paths([path])

    assert [f.feeds_added for f in report.files] == [2]
    notes = "\n".join(report.lines())
    assert "'Script Feed' skipped: not an http(s) URL" in notes
    assert "'Secret Feed' skipped: a feed URL with a user name or password is refused" in notes
    assert sorted(Feed.objects.values_list("url", flat=True)) == [
        "https://data-home.example/rss",
        "https://script-home.example/rss",
    ]
    for source in Source.objects.all():
        page = client.get(f"/o/{source.slug}/").content.decode()
        assert "javascript:" not in page and "data:text" not in page
        assert "hunter2" not in page
        assert source.homepage in ("", f"https://{source.host}/")


def test_rows_stored_before_the_rule_are_harmless_on_every_page(client):
    article = _store(1, "Harbour Ledger")
    source = article.source
    feed = Feed.objects.create(source=source, url="https://feeds.ledger.example/rss")
    _raw_update("sources_source", "homepage", "javascript:alert(document.domain)", source.pk)
    _raw_update("news_article", "url", " \x0ejavascript:alert(2)", article.pk)
    copy = article.copies.get()
    _raw_update("news_articlecopy", "url", "data:text/html,<script>alert(3)</script>", copy.pk)
    secret = "https://reader:hunter2@feeds.example/rss?token=t0p"
    _raw_update("sources_feed", "url", secret, feed.pk)

    outlet_page = client.get(f"/o/{source.slug}/").content.decode()
    article_page = client.get(f"/a/{article.pk}/{article.slug}/").content.decode()

    for page in (outlet_page, article_page):
        assert "javascript:" not in page and "alert(" not in page
    assert "hunter2" not in outlet_page and "t0p" not in outlet_page
    assert "https://feeds.example/rss?…" in outlet_page  # the feed is still named
    assert "Read the original" not in article_page  # no link rather than a bad one


def test_every_url_a_row_is_saved_with_passes_the_rule():
    article = _store(2, "Harbour Ledger")
    article.url = "javascript:alert(1)"
    article.image_url = "https://u:p@img.example/a.jpg"
    article.save()
    Article.objects.filter(pk=article.pk).update(url="https://x:y@ledger.example/2")
    article.refresh_from_db()
    assert (article.url, article.image_url) == (
        "https://ledger.example/2",
        "https://img.example/a.jpg",
    )


def test_add_feed_refuses_a_url_with_a_password_in_one_line(cli):
    result = cli("add-feed", "https://reader:hunter2@feeds.example/rss?token=abc")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert b"user name or password is refused" in result.stderr
    assert not Feed.objects.exists()
