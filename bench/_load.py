"""The load of the site benchmark (`bench/site.py`): wrk when it is installed, else a Python
asyncio + httpx client; both keep CLIENTS connections busy, each cycling through a list of
paths, and report the same figures. Not run by itself (`bench/run.py` skips `_`).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import time
from pathlib import Path

CLIENTS = 32
THREADS = 2  # wrk's


LUA = r"""
-- Cycles through the paths in the file named after `--`, one a line; counts non-200s.
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counter = (id * 7919) % #paths
  bad = 0
end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    "RESULT %d %.6f %.3f %.3f %.3f %.3f %d %d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, non200))
end
"""


def with_wrk(base: str, paths_file: Path, seconds: int, script: Path) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{CLIENTS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
            "--",
            str(paths_file),
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result: {out.stdout}{out.stderr}")
    n, duration, p50, p95, p99, worst, errors, non200 = line.split()[1:]
    return {
        "requests": int(n),
        "rps": int(n) / float(duration),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "max": float(worst),
        "errors": int(errors),
        "non200": int(non200),
    }


def with_python(base: str, paths: list[str], seconds: int) -> dict:
    import httpx

    async def load() -> dict:
        latencies, tally = [], {"errors": 0, "non200": 0}
        limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
            start = time.perf_counter()
            deadline = start + seconds

            async def client_loop(k: int) -> None:
                i = k * len(paths) // CLIENTS  # spread evenly: distinct paths stay distinct
                while time.perf_counter() < deadline:
                    path, i = paths[i % len(paths)], i + 1
                    sent = time.perf_counter()
                    try:
                        response = await client.get(path)
                    except httpx.HTTPError:
                        tally["errors"] += 1
                        continue
                    latencies.append((time.perf_counter() - sent) * 1000)
                    tally["non200"] += response.status_code != 200

            await asyncio.gather(*(client_loop(k) for k in range(CLIENTS)))
            elapsed = time.perf_counter() - start
        cuts = statistics.quantiles(latencies, n=100, method="inclusive") if latencies else [0] * 99
        return {
            "requests": len(latencies) + tally["errors"],
            "rps": len(latencies) / elapsed,
            "p50": cuts[49],
            "p95": cuts[94],
            "p99": cuts[98],
            "max": max(latencies, default=0),
            **tally,
        }

    return asyncio.run(load())
