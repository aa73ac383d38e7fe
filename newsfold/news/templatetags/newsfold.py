"""Template helpers: stored HTML is sanitised again on the way out, and times shown relative."""

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsfold.pipeline.sanitize import sanitize

register = template.Library()


@register.filter
def clean_html(html: str) -> str:
    return mark_safe(sanitize(html or ""))  # noqa: S308 - sanitised just above


@register.simple_tag
def reltime(when) -> str:
    if when is None:
        return ""
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        when.isoformat(),
        when.strftime("%d %b %Y, %H:%M UTC"),
        naturaltime(when),
    )
