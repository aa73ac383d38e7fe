"""Import files from disk: HTML pages, plain-text page dumps, feed files, OPML, folders.

Imports never touch the network: a feed file's summary-only entries are stored as they
are, and an HTML page imported later with the same URL upgrades them (the fuller text
wins). The report says, per file, what was added, folded, skipped and failed, and why.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsfold.ingestion.feeds import Tally, notices, parse_capped, store_entries, unexpected
from newsfold.news.store import BATCH, batch, store
from newsfold.pipeline import assemble
from newsfold.pipeline.extract import extract
from newsfold.pipeline.feeds import FeedError
from newsfold.pipeline.opml import OPMLError, parse_opml
from newsfold.pipeline.textpage import DumpError, parse_dump
from newsfold.pipeline.urls import feed_url_problem, tidy_url
from newsfold.sources.models import Feed
from newsfold.sources.outlets import UNATTRIBUTED, outlet

log = logging.getLogger(__name__)

SKIP_NAMES = {"README.md", "manifest.json", ".gitattributes"}

# Told of each entry or article stored: (file, stored so far, in the file).
Progress = Callable[[str, int, int], None]


@dataclass
class FileResult:
    path: str
    kind: str
    tally: Tally = field(default_factory=Tally)
    error: str = ""
    feeds_added: int = 0
    # What was left out of a file that was otherwise read: refused outlines, cut entries.
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileResult] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f.tally, name) for f in self.files)

    @property
    def failed_files(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    def as_dict(self) -> dict:
        return {
            "added": self.total("added"),
            "folded": self.total("folded"),
            "updated": self.total("updated"),
            "skipped": self.total("skipped"),
            "feeds_added": sum(f.feeds_added for f in self.files),
            "failed": [{"path": f.path, "error": f.error} for f in self.failed_files],
            "notes": [{"path": f.path, "note": n} for f in self.files for n in f.notes],
        }

    def lines(self) -> list[str]:
        out = []
        for f in self.files:
            t = f.tally
            if f.error:
                out.append(f"FAILED  {f.path} ({f.kind}): {f.error}")
                continue
            if f.kind == "opml":
                out.append(f"ok      {f.path} (opml): {f.feeds_added} feeds added")
                out.extend(f"        {note}" for note in f.notes)
                continue
            counts = (t.added, "added"), (t.folded, "folded"), (t.updated, "updated")
            parts = [f"{n} {label}" for n, label in (*counts, (t.skipped, "skipped"))]
            out.append(f"ok      {f.path} ({f.kind}): " + ", ".join(parts))
            out.extend(f"        {note}" for note in f.notes)
            out.extend(f"        {e}" for e in t.errors)
        out.append(
            f"total: {self.total('added')} added, {self.total('folded')} folded, "
            f"{self.total('updated')} updated, {self.total('skipped')} skipped, "
            f"{len(self.failed_files)} files failed"
        )
        return out


def import_paths(
    paths: list[str | Path],
    captured_at: datetime | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport()
    for path in _walk([Path(p) for p in paths], report):
        report.files.append(import_file(path, captured_at, progress))
    return report


def _walk(paths: list[Path], report: ImportReport):
    for path in paths:
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file())
            # Feeds and OPML first, pages after: a page then upgrades its feed's summary.
            children.sort(key=lambda p: (_order(p), str(p)))
            yield from (c for c in children if c.name not in SKIP_NAMES and _importable(c))
        elif path.is_file():
            yield path
        else:
            report.files.append(FileResult(str(path), "missing", error="no such file or folder"))


def _order(path: Path) -> int:
    suffix = path.suffix.lower()
    return 0 if suffix == ".opml" else 1 if suffix in {".xml", ".rss", ".atom", ".json"} else 2


def _importable(path: Path) -> bool:
    return not path.name.startswith(".") and path.suffix.lower() not in {".py", ".pyc", ".md"}


def import_file(
    path: Path, captured_at: datetime | None = None, progress: Progress | None = None
) -> FileResult:
    try:
        size = path.stat().st_size
        if size > settings.NEWSFOLD_MAX_BYTES:
            limit = settings.NEWSFOLD_MAX_BYTES // (1024 * 1024)
            error = f"too large ({size} bytes; limit {limit} MB)"
            return FileResult(str(path), "file", error=error)
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(str(path), "file", error=f"cannot read: {exc.strerror or exc}")
    kind = sniff(path, data)
    result = FileResult(str(path), kind)
    tell = (lambda done, total: progress(str(path), done, total)) if progress else None
    try:
        if kind == "opml":
            result.feeds_added = _import_opml(data, result)
        elif kind == "feed":
            _import_feed(data, result, tell)
        elif kind == "html":
            _import_page(data, result)
        elif kind == "text":
            when = captured_at or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            _import_dump(data, when, result, tell)
        else:
            result.error = "not a feed, OPML, HTML page or text page"
    except (FeedError, OPMLError, DumpError) as exc:
        result.error = getattr(exc, "message", str(exc))
    except UnicodeDecodeError:
        result.error = "not valid UTF-8 text"
    except Exception as exc:
        # A fault of ours that this file found: it fails this file, never the files after it.
        log.exception("import %s: unexpected error", path)
        result.error = unexpected(exc)
    return result


def sniff(path: Path, data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    suffix = path.suffix.lower()
    if b"<opml" in head or suffix == ".opml":
        return "opml"
    if head.startswith(b"{") or suffix == ".json":
        return "feed"
    if any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")):
        return "feed"
    if b"<html" in head or b"<!doctype html" in head or suffix in {".html", ".htm"}:
        return "html"
    if head.startswith(b"<?xml") or suffix in {".xml", ".rss", ".atom"}:
        return "feed"
    if suffix in {".txt", ".text", ""} and b"\x00" not in data[:4096]:
        return "text"
    return "unknown"


# Outlines stored in one transaction: a commit per statement cost most of a large list's
# import (10,000 feeds took over 15 s on SQLite).
OPML_BATCH = 500


def _import_opml(data: bytes, result: FileResult) -> int:
    items = list(parse_opml(data))
    added = 0
    for start in range(0, len(items), OPML_BATCH):
        with transaction.atomic():
            added += _import_outlines(items[start : start + OPML_BATCH], result)
    return added


def _import_outlines(items, result: FileResult) -> int:
    """One batch of outlines: their outlets found or made one by one (`outlet`), their
    feeds added together, those already subscribed left as they are."""
    wanted: dict[str, Feed] = {}
    for item in items:
        problem = feed_url_problem(item.xml_url)
        if problem:
            result.notes.append(f"outline {item.title or '(untitled)'!r} skipped: {problem}")
            continue
        url = tidy_url(item.xml_url)
        if url in wanted:
            continue
        attrs = getattr(item, "attrs", {}) or {}
        # The outlet the list names (newsfold writes it as `outlet`), else the outline's
        # title: a subscription list says who publishes each feed.
        named = attrs.get("outlet", "") or item.title or ""
        source = outlet(
            named,
            url=item.xml_url,
            homepage=item.html_url,
            region=attrs.get("region", ""),
            country=attrs.get("country", ""),
            language=attrs.get("language", ""),
        )
        wanted[url] = Feed(
            url=url,
            source=source,
            title=item.title[:500],
            folder=item.folder[:200],
            outlet_settled=bool(named),
        )
    held = set(Feed.objects.filter(url__in=list(wanted)).values_list("url", flat=True))
    new = [feed for url, feed in wanted.items() if url not in held]
    Feed.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _import_feed(data: bytes, result: FileResult, progress) -> None:
    parsed = parse_capped(data)
    if notices(parsed):
        result.notes.append(notices(parsed))
    # A saved feed belongs with the subscription at its homepage; its title may be written
    # otherwise (in the outlet's own language, say) than the name the outlet goes by.
    source = outlet(
        parsed.title, homepage=parsed.homepage, language=parsed.language or "", host_first=True
    )
    feed = Feed.objects.filter(source=source).first()
    result.tally = store_entries(
        source,
        parsed.entries,
        feed=feed,
        base_url=parsed.homepage,
        fetched_at=timezone.now(),
        language=parsed.language,
        fetch_pages=False,
        progress=progress,
    )


def _import_page(data: bytes, result: FileResult) -> None:
    page = extract(data.decode("utf-8", errors="replace"))
    if not page.text.strip():
        result.error = "no article text found in the page"
        return
    draft = assemble.from_page(page, page.url or "", timezone.now())
    source = outlet(page.site_name, url=page.url, host_first=True)
    result.tally.count(store(draft, source).outcome)


def _import_dump(data: bytes, captured_at: datetime, result: FileResult, progress) -> None:
    dump = parse_dump(data.decode("utf-8"), captured_at)
    articles = [dump.main, *dump.related]
    for start in range(0, len(articles), BATCH):
        with batch():
            for done, article in enumerate(articles[start : start + BATCH], start + 1):
                draft = assemble.from_dump(article, captured_at)
                source = outlet(article.outlet or UNATTRIBUTED)
                result.tally.count(store(draft, source).outcome)
                if progress is not None:
                    progress(done, len(articles))


def report_json(report: ImportReport) -> str:
    return json.dumps(report.as_dict(), indent=2)
