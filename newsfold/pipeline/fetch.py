"""Fetch one URL politely and defensively: the only door from the pipeline to the network.

Every hop of a redirect chain is checked by the SSRF guard and then connected to by the
address the guard checked (the Host header and TLS SNI carry the name), so neither a
redirect nor a DNS answer that changes between check and connect reaches a private address.
Bodies are counted after decompression while they stream, so neither a huge file nor a
gzip bomb is ever held in memory. The exceptions are drawn in `errors.py`.
"""

from __future__ import annotations

import functools
import os
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus

import certifi
import httpx

from newsfold.pipeline import robots
from newsfold.pipeline.errors import (
    BlockedAddress,
    ConnectFailed,
    FetchError,
    FetchTimeout,
    HostBusy,
    HTTPStatusError,
    InvalidURL,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
)
from newsfold.pipeline.netguard import Target, parse_target, resolve_checked
from newsfold.pipeline.schedule import parse_retry_after
from newsfold.pipeline.types import FetchPolicy, FetchResult

__all__ = [
    "BlockedAddress",
    "ConnectFailed",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "HostBusy",
    "InvalidURL",
    "RobotsDisallowed",
    "TooLarge",
    "TooManyRedirects",
    "fetch",
]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_KNOWN_STATUSES = frozenset(s.value for s in HTTPStatus)
# Decompressed output per zlib step: a bomb overshoots the cap by at most this much.
_INFLATE_STEP = 64 * 1024


def fetch(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str | None = None,
    check_robots: bool = False,
    resolver: Callable[[str, int], list[str]] | None = None,
) -> FetchResult:
    """GET `url`, following redirects hop by hop; raise a `FetchError` for anything but 2xx/304.

    On 304 the result's etag/last_modified fall back to the validators sent, so a caller
    that stores them after every fetch keeps asking conditionally. The whole call, redirects
    included, also has a wall-clock budget of connect + 2 x read time-out, so a server that
    trickles a byte at a time cannot hold a worker thread for long.
    """
    deadline = time.monotonic() + policy.connect_timeout + 2 * policy.read_timeout
    headers = {
        "User-Agent": policy.user_agent,
        "Accept": accept or "*/*",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    with _transport() as transport:
        for _hop in range(policy.max_redirects + 1):
            target = parse_target(current)
            if check_robots and policy.respect_robots:
                _obey_robots(target, policy, resolver)
            addresses = resolve_checked(target, policy, resolver)
            with _slot(target.host, policy, deadline):
                reply = _exchange(transport, target, addresses, headers, policy, deadline)
            if reply.location is None:
                return FetchResult(
                    url=str(target.url),
                    status=reply.status,
                    content=reply.content,
                    headers=reply.headers,
                    fetched_at=datetime.now(UTC),
                    etag=reply.headers.get("etag") or (etag if reply.status == 304 else None),
                    last_modified=reply.headers.get("last-modified")
                    or (last_modified if reply.status == 304 else None),
                )
            current = reply.location
    raise TooManyRedirects(
        f"More than {policy.max_redirects} redirects, the last to {_shorten(current)}."
    )


@dataclass(frozen=True)
class _Reply:
    status: int
    headers: dict[str, str]
    content: bytes = b""
    location: str | None = None


def _exchange(
    transport: httpx.HTTPTransport,
    target: Target,
    addresses: list[str],
    headers: dict[str, str],
    policy: FetchPolicy,
    deadline: float,
) -> _Reply:
    """One request to the checked addresses, in order, until one accepts the connection."""
    extensions: dict[str, object] = {"timeout": _timeouts(policy)}
    if target.scheme == "https":
        extensions["sni_hostname"] = target.host
    failure: Exception | None = None
    for address in addresses:
        if time.monotonic() > deadline:
            break
        request = httpx.Request(
            "GET",
            target.url.copy_with(host=address),
            headers={**headers, "Host": target.netloc},
            extensions=extensions,
        )
        try:
            response = transport.handle_request(request)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            failure = exc
            continue
        except httpx.TimeoutException:
            raise FetchTimeout(_timeout_message(target, policy)) from None
        except httpx.TransportError as exc:
            raise ConnectFailed(f"The connection to {target.host} failed: {exc}") from None
        try:
            return _read_reply(response, target, policy, deadline)
        except httpx.TimeoutException:
            raise FetchTimeout(_timeout_message(target, policy)) from None
        except httpx.TransportError as exc:
            raise ConnectFailed(f"The connection to {target.host} broke: {exc}") from None
        finally:
            response.close()
    if isinstance(failure, httpx.ConnectTimeout) or failure is None:
        raise FetchTimeout(f"Could not connect to {target.host} in {policy.connect_timeout:g} s.")
    raise ConnectFailed(f"Could not connect to {target.host}: {failure}")


def _read_reply(
    response: httpx.Response, target: Target, policy: FetchPolicy, deadline: float
) -> _Reply:
    status = response.status_code
    headers = dict(response.headers.items())
    if status in _REDIRECTS and headers.get("location"):
        try:
            location = str(target.url.join(headers["location"]))
        except (httpx.InvalidURL, ValueError) as exc:
            raise InvalidURL(f"The server redirected to an invalid URL: {exc}") from None
        return _Reply(status, headers, location=location)
    if status == 304:
        return _Reply(status, headers)
    if not 200 <= status < 300:
        retry_after = parse_retry_after(headers.get("retry-after"), datetime.now(UTC))
        later = f"; it asks to retry after {retry_after} s" if retry_after is not None else ""
        # The standard phrase, not the server's: its text is not ours to show users.
        phrase = f" {HTTPStatus(status).phrase}" if status in _KNOWN_STATUSES else ""
        raise HTTPStatusError(
            f"{target.host} answered {status}{phrase}{later}.",
            status=status,
            retry_after=retry_after,
        )
    return _Reply(status, headers, content=_read_body(response, policy, deadline))


def _read_body(response: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    limit = policy.max_bytes
    too_large = TooLarge(f"The response is larger than the {_size(limit)} limit.")
    declared = response.headers.get("content-length", "").strip()
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise too_large
    inflater = _Inflater(response.headers.get("content-encoding", ""))
    parts: list[bytes] = []
    size = 0
    for raw in response.iter_raw():
        for piece in inflater.feed(raw):
            size += len(piece)
            if size > limit:
                raise too_large
            parts.append(piece)
        if time.monotonic() > deadline:
            raise FetchTimeout("The server sent the response too slowly.")
    tail = inflater.finish()
    if size + len(tail) > limit:
        raise too_large
    parts.append(tail)
    return b"".join(parts)


class _Inflater:
    """Decode gzip/deflate ourselves, in bounded steps, instead of httpx's unbounded decoder.

    httpx inflates a whole network chunk at once, and 64 KiB of gzip can hold 64 MB of
    zeros; here each zlib step yields at most `_INFLATE_STEP` bytes, so the size cap is
    checked before memory fills.
    """

    def __init__(self, content_encoding: str) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(
                f"The server sent an encoding we did not ask for: {_shorten(content_encoding)}."
            )
        self._z = None
        # deflate is meant to be zlib-wrapped, but some servers send it raw.
        self._may_be_raw = bool(codings) and codings[0] == "deflate"
        if codings:
            self._z = zlib.decompressobj(
                zlib.MAX_WBITS if self._may_be_raw else zlib.MAX_WBITS | 16
            )

    def feed(self, raw: bytes) -> Iterator[bytes]:
        if self._z is None:
            if raw:
                yield raw
            return
        data = raw
        while data and not self._z.eof:
            try:
                piece = self._z.decompress(data, _INFLATE_STEP)
            except zlib.error as exc:
                if self._may_be_raw:
                    self._may_be_raw = False
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(f"The server sent a corrupt compressed body: {exc}.") from None
            self._may_be_raw = False
            data = self._z.unconsumed_tail
            # With all input taken, zlib may still hold output: drain it step by step.
            while piece:
                yield piece
                if data or len(piece) < _INFLATE_STEP or self._z.eof:
                    break
                piece = self._z.decompress(b"", _INFLATE_STEP)

    def finish(self) -> bytes:
        return self._z.flush() if self._z is not None else b""


def _obey_robots(
    target: Target, policy: FetchPolicy, resolver: Callable[[str, int], list[str]] | None
) -> None:
    def fetcher(url: str, robots_policy: FetchPolicy) -> FetchResult:
        return fetch(url, robots_policy, accept="text/plain", resolver=resolver)

    if not robots.allowed(str(target.url), policy, fetcher):
        raise RobotsDisallowed(
            f"robots.txt of {target.host} does not allow {target.url.path} to our user agent."
        )


def _slot(host: str, policy: FetchPolicy, deadline: float):
    """One of the host's connection slots: shared by every process when the policy says
    where (`policy.shared`), else this process's threads only."""
    if policy.shared is None:
        return local_host_slot(host, policy.per_host_limit)
    wait = max(0.0, deadline - time.monotonic())
    return policy.shared.host_slot(host, max(1, policy.per_host_limit), wait)


_slots: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


@contextmanager
def local_host_slot(host: str, limit: int) -> Iterator[None]:
    """Hold one of the host's `limit` slots: threads of one worker share these."""
    with _slots_lock:
        slot = _slots.setdefault((host, limit), threading.BoundedSemaphore(max(1, limit)))
    with slot:
        yield


def _transport() -> httpx.HTTPTransport:
    """The bare transport, not a Client: no redirects, cookies, auth or proxies of its own.

    No keep-alive either: connections are made to an address, and a pooled TLS connection
    verified for one name must never carry a request for another name on that address.
    """
    return httpx.HTTPTransport(
        verify=_ssl_context(),
        trust_env=False,  # a proxy would resolve names itself, behind the guard's back
        limits=httpx.Limits(max_keepalive_connections=0),
    )


def _timeouts(policy: FetchPolicy) -> dict[str, float]:
    return {
        "connect": policy.connect_timeout,
        "read": policy.read_timeout,
        "write": policy.read_timeout,
        "pool": policy.connect_timeout,
    }


def _ssl_context() -> ssl.SSLContext:
    """certifi's CA bundle, or the operator's own through SSL_CERT_FILE / SSL_CERT_DIR."""
    return _ssl_context_for(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@functools.lru_cache(maxsize=4)
def _ssl_context_for(cafile: str | None, capath: str | None) -> ssl.SSLContext:
    # Cached: loading a CA bundle costs more than fetching a feed.
    if cafile or capath:
        return ssl.create_default_context(cafile=cafile or None, capath=capath or None)
    return ssl.create_default_context(cafile=certifi.where())


def _timeout_message(target: Target, policy: FetchPolicy) -> str:
    return f"{target.host} did not answer within {policy.read_timeout:g} s."


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n} bytes"
