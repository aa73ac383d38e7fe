"""A stand-in for the outside world: a small local HTTP server speaking the OpenAI chat
completions protocol (what llama.cpp, Ollama and hosted models answer), whose replies a
test writes. No model runs; the tests check what newsfold sends and how it takes replies."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ChatServer:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        # Given the request body, returns the assistant's text (or a (status, body) pair).
        self.reply: Callable[[dict], str | tuple[int, bytes]] = lambda body: "NOT COVERED"
        self.delay = 0.0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(body)
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                if server.delay:
                    time.sleep(server.delay)
                if self.path != "/v1/chat/completions":
                    status, payload = 404, b"{}"
                else:
                    answer = server.reply(body)
                    if isinstance(answer, tuple):
                        status, payload = answer
                    else:
                        status = 200
                        payload = json.dumps(
                            {"choices": [{"message": {"role": "assistant", "content": answer}}]}
                        ).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a time-out test)

            def log_message(self, *args):
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def given(self, body: dict) -> str:
        """The user message of a request: the numbered sentences newsfold sent."""
        return body["messages"][-1]["content"]
