"""Quality floors of the AI features on ../shared/data/ai (dev split), scored by the data's
own scorer through bench/ai.py: the figures must never fall below what they score today.
Raise them when we improve; never lower them quietly. Goals and their status: `make bench`.
"""

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import shared_path

pytestmark = pytest.mark.shared
BENCH = Path(__file__).resolve().parents[2] / "bench" / "ai.py"

# Measured at this commit: NER core3 P/R/F1 84.4/67.2/74.8; multinews ROUGE-1/2 45.1/15.6
# (rouge-score, stemmed); categories BBC 87.4, AG News 61.9.
FLOORS = {
    "ner core3 F1": 74.0,
    "ner core3 precision": 83.5,
    "multinews ROUGE-1": 44.5,
    "multinews ROUGE-2": 15.2,
    "bbc category accuracy": 86.5,
    "agnews category accuracy": 61.0,
}


@pytest.fixture(scope="module")
def bench():
    shared_path("data", "ai", "score.py")
    spec = importlib.util.spec_from_file_location("ai_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, module._scorer()


def test_entities_stay_above_their_floor(bench):
    module, score = bench
    found = module.ner(score, None)
    assert found["ner core3 F1"] >= FLOORS["ner core3 F1"]
    assert found["ner core3 precision"] >= FLOORS["ner core3 precision"]


def test_story_summaries_stay_above_their_floor(bench):
    module, score = bench
    pytest.importorskip("rouge_score", reason="the floors are stemmed ROUGE (rouge-score)")
    found = module.summaries(score, None)
    assert found["multinews ROUGE-1"] >= FLOORS["multinews ROUGE-1"]
    assert found["multinews ROUGE-2"] >= FLOORS["multinews ROUGE-2"]


def test_categories_stay_above_their_floor(bench):
    module, score = bench
    found = module.categories(score, None)
    for name in ("bbc category accuracy", "agnews category accuracy"):
        assert found[name] >= FLOORS[name], name
