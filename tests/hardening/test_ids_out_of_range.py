"""An id no row can have is "not found", never a server error: huge numbers overflow the
database integer before any row is read."""

import pytest

from tests.news.test_site_pages import _store

pytestmark = pytest.mark.django_db

IMPOSSIBLE = ["0", "-1", str(2**63), str(10**20)]
ROUTES = ["/a/{}/", "/a/{}/a-slug/", "/s/{}/", "/s/{}/a-slug/"]


@pytest.mark.parametrize("language", ["", "/ar"])
@pytest.mark.parametrize("route", ROUTES)
def test_every_id_taking_route_answers_404_for_an_id_no_row_can_have(client, route, language):
    _store(1, "Harbour Ledger")  # a row exists: the lookup itself runs
    for value in IMPOSSIBLE:
        response = client.get(language + route.format(value))
        assert response.status_code == 404, (route, value)


def test_the_largest_possible_id_is_looked_up_and_simply_not_found(client):
    assert client.get(f"/a/{2**63 - 1}/").status_code == 404
    assert client.get(f"/s/{2**63 - 1}/x/").status_code == 404


@pytest.mark.parametrize("cursor", [f"1763460000000000.{10**20}", f"{10**30}.5", "1.-3"])
def test_a_cursor_with_an_impossible_id_or_time_shows_the_first_page(client, cursor):
    article = _store(1, "Harbour Ledger")
    for path in ["/latest/", f"/o/{article.source.slug}/"]:
        response = client.get(path, {"after": cursor})
        assert response.status_code == 200
        assert article.title in response.content.decode()


def test_fetch_names_an_impossible_feed_id_as_no_such_feed(cli):
    result = cli("fetch", str(10**20))
    assert result.returncode != 0
    assert result.stderr.decode().strip() == f"CommandError: no such feed: {10**20}"
