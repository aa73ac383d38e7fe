"""A feed with far more items than anyone reads is cut to the newest NEWSFOLD_MAX_ENTRIES,
and the cut is said where the operator looks: the feed's status and the import report.
A long import shows its progress on a terminal."""

import os
import pty
import subprocess
import sys

import pytest

from newsfold.ingestion.feeds import fetch_feed
from newsfold.ingestion.files import import_paths
from newsfold.news.models import Article
from newsfold.sources.models import Feed
from newsfold.sources.outlets import outlet
from tests.conftest import ROOT, Route, database_url
from tests.ingest.feedbuilder import rss

pytestmark = pytest.mark.django_db

CUT = "kept the newest 10 of 30 entries (NEWSFOLD_MAX_ENTRIES)"


def test_a_fetched_feed_is_cut_and_the_cut_shows_on_the_feed(local_server, settings, client):
    settings.NEWSFOLD_MAX_ENTRIES = 10
    local_server.routes["/feed.xml"] = Route(body=rss(list(range(1, 31))))
    feed = Feed.objects.create(url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"))

    attempt = fetch_feed(feed)

    feed.refresh_from_db()
    assert (attempt.entries, attempt.added) == (10, 10)
    assert feed.notice == CUT and feed.status == "ok"
    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {f"Storm report {n}" for n in range(21, 31)}  # the newest ten
    assert CUT in client.get(f"/o/{feed.source.slug}/").content.decode()


def test_a_feed_within_the_cap_clears_an_old_notice(local_server, settings):
    settings.NEWSFOLD_MAX_ENTRIES = 10
    local_server.routes["/feed.xml"] = Route(body=rss([1, 2]))
    feed = Feed.objects.create(
        url=local_server.url("/feed.xml"), source=outlet("Harbour Ledger"), notice=CUT
    )
    fetch_feed(feed)
    feed.refresh_from_db()
    assert feed.notice == ""


def test_an_imported_feed_file_is_cut_and_the_report_says_so(settings, tmp_path):
    settings.NEWSFOLD_MAX_ENTRIES = 10
    path = tmp_path / "big.xml"
    path.write_bytes(rss(list(range(1, 31))))

    report = import_paths([path])

    assert report.total("added") == 10
    assert f"        {CUT}" in report.lines()
    assert report.as_dict()["notes"] == [{"path": str(path), "note": CUT}]


def _import_cli(path, *, terminal: bool) -> tuple[int, str]:
    """`newsfold import` in a child process, its stderr on a terminal (a pty) or a pipe."""
    env = {**os.environ, "DATABASE_URL": database_url(), "NEWSFOLD_MAX_ENTRIES": "25"}
    command = [sys.executable, "-m", "newsfold", "import", str(path)]
    if not terminal:
        done = subprocess.run(command, capture_output=True, env=env, cwd=ROOT, timeout=120)
        return done.returncode, done.stderr.decode()
    leader, follower = pty.openpty()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return child.wait(timeout=120), seen.decode()


def test_a_long_import_shows_progress_on_a_terminal_and_nothing_in_a_pipe(
    transactional_db, tmp_path
):
    path = tmp_path / "big.xml"
    path.write_bytes(rss(list(range(1, 41))))

    code, shown = _import_cli(path, terminal=True)
    assert code == 0
    assert f"{path}: 25 of 25 stored" in shown

    Article.objects.all().delete()
    code, piped = _import_cli(path, terminal=False)
    assert code == 0
    assert "stored" not in piped and "\r" not in piped
