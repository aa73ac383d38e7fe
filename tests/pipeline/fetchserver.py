"""A real HTTP server on a loopback address whose routes may stream, stall or lie.

The fetcher's defences are about what a server does on the wire (sends 20 MB, never
finishes, claims a length, inflates), so each route writes its own answer.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsfold.pipeline.types import FetchPolicy

Answer = Callable[[BaseHTTPRequestHandler], None]


def test_policy(**changes) -> FetchPolicy:
    """Our tests' servers are on 127.0.0.1, allowed by name; everything else private is not."""
    values = {
        "user_agent": "newsfold-test/1.0 (+https://newsfold.invalid/about)",
        "allowed_networks": ("127.0.0.1",),
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        **changes,
    }
    return FetchPolicy(**values)


test_policy.__test__ = False  # a helper, not a test


def reply(
    handler: BaseHTTPRequestHandler,
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if not any(name.lower() == "content-length" for name in headers or {}):
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class FetchServer:
    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Answer] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        # Stalling routes wait on this; it is set on close so no thread outlives the test.
        self.released = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                answer = server.routes.get(self.path)
                if answer is None:
                    reply(self, 404, b"not found")
                else:
                    answer(self)

            def log_message(self, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # the client hanging up on a refused body is the point of some tests

        self.httpd = Server((host, 0), Handler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def close(self) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FetchServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
