"""Several worker processes storing at the same moment: one article per text, one story per
event. Real processes on the real test database (PostgreSQL in the PostgreSQL run)."""

import json
import os
import subprocess
import sys
import time

from newsfold.news.models import Article, ArticleCopy, Story
from tests.conftest import ROOT, database_url
from tests.ingest.feedbuilder import article_text

SCRIPT = """
import json, time
from datetime import UTC, datetime
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
job = json.loads({job!r})
source = outlet(job["outlet"])
draft = Draft(title=job["title"], text=job["text"], url=job["url"],
              published_at=datetime(2026, 11, 19, tzinfo=UTC))
while time.time() < job["start"]:
    time.sleep(0.001)
print(store(draft, source).outcome)
"""


def _run_at_once(jobs: list[dict]) -> list[str]:
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
                SCRIPT.format(job=json.dumps({**job, "start": start})),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for job in jobs
    ]
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        outcomes.append(out.decode().split()[-1])
    return outcomes


def test_concurrent_copies_of_one_text_make_one_article(transactional_db):
    jobs = [
        {
            "outlet": f"Outlet {n}",
            "title": "Same wire story",
            "text": article_text(9),
            "url": f"https://o{n}.example/wire",
        }
        for n in range(4)
    ]
    assert sorted(_run_at_once(jobs)) == ["added", "folded", "folded", "folded"]
    assert Article.objects.count() == 1
    assert ArticleCopy.objects.count() == 4


EVENT = [
    (
        "Quarry fire at Dunmore forces evacuation of Lowfield village",
        "A fire at the Dunmore quarry forced the evacuation of Lowfield village on Tuesday as "
        "smoke drifted over the valley, the county fire service said. Forty firefighters from "
        "Dunmore and Ashby fought the blaze at the quarry's fuel depot through the night.",
    ),
    (
        "Lowfield residents leave homes as Dunmore quarry blaze spreads",
        "Residents of Lowfield left their homes as the blaze at the Dunmore quarry fuel depot "
        "spread on Tuesday. The county fire service sent crews from Ashby and Dunmore, and the "
        "quarry operator said no workers were hurt in the fire.",
    ),
    (
        "Dunmore quarry fire: Lowfield evacuated, firefighters work overnight",
        "Firefighters worked overnight at the Dunmore quarry after fire broke out at its fuel "
        "depot, and Lowfield village was evacuated as a precaution, the county fire service "
        "said. Crews from Ashby joined the Dunmore station.",
    ),
]


def test_concurrent_articles_of_one_new_event_make_one_story(transactional_db):
    jobs = [
        {"outlet": f"Outlet {n}", "title": title, "text": text, "url": f"https://o{n}.example/fire"}
        for n, (title, text) in enumerate(EVENT)
    ]
    assert _run_at_once(jobs) == ["added"] * 3
    assert Article.objects.count() == 3
    assert Story.objects.filter(merged_into=None).count() == 1
    assert Story.objects.get(merged_into=None).article_count == 3
