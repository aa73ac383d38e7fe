"""Feeds for staff: list with their health, add, remove, fetch now, import OPML."""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath

from django.shortcuts import get_object_or_404
from ninja import File, Path, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile

from newsfold.api import schemas
from newsfold.api.auth import READER, staff
from newsfold.api.news_endpoints import feed_health
from newsfold.ids import MAX_ID
from newsfold.ingestion.files import import_paths
from newsfold.ingestion.tasks import queue_feed
from newsfold.sources.models import Feed
from newsfold.sources.subscribe import NotSubscribed, add_feed

router = Router(auth=READER, tags=["operators"])
RowId = Path(..., ge=1, le=MAX_ID)
MAX_OPML = 5 * 1024 * 1024


@router.get(
    "/feeds",
    response=schemas.answers(list[schemas.FeedHealth]),
    summary="Every feed and its health",
)
def feeds(request):
    staff(request)
    return [feed_health(f) for f in Feed.objects.select_related("source").order_by("id")]


@router.post(
    "/feeds", response=schemas.answers(schemas.FeedHealth, 201), summary="Subscribe to a feed"
)
def subscribe(request, body: schemas.FeedIn):
    staff(request)
    try:
        feed = add_feed(
            body.url,
            body.outlet,
            region=body.region,
            country=body.country,
            language=body.language,
            folder=body.folder,
            fetch_pages=body.fetch_pages,
        )
    except NotSubscribed as refused:
        raise HttpError(409 if "already" in str(refused) else 422, str(refused)) from refused
    return 201, feed_health(feed)


@router.delete(
    "/feeds/{feed_id}", response=schemas.answers(None, 204), summary="Unsubscribe (articles stay)"
)
def unsubscribe(request, feed_id: int = RowId):
    staff(request)
    get_object_or_404(Feed, pk=feed_id).delete()
    return 204, None


@router.post(
    "/feeds/{feed_id}/fetch",
    response=schemas.answers(schemas.Done, 202),
    summary="Queue a fetch now",
)
def fetch_now(request, feed_id: int = RowId):
    staff(request)
    feed = get_object_or_404(Feed, pk=feed_id)
    queued = queue_feed(feed.pk)
    return 202, {"ok": True, "detail": "queued" if queued else "already queued or disabled"}


@router.post(
    "/opml", response=schemas.answers(schemas.ImportReport), summary="Import an OPML file of feeds"
)
def import_opml(request, file: File[UploadedFile]):
    staff(request)
    if file.size > MAX_OPML:
        raise HttpError(413, "an OPML file is at most 5 MB")
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / "subscriptions.opml"
        path.write_bytes(file.read())
        report = import_paths([path])
    files = report.as_dict().get("files", [])
    for f in files:
        f.pop("path", None)  # a path on our machine says nothing to the caller
    return {"files": files}
