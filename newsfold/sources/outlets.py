"""Find or create the Source (outlet) that a feed, page or dump line names."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from newsfold.pipeline.urls import web_url
from newsfold.sources.models import Source

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
) -> Source:
    """The outlet by homepage host first (names vary: "BBC" vs "BBC News"), then by name.

    A page or feed of an unknown host with no name gets an outlet named after its host;
    nothing at all gives the shared "Unattributed" outlet.
    """
    homepage = web_url(homepage)
    host = host_of(homepage) or host_of(web_url(url))
    name = " ".join(name.split())[:200]
    if host:
        found = Source.objects.filter(host=host).first()
        if found is not None:
            return _fill(found, region=region, country=country, language=language)
    if name:
        found = Source.objects.filter(name__iexact=name).first()
        if found is not None:
            if host and not found.host:
                found.host = host
                found.homepage = homepage or f"https://{host}/"
                found.save(update_fields=["host", "homepage"])
            return _fill(found, region=region, country=country, language=language)
    return _create(
        name or host or UNATTRIBUTED,
        host=host,
        homepage=homepage or (f"https://{host}/" if host else ""),
        region=region,
        country=country,
        language=language,
    )


def name_outlet(source: Source, title: str, homepage: str | None) -> None:
    """An outlet first named after its feed's host takes the feed's own title and homepage."""
    title = " ".join((title or "").split())[:200]
    if not title or source.name != source.host:
        return
    if Source.objects.filter(name__iexact=title).exclude(pk=source.pk).exists():
        return
    source.name = title
    source.homepage = web_url(homepage) or source.homepage
    source.save(update_fields=["name", "homepage"])


def _fill(source: Source, **fields: str) -> Source:
    changed = [k for k, v in fields.items() if v and not getattr(source, k)]
    for key in changed:
        setattr(source, key, fields[key][:40])
    if changed:
        source.save(update_fields=changed)
    return source


def _create(name: str, **fields: str) -> Source:
    base = slugify(name)[:180] or "outlet"
    for n in range(1, 100):
        slug = base if n == 1 else f"{base}-{n}"
        try:
            with transaction.atomic():
                return Source.objects.create(name=name, slug=slug, **fields)
        except IntegrityError:
            existing = Source.objects.filter(name=name).first()
            if existing is not None:
                return existing
    raise RuntimeError(f"no free slug for outlet {name!r}")
