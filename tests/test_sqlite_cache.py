"""The default cache: one SQLite file that every process on the machine shares, so a page
one web worker rendered is kept for all of them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsfold import sqlitecache
from newsfold.sqlitecache import SQLiteCache
from tests.conftest import ROOT


@pytest.fixture
def path(tmp_path):
    return tmp_path / "cache.sqlite3"


def cache_at(path, **options) -> SQLiteCache:
    return SQLiteCache(str(path), {"OPTIONS": options})


class Clock:
    """The wall clock, held still and moved by hand: expiry without waiting."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(sqlitecache.time, "time", clock)
    return clock


def test_what_one_process_keeps_another_reads(path):
    cache_at(path).set("page", (b"<html>kept</html>", "text/html"), 60)
    child = textwrap.dedent(
        f"""
        import django
        from django.conf import settings
        settings.configure()
        django.setup()
        from newsfold.sqlitecache import SQLiteCache
        cache = SQLiteCache({str(path)!r}, {{}})
        print(cache.get("page")[0].decode())
        cache.set("from-child", 42, 60)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "<html>kept</html>"
    assert cache_at(path).get("from-child") == 42


def test_a_value_is_gone_once_its_time_is_up(path, clock):
    cache = cache_at(path)
    cache.set("short", "a", 30)
    cache.set("forever", "b", None)
    clock.now += 29
    assert cache.get("short") == "a"
    assert cache.has_key("short")
    clock.now += 2
    assert cache.get("short", "missing") == "missing"
    assert not cache.has_key("short")
    clock.now += 10 * 365 * 86400
    assert cache.get("forever") == "b"


def test_add_keeps_a_live_value_and_replaces_an_expired_one(path, clock):
    cache = cache_at(path)
    assert cache.add("k", 1, 10)
    assert not cache.add("k", 2, 10)
    assert cache.get("k") == 1
    clock.now += 11
    assert cache.add("k", 3, 10)
    assert cache.get("k") == 3


def test_touch_delete_and_clear(path, clock):
    cache = cache_at(path)
    cache.set("a", 1, 10)
    cache.set("b", 2, 10)
    assert cache.touch("a", 100)
    clock.now += 50
    assert cache.get("a") == 1
    assert cache.get("b") is None
    assert not cache.touch("b", 100)  # expired: nothing to extend
    assert cache.delete("a")
    assert not cache.delete("a")
    cache.set("c", 3, 10)
    cache.clear()
    assert cache.get("c") is None


def test_keys_with_versions_and_prefixes_do_not_meet(path):
    one = SQLiteCache(str(path), {"KEY_PREFIX": "one"})
    two = SQLiteCache(str(path), {"KEY_PREFIX": "two"})
    one.set("k", "first", 60)
    two.set("k", "second", 60)
    one.set("k", "newer", 60, version=2)
    assert (one.get("k"), two.get("k"), one.get("k", version=2)) == ("first", "second", "newer")


def test_the_file_stays_bounded_by_max_entries(path, clock):
    cache = cache_at(path, MAX_ENTRIES=100)
    for i in range(sqlitecache.CULL_EVERY * 3):
        cache.set(f"k{i}", i, 60 + i)
    count = cache._db().execute("SELECT COUNT(*) FROM cache").fetchone()[0]
    assert count <= 100 + sqlitecache.CULL_EVERY
    # What went first is what would have expired soonest: the newest writes are kept.
    last = sqlitecache.CULL_EVERY * 3 - 1
    assert cache.get(f"k{last}") == last


def test_expired_entries_are_dropped_from_the_file(path, clock):
    cache = cache_at(path)
    for i in range(sqlitecache.CULL_EVERY - 1):
        cache.set(f"old{i}", i, 5)
    clock.now += 10
    cache.set("new", "x", 60)  # the write that triggers the clean-up
    count = cache._db().execute("SELECT COUNT(*) FROM cache").fetchone()[0]
    assert count == 1


@pytest.mark.parametrize("broken", ["folder is a file", "file is not a database"])
def test_an_unusable_cache_file_is_named_in_the_error(tmp_path, broken):
    if broken == "folder is a file":
        (tmp_path / "var").write_text("a file, not a folder")
        path = tmp_path / "var" / "cache.sqlite3"
    else:
        path = tmp_path / "cache.sqlite3"
        path.write_bytes(b"these bytes are no SQLite database, whatever the name says" * 20)
    with pytest.raises(ImproperlyConfigured, match="NEWSFOLD_CACHE_PATH") as raised:
        cache_at(path).get("page")
    assert str(path) in str(raised.value)
