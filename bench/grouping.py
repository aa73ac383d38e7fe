"""Fold + story grouping as `newsfold group` runs them: dev quality and speed at scale.

1. Dev BCubed F1 of the shipped loop (`pipeline.grouping`) on the shared benchmark files.
2. A synthetic stream of full-text articles (fake vocabulary; events that flare up and
   fade; one article in five a republished copy with a new headline, cut short), through
   fold + group: articles/s over the 10,000 articles before each mark and peak memory, at
   10k and at 200k. The stream carries 3,000 articles a day, so the 3-day story window is
   full before the 10k mark and the two marks compare like with like.
"""

import argparse
import importlib.util
import json
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic import SyntheticStream

from newsfold.pipeline.cluster import StoryDoc
from newsfold.pipeline.grouping import Grouper, group_stream, read_docs

F1_GOAL = 0.92  # issue "Stories a news editor would sign", one configuration for all files
RATE_GOAL = 300  # fold + group, articles/s on one core
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "clustering"


def dev_quality() -> None:
    if not (SHARED / "score.py").exists():
        print("dev quality: skipped, ../shared/data/clustering not present")
        return
    spec = importlib.util.spec_from_file_location("clustering_score", SHARED / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    means: dict[str, list[float]] = {"story": [], "dup": []}
    for path in sorted((SHARED / "dev").glob("*.jsonl")):
        task = scorer.dataset_task(str(SHARED / "dev"), path.stem)
        lines = path.read_text().splitlines()
        truth = {json.loads(x)["id"]: json.loads(x)["cluster"] for x in lines}
        started = time.perf_counter()
        grouped = group_stream(read_docs(lines))
        rate = len(lines) / (time.perf_counter() - started)
        pred = {g.id: (g.story if task == "story" else g.article) for g in grouped}
        result = scorer.score(truth, pred)
        f1 = result["b3_f1"]
        means[task].append(f1)
        print(f"dev {path.stem:<16} {task:<5} B3-F1 {f1:.4f}  {rate:>6.0f} articles/s")
    for task, f1s in means.items():
        print(f"dev mean[{task}] B3-F1 {sum(f1s) / len(f1s):.4f}")
    mean = sum(means["story"]) / len(means["story"])
    print(f"goal dev mean story B3-F1 >= {F1_GOAL}: {'met' if mean >= F1_GOAL else 'NOT met'}")


def full_text_stream(seed: int = 11):
    """Synthetic articles with ~200-word bodies, one in five republished from an earlier one."""
    rng = random.Random(seed)
    recent: list[StoryDoc] = []
    base = SyntheticStream(seed=seed, per_day=3000)
    for n, doc in enumerate(base, start=1):
        if recent and rng.random() < 0.2:
            original = rng.choice(recent)
            words = original.text.split()
            cut = words[: int(len(words) * rng.uniform(0.6, 1.0))]
            yield StoryDoc(
                id=f"copy{n}",
                title=f"{original.title.split()[0]} update {rng.randrange(100)}",
                text="PORT ELLIS (VWS) - " + " ".join(cut),
                published_at=doc.published_at,
            )
            continue
        filler = " ".join(rng.choices(base.common, k=160))
        doc = StoryDoc(doc.id, doc.title, f"{doc.text} {filler}.", doc.published_at)
        recent = [*recent[-499:], doc]
        yield doc


def synthetic_speed(total: int) -> None:
    grouper = Grouper()
    window = 10000
    spent: list[float] = []
    rates = {}
    for n, doc in enumerate(full_text_stream(), start=1):
        started = time.perf_counter()
        grouper.add(doc)
        spent.append(time.perf_counter() - started)
        if n in (10000, total):
            rates[n] = window / sum(spent[-window:])
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"synthetic {n:>7} articles: {rates[n]:>5.0f} articles/s (fold + group, last "
                f"{window}), {len(grouper.lookups.stories):>5} active stories, "
                f"peak RSS {peak:.0f} MiB"
            )
        if n >= total:
            break
    first = rates.get(10000, 0.0)
    print(f"goal >= {RATE_GOAL} articles/s at 10000: {'met' if first >= RATE_GOAL else 'NOT met'}")
    if len(rates) == 2:
        ratio = rates[10000] / rates[total]
        print(f"per-article time at {total} / at 10000: {ratio:.2f}")
        print(f"goal per-article time ratio <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'}")


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
