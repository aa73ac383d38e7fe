"""The two seed captures of one page: their main articles are one article."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfold.pipeline.fold import is_copy, signature
from newsfold.pipeline.textpage import parse_dump

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

pytestmark = pytest.mark.shared


def _dumps():
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 2:
        pytest.skip("the shared seed pages are not beside the repository")
    captured = datetime(2026, 1, 1, tzinfo=UTC)
    return [parse_dump(p.read_text(encoding="utf-8"), captured) for p in files[:2]]


def test_the_main_article_with_and_without_its_lead_folds():
    first, second = (d.main for d in _dumps())
    assert is_copy(signature(first.title, first.text), signature(second.title, second.text))


def test_the_related_articles_fold_into_nothing():
    dumps = _dumps()
    articles = [a for d in dumps for a in d.related] + [dumps[0].main]
    sigs = [signature(a.title, a.text) for a in articles]
    pairs = [(i, j) for i in range(len(sigs)) for j in range(i)]
    assert not [(i, j) for i, j in pairs if is_copy(sigs[i], sigs[j])]
