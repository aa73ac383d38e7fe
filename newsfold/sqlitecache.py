"""A Django cache in one SQLite file, shared by every process on the machine.

`newsfold serve` runs several worker processes. With a cache in each process's memory, a
page rendered by one worker is rendered again by every other; with this one, once is enough
for all of them, and nothing beyond the Python standard library is needed (REDIS_URL is for
web processes on several machines). Reads never wait for writers (WAL); a write is one
small transaction that skips the disk flush, since losing a cache on power failure costs
nothing but a re-render.

Values are pickled, as in Django's own file and database caches: the file must be writable
by newsfold alone, like the data folder it lives in.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import threading
import time
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.exceptions import ImproperlyConfigured

FOREVER = 2.0**53  # an expiry time for "never", far beyond any clock
CULL_EVERY = 200  # writes between two clean-ups of expired and surplus entries
BUSY_MS = 5000  # a writer waits this long for another process's write


class SQLiteCache(BaseCache):
    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self._path = Path(location)
        self._local = threading.local()
        self._writes = 0

    # -- the connection: one per thread and process (a forked child opens its own) --

    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            try:
                local.db = self._open()
            except (OSError, sqlite3.Error) as exc:
                raise ImproperlyConfigured(
                    f"page cache {self._path}: {exc} (NEWSFOLD_CACHE_PATH names a writable file)"
                ) from exc
            local.pid = os.getpid()
        return local.db

    def _open(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self._path, timeout=BUSY_MS / 1000, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(
            "CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
            " expires REAL NOT NULL) WITHOUT ROWID"
        )
        db.execute("CREATE INDEX IF NOT EXISTS cache_expires ON cache (expires)")
        return db

    def _expiry(self, timeout) -> float:
        seconds = self.get_backend_timeout(timeout)
        return FOREVER if seconds is None else seconds

    # -- Django's cache API --

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = (
            self._db()
            .execute("SELECT value FROM cache WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return default if row is None else pickle.loads(row[0])  # noqa: S301 - our own file

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._write(
            "INSERT OR REPLACE INTO cache (key, value, expires) VALUES (?, ?, ?)",
            (key, _dump(value), self._expiry(timeout)),
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        changed = self._write(
            "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO"
            " UPDATE SET value = excluded.value, expires = excluded.expires"
            " WHERE cache.expires <= ?",
            (key, _dump(value), self._expiry(timeout), time.time()),
        )
        return changed > 0

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        changed = self._write(
            "UPDATE cache SET expires = ? WHERE key = ? AND expires > ?",
            (self._expiry(timeout), key, time.time()),
        )
        return changed > 0

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._write("DELETE FROM cache WHERE key = ?", (key,)) > 0

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        row = (
            self._db()
            .execute("SELECT 1 FROM cache WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return row is not None

    def clear(self) -> None:
        self._db().execute("DELETE FROM cache")

    def close(self, **kwargs) -> None:
        """Django closes caches after each request; the connection is kept for the next."""

    # -- housekeeping --

    def _write(self, sql: str, params: tuple) -> int:
        changed = self._db().execute(sql, params).rowcount
        self._writes += 1
        if self._writes % CULL_EVERY == 0:
            self._cull()
        return changed

    def _cull(self) -> None:
        """Drop what has expired, then, past MAX_ENTRIES, what would expire soonest."""
        db = self._db()
        db.execute("DELETE FROM cache WHERE expires <= ?", (time.time(),))
        surplus = db.execute("SELECT COUNT(*) FROM cache").fetchone()[0] - self._max_entries
        if surplus > 0 and not self._cull_frequency:
            db.execute("DELETE FROM cache")  # CULL_FREQUENCY 0: Django's "clear it all"
        elif surplus > 0:
            # Down to (1 - 1/CULL_FREQUENCY) of the limit, as Django's own caches cull.
            surplus += self._max_entries // self._cull_frequency
            db.execute(
                "DELETE FROM cache WHERE key IN (SELECT key FROM cache ORDER BY expires LIMIT ?)",
                (surplus,),
            )


def _dump(value) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
