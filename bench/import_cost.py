"""What importing HTML pages costs against bare extraction of the same pages.

The first PAGES dev pages of the extraction benchmark (../shared/data/extraction) are
written to a folder; in one run this measures the CPU time of `trafilatura.extract` on each
page (bare extraction: text only, and with the metadata an article needs: title, date,
author) and of `newsfold import` of the folder into a
fresh SQLite database (extraction, sanitising, fingerprints, fold and story decision,
storage), and prints the ratio (goal: at most 1.25). Skipped where the data is absent.
"""

import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "extraction" / "dev"
PAGES = int(os.environ.get("BENCH_IMPORT_PAGES", "120"))


def main() -> None:
    pages = sorted(DATA.glob("*.html.gz"))[:PAGES] if DATA.is_dir() else []
    if not pages:
        print(f"import cost: skipped, no extraction benchmark pages at {DATA}")
        return
    tmp = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/import.sqlite3"
    os.environ["NEWSFOLD_CACHE_PATH"] = str(tmp / "cache.sqlite3")
    os.environ["NEWSFOLD_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsfold.settings"
    folder = tmp / "pages"
    folder.mkdir()
    for page in pages:
        (folder / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    import django

    django.setup()
    import trafilatura
    from django.core.management import call_command

    from newsfold.ingestion.files import import_paths

    call_command("migrate", verbosity=0)
    documents = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
    bare = {}
    for label, options in (("text only", {}), ("with metadata", {"with_metadata": True})):
        start = time.process_time()
        for html in documents:
            trafilatura.extract(html, **options)
        bare[label] = time.process_time() - start
    start = time.process_time()
    report = import_paths([folder])
    full = time.process_time() - start
    print(
        f"import cost: {len(documents)} pages, newsfold import {full:.1f} s CPU "
        f"({report.total('added')} added, {report.total('folded')} folded, "
        f"{len(report.failed_files)} failed)"
    )
    for label, seconds in bare.items():
        print(
            f"import cost: bare trafilatura.extract, {label}: {seconds:.1f} s CPU, "
            f"import / bare = {full / seconds:.2f} (goal: at most 1.25)"
        )


if __name__ == "__main__":
    main()
