"""Importing a subscription list of 10,000 feeds into a fresh SQLite database, as a user
runs it (`newsfold import list.opml`, start-up included), then the same list again (every
feed already held). Goal: the first import under 10 seconds.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FEEDS = int(os.environ.get("BENCH_OPML_FEEDS", "10000"))
GOAL_SECONDS = 10.0


def opml(path: Path, feeds: int) -> None:
    """Our own synthetic list: one outlet per feed, under reserved .example hosts."""
    lines = ['<?xml version="1.0"?>', '<opml version="2.0"><head><title>bench</title></head>']
    lines.append("<body>")
    for i in range(feeds):
        lines.append(
            f'<outline type="rss" text="Outlet {i}" title="Outlet {i}"'
            f' xmlUrl="https://site{i}.example/feed.xml" htmlUrl="https://site{i}.example/"/>'
        )
    lines.append("</body></opml>")
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NEWSFOLD_DATA_DIR": tmp}
        env.pop("DATABASE_URL", None)
        newsfold = [sys.executable, "-m", "newsfold"]
        subprocess.run([*newsfold, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        listing = Path(tmp) / "list.opml"
        opml(listing, FEEDS)
        for label in ("first import", "again, all held"):
            start = time.perf_counter()
            done = subprocess.run(
                [*newsfold, "import", str(listing)], env=env, cwd=ROOT, capture_output=True
            )
            seconds = time.perf_counter() - start
            assert done.returncode == 0, done.stderr.decode()
            line = next(ln for ln in done.stdout.decode().splitlines() if "feeds added" in ln)
            print(f"opml {FEEDS} feeds, {label}: {seconds:.1f} s ({line.split(': ')[-1]})")
            if label == "first import":
                met = "met" if seconds < GOAL_SECONDS else "NOT met"
                print(f"goal first import < {GOAL_SECONDS:.0f} s: {met}")


if __name__ == "__main__":
    main()
