"""Several processes storing the same text at the same moment make one article."""

import os
import subprocess
import sys
import time

from newsfold.news.models import Article, ArticleCopy
from tests.conftest import ROOT, database_url
from tests.ingest.feedbuilder import article_text

SCRIPT = """
import time
from datetime import UTC, datetime
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
source = outlet("Outlet {n}")
draft = Draft(title="Same wire story", text={text!r}, url="https://o{n}.example/wire",
              published_at=datetime(2026, 11, 19, tzinfo=UTC))
while time.time() < {start}:
    time.sleep(0.001)
print(store(draft, source).outcome)
"""


def test_concurrent_copies_of_one_text_make_one_article(transactional_db):
    start = time.time() + 4  # every process is up and waiting by then
    env = {**os.environ, "DATABASE_URL": database_url()}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsfold",
                "shell",
                "-c",
                SCRIPT.format(n=n, text=article_text(9), start=start),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        outcomes.append(out.decode().split()[-1])
    assert sorted(outcomes) == ["added", "folded", "folded", "folded"]
    assert Article.objects.count() == 1
    assert ArticleCopy.objects.count() == 4
