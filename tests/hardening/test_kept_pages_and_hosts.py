"""A kept page is built for one public address: one request naming another Host cannot
write its host or port into the links everyone else is served, and parameters that do not
change a page (utm_*, fbclid) neither make pages of their own nor leak into links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.news.test_site_pages import _store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_pages_kept_from_other_tests():
    """Ids start again in every test's database, so a page another test kept in this
    process's cache could answer for one of these; these tests are about what is kept."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def hosts(settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.NEWSFOLD_BASE_URL = ""


def _pages(article) -> list[str]:
    return ["/", f"/a/{article.pk}/{article.slug}/", f"/s/{article.story_id}/{article.story.slug}/"]


def test_a_page_first_asked_for_under_another_host_keeps_its_host_to_itself(client, hosts):
    article = _store(1, "Harbour Ledger")
    for path in _pages(article):
        odd = client.get(path, HTTP_HOST="localhost:31337").content.decode()
        assert "http://localhost:31337/" in odd  # built for what it was asked as
        page = client.get(path).content.decode()
        assert "31337" not in page, path
        assert '<link rel="canonical" href="http://testserver/' in page


def test_with_a_base_url_every_host_gets_the_same_links(client, hosts, settings):
    settings.NEWSFOLD_BASE_URL = "https://news.example.org"
    article = _store(1, "Harbour Ledger")
    path = f"/a/{article.pk}/{article.slug}/"
    client.get(path, HTTP_HOST="localhost:31337")
    page = client.get(path).content.decode()
    assert f'<link rel="canonical" href="https://news.example.org{path}">' in page


def test_tracking_parameters_do_not_reach_links_on_kept_pages(client):
    article = _store(1, "Harbour Ledger")
    tracked = {"utm_source": "newsletter", "utm_medium": "email", "fbclid": "abc123"}
    for path in _pages(article):
        first = client.get(path, tracked).content.decode()
        again = client.get(path).content.decode()
        for page in (first, again):
            assert "utm_" not in page and "fbclid" not in page, path


def test_tracking_parameters_do_not_make_a_search_page_of_their_own(client):
    _store(1, "Harbour Ledger", title="Gales close the strait")
    client.get("/search", {"q": "gales", "utm_source": "newsletter"})
    with CaptureQueriesContext(connection) as kept:
        page = client.get("/search", {"q": "gales"}).content.decode()
    assert "close the strait" in page  # the title, its matched word marked
    assert len(kept) == 1  # the version read alone: the page was kept from the first ask
    assert "utm_" not in page
    with CaptureQueriesContext(connection) as rendered:
        client.get("/search", {"q": "strait"})
    assert len(rendered) > 1  # a new query is rendered: the count above means a kept page
