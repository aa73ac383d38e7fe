"""The reader's pages through Django's test client: addresses, listings, sections,
hashtags, outlets, the front page and what search engines read."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsfold.news.models import Article, Story
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet
from tests.ingest.feedbuilder import article_text

pytestmark = pytest.mark.django_db

BRIDGE = (
    "Repairs to the Old Quay bridge will run into a fourth month, the city's engineers said, "
    "after divers found more corrosion in the piers. Cyclists will keep using the ferry."
)
BRIDGE2 = (
    "The Old Quay bridge will stay shut for a fourth month of repairs: engineers found "
    "corrosion in two more piers, divers said. Cyclists are told to keep taking the ferry."
)
TRAM = (
    "Tram drivers voted to strike for two days next week over rosters and overtime. The "
    "operator said it would run buses on the busiest lines and urged talks to resume."
)


def _store(
    n: int, source: str, *, hours_ago: float = 2, title: str = "", tags=(), region="", text=""
):
    when = timezone.now() - timedelta(hours=hours_ago)
    draft = Draft(
        title=title or f"Gales close the strait ({n})",
        text=text or article_text(n),
        url=f"https://{source.split()[0].lower()}.example/{n}",
        published_at=when,
        fetched_at=when,
        tags=list(tags),
    )
    src = outlet(source)
    if region and src.region != region:
        src.region = region
        src.save(update_fields=["region"])
    return Article.objects.get(pk=store(draft, src).article_id)


def test_an_article_answers_at_one_canonical_address(client):
    a = _store(1, "Harbour Ledger", title="Ferries stop as gales close the strait")
    canonical = f"/a/{a.pk}/ferries-stop-as-gales-close-the-strait/"
    assert client.get(f"/a/{a.pk}/")["Location"] == canonical
    assert client.get(f"/a/{a.pk}/old-title/")["Location"] == canonical
    page = client.get(canonical).content.decode()
    assert f'<link rel="canonical" href="http://testserver{canonical}">' in page
    assert '<meta property="og:title" content="Ferries stop as gales close the strait">' in page
    assert '<meta property="og:type" content="article">' in page


def test_the_latest_listing_pages_by_cursor_without_gaps_or_repeats(client, settings):
    settings.NEWSFOLD_PAGE_SIZE = 5
    stored = [_store(n, "Harbour Ledger", hours_ago=n) for n in range(1, 13)]
    url, seen = "/latest/", []
    while url:
        page = client.get(url).content.decode()
        seen += [a.title for a in stored if f">{a.title}<" in page]
        older = page.split('rel="next"')[0].rsplit('href="', 1)[-1] if 'rel="next"' in page else ""
        url = "/latest/" + older.split('"')[0].replace("&amp;", "&") if older else ""
    assert seen == [a.title for a in stored]  # newest first, each once
    assert client.get("/latest/?after=not-a-cursor").status_code == 200


def test_feed_tags_file_the_article_under_a_section_and_hashtags(client):
    a = _store(2, "Harbour Ledger", tags=["Sport", "Kessel Strait"])
    assert a.category == "sports"
    page = client.get(f"/a/{a.pk}/", follow=True).content.decode()
    assert 'href="/t/kessel-strait/"' in page and "#Kessel Strait" in page
    tag_page = client.get("/t/kessel-strait/").content.decode()
    assert "Latest news with #Kessel Strait" in tag_page and a.title in tag_page
    assert a.title in client.get("/c/sports/").content.decode()
    assert a.title not in client.get("/c/business/").content.decode()
    assert client.get("/c/no-such-section/").status_code == 404
    assert client.get("/t/no-such-tag/").status_code == 404


def test_the_outlet_page_shows_its_articles_and_the_health_of_its_feeds(client):
    a = _store(3, "Harbour Ledger")
    Feed.objects.create(
        source=a.source,
        url="https://harbour.example/feed.xml",
        last_fetch_at=timezone.now(),
        consecutive_failures=3,
        last_error="HTTP 503 from the server",
    )
    page = client.get(f"/o/{a.source.slug}/").content.decode()
    assert a.title in page
    assert "failing" in page and "HTTP 503 from the server" in page and ">3<" in page


def test_top_stories_lead_with_the_widest_coverage(client):
    lone = _store(10, "Lakeside Post", hours_ago=1, title="A lone report from the lake")
    wide = _store(11, "Harbour Ledger", hours_ago=3, title="Strait closed as gales rise")
    for name in ("Northgate Courier", "Meridian Daily"):  # the same text, republished
        _store(11, name, hours_ago=2, title="Strait closed as gales rise")
    page = client.get("/").content.decode()
    top = page[page.index('id="top-h"') : page.index('id="latest-h"')]
    assert top.index(wide.title) < top.index(lone.title)
    assert "3 outlets" in top


def test_a_story_one_outlet_tells_never_tops_one_others_cover_too(client):
    lone = _store(12, "Lakeside Post", hours_ago=0.5, title="Tram drivers call a strike", text=TRAM)
    ferry = dict(title="Bridge repairs drag on", text=BRIDGE)
    older = _store(13, "Harbour Ledger", hours_ago=30, **ferry)
    _store(13, "Meridian Daily", hours_ago=29, **ferry)
    assert lone.story_id != older.story_id
    page = client.get("/").content.decode()
    top = page[page.index('id="top-h"') : page.index('id="latest-h"')]
    assert top.index(older.title) < top.index(lone.title)


def test_a_new_event_outranks_an_old_one_updated_as_recently(client):
    # One story has run for three days; the other began today. Both grew two hours ago,
    # each told by two outlets (the tram story by one article they both carry).
    old = _store(14, "Harbour Ledger", hours_ago=72, title="Bridge repairs drag on", text=BRIDGE)
    _store(16, "Meridian Daily", hours_ago=2, title="Old Quay bridge repairs drag on", text=BRIDGE2)
    tram = dict(title="Tram drivers call a strike", text=TRAM)
    new = _store(15, "Harbour Ledger", hours_ago=3, **tram)
    _store(15, "Meridian Daily", hours_ago=2, **tram)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.story_id != new.story_id
    assert old.story.outlet_count == new.story.outlet_count == 2
    page = client.get("/").content.decode()
    top = page[page.index('id="top-h"') : page.index('id="latest-h"')]
    assert top.index(new.title) < top.index(old.title)


def test_an_edition_shows_its_regions_outlets_first(client):
    home = _store(20, "Harbour Ledger", region="Europe", title="Harbour budget passes")
    away = _store(21, "Eastwind Herald", region="Asia", title="Eastwind rail line opens")
    page = client.get("/e/europe/").content.decode()
    latest = page[page.index('id="latest-h"') :]
    assert "Latest in Europe" in latest and home.title in latest and away.title not in latest
    assert 'href="/e/asia/"' in page  # the edition switch lists every region
    assert client.get("/e/atlantis/").status_code == 404


def test_search_finds_highlights_and_filters(client):
    a = _store(30, "Harbour Ledger", title="Lighthouse keepers vote to strike")
    _store(31, "Northgate Courier", title="Bakery prices rise")
    page = client.get("/search", {"q": "lighthouse keepers"}).content.decode()
    assert "<mark>Lighthouse</mark>" in page and a.title.split()[-1] in page
    other = client.get("/search", {"q": "lighthouse keepers", "outlet": "northgate-courier"})
    assert "Nothing found" in other.content.decode()
    assert client.get("/search", {"q": '"NEAR( -*'}).status_code == 200


def test_hostile_titles_are_escaped_on_every_listing(client):
    a = _store(
        40, "Harbour Ledger", title="<img src=x onerror=alert(1)>Quay works", tags=["<b>x</b>"]
    )
    for url in ("/latest/", f"/o/{a.source.slug}/", "/search?q=quay"):
        page = client.get(url).content.decode()
        assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page, url


def test_sitemaps_list_every_page_in_both_languages(client):
    a = _store(50, "Harbour Ledger", title="Strait reopens to ferries")
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-articles.xml" in index and "sitemap-stories.xml" in index
    articles = client.get("/sitemap-articles.xml").content.decode()
    assert f"/a/{a.pk}/strait-reopens-to-ferries/" in articles
    assert f"/ar/a/{a.pk}/strait-reopens-to-ferries/" in articles
    story = Story.objects.get(pk=a.story_id)
    assert f"/s/{story.pk}/{story.slug}/" in client.get("/sitemap-stories.xml").content.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_the_article_page_has_every_part_of_the_seed_page(client):
    a = _store(60, "Harbour Ledger", title="Strait ferries resume", tags=["Kessel Strait"])
    page = client.get(f"/a/{a.pk}/", follow=True).content.decode()
    for part in (
        f'href="/o/{a.source.slug}/"',  # the outlet, linked
        "<time datetime=",  # relative time, absolute on hover
        'class="copy-link"',
        "Related articles",
        "No comments yet.",
        'id="ai"',
        "Read the original at Harbour Ledger",
    ):
        assert part in page, part


def test_a_kept_page_shows_a_fuller_text_at_once(client):
    a = _store(70, "Harbour Ledger", title="Quay works begin")
    url = f"/a/{a.pk}/{a.slug}/"
    assert "extra closing paragraph" not in client.get(url).content.decode()
    fuller = Draft(
        title=a.title,
        text=article_text(70) + "\n\nAn extra closing paragraph on the quay's new cranes.",
        url=a.url,
        published_at=a.published_at,
        fetched_at=timezone.now(),
    )
    store(fuller, a.source)
    assert "extra closing paragraph" in client.get(url).content.decode()
    home = client.get("/").content.decode()
    newer = _store(71, "Northgate Courier", title="Ferry timetable returns")
    assert newer.title not in home and newer.title in client.get("/").content.decode()


def test_an_arabic_hashtag_has_its_own_page(client):
    a = _store(80, "Al-Waha Today", title="Oasis library opens", tags=["مكتبة الواحة"])
    page = client.get(f"/a/{a.pk}/", follow=True).content.decode()
    link = "/t/%D9%85%D9%83%D8%AA%D8%A8%D8%A9-%D8%A7%D9%84%D9%88%D8%A7%D8%AD%D8%A9/"
    assert f'href="{link}"' in page
    listing = client.get(link).content.decode()
    assert a.title in listing and "#مكتبة الواحة" in listing


def test_a_new_article_shows_at_once_on_kept_hashtag_and_search_pages(client):
    first = _store(90, "Harbour Ledger", title="Lighthouse keepers return", tags=["Lighthouses"])
    tag = client.get(f"/a/{first.pk}/", follow=True).content.decode()
    link = tag[tag.index('href="/t/') + 6 :].split('"')[0]
    assert first.title in client.get(link).content.decode()  # both pages now kept
    assert "keepers return" in client.get("/search?q=lighthouse").content.decode()  # marked
    second = _store(91, "Meridian Daily", title="Lighthouse museum opens", tags=["Lighthouses"])
    assert second.title in client.get(link).content.decode()
    assert "museum opens" in client.get("/search?q=lighthouse").content.decode()
