"""Threads of one worker never have more than `per_host_limit` requests open on one host."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fetchserver import FetchServer, reply, test_policy

from newsfold.pipeline.fetch import fetch


@pytest.fixture
def server():
    with FetchServer() as s:
        yield s


def test_concurrent_fetches_of_one_host_are_limited(server):
    lock = threading.Lock()
    active = [0]
    peak = [0]

    def answer(h):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)  # long enough for the other threads to pile up if unlimited
        with lock:
            active[0] -= 1
        reply(h, body=b"<rss/>")

    for n in range(8):
        server.routes[f"/feed{n}.xml"] = answer
    policy = test_policy(per_host_limit=2)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda n: fetch(server.url(f"/feed{n}.xml"), policy), range(8)))

    assert all(r.content == b"<rss/>" for r in results)
    assert peak[0] <= 2
    assert len(server.requests) == 8


def test_different_hosts_do_not_share_a_limit(server):
    barrier = threading.Barrier(2, timeout=5)

    def answer(h):
        barrier.wait()  # both requests must be in flight at once, or this breaks
        reply(h, body=b"ok")

    server.routes["/a"] = answer
    server.routes["/b"] = answer
    policy = test_policy(per_host_limit=1)
    names = {"a.feeds.test": ["127.0.0.1"], "b.feeds.test": ["127.0.0.1"]}

    def get(host, path):
        url = f"http://{host}:{server.port}{path}"
        return fetch(url, policy, resolver=lambda h, p: names[h]).content

    with ThreadPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(get, ["a.feeds.test", "b.feeds.test"], ["/a", "/b"]))

    assert found == [b"ok", b"ok"]
