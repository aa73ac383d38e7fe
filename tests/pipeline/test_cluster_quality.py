"""The grouping floor: dev BCubed F1 over the three story files of the shared benchmark.

Runs the caller's loop (features → assign → merge → add) over each file in stream order and
scores it with the benchmark's own scorer, loaded by path. The floor is pinned here and is
never lowered quietly (see DESIGN.md, "quality floors").
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path

import pytest

from newsfold.pipeline.cluster import StoryDoc, StoryIndex, features

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATA = SHARED / "data" / "clustering"
STORY_FILES = ("uci_headlines", "gnews_mstream", "ecbplus_story")
FLOOR = 0.85


def _scorer():
    spec = importlib.util.spec_from_file_location("clustering_score", DATA / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def group_rows(rows: list[dict]) -> dict[str, str]:
    """Article id → story key, with stories merged later relabelled as a database would."""
    index = StoryIndex()
    story_of: dict[str, str] = {}
    folded: dict[str, str] = {}
    for n, row in enumerate(rows):
        date = row.get("date")
        doc = StoryDoc(
            id=row["id"],
            title=row.get("title") or "",
            text=row.get("body") or "",
            published_at=datetime.fromisoformat(date.replace("Z", "+00:00")) if date else None,
            language=row.get("lang"),
            source=row.get("source"),
        )
        feats = features(doc)
        decision = index.assign(feats)
        key = decision.story or f"story-{n}"
        for other in decision.merge:
            index.merge(other, key)
            folded[other] = key
        index.add(key, feats)
        story_of[doc.id] = key

    def final(key: str) -> str:
        while key in folded:
            key = folded[key]
        return key

    return {doc_id: final(key) for doc_id, key in story_of.items()}


@pytest.mark.shared
def test_dev_story_grouping_holds_the_floor():
    if not (DATA / "score.py").exists():
        pytest.skip("clustering benchmark not found in ../shared/data/clustering")
    scorer = _scorer()
    f1 = {}
    for name in STORY_FILES:
        rows = [json.loads(line) for line in (DATA / "dev" / f"{name}.jsonl").open()]
        truth = {row["id"]: row["cluster"] for row in rows}
        f1[name] = scorer.score(truth, group_rows(rows))["b3_f1"]
    mean = sum(f1.values()) / len(f1)
    assert mean >= FLOOR, f"mean BCubed F1 {mean:.4f} below {FLOOR}: {f1}"
