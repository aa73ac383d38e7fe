"""Shared fixtures: the evaluation data folder, a real local HTTP server, the CLI."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_sessionstart(session):
    """The default SQLite test database lives in the data folder, absent in a fresh clone."""
    try:
        from django.conf import settings

        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    except ImportError:  # pipeline tests may run without Django
        pass


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when the evaluation data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not present: ../shared/{'/'.join(parts)}")
    return path


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Called with the request headers; returns (status, body, headers) to answer instead.
    handler: Callable[[dict[str, str]], tuple[int, bytes, dict[str, str]]] | None = None


class LocalServer:
    """A real HTTP server on a loopback address, answering the routes a test sets."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                route = server.routes.get(self.path)
                if route is None:
                    status, body, extra = 404, b"not found", {}
                elif route.handler:
                    status, body, extra = route.handler(headers)
                else:
                    status, body, extra = route.status, route.body, route.headers
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The client may refuse the rest (a size cap): expected, not an error.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local_server():
    server = LocalServer()
    yield server
    server.close()


@pytest.fixture(scope="session", autouse=True)
def _cache_of_our_own(tmp_path_factory):
    """The default cache is one file shared by every process on the machine, and two test
    processes (xdist workers, SQLite and PostgreSQL runs) may hold different pages under the
    same version: each test process gets a cache of its own, of the same kind (a file, or
    with REDIS_URL a Redis database number of its own, emptied first). Yields what a child
    process needs in its environment to use the same cache."""
    try:
        from django.conf import settings
        from django.test import override_settings
    except ImportError:  # pipeline tests may run without Django
        yield {}
        return
    cache, others = dict(settings.CACHES["default"]), dict(settings.CACHES)
    if cache["BACKEND"].endswith("RedisCache"):
        cache["LOCATION"] = redis_database(cache["LOCATION"])
        with override_settings(CACHES={**others, "default": cache}):
            from django.core.cache import cache as live

            live.clear()
            yield {"REDIS_URL": cache["LOCATION"]}
        return
    cache["LOCATION"] = str(tmp_path_factory.mktemp("cache") / "cache.sqlite3")
    with override_settings(CACHES={**others, "default": cache}):
        yield {"NEWSFOLD_CACHE_PATH": cache["LOCATION"]}


@pytest.fixture(autouse=True)
def _fresh_story_index():
    """Each test's database starts empty, so this process's story index must too."""
    try:
        from newsfold.news.stories import reset_index
    except ImportError:  # pipeline tests may run without Django
        yield
        return
    reset_index()
    yield
    reset_index()


@pytest.fixture(autouse=True)
def _allow_loopback_for_tests(request):
    """The tests' own servers live on 127.0.0.1: allowed explicitly, nothing else private."""
    try:
        settings = request.getfixturevalue("settings")
    except pytest.FixtureLookupError:  # pipeline tests run without Django too
        return
    settings.NEWSFOLD_ALLOWED_NETWORKS = ["127.0.0.1"]
    settings.NEWSFOLD_ALLOW_PRIVATE_NETWORKS = False
    settings.NEWSFOLD_RESPECT_ROBOTS = True


def redis_database(url: str) -> str:
    """The Redis URL with a database number for this test process: 8 for a run without
    workers, 9 and up for xdist's gw0, gw1…"""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    number = 9 + int(worker[2:]) if worker.startswith("gw") else 8
    base = url.split("?")[0].rstrip("/")
    head, _, tail = base.rpartition("/")
    if tail.isdigit() and head.count("/") >= 2:
        base = head
    return f"{base}/{number}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_page(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.read().decode()


@contextlib.contextmanager
def served(env: dict[str, str]):
    """`newsfold serve` (one gunicorn worker) in a child process with this environment,
    once it answers; its port."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsfold", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get_page(port, "/healthz") == "ok":
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def database_url() -> str:
    """The URL of the database the current test runs on, for child processes."""
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    user = s.get("USER") or "postgres"
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{s['NAME']}"


@pytest.fixture
def cli(transactional_db, _cache_of_our_own):
    """Run the real `newsfold` command in a child process against the test database."""

    def environ(env: dict[str, str] | None = None) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": database_url(),
            "NEWSFOLD_ALLOWED_NETWORKS": "127.0.0.1",
            **_cache_of_our_own,
            **(env or {}),
        }

    def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
        return subprocess.run(
            [sys.executable, "-m", "newsfold", *args],
            input=stdin,
            capture_output=True,
            env=environ(env),
            cwd=ROOT,
            timeout=120,
        )

    run.environ = environ  # for a child process the test starts itself (a server)
    return run
