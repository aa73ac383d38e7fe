"""Template helpers: stored HTML is sanitised again on the way out, times are shown relative
with the absolute time on hover, and text in a right-to-left language says so."""

from __future__ import annotations

import re

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from newsfold.news.images import image_address
from newsfold.pipeline.sanitize import sanitize
from newsfold.pipeline.urls import shown_url, web_url

register = template.Library()

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb"})


# An image the publisher gave no description is decoration to a screen reader, not "image".
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\salt=)", re.IGNORECASE)


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


@register.filter
def clean_html(html: str) -> str:
    """Stored body HTML sanitised again, its images served from our own address, or left
    out where the site shows no publishers' images (NEWSFOLD_REMOTE_IMAGES off)."""
    clean = _IMG_WITHOUT_ALT.sub('<img alt=""', sanitize(html or "", image=image_address))
    if not settings.NEWSFOLD_REMOTE_IMAGES:
        clean = _IMG.sub("", clean)  # sanitised markup: every <img> is one plain tag
    return mark_safe(clean)  # noqa: S308 - sanitised just above; alt="" adds nothing active


@register.filter
def web_href(url: str) -> str:
    """A stored URL fit for an `href` or `src`: http(s) without credentials, else "" (and
    the template shows no link). Rows stored before the rule are harmless too."""
    return web_url(url) or ""


@register.filter
def url_text(url: str) -> str:
    """A stored URL as text on a page: no credentials, no query string (tokens)."""
    return shown_url(url)


@register.filter
def text_dir(language: str) -> str:
    """The direction of a text in this language: "rtl", "ltr", or "auto" when unknown."""
    if not language:
        return "auto"
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


@register.simple_tag
def reltime(when) -> str:
    """ "3 hours ago" with the absolute time on hover. Our own wording rather than humanize's,
    so that every language reads naturally ("منذ 3 ساعات") and plurals follow its rules."""
    if when is None:
        return ""
    return format_html(
        '<time datetime="{}" title="{} UTC">{}</time>',
        when.isoformat(),
        date_format(when, "DATETIME_FORMAT"),
        ago(when),
    )


def ago(when, now=None) -> str:
    seconds = ((now or timezone.now()) - when).total_seconds()
    minutes, hours, days = seconds / 60, seconds / 3600, seconds / 86400
    if minutes < 1:
        return gettext("just now")
    if hours < 1:
        n = int(minutes)
        return ngettext("%(n)d minute ago", "%(n)d minutes ago", n) % {"n": n}
    if days < 1:
        n = int(hours)
        return ngettext("%(n)d hour ago", "%(n)d hours ago", n) % {"n": n}
    if days < 7:
        n = int(days)
        return ngettext("%(n)d day ago", "%(n)d days ago", n) % {"n": n}
    if days < 30:
        n = int(days / 7)
        return ngettext("%(n)d week ago", "%(n)d weeks ago", n) % {"n": n}
    return date_format(when, "DATE_FORMAT")
