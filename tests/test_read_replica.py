"""A read replica serves anonymous readers' pages; writes stay on the primary.

A second PostgreSQL database stands in for the replica. It holds other articles than the
primary, so a page shows which database it was read from; a real replica would hold the
primary's articles a moment late.
"""

from __future__ import annotations

import pytest
from django.db import connection

from newsfold.news.models import Article
from tests.conftest import database_url, get_page, served
from tests.ingest.feedbuilder import rss

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def replica_url():
    if connection.vendor != "postgresql":
        pytest.skip("a read replica is PostgreSQL's: `make test-postgres` runs this")
    import psycopg

    primary = database_url()
    name = f"{connection.settings_dict['NAME']}_replica"
    server = primary.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _titles(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM news_article")}


def test_pages_read_from_the_replica_and_imports_write_to_the_primary(cli, replica_url, tmp_path):
    on_replica = {"DATABASE_URL": replica_url}
    assert cli("migrate", "--no-input", env=on_replica).returncode == 0
    for n, env in ((1, on_replica), (2, {})):
        feed = tmp_path / f"feed{n}.xml"
        feed.write_bytes(rss([n], title=f"Outlet {n}", home=f"https://outlet{n}.example/"))
        assert cli("import", str(feed), env=env).returncode == 0

    both = {"DATABASE_REPLICA_URL": replica_url}
    with served(cli.environ(both)) as port:
        page = get_page(port, "/latest/")
    assert "Storm report 1" in page and "Storm report 2" not in page

    feed = tmp_path / "feed3.xml"
    feed.write_bytes(rss([3], title="Outlet 3", home="https://outlet3.example/"))
    assert cli("import", str(feed), env=both).returncode == 0
    assert Article.objects.filter(title="Storm report 3").exists()
    assert "Storm report 3" not in _titles(replica_url)
