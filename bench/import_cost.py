"""What importing HTML pages costs against bare extraction of the same pages.

The first PAGES dev pages of the extraction benchmark (../shared/data/extraction) are
written to a folder. Each side runs in a process of its own, warmed first on WARM other
pages (imports, lazy set-up), and is timed in CPU on the PAGES pages, which neither has
seen: trafilatura and htmldate cache results by content, so a side that ran after the
other on the same pages was timed partly on cache hits. The warming also builds
dateparser's language tables (about 2 s of CPU, once a process; htmldate asks dateparser
on the odd page), which neither the warm pages nor a long-running worker pay again. The
bare side is
`trafilatura.extract` (text only, and with the metadata an article needs: title, date,
author); the full side is `newsfold import` of the folder into a fresh SQLite database
(extraction, sanitising, fingerprints, fold and story decision, storage). It prints the
ratio (goal: at most 1.25). Skipped where the data is absent.
"""

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "extraction" / "dev"
PAGES = int(os.environ.get("BENCH_IMPORT_PAGES", "120"))
WARM = 20


def main() -> None:
    pages = sorted(DATA.glob("*.html.gz"))[: PAGES + WARM] if DATA.is_dir() else []
    if len(pages) <= WARM:
        print(f"import cost: skipped, no extraction benchmark pages at {DATA}")
        return
    tmp = Path(tempfile.mkdtemp())
    for name, chosen in (("pages", pages[WARM:]), ("warm", pages[:WARM])):
        (tmp / name).mkdir()
        for page in chosen:
            html = gzip.decompress(page.read_bytes())
            (tmp / name / page.name.removesuffix(".gz")).write_bytes(html)
    seconds = {}
    for side in ("text only", "with metadata", "import"):
        run = [sys.executable, __file__, side, str(tmp)]
        answer = subprocess.run(run, capture_output=True, text=True, check=True)
        lines = answer.stdout.strip().splitlines()
        seconds[side] = float(lines[-1])
        if side == "import":
            print(f"import cost: {PAGES} pages, newsfold import {seconds[side]:.1f} s CPU", end="")
            print(f" ({lines[0]})")
    for label in ("text only", "with metadata"):
        print(
            f"import cost: bare trafilatura.extract, {label}: {seconds[label]:.1f} s CPU, "
            f"import / bare = {seconds['import'] / seconds[label]:.2f} (goal: at most 1.25)"
        )


def side(name: str, tmp: Path) -> None:
    """One side, in this process: warm on the other pages, then time the pages."""
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/import-{os.getpid()}.sqlite3"
    os.environ["NEWSFOLD_CACHE_PATH"] = str(tmp / f"cache-{os.getpid()}.sqlite3")
    os.environ["NEWSFOLD_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    _warm_dateparser()
    if name == "import":
        import django

        django.setup()
        from django.core.management import call_command

        from newsfold.ingestion.files import import_paths

        call_command("migrate", verbosity=0)
        import_paths([tmp / "warm"])
        start = time.process_time()
        report = import_paths([tmp / "pages"])
        spent = time.process_time() - start
        print(
            f"{report.total('added')} added, {report.total('folded')} folded,"
            f" {len(report.failed_files)} failed"
        )
        print(spent)
        return
    import trafilatura

    options = {"with_metadata": True} if name == "with metadata" else {}
    for path in sorted((tmp / "warm").iterdir()):
        trafilatura.extract(path.read_text(encoding="utf-8"), **options)
    documents = [p.read_text(encoding="utf-8") for p in sorted((tmp / "pages").iterdir())]
    start = time.process_time()
    for html in documents:
        trafilatura.extract(html, **options)
    print(time.process_time() - start)


def _warm_dateparser() -> None:
    """dateparser reads its tables for every language the first time it guesses one."""
    import dateparser

    dateparser.parse("warming up on 3 March 2021")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        side(sys.argv[1], Path(sys.argv[2]))
    else:
        main()
