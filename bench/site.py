"""The site under load: requests per second and p50/p95/p99 latency of the home, article and
search pages with 32 concurrent clients, over 100,000 synthetic articles (or 1,000,000) in
SQLite or PostgreSQL (`bench/_sitedata.py` builds and keeps them, and says how), next to the
framework's own limit measured in the same run.

Why it is built this way:

* The limit is `/healthz`, the cheapest Django view (`HttpResponse("ok")`) served by the same
  gunicorn with the same middleware, in the same run: "article page at N % of the limit" then
  says what the page's own work costs, whatever this machine is. Absolute req/s from
  different machines or runs do not compare; the shares roughly do.
* The site is served the way it is deployed: `newsfold serve --workers 2` (gunicorn sync
  workers, access log on, DEBUG off), over a real SQLite file, not Django's test client.
* The site keeps rendered pages (home, story, article, search results) for up to a minute
  in the cache all its processes share (`news/pagecache.py`; the default SQLite file cache,
  REDIS_URL unset here), keyed by what they show. A figure says little without how many of
  its answers were kept pages, so each row is made for one side of that: `article` cycles
  through 1,000 addresses (the first round rendered, later rounds within the minute kept),
  `hot article` through 20 of them (kept pages), `article, all different` through pages
  nobody asked for before (each rendered), `search` through 200 queries (kept after their
  first round), `search, all different` through queries that never repeat (each a
  full-text search, rendered). The `kept` column estimates the share of kept answers by
  replaying the run's requests, in order, against one cache.
* Load comes from wrk (Debian's package, `scripts/ensure-wrk`): 32 keep-alive connections,
  each wrk thread cycling through its row's paths, 2 s warm-up and then 8 s measured per
  row; the never-repeating rows warm up on addresses of their own. Sync workers close
  the connection after each answer, so wrk reconnects; that is the deployed cost. A short
  preflight first asks for a sample of every row one at a time and requires 200 each, and
  wrk counts every non-200 answer under load, so an error page is never measured as speed.
  Without wrk the same load comes from a Python asyncio + httpx client (noisier: it needs
  more of the CPU the server needs); the output says which tool measured.
* This machine may have only a couple of cores, shared by wrk and the two gunicorn workers:
  the figures are for that, not for a server with the load generator elsewhere. wrk
  measures latency from when it sends, so queueing at the server's listen socket is
  included, but not the time a request would have waited to be sent (no correction for
  coordinated omission). With 32 clients each waiting for its answer, latency is about
  32 / (req/s) once the server is saturated: a latency goal is also a throughput goal.

The goals (from the issue) are printed as met / not met, each on the row it is meant for:
the article goals on `article` (`article, all different` and `hot article` shown beside),
the search goal on both search rows, the memory goal on the web workers after the whole
load (read from /proc before the server stops). The growth goal compares each row's cost
per page, in /healthz requests, at 100,000 and at 1,000,000 articles: each run keeps its
costs in var/bench-cache/, and the run of either size prints both once both exist. Nothing
is asserted. The exit status is non-zero only when the bench itself broke: no server, or
non-200 answers. Without settings (`make bench`) it runs 100,000 and 1,000,000 articles on
SQLite, then on PostgreSQL; environment: BENCH_SITE_N (articles; with it, that size
alone), BENCH_SITE_DB (`postgres` for PostgreSQL, the server scripts/ensure-postgres names,
or `sqlite`; with it, that engine alone; default SQLite), BENCH_SITE_SECONDS (measured
seconds per row, default 8).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _load import CLIENTS, LUA, THREADS, with_python, with_wrk
from _sitedata import CACHE, ENGINE, HOT, ROOT, N, database, database_url, matches, url_sets

SECONDS = int(os.environ.get("BENCH_SITE_SECONDS", "8"))
WARMUP = 2
WORKERS = 2  # gunicorn's
PREFLIGHT = 25  # of each row, one at a time
FRESH = "search, all different"
NEW_ARTICLES = "article, all different"
# Rows whose addresses never repeat, and how many of them go to the warm-up and preflight.
NEVER_AGAIN = {FRESH: 5000, NEW_ARTICLES: 1000}
GOALS = {
    "article_share": 0.50,
    "article_p99": 100.0,
    "search_p95": 50.0,
    "worker_mb": 300.0,
    "growth": 1.5,
}
SIZES = (100_000, 1_000_000)  # the growth goal compares a row's cost at these two


# ---------------------------------------------------------------------------------------
# The server and the load


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(tmp: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, ALLOWED_HOSTS="127.0.0.1,localhost")
    env.pop("DEBUG", None)
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - the server's lifetime
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsfold",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(WORKERS),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,  # the access log
        stderr=log,
        start_new_session=True,
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wait_ready(base: str, server: subprocess.Popen, tmp: Path) -> bool:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    print("FAILED: the server did not answer /healthz; its log ends:")
    print((tmp / "server.log").read_text(errors="replace")[-3000:])
    return False


def preflight(base: str, samples: dict[str, list[str]], log: list) -> dict[str, float] | None:
    """One request at a time to each row's sample: every one must answer 200."""
    import httpx

    medians, bad = {}, []
    with httpx.Client(base_url=base, timeout=30) as client:
        for page, paths in samples.items():
            times, began = [], time.monotonic()
            for path in paths:
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    bad.append(f"{response.status_code} {path}")
            medians[page] = statistics.median(times)
            log.append((page, began, time.monotonic(), paths, [0], len(paths), False))
    if bad:
        print(f"FAILED: {len(bad)} preflight requests did not answer 200, e.g.:")
        print("\n".join(f"  {b}" for b in bad[:10]))
        return None
    return medians


def kept_shares(log: list[tuple], seconds: int) -> dict[str, float]:
    """The share of each row's measured answers that were kept pages, estimated: the run's
    requests replayed in time order against the one cache both workers share, which keeps
    a page `seconds` after rendering it. `log` has, per preflight or load: (row, start,
    end, paths, each stream's first path, requests, measured)."""
    events = []
    for page, start, end, paths, firsts, n, measured in log:
        each = max(1, round(n / len(firsts)))
        for first in firsts:
            for i in range(each):
                path = paths[(first + i) % len(paths)]
                events.append((start + (end - start) * i / each, page, path, measured))
    events.sort()
    expires, tally = {}, {}
    for at, page, path, measured in events:
        kept = expires.get(path, -1.0) > at
        if not kept:
            expires[path] = at + seconds
        if measured:
            hits, total = tally.get(page, (0, 0))
            tally[page] = (hits + kept, total + 1)
    return {page: hits / total for page, (hits, total) in tally.items()}


def searched(path: str) -> tuple[str, str]:
    """A search address's (query, section)."""
    asked = parse_qs(urlsplit(path).query)
    return asked["q"][0], asked.get("category", [""])[0]


def breadth(label: str, paths: list[str], url: str) -> None:
    found = sorted(matches(url, [searched(p) for p in paths]))
    if found:
        print(
            f"  {label}: {len(found)} matching {found[0]} to {found[-1]} articles "
            f"(median {statistics.median(found):.0f})"
        )


# ---------------------------------------------------------------------------------------


def main() -> int:
    """One engine and size when BENCH_SITE_DB or BENCH_SITE_N says which; otherwise (as
    `make bench` runs it) both sizes on SQLite and then on PostgreSQL, each in a process
    of its own (Django reads its database once), the bigger last so that it prints the
    growth."""
    if "BENCH_SITE_N" in os.environ or "BENCH_SITE_DB" in os.environ:
        return one()
    failed = 0
    for engine in ("sqlite", "postgres"):
        for n in SIZES:
            print(f"-- {engine}, {n:,} articles", flush=True)
            env = dict(os.environ, BENCH_SITE_DB=engine, BENCH_SITE_N=str(n))
            failed += subprocess.run([sys.executable, __file__], env=env).returncode != 0
    return 1 if failed else 0


def one() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        return run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp: Path) -> int:
    bench_started = time.perf_counter()
    url = database_url(tmp)
    os.environ["DATABASE_URL"] = url
    os.environ["NEWSFOLD_DATA_DIR"] = str(tmp)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    os.environ.pop("DEBUG", None)
    os.environ.pop("REDIS_URL", None)  # pages kept in the default cache, as described
    import django

    django.setup()
    from newsfold.news.pagecache import SECONDS as KEPT

    made, reused = database(url)
    summary = ", ".join(
        f"{made[k]} {k}" for k in ("articles", "stories", "copies", "hashtag links", "terms")
    )
    print(f"database: {ENGINE}, {summary}; full-text index {made['full-text']}; {_size()}")
    built = (
        f"built in {made['seconds']:.0f} s ({made['insert seconds']:.0f} s to generate and insert)"
    )
    kept = "kept from an earlier run, " if reused else ""
    print(f"  {kept}{built}")
    sets = url_sets()
    # Per row: the preflight's sample, the warm-up's paths, the measured paths.
    plan = {page: ((paths * PREFLIGHT)[:PREFLIGHT], paths, paths) for page, paths in sets.items()}
    for page, warm_count in NEVER_AGAIN.items():
        cut = min(warm_count, len(sets[page]) // 5)  # a small BENCH_SITE_N has fewer
        warm, measured = sets[page][:cut], sets[page][cut:]
        plan[page] = (warm[-PREFLIGHT:], warm, measured)
    breadth("search: queries", sets["search"], url)
    fresh = plan[FRESH][2]
    breadth(f"{FRESH}: {len(fresh)} queries, the first 200", fresh[:200], url)
    warm_file(url)

    idle = os.getloadavg()[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(tmp, port)
    log = []
    try:
        if not wait_ready(base, server, tmp):
            return 1
        cold = preflight(base, {page: rows[0] for page, rows in plan.items()}, log)
        if cold is None:
            return 1
        tool = "wrk" if shutil.which("wrk") else "python"
        script = tmp / "rotate.lua"
        script.write_text(LUA)
        results = {}
        for page, (_, warm, measured) in plan.items():
            for measuring, seconds, paths in ((False, WARMUP, warm), (True, SECONDS, measured)):
                paths_file = tmp / f"paths-{len(log)}.txt"
                paths_file.write_text("\n".join(paths) + "\n")
                start = time.monotonic()
                if tool == "wrk":
                    results[page] = with_wrk(base, paths_file, seconds, script)
                    firsts = [t * 7919 % len(paths) for t in range(THREADS)]  # as in LUA
                else:
                    results[page] = with_python(base, paths, seconds)
                    firsts = [k * len(paths) // CLIENTS for k in range(CLIENTS)]
                n = results[page]["requests"]
                log.append((page, start, time.monotonic(), paths, firsts, n, measuring))
        memory = workers_rss(server.pid)
    finally:
        stop(server)
    kept = kept_shares([entry for entry in log if entry[0] != "/healthz"], KEPT)
    report(tool, idle, results, cold, kept, len(sets["article"]), len(sets["search"]))
    report_memory(memory)
    report_growth(results, cold)
    print(f"whole bench: {time.perf_counter() - bench_started:.0f} s")
    bad = sum(r["non200"] for r in results.values())
    if bad:
        print(f"FAILED: {bad} answers under load were not 200")
        return 1
    return 0


def report(tool, idle, results, cold, kept, articles: int, searches: int) -> None:
    print(
        f"load: {tool}, {CLIENTS} keep-alive connections, {SECONDS} s per row after {WARMUP} s "
        f"warm-up; `newsfold serve --workers {WORKERS}` (gunicorn sync workers)"
    )
    print(f"  {os.cpu_count()} CPUs, shared by the load generator and the server")
    print(
        f"  load average (1 min) {idle:.1f} before, {os.getloadavg()[0]:.1f} after: anything "
        "else running here takes CPU from the server too"
    )
    limit = results["/healthz"]["rps"]
    print(
        f"{'row':<21} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} "
        f"{'errors':>6} {'non-200':>7} {'of limit':>8} {'kept':>5} {'1 at a time':>11}"
    )
    for page, r in results.items():
        share = f"{kept[page]:.0%}" if page in kept else "-"
        print(
            f"{page:<21} {r['rps']:6.0f} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} "
            f"{r['max']:7.0f} {r['errors']:6d} {r['non200']:7d} {r['rps'] / limit:8.0%} "
            f"{share:>5} {cold[page]:8.1f} ms"
        )
    print(
        f"  article: {articles} addresses in turn; hot article: {HOT} of them; search: "
        f"{searches} queries in turn;\n  all different: each address or query asked once, "
        "never before (the warm-up had others).\n  kept: answers that were kept pages (the "
        "page cache both workers share), estimated\n  by replaying the run's requests. 1 at a"
        f" time: median of {PREFLIGHT} requests one after another\n  before the load (hot "
        "article: kept by then, after article's)."
    )
    print("goals (from the issue), each on the row named:")
    for page in ("article", NEW_ARTICLES, "hot article"):
        r = results[page]
        share, p99 = r["rps"] / limit, r["p99"]
        print(
            f"  {page}: ≥ {GOALS['article_share']:.0%} of /healthz req/s: {share:.0%} — "
            f"{verdict(share >= GOALS['article_share'])}; p99 < {GOALS['article_p99']:.0f} ms: "
            f"{p99:.0f} ms — {verdict(p99 < GOALS['article_p99'])}"
            + {"article": "  (the goal's row)", NEW_ARTICLES: "  (rendered pages)"}.get(
                page, "  (kept pages)"
            )
        )
    for page in ("search", FRESH):
        p95 = results[page]["p95"]
        print(
            f"  {page}: p95 < {GOALS['search_p95']:.0f} ms: {p95:.0f} ms — "
            f"{verdict(p95 < GOALS['search_p95'])}"
        )


def warm_file(url: str) -> None:
    """Read the SQLite file once, as a server that has run a while has it in the page
    cache: otherwise the first rows measure the disk (a million articles are 5.7 GB)."""
    if not url.startswith("sqlite:///"):
        return
    started = time.perf_counter()
    with open(url.removeprefix("sqlite:///"), "rb") as f:
        while f.read(1 << 24):
            pass
    print(
        f"  the database file read once into the page cache ({time.perf_counter() - started:.0f} s)"
    )


def _size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
            )
        size = cursor.fetchone()[0]
    connection.close()
    return f"{size / 1e6:.0f} MB"


def workers_rss(master: int) -> dict[int, tuple[float, float]]:
    """Resident memory (MB) of each process under gunicorn's master, read from /proc while
    they still run: the web workers after every row's load. With its private part: the
    rest is mostly the database file that SQLite maps (NEWSFOLD's mmap_size), pages the
    kernel shares between the workers and may drop at any time."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    rss, todo = {}, list(children.get(master, []))
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if "VmRSS" in fields:
            kb = [int(fields.get(k, "0 kB").split()[0]) for k in ("VmRSS", "RssAnon")]
            rss[pid] = (kb[0] / 1024, kb[1] / 1024)
    return rss


def report_memory(rss: dict[int, tuple[float, float]]) -> None:
    if not rss:
        print("memory: the web workers could not be read (no /proc)")
        return
    goal, each = GOALS["worker_mb"], sorted(rss.values())
    most, own = max(total for total, _ in each), max(private for _, private in each)
    print(
        f"  web worker RSS after the bench < {goal:.0f} MB: {most:.0f} MB — "
        f"{verdict(most < goal)}; its private part alone: {own:.0f} MB — {verdict(own < goal)}"
        f"\n    (workers, MB: {', '.join(f'{t:.0f} ({p:.0f} private)' for t, p in each)})"
    )


def report_growth(results: dict, cold: dict) -> None:
    """Each row's cost per page, in /healthz requests (the limit's req/s over the row's,
    which the machine's speed mostly cancels out of), kept for this engine and N; once
    both sizes have been run, the growth from the smaller to the bigger."""
    limit = results["/healthz"]["rps"]
    costs = {
        page: {"cost": limit / r["rps"], "one": cold[page]}
        for page, r in results.items()
        if r["rps"] and page != "/healthz"
    }
    kept = {n: CACHE / f"site-costs-{ENGINE}-n{n}.json" for n in {N, *SIZES}}
    kept[N].write_text(json.dumps(costs))
    if N not in SIZES or not all(kept[n].exists() for n in SIZES):
        sizes = " and ".join(f"BENCH_SITE_N={n}" for n in SIZES)
        print(f"  growth: run the bench with {sizes} (on {ENGINE}) to compare the two")
        return
    small, big = (json.loads(kept[n].read_text()) for n in SIZES)
    print(
        f"growth, {ENGINE}: cost of a page in /healthz requests at {SIZES[0]:,} and "
        f"{SIZES[1]:,} articles (the other size from its last run), goal ≤ {GOALS['growth']} times"
    )
    for page in costs:
        if page in small and page in big:
            ratio = big[page]["cost"] / small[page]["cost"]
            print(
                f"  {page:<21} {small[page]['cost']:6.1f} → {big[page]['cost']:6.1f}  "
                f"{ratio:4.2f} times — {verdict(ratio <= GOALS['growth'])}  (1 at a time: "
                f"{small[page]['one']:.1f} → {big[page]['one']:.1f} ms)"
            )


def verdict(met: bool) -> str:
    return "met" if met else "not met"


if __name__ == "__main__":
    sys.exit(main())
