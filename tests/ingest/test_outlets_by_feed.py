"""An outlet is what its feed says: the name given, else the feed's own title; never the
outlet that happens to share the feed's host. Not knowing who published a copy makes no
outlet of "Unattributed"."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsfold.ingestion.feeds import fetch_feed
from newsfold.ingestion.files import import_paths
from newsfold.news.models import Article, Story
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.models import Feed, Source
from newsfold.sources.outlets import UNATTRIBUTED, outlet
from tests.conftest import Route
from tests.ingest.feedbuilder import article_text, rss

pytestmark = pytest.mark.django_db

SECTIONS = {"world": ("Ledger World", [1, 2]), "port": ("Ledger Port", [3]), "arts": ("Arts", [4])}


def _serve(local_server) -> dict[str, str]:
    """Three feeds on one host (one address, one port), each with its own title."""
    urls = {}
    for path, (title, items) in SECTIONS.items():
        local_server.routes[f"/{path}.xml"] = Route(body=rss(items, title=title))
        urls[path] = local_server.url(f"/{path}.xml")
    return urls


def _fetch_all() -> None:
    for feed in Feed.objects.all():
        fetch_feed(feed)


def test_three_feeds_on_one_host_with_three_names_stay_three_outlets(local_server):
    urls = _serve(local_server)
    names = {"world": "Harbour Ledger", "port": "Sandbar Gazette", "arts": "Kestrel Review"}
    for path, url in urls.items():
        call_command("add_feed", url, "--source", names[path], stdout=io.StringIO())
    _fetch_all()

    for path, url in urls.items():
        feed = Feed.objects.get(url=url)
        assert feed.source.name == names[path]
        stored = Article.objects.filter(source=feed.source).count()
        assert stored == len(SECTIONS[path][1])
    assert Source.objects.count() == 3


def test_unnamed_feeds_on_one_host_take_their_own_titles(local_server):
    urls = _serve(local_server)
    for url in urls.values():
        call_command("add_feed", url, stdout=io.StringIO())
    _fetch_all()
    _fetch_all()  # a second fetch changes nothing

    assert sorted(Source.objects.values_list("name", flat=True)) == sorted(
        title for title, _ in SECTIONS.values()
    )
    for path, url in urls.items():
        assert Feed.objects.get(url=url).source.name == SECTIONS[path][0]


def test_a_named_feed_is_not_filed_under_the_outlet_that_shares_its_host(local_server):
    urls = _serve(local_server)
    call_command("add_feed", urls["world"], stdout=io.StringIO())
    fetch_feed(Feed.objects.get(url=urls["world"]))
    call_command("add_feed", urls["port"], "--source", "Sandbar Gazette", stdout=io.StringIO())
    fetch_feed(Feed.objects.get(url=urls["port"]))

    assert Feed.objects.get(url=urls["port"]).source.name == "Sandbar Gazette"
    assert Feed.objects.get(url=urls["world"]).source.name == "Ledger World"


def test_an_opml_round_trip_keeps_every_feed_with_its_outlet(local_server, tmp_path):
    urls = _serve(local_server)
    call_command("add_feed", urls["world"], "--source", "Harbour Ledger", stdout=io.StringIO())
    call_command("add_feed", urls["port"], "--source", "Harbour Ledger", stdout=io.StringIO())
    call_command("add_feed", urls["arts"], "--source", "Kestrel Review", stdout=io.StringIO())
    _fetch_all()  # feeds now have titles of their own, unlike their outlets' names
    before = {f.url: f.source.name for f in Feed.objects.select_related("source")}
    exported = tmp_path / "subscriptions.opml"
    call_command("export_opml", "--output", str(exported))

    Article.objects.all().delete()
    Story.objects.all().delete()
    Feed.objects.all().delete()
    Source.objects.all().delete()
    import_paths([exported])

    after = {f.url: f.source.name for f in Feed.objects.select_related("source")}
    assert after == before


def _draft(n: int, url: str = "", title: str = "") -> Draft:
    when = timezone.now() - timedelta(hours=1)
    return Draft(
        title=title or f"Gales close the strait ({n})",
        text=article_text(n),
        url=url,
        published_at=when,
        fetched_at=when,
    )


def test_unattributed_is_no_outlet_in_counts_or_lists(client):
    named = store(_draft(5, url="https://ledger.example/5"), outlet("Harbour Ledger"))
    store(_draft(5), outlet(UNATTRIBUTED))  # the same text, from a capture naming no one
    article = Article.objects.get(pk=named.article_id)
    assert article.copies.count() == 2

    story = article.story
    assert (story.article_count, story.outlet_count) == (1, 1)
    article_page = client.get(f"/a/{article.pk}/{article.slug}/").content.decode()
    story_page = client.get(f"/s/{story.pk}/{story.slug}/").content.decode()
    search_page = client.get("/search?q=strait").content.decode()
    for page in (article_page, story_page, search_page):
        assert UNATTRIBUTED not in page
    assert "Also published by" not in article_page
