"""The SSRF development corpus: every URL is refused before any connection is made.

Offline, names that only public DNS maps to private addresses (nip.io, metadata names...)
get their intended address from a stub resolver, so the guard itself is what refuses them.
Every socket connect is watched: one to a non-public address fails the test.
"""

import ipaddress
import json
import socket
from pathlib import Path

import httpx
import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import BlockedAddress, ConnectFailed, InvalidURL, fetch

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "data" / "hostile" / "ssrf_dev.jsonl"
# The redirecting test server lives on a loopback address the corpus never aims at.
SERVER_HOST = "127.63.1.9"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def rows():
    if not CORPUS.exists():
        pytest.skip("evaluation data not present: ../shared/data/hostile/ssrf_dev.jsonl")
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def resolver(rows):
    """What a resolver would answer, without asking the network anything."""
    public_dns = {}
    for row in rows:
        if row["needs_dns"] and row["target"]:
            try:
                public_dns[httpx.URL(row["url"]).raw_host.decode().lower()] = row["target"]
            except (httpx.InvalidURL, UnicodeError):
                continue

    def resolve(host, port):
        if host in public_dns:
            return [public_dns[host]]
        name = host.rstrip(".")
        if name == "localhost" or name.endswith(".localhost"):
            return ["127.0.0.1", "::1"]
        if name in ("ip6-localhost", "ip6-loopback"):
            return ["::1"]
        # Numeric spellings (2130706433, 0x7f.1, 127.1) as glibc reads them; names fail.
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
        return [info[4][0] for info in infos]

    return resolve


@pytest.fixture
def connections(monkeypatch):
    """Record every connect; refuse any to an address other than our own test server."""
    made = []
    real_connect = socket.socket.connect

    def watched(sock, address):
        made.append(address[0])
        if ipaddress.ip_address(address[0].split("%")[0]) != ipaddress.ip_address(SERVER_HOST):
            raise AssertionError(f"connected to {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", watched)
    return made


REFUSALS = (BlockedAddress, InvalidURL, ConnectFailed)


def outcome(url, policy, resolver):
    try:
        fetch(url, policy, resolver=resolver)
    except REFUSALS as exc:
        return exc
    except AssertionError:
        raise
    return None


def test_every_corpus_url_is_refused_without_connecting(rows, resolver, connections):
    policy = test_policy(allowed_networks=())
    kinds = {}
    for row in rows:
        refusal = outcome(row["url"], policy, resolver)
        assert refusal is not None, row
        kinds[type(refusal).__name__] = kinds.get(type(refusal).__name__, 0) + 1
        if isinstance(refusal, ConnectFailed):
            # Only a name nobody can resolve offline may end this way: still no connection.
            assert "resolve" in refusal.message, (row, refusal.message)
    assert connections == []
    # Most of the corpus must be refused by the guard itself, not by a failed lookup.
    assert kinds.get("BlockedAddress", 0) + kinds.get("InvalidURL", 0) >= 0.9 * len(rows), kinds


def test_every_corpus_url_is_refused_as_a_redirect_target(rows, resolver, connections):
    policy = test_policy(allowed_networks=(SERVER_HOST,))
    with FetchServer(SERVER_HOST) as server:
        redirected = 0
        for n, row in enumerate(rows):
            location = row["url"]
            if not location.isascii() or any(c in location for c in "\r\n"):
                continue  # a header cannot carry it as sent
            server.routes[f"/r{n}"] = lambda h, loc=location: reply(
                h, 302, headers={"Location": loc}
            )
            refusal = outcome(server.url(f"/r{n}"), policy, resolver)
            assert refusal is not None, row
            redirected += 1
    assert set(connections) == {SERVER_HOST}
    assert len(server.requests) == redirected
    assert redirected >= 200
