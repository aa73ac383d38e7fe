"""The plain listing and the article page, through Django's test client."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsfold.news.store import store
from newsfold.pipeline.assemble import from_entry
from newsfold.pipeline.types import Draft, FeedEntry
from newsfold.sources.outlets import outlet
from tests.ingest.feedbuilder import article_text

pytestmark = pytest.mark.django_db


def _article(n: int, source: str, url: str, hours_ago: int = 2) -> int:
    when = timezone.now() - timedelta(hours=hours_ago)
    draft = Draft(
        title=f"Gales close the strait ({n})",
        text=article_text(n),
        url=url,
        published_at=when,
        fetched_at=when,
        html="".join(f"<p>{p}</p>" for p in article_text(n).split("\n\n")),
    )
    return store(draft, outlet(source)).article_id


def test_the_listing_shows_latest_articles_with_outlet_and_relative_time(client):
    _article(1, "Harbour Ledger", "https://ledger.example/1", hours_ago=5)
    _article(2, "Northgate Courier", "https://courier.example/2", hours_ago=1)
    page = client.get("/latest/").content.decode()
    assert page.index("Gales close the strait (2)") < page.index("Gales close the strait (1)")
    assert "Northgate Courier" in page and "1 hour ago" in page


def test_the_article_page_shows_body_time_and_every_copy(client):
    pk = _article(3, "Harbour Ledger", "https://ledger.example/3")
    _article(3, "Northgate Courier", "https://courier.example/3")
    page = client.get(f"/a/{pk}/", follow=True).content.decode()
    assert '<h1 id="title" lang="und" dir="auto">Gales close the strait (3)</h1>' in page
    assert "passengers waiting at the terminal" in page.lower()
    assert 'title="' in page and "UTC" in page  # absolute time on hover
    assert "Read the original at Harbour Ledger" in page
    also = page[page.index("Also published by") :]
    assert "https://courier.example/3" in also and "https://ledger.example/3" not in also


def test_an_unknown_article_is_a_404(client):
    assert client.get("/a/999999/").status_code == 404


def test_hostile_markup_from_a_feed_never_reaches_the_page(client):
    entry = FeedEntry(
        guid="x1",
        url="https://ledger.example/x1",
        title="<script>alert(1)</script>Harbour news",
        content_html=(
            "<p>Calm seas return.</p><script>alert('x')</script>"
            "<img src=x onerror=alert(1)><a href='javascript:alert(1)'>more</a>"
            "<p onclick='alert(2)'>The ferries sail again from Monday morning.</p>"
        ),
    )
    draft = from_entry(entry, timezone.now())
    pk = store(draft, outlet("Harbour Ledger")).article_id
    page = client.get(f"/a/{pk}/", follow=True).content.decode()
    assert "<script>alert" not in page
    assert "onerror" not in page and "onclick" not in page
    assert "javascript:" not in page
    assert "The ferries sail again from Monday morning." in page


def test_an_article_found_in_one_place_lists_no_other_publishers(client):
    pk = _article(4, "Harbour Ledger", "https://ledger.example/4")
    page = client.get(f"/a/{pk}/", follow=True).content.decode()
    assert "Also published by" not in page
    assert "Read the original at Harbour Ledger" in page


def test_the_page_title_names_the_article_and_its_outlet(client):
    pk = _article(6, "Harbour Ledger", "https://ledger.example/6")
    page = client.get(f"/a/{pk}/", follow=True).content.decode()
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title == "Gales close the strait (6) · Harbour Ledger · newsfold"


def test_a_body_image_without_a_description_is_marked_decorative(client):
    when = timezone.now()
    draft = Draft(
        title="Harbour cranes at dusk",
        text=article_text(9),
        url="https://ledger.example/9",
        published_at=when,
        fetched_at=when,
        html='<p>Cranes.</p><img src="https://ledger.example/c.jpg"><img src="d.jpg" alt="Crane">',
    )
    pk = store(draft, outlet("Harbour Ledger")).article_id
    page = client.get(f"/a/{pk}/", follow=True).content.decode()
    assert '<img alt="" src="/img/' in page  # served from our address (test_image_proxy)
    assert 'alt="Crane"' in page and page.count("alt=") == 2
