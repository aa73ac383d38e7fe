"""Extraction quality and speed on the dev split of the shared benchmark.

    .venv/bin/python bench/extraction.py               # our extract_text
    .venv/bin/python bench/extraction.py --baseline    # and plain trafilatura beside it

Prints the mean token F1 (overall and per source) and pages per second, as measured by
the benchmark's own scorer (../shared/data/extraction/score.py). Skips with a message
when the shared data is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "data" / "extraction" / "score.py"
CALLABLE = "newsfold.pipeline.extract:extract_text"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def _score(scorer, how: list[str], limit: int | None) -> dict:
    argv = ["--split", "dev", *how, "--bootstrap", "0", "--quiet"]
    if limit:
        argv += ["--limit", str(limit)]
    with contextlib.redirect_stdout(io.StringIO()):  # we print our own summary
        return scorer.main(argv)


def _report(label: str, summary: dict) -> None:
    overall = summary["overall"]
    print(f"{label}")
    print(
        f"  {'ALL':<50} {overall['pages']:>4} pages  token F1 {overall['token_f1']:.4f}"
        f"  {overall['pages_per_s']:.1f} pages/s"
    )
    for source, row in summary["by_source"].items():
        print(f"  {source:<50} {row['pages']:>4} pages  token F1 {row['token_f1']:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="store_true", help="also score plain trafilatura")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    if not (SCORER.exists() and (SCORER.parent / "dev").is_dir()):
        print(f"skipped: no extraction benchmark at {SCORER.parent} (shared data absent)")
        return 0
    sys.path.insert(0, str(REPO))
    scorer = _load_scorer()
    if args.baseline:
        _report(
            "trafilatura (scorer's settings)",
            _score(scorer, ["--extractor", "trafilatura"], args.limit),
        )
    _report(f"newsfold ({CALLABLE})", _score(scorer, ["--callable", CALLABLE], args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
