"""Near-duplicate folding: quality on the dev split, candidate recall, speed, and scale.

    .venv/bin/python bench/grouping_dup.py                  # dev + 200,000-article stream
    .venv/bin/python bench/grouping_dup.py --stream 50000   # a shorter stream

Dev: runs CopyIndex over ../shared/data/clustering/dev/ecbplus_neardup.jsonl in stream order
and scores it with the benchmark's own scorer (BCubed). Candidate recall is measured apart
from the decision: of the pairs `is_copy` accepts, and of made-up truncations (60-100 %) of
each dev article with page chrome around the original, how many share an LSH key. The
stream is synthetic (Zipf-distributed words, one article in ten a truncated copy) and reports
articles/s and peak memory at 10k and at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsfold.pipeline import fold  # noqa: E402

SHARED = REPO.parent / "shared" / "data" / "clustering"
DEV = SHARED / "dev" / "ecbplus_neardup.jsonl"
CHROME = ["Menu", "Skip to main content", "Share this article", "Sign in | Subscribe"]


def _load_scorer():
    spec = importlib.util.spec_from_file_location("clustering_score", SHARED / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def fold_stream(rows: list[dict]) -> tuple[dict[str, str], list[fold.Signature], float]:
    """Cluster = the cluster of the first earlier article each one folds into."""
    index, cluster, sigs = fold.CopyIndex(), {}, []
    start = time.perf_counter()
    for row in rows:
        sig = fold.signature(row["title"], row["body"])
        hit = index.find(sig)
        cluster[row["id"]] = cluster[hit] if hit is not None else row["id"]
        index.add(row["id"], sig)
        sigs.append(sig)
    return cluster, sigs, time.perf_counter() - start


def _shares_key(a: fold.Signature, b: fold.Signature) -> bool:
    return bool(set(fold.lsh_keys(a)) & set(fold.lsh_keys(b)))


def _truncation_recall(rows: list[dict]) -> tuple[int, int]:
    """Truncated copies that the decision accepts: how many share a key with the original."""
    rnd = random.Random(7)
    accepted = shared = 0
    for row in rows:
        paragraphs = [p for p in row["body"].split("\n") if p.strip()]
        if len(" ".join(paragraphs).split()) < 2 * fold.SHORT_BODY:
            continue
        page = "\n".join([*rnd.sample(CHROME, 3), *paragraphs, "Related: " + rnd.choice(CHROME)])
        original = fold.signature(row["title"], page)
        for share in (0.6, 0.7, 0.8, 0.9, 1.0):
            kept = " ".join(paragraphs).split()
            kept = kept[: max(1, int(len(kept) * share))]
            copy = fold.signature("Wire: " + row["title"], "LONDON (Wire) - " + " ".join(kept))
            if fold.is_copy(original, copy):
                accepted += 1
                shared += _shares_key(original, copy)
    return shared, accepted


def dev() -> None:
    if not DEV.is_file():
        print(f"skipped: {DEV} is absent")
        return
    scorer = _load_scorer()
    rows = scorer.read_jsonl(str(DEV))
    truth = {row["id"]: row["cluster"] for row in rows}
    cluster, sigs, seconds = fold_stream(rows)
    s = scorer.score(truth, cluster)
    print(f"dev ecbplus_neardup: BCubed F1 {s['b3_f1']:.4f} (P {s['b3_p']:.4f} R {s['b3_r']:.4f})")
    print(f"  signature + lookup + add: {len(rows) / seconds:,.0f} articles/s (one core)")
    keys = [set(fold.lsh_keys(sig)) for sig in sigs]
    accepted = shared = 0
    for i in range(len(sigs)):
        for j in range(i):
            if fold.is_copy(sigs[i], sigs[j]):
                accepted += 1
                shared += bool(keys[i] & keys[j])
    print(f"  candidate recall, pairs is_copy accepts: {shared}/{accepted}")
    shared, accepted = _truncation_recall(rows)
    print(f"  candidate recall, made-up 60-100 % copies: {shared}/{accepted}")


def _synthetic(n: int, seed: int = 11):
    """Articles of 150-700 Zipf-distributed words; one in ten a cut copy of a recent one."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(60_000)]
    ranks = np.arange(1, len(vocab) + 1)
    cdf = np.cumsum(1.0 / ranks)
    cdf /= cdf[-1]
    recent: list[list[str]] = []
    for i in range(n):
        if recent and rng.random() < 0.1:
            base = recent[int(rng.integers(len(recent)))]
            tokens = base[: int(len(base) * rng.uniform(0.6, 1.0))]
        else:
            picks = np.searchsorted(cdf, rng.random(int(rng.integers(150, 700))))
            tokens = [vocab[j] for j in picks]
            recent.append(tokens)
            if len(recent) > 1000:
                recent.pop(0)
        yield f"s{i}", " ".join(tokens[:12]), " ".join(tokens)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stream(n: int) -> None:
    index = fold.CopyIndex()
    window, busy, rates = 10_000, 0.0, {}
    folded = 0
    for i, (key, title, text) in enumerate(_synthetic(n), start=1):
        start = time.perf_counter()
        sig = fold.signature(title, text)
        folded += index.find(sig) is not None
        index.add(key, sig)
        busy += time.perf_counter() - start
        if i % window == 0:
            rates[i] = (window / busy, _peak_mb())
            busy = 0.0
    first, last = rates[min(rates)], rates[max(rates)]
    print(f"synthetic stream of {n:,} articles ({folded:,} folded):")
    print(f"  at {min(rates):>7,}: {first[0]:,.0f} articles/s, peak memory {first[1]:,.0f} MB")
    print(f"  at {max(rates):>7,}: {last[0]:,.0f} articles/s, peak memory {last[1]:,.0f} MB")
    print(f"  per-article time, end / first 10k: {first[0] / last[0]:.2f}x")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stream", type=int, default=200_000, help="synthetic articles (0: none)")
    a = ap.parse_args(argv)
    dev()
    if a.stream:
        stream(a.stream)


if __name__ == "__main__":
    main()
