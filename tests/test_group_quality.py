"""Quality floors of fold and story grouping, pinned on `group_stream` (what `newsfold group`
runs), which makes ingestion's own decision (`pipeline/decide.py`; test_one_decision shows
both give the same result). One configuration for every file; never lower these quietly."""

import importlib.util
import json

import pytest

from newsfold.pipeline.grouping import group_stream, read_docs
from tests.conftest import shared_path

pytestmark = pytest.mark.shared
STORY_FLOOR = 0.87  # dev mean BCubed F1 over the story files (measured 0.878)
DUP_FLOOR = 0.98  # dev BCubed F1 on the near-duplicate file


@pytest.fixture(scope="module")
def scores():
    folder = shared_path("data", "clustering")
    spec = importlib.util.spec_from_file_location("clustering_score", folder / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    results: dict[str, list[float]] = {"story": [], "dup": []}
    for path in sorted((folder / "dev").glob("*.jsonl")):
        task = scorer.dataset_task(str(folder / "dev"), path.stem)
        lines = path.read_text().splitlines()
        truth = {json.loads(x)["id"]: json.loads(x)["cluster"] for x in lines}
        grouped = group_stream(read_docs(lines))
        pred = {g.id: (g.story if task == "story" else g.article) for g in grouped}
        results[task].append(scorer.score(truth, pred)["b3_f1"])
    return results


def test_story_grouping_holds_its_floor(scores):
    assert len(scores["story"]) == 3
    assert sum(scores["story"]) / 3 >= STORY_FLOOR


def test_near_duplicate_folding_holds_its_floor(scores):
    assert scores["dup"] and min(scores["dup"]) >= DUP_FLOOR
