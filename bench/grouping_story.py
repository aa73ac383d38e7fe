"""Story grouping: quality on the shared dev split, and speed as the stream grows.

    .venv/bin/python bench/grouping_story.py             # dev F1 and the 200k synthetic run
    .venv/bin/python bench/grouping_story.py --no-synthetic
    .venv/bin/python bench/grouping_story.py --articles 50000

Part 1 runs the caller's loop (features → assign → merge → add) over the dev story files
and scores it with the benchmark's own scorer (../shared/data/clustering/score.py, loaded
by path); it also prints articles per second including feature extraction. Part 2 feeds a
synthetic stream (fake words, events that start and fade, dates advancing, headline plus a
short body of about 40 words) and prints the rate and peak memory at 10k and at the end;
the rate late in the stream must stay within 1.5x of the rate early on.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import random
import resource
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsfold.pipeline.cluster import StoryDoc, StoryIndex, features

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "clustering"
STORY_FILES = ("uci_headlines", "gnews_mstream", "ecbplus_story")


def group(docs) -> dict[str, str]:
    index = StoryIndex()
    story_of: dict[str, str] = {}
    folded: dict[str, str] = {}
    for n, doc in enumerate(docs):
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


def _doc(row: dict) -> StoryDoc:
    date = row.get("date")
    return StoryDoc(
        id=row["id"],
        title=row.get("title") or "",
        text=row.get("body") or "",
        published_at=datetime.fromisoformat(date.replace("Z", "+00:00")) if date else None,
        language=row.get("lang"),
        source=row.get("source"),
    )


def dev_quality() -> None:
    if not (DATA / "score.py").exists():
        print("dev quality: skipped, ../shared/data/clustering not found")
        return
    spec = importlib.util.spec_from_file_location("clustering_score", DATA / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    f1s = []
    print(f"{'dataset':<16} {'docs':>6} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'art/s':>7}")
    for name in STORY_FILES:
        rows = scorer.read_jsonl(str(DATA / "dev" / f"{name}.jsonl"))
        docs = [_doc(row) for row in rows]
        started = time.perf_counter()
        pred = group(docs)
        rate = len(docs) / (time.perf_counter() - started)
        res = scorer.score({row["id"]: row["cluster"] for row in rows}, pred)
        f1s.append(res["b3_f1"])
        print(
            f"{name:<16} {res['n']:>6} {res['b3_p']:>6.4f} {res['b3_r']:>6.4f}"
            f" {res['b3_f1']:>6.4f} {rate:>7.0f}"
        )
    print(f"mean B3-F1 {sum(f1s) / len(f1s):.4f}")


class SyntheticStream:
    """Events that flare up and fade, written in a fake vocabulary, dates moving forward."""

    def __init__(self, seed: int = 7, per_day: int = 20000) -> None:
        self.rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "ren", "tus", "vo", "shi", "dar", "ne", "pel", "gor", "ix"]
        self.common = ["".join(self.rng.choices(syllables, k=3)) for _ in range(3000)]
        self.syllables = syllables
        self.step = timedelta(days=1) / per_day
        self.clock = datetime(2030, 1, 1, tzinfo=UTC)
        self.events: list[dict] = []
        self.serial = 0

    def _word(self, k: int = 3) -> str:
        return "".join(self.rng.choices(self.syllables, k=k)) + str(self.rng.randrange(1000))

    def _new_event(self) -> dict:
        self.serial += 1
        return {
            "words": [self._word() for _ in range(12)],
            "names": [self._word(2).capitalize() for _ in range(3)],
            "born": self.clock,
            "life": timedelta(hours=self.rng.uniform(2, 72)),
        }

    def __iter__(self):
        n = 0
        weights = None
        while True:
            self.clock += self.step
            if not self.events or self.rng.random() < 0.03:
                self.events.append(self._new_event())
                weights = None
            if n % 200 == 0 or weights is None:
                self.events = [e for e in self.events if self.clock - e["born"] < e["life"]]
                self.events = self.events or [self._new_event()]
                # Young events are written about most.
                weights = [math.exp(-(self.clock - e["born"]) / e["life"] * 3) for e in self.events]
            event = self.rng.choices(self.events, weights=weights)[0]
            pick = self.rng.sample
            title = pick(event["words"], 4) + pick(event["names"], 1) + pick(self.common, 3)
            body = pick(event["words"], 8) + pick(event["names"], 2) + pick(self.common, 30)
            self.rng.shuffle(body)
            n += 1
            yield StoryDoc(
                id=f"syn{n}",
                title=" ".join(title).capitalize(),
                text="The " + " ".join(body) + ".",
                published_at=self.clock,
            )


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_speed(total: int) -> None:
    index = StoryIndex()
    marks = {10000, total}
    window = 10000  # the rate is measured over the last `window` articles before each mark
    spent: list[float] = []
    rates = {}
    for n, doc in enumerate(SyntheticStream(), start=1):
        started = time.perf_counter()
        feats = features(doc)
        decision = index.assign(feats)
        key = decision.story or f"story-{n}"
        for other in decision.merge:
            index.merge(other, key)
        index.add(key, feats)
        spent.append(time.perf_counter() - started)
        if n in marks:
            rate = window / sum(spent[-window:])
            rates[n] = rate
            print(
                f"synthetic {n:>7} articles: {rate:>6.0f} art/s over the last {window},"
                f" {len(index):>5} active stories, peak RSS {_peak_mib():.0f} MiB"
            )
        if n >= total:
            break
    if len(rates) == 2:
        ratio = rates[10000] / rates[total]
        print(f"per-article time at {total} / at 10000: {ratio:.2f} (must be <= 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200000)
    parser.add_argument("--no-synthetic", action="store_true")
    args = parser.parse_args()
    dev_quality()
    if not args.no_synthetic:
        synthetic_speed(args.articles)


if __name__ == "__main__":
    main()
