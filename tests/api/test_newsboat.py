"""Acceptance with a real reader app: Debian's newsboat, which speaks the Google Reader API
as FeedHQ served it (`urls-source "feedhq"`), against newsfold on a real HTTP server.

newsboat reloads the reader's follows into its cache (SQLite), with what newsfold has as
read already read; then the reader marks an article read in newsboat's own screen, driven
under tmux (newsboat's `-x` commands only reload and count: marking is done on its screen,
which is where it tells the server), then a whole feed, and newsfold has them read.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community.models import Follow, Read
from tests.community.conftest import store_article

pytestmark = [
    pytest.mark.skipif(
        shutil.which("newsboat") is None,
        reason="Debian's newsboat is not installed (scripts/ensure-newsboat installs it)",
    ),
]
PREFIX = "tag:google.com,2005:reader/item/"


class Newsboat:
    """newsboat with its home, configuration, URL file and cache in one folder."""

    def __init__(self, folder: Path, server: str, user: str, password: str) -> None:
        self.folder = folder
        self.home = folder / "home"
        self.home.mkdir()
        (folder / "password").write_text(password)
        (folder / "urls").write_text("")
        self.cache = folder / "cache.db"
        self.config = folder / "config"
        self.config.write_text(
            "\n".join(
                [
                    'urls-source "feedhq"',
                    f'feedhq-url "{server}/"',
                    f'feedhq-login "{user}"',
                    f'feedhq-passwordfile "{folder / "password"}"',
                    # Its "People you follow"/"Starred" lists live at feedhq.org: not here.
                    "feedhq-show-special-feeds no",
                    f'cache-file "{self.cache}"',
                    "",
                ]
            )
        )

    def command(self, *args: str) -> list[str]:
        return [
            "env",
            f"HOME={self.home}",
            f"XDG_CONFIG_HOME={self.home / '.config'}",
            f"XDG_DATA_HOME={self.home / '.local'}",
            "newsboat",
            "-C",
            str(self.config),
            "-u",
            str(self.folder / "urls"),
            "-c",
            str(self.cache),
            *args,
        ]

    def run(self, *args: str) -> str:
        done = subprocess.run(
            self.command(*args), capture_output=True, text=True, timeout=120, cwd=self.folder
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def items(self) -> dict[int, tuple[str, int]]:
        """Article id → (title, unread) as newsboat's cache holds them."""
        with sqlite3.connect(self.cache) as db:
            rows = db.execute("SELECT guid, title, unread FROM rss_item").fetchall()
        return {int(guid[len(PREFIX) :], 16): (title, unread) for guid, title, unread in rows}


class Screen:
    """newsboat's screen in a tmux server of this test's own (its own socket)."""

    def __init__(self, command: list[str]) -> None:
        # A folder of its own with a short name: a socket's path is limited to ~100 bytes.
        self.folder = tempfile.mkdtemp(prefix="nb")
        self.socket = os.path.join(self.folder, "tmux")
        self.tmux("new-session", "-d", "-s", "nb", "-x", "120", "-y", "30", shlex.join(command))

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=30
        )
        return done.stdout

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "nb")

    def wait_for(self, words: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if words in (shown := self.text()):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"newsboat never showed {words!r}; it shows:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "nb", *keys)

    def running(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-S", self.socket, "has-session", "-t", "nb"], capture_output=True
            ).returncode
            == 0
        )

    def close(self) -> None:
        self.tmux("kill-server")
        shutil.rmtree(self.folder, ignore_errors=True)


def test_newsboat_reads_the_follows_and_marks_read(live_server, transactional_db, tmp_path):
    tide = store_article(1, "Coast Courier", tags=["Tidal Energy"], hours_ago=6)
    ledger = [store_article(n, "Harbour Ledger", hours_ago=5 - n) for n in (2, 3, 4)]
    unfollowed = store_article(5, "Valley Post", hours_ago=1)
    user = get_user_model().objects.create_user("ana", "ana@example.invalid", "tidal-basin-lantern")
    Follow.objects.create(user=user, kind="tag", key="tidal-energy")
    Follow.objects.create(user=user, kind="outlet", key="harbour-ledger")
    Read.objects.create(user=user, article=ledger[0])  # read on the site already
    _, password = tokens.make(user, Token.APP, "newsboat")

    app = Newsboat(tmp_path, live_server.url, "ana", password)
    assert "3 unread articles" in app.run("-x", "reload", "print-unread")
    items = app.items()
    assert set(items) == {tide.pk, *(a.pk for a in ledger)}
    assert unfollowed.pk not in items
    assert items[tide.pk] == (tide.title, 1)
    assert items[ledger[0].pk][1] == 0
    assert sum(unread for _, unread in items.values()) == 3

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (scripts/ensure-newsboat installs it)")
    screen = Screen(app.command())
    try:
        # The hashtag's feed comes first (folders in order) and holds one article.
        screen.wait_for("#Tidal Energy")
        screen.keys("Enter")
        screen.wait_for("Articles in feed '#Tidal Energy' (1 unread")
        screen.keys("N")  # toggle read: newsboat tells the server at once
        screen.wait_for("Articles in feed '#Tidal Energy' (0 unread")
        screen.keys("q")
        screen.wait_for("Your feeds")
        # And the whole outlet read at once ("A" on its line: newsboat's mark-all-as-read).
        screen.keys("Down", "A")
        screen.wait_for("(0/3) Harbour Ledger")
        screen.keys("q")
        deadline = time.monotonic() + 30
        while screen.running() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        screen.close()

    assert set(Read.objects.filter(user=user).values_list("article_id", flat=True)) == {
        tide.pk,
        *(a.pk for a in ledger),
    }
    # A new article arrives; a reload agrees with the server about everything.
    fresh = store_article(6, "Harbour Ledger", hours_ago=0.5)
    assert "1 unread articles" in app.run("-x", "reload", "print-unread")
    assert {pk: unread for pk, (_, unread) in app.items().items()} == {
        tide.pk: 0,
        **{a.pk: 0 for a in ledger},
        fresh.pk: 1,
    }
