"""The AI features measured on ../shared/data/ai (dev split), against the issue's goals.

    .venv/bin/python bench/ai.py [--limit N]

Entities on CoNLL-2003 (micro over PER/ORG/LOC, MISC ignored on both sides: what people,
organisation and place tags need), summaries on Multi-News (the story summary) and BBC
News Summary (the article summary), categories on BBC News and AG News, all scored by the
data's own score.py (ROUGE with rouge-score's Porter stemmer when it is installed, as
published figures are). Then the offline engine's time per article on one core and a
worker's memory after enriching them. Nothing here is trained on the data: it is read to
measure only.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data" / "ai"

from newsfold.pipeline.enrich import (  # noqa: E402
    answer,
    conflicts,
    entities,
    keypoints,
    language,
    quotes,
    summary,
)
from newsfold.pipeline.enrich.types import Doc  # noqa: E402
from newsfold.pipeline.hashtags import hashtags  # noqa: E402
from newsfold.pipeline.sections import categorize  # noqa: E402

# Our sections as each dataset's labels: AG News files politics and culture under "world".
LABELS = {
    "agnews": {
        "world": "world", "politics": "world", "entertainment": "world", "sports": "sports",
        "business": "business", "technology": "sci/tech", "science": "sci/tech",
        "health": "sci/tech",
    },
    "bbc": {
        "world": "politics", "politics": "politics", "sports": "sport", "business": "business",
        "technology": "tech", "science": "tech", "health": "tech",
        "entertainment": "entertainment",
    },
}  # fmt: skip
GOALS = {
    "ner core3 F1": 80.0,
    "ner core3 precision": 85.0,
    "multinews ROUGE-1": 43.0,
    "multinews ROUGE-2": 15.0,
    "bbc category accuracy": 95.0,
    "agnews category accuracy": 85.0,
}
MS_PER_ARTICLE = 50.0
WORKER_MB = 500.0


def _scorer():
    spec = importlib.util.spec_from_file_location("ai_score", SHARED / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(score, task: str, limit: int | None) -> dict[str, list[dict]]:
    by_set: dict[str, list[dict]] = {}
    for rec in score.read_jsonl(score.split_file(task, "dev")):
        rows = by_set.setdefault(rec["dataset"], [])
        if limit is None or len(rows) < limit:
            rows.append(rec)
    return by_set


def ner(score, limit) -> dict[str, float]:
    out = {}
    for name, gold in _records(score, "ner", limit).items():
        pred = {}
        start = time.perf_counter()
        for rec in gold:
            found = entities.entities(rec["text"])
            pred[rec["id"]] = {
                "entities": [{"start": e.start, "end": e.end, "type": e.type} for e in found]
            }
        rate = len(gold) / (time.perf_counter() - start)
        res = score.score_ner(gold, pred)
        core = res["core3"]
        print(
            f"ner {name}: core3 P/R/F1 {core['p']:.1f}/{core['r']:.1f}/{core['f1']:.1f}"
            f"  PER {res['PER']['f1']:.1f} ORG {res['ORG']['f1']:.1f} LOC {res['LOC']['f1']:.1f}"
            f"  (all four types, MISC never tagged: micro F1 {res['micro']['f1']:.1f})"
            f"  {rate:.0f} docs/s"
        )
        out["ner core3 F1"], out["ner core3 precision"] = core["f1"], core["p"]
    return out


def summaries(score, limit) -> dict[str, float]:
    out = {}
    for name, gold in _records(score, "summary", limit).items():
        pred = {}
        for rec in gold:
            if name == "multinews":
                docs = [Doc(str(i), "", text) for i, text in enumerate(rec["documents"])]
                found = summary.story_summary(docs)
            else:
                found = summary.article_summary(Doc("0", rec.get("title", ""), rec["text"]))
            pred[rec["id"]] = {"summary": " ".join(c.text for c in found)}
        res = score.score_summary(gold, pred)
        kind = "story summary" if name == "multinews" else "article summary (3 sentences)"
        print(
            f"summary {name} ({kind}): ROUGE-1/2/L {res['rouge1']:.1f}/{res['rouge2']:.1f}"
            f"/{res['rougeL']:.1f}  {res['pred_words']:.0f} words (references"
            f" {res['ref_words']:.0f})  [{res['rouge_impl']}]"
        )
        if name == "multinews":
            out["multinews ROUGE-1"], out["multinews ROUGE-2"] = res["rouge1"], res["rouge2"]
    return out


def categories(score, limit) -> dict[str, float]:
    out = {}
    for name, gold in _records(score, "category", limit).items():
        pred = {}
        unfiled = 0
        for rec in gold:
            slug = categorize(rec["title"], rec["text"], [])
            unfiled += not slug
            pred[rec["id"]] = {"label": LABELS[name].get(slug, "")}
        res = score.score_category(gold, pred)
        print(
            f"category {name}: accuracy {res['accuracy']:.1f}  macro-F1 {res['macro_f1']:.1f}"
            f"  left unfiled (General, counted wrong) {unfiled} of {len(gold)}"
        )
        out[f"{name} category accuracy"] = res["accuracy"]
    return out


def cost(score, limit) -> None:
    """What enrichment costs a worker for one article, offline, on one core: its language,
    summary and hashtags, and its share of its story's features (a story of 4 articles)."""
    articles = [rec for rec in _records(score, "category", None).get("bbc", [])[: limit or 300]]
    start = time.process_time()
    for n, rec in enumerate(articles):
        doc = Doc(str(n), rec["title"], rec["text"], f"Outlet {n % 4}")
        language.detect(f"{rec['title']}\n{rec['text']}")
        summary.article_summary(doc)
        hashtags(rec["title"], rec["text"], [])
        if n % 4 == 3:
            story = [
                Doc(str(k), a["title"], a["text"], f"Outlet {k}")
                for k, a in enumerate(articles[n - 3 : n + 1])
            ]
            found = summary.story_summary(story)
            keypoints.key_points(story, skip=found)
            quotes.story_quotes(story)
            conflicts.find(story)
            answer.answer("Where did it happen?", story)
    per = 1000 * (time.process_time() - start) / len(articles)
    mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"time per article (one core, CPU): {per:.1f} ms over {len(articles)} BBC articles"
        f" (goal <= {MS_PER_ARTICLE:.0f}: {'met' if per <= MS_PER_ARTICLE else 'NOT met'})"
    )
    print(
        f"peak memory of this process: {mb:.0f} MB"
        f" (goal < {WORKER_MB:.0f} for a worker: {'met' if mb < WORKER_MB else 'NOT met'})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="records per dataset (quick)")
    limit = parser.parse_args().limit
    if not (SHARED / "score.py").exists():
        print("ai: skipped, ../shared/data/ai not present")
        return
    score = _scorer()
    figures = {}
    figures |= ner(score, limit)
    figures |= summaries(score, limit)
    figures |= categories(score, limit)
    cost(score, limit)
    for name, goal in GOALS.items():
        value = figures.get(name)
        verdict = "met" if value is not None and value >= goal else "NOT met"
        print(f"goal {name} >= {goal:g}: {value} {verdict}")


if __name__ == "__main__":
    main()
