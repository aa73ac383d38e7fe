"""Template helpers: stored HTML is sanitised again on the way out, times are shown relative
with the absolute time on hover, and text in a right-to-left language says so."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsfold.pipeline.sanitize import sanitize

register = template.Library()

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb"})


@register.filter
def clean_html(html: str) -> str:
    return mark_safe(sanitize(html or ""))  # noqa: S308 - sanitised just above


@register.filter
def text_dir(language: str) -> str:
    """The direction of a text in this language: "rtl", "ltr", or "auto" when unknown."""
    if not language:
        return "auto"
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


@register.simple_tag
def reltime(when) -> str:
    if when is None:
        return ""
    return format_html(
        '<time datetime="{}" title="{} UTC">{}</time>',
        when.isoformat(),
        date_format(when, "j M Y, H:i"),
        naturaltime(when),
    )
