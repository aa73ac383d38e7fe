"""Quality floor: extract_text on the dev split, scored by the benchmark's own scorer.

The floors are what plain trafilatura scores there with the scorer's settings; our
extraction must never fall below them. Raise them when we improve; never lower them
quietly. Takes about a minute.
"""

import importlib.util
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SCORER = SHARED / "data" / "extraction" / "score.py"
FLOOR = 0.943
SOURCE_FLOORS = {
    "Murrough-Foley/web-content-extraction-benchmark": 0.940,
    "scrapinghub/article-extraction-benchmark": 0.957,
}


@pytest.mark.shared
def test_dev_token_f1_stays_above_the_floor():
    if not (SCORER.exists() and (SCORER.parent / "dev" / "truth.jsonl").exists()):
        pytest.skip("extraction benchmark not found in ../shared/data/extraction")
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    summary = scorer.main(
        [
            "--split", "dev",
            "--callable", "newsfold.pipeline.extract:extract_text",
            "--bootstrap", "0",
            "--quiet",
        ]
    )  # fmt: skip

    overall = summary["overall"]
    assert overall["errors"] == 0
    assert overall["token_f1"] >= FLOOR
    for source, floor in SOURCE_FLOORS.items():
        assert summary["by_source"][source]["token_f1"] >= floor, source
