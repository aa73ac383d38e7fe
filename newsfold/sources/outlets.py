"""Find or create the Source (outlet) that a feed, page or dump line names."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Value
from django.db.models.functions import Upper
from django.utils.text import slugify

from newsfold.pipeline.urls import web_url
from newsfold.sources.models import Feed, Source

UNATTRIBUTED = "Unattributed"


def host_of(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def outlet(
    name: str = "",
    *,
    url: str | None = None,
    homepage: str | None = None,
    region: str = "",
    country: str = "",
    language: str = "",
    host_first: bool = False,
) -> Source:
    """The outlet a name, else an address, stands for.

    A name is taken as given: the outlet of that name, made if new. Section feeds of one
    paper under their own names, several outlets on one platform or one address, stay
    apart. Without a name (or with `host_first`, for pages, whose site names vary: "BBC"
    and "BBC News"), the one outlet at that host; a host several outlets share names none
    of them. A host nobody has yet gives an outlet named after it; nothing at all gives the
    shared "Unattributed".
    """
    homepage = web_url(homepage)
    host = host_of(homepage) or host_of(web_url(url))
    name = " ".join(name.split())[:200]
    fill = {"region": region, "country": country, "language": language}
    if host and (host_first or not name):
        owner = _sole_owner(host)
        if owner is not None:
            return _fill(owner, **fill)
    name = name or host or UNATTRIBUTED
    found = named(name)
    if found is not None:
        if host and not found.host:
            found.host = host
            found.homepage = homepage or f"https://{host}/"
            found.save(update_fields=["host", "homepage"])
        return _fill(found, **fill)
    return _create(
        name, host=host, homepage=homepage or (f"https://{host}/" if host else ""), **fill
    )


def named(name: str) -> Source | None:
    """The outlet of this name, whatever its case. Written as UPPER(name) = UPPER(%s) on
    every database, so that the `source_name_upper` index answers it: SQLite's form of
    `iexact` (LIKE) reads the whole table, and a 10,000-feed OPML import asked 10,000 times."""
    return (
        Source.objects.alias(upper=Upper("name"))
        .filter(upper=Upper(Value(name)))
        .order_by("id")
        .first()
    )


def _sole_owner(host: str) -> Source | None:
    owners = list(Source.objects.filter(host=host).order_by("id")[:2])
    return owners[0] if len(owners) == 1 else None


def settle_feed_outlet(feed: Feed, title: str, homepage: str | None) -> Source:
    """The outlet a feed's entries are stored under.

    A feed added without an outlet's name (`add-feed URL`) waits under its host until its
    first fetch that has a title, then is filed under the outlet of that title for good;
    its placeholder goes if nothing else uses it. A named feed stays where it was put.
    """
    title = " ".join((title or "").split())[:200]
    if feed.outlet_settled or not title:
        return feed.source
    placeholder = feed.source
    target = named(title)
    if target is None and placeholder.name == placeholder.host:
        # The placeholder was named after its host: it becomes the outlet of that title.
        placeholder.name = title
        placeholder.slug = _free_slug(title, placeholder.pk)
        placeholder.homepage = web_url(homepage) or placeholder.homepage
        placeholder.save(update_fields=["name", "slug", "homepage"])
        target = placeholder
    elif target is None:
        target = outlet(title, url=feed.url, homepage=homepage)
    feed.source = target
    feed.outlet_settled = True
    feed.save(update_fields=["source", "outlet_settled"])
    if target.pk != placeholder.pk:
        _drop_if_unused(placeholder)
    return target


def _drop_if_unused(placeholder: Source) -> None:
    """A placeholder named after its host that nothing is filed under any more goes."""
    if placeholder.name != placeholder.host or placeholder.feeds.exists():
        return
    try:
        with transaction.atomic():
            placeholder.delete()
    except ProtectedError:
        pass  # articles were stored under it: it stays, as their outlet


def _slugs(name: str) -> Iterator[str]:
    """The slugs an outlet of this name may take, in order of preference."""
    base = slugify(name)[:180] or "outlet"
    yield base
    yield from (f"{base}-{n}" for n in range(2, 100))


def _free_slug(name: str, pk: int) -> str:
    taken = Source.objects.exclude(pk=pk)
    return next((s for s in _slugs(name) if not taken.filter(slug=s).exists()), f"outlet-{pk}")


def _fill(source: Source, **fields: str) -> Source:
    changed = [k for k, v in fields.items() if v and not getattr(source, k)]
    for key in changed:
        setattr(source, key, fields[key][:40])
    if changed:
        source.save(update_fields=changed)
    return source


def _create(name: str, **fields: str) -> Source:
    for slug in _slugs(name):
        try:
            with transaction.atomic():
                return Source.objects.create(name=name, slug=slug, **fields)
        except IntegrityError:
            existing = Source.objects.filter(name=name).first()
            if existing is not None:
                return existing
    raise RuntimeError(f"no free slug for outlet {name!r}")
