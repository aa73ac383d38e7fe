"""What a newcomer meets when something is not set up: one line naming the fix, an exit
code, never a traceback; styled, translated error pages; a 500 in the server's log."""

import logging
import socket

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import free_port


def _one_line(result) -> str:
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    [line] = result.stderr.decode().strip().splitlines()
    return line


def test_an_unmigrated_database_says_run_migrate(cli, tmp_path):
    fresh = {"DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"}
    assert "run: newsfold migrate" in _one_line(cli("feeds", env=fresh))
    assert "run newsfold migrate first" in _one_line(
        cli("serve", "--port", str(free_port()), env=fresh)
    )


def test_an_sqlite_path_that_cannot_be_opened_is_one_line(cli):
    env = {"DATABASE_URL": "sqlite:////no/such/folder/newsfold.sqlite3"}
    assert "unable to open database file" in _one_line(
        cli("serve", "--port", str(free_port()), env=env)
    )
    assert "check DATABASE_URL" in _one_line(cli("feeds", env=env))


def test_serve_refuses_a_port_out_of_range_and_one_in_use(cli):
    assert "give 1 to 65535" in _one_line(cli("serve", "--port", "99999"))
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        line = _one_line(cli("serve", "--port", str(port)))
    assert f"127.0.0.1:{port}" in line and "another --port" in line


@pytest.mark.django_db
def test_not_found_is_a_styled_page_in_the_readers_language():
    english = Client().get("/no/such/page/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()
    assert 'href="/search"' in english.content.decode()  # the site's own header
    arabic = Client().get("/ar/no/such/page/")
    assert arabic.status_code == 404
    assert "الصفحة غير موجودة" in arabic.content.decode()
    assert 'dir="rtl"' in arabic.content.decode()


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.mark.django_db
def test_a_server_error_is_a_styled_page_and_a_traceback_in_the_log():
    from tests.community.conftest import store_article

    story = store_article(1).story
    # A table the story page reads goes missing (a database half set up): a real 500. The
    # test's transaction puts it back.
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE news_storyinsight")
    kept = _Kept()
    logger = logging.getLogger("django.request")
    logger.addHandler(kept)
    try:
        page = Client(raise_request_exception=False).get(f"/s/{story.pk}/{story.slug}/")
    finally:
        logger.removeHandler(kept)
    assert page.status_code == 500
    assert "Something went wrong" in page.content.decode()
    assert any(r.exc_info for r in kept.records), "the 500 left no traceback in the log"
    # ... and that log is the server's own output (Django's default keeps it for DEBUG).
    assert any(type(h) is logging.StreamHandler for h in logger.handlers)


def test_a_public_site_does_not_start_on_the_development_key(cli):
    public = {"ALLOWED_HOSTS": "news.example.org", "DEBUG": "no"}
    line = cli("feeds", env=public).stderr.decode().strip()
    assert cli("feeds", env=public).returncode == 2
    assert "SECRET_KEY is the development key" in line and len(line.splitlines()) == 1
    keyed = {**public, "SECRET_KEY": "a-long-random-value-for-tests-" * 2}
    assert cli("config", env=keyed).returncode == 0
    assert cli("config").returncode == 0  # loopback only: a laptop needs no key


@pytest.mark.django_db
def test_hsts_goes_out_on_https_requests_behind_the_proxy(settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    secure = Client().get("/healthz", HTTP_X_FORWARDED_PROTO="https")
    assert secure["Strict-Transport-Security"].startswith("max-age=3600")
    assert "Strict-Transport-Security" not in Client().get("/healthz")


@pytest.mark.django_db
def test_a_form_sent_without_its_token_gets_the_styled_not_allowed_page():
    page = Client(enforce_csrf_checks=True).post("/ar/account/login/", {"username": "x"})
    assert page.status_code == 403
    assert "غير مسموح" in page.content.decode()  # translated, in the site's own page


def test_a_read_replica_that_is_not_postgresql_is_one_line_naming_it(cli):
    for url, said in (("nonsense", "expected"), ("sqlite:///replica.sqlite3", "PostgreSQL")):
        result = cli("feeds", env={"DATABASE_REPLICA_URL": url})
        assert result.returncode != 0 and b"Traceback" not in result.stderr
        [line] = result.stderr.decode().strip().splitlines()
        assert "DATABASE_REPLICA_URL" in line and said in line
