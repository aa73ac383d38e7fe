"""Names shown for sections and regions, in the reader's language.

The pipeline files articles under fixed slugs (`pipeline.sections.CATEGORIES`); the names a
reader sees are translated here, where Django's i18n lives.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from newsfold.pipeline.sections import CATEGORIES

# Written out so that makemessages finds each name.
_NAMES = {
    "world": _("World"),
    "politics": _("Politics"),
    "business": _("Business"),
    "technology": _("Technology"),
    "science": _("Science"),
    "health": _("Health"),
    "sports": _("Sports"),
    "entertainment": _("Entertainment"),
}
_REGIONS = {
    "World": _("World"),
    "Middle East": _("Middle East"),
    "Europe": _("Europe"),
    "Americas": _("Americas"),
    "Asia": _("Asia"),
    "Africa": _("Africa"),
    "Oceania": _("Oceania"),
}


def category_names() -> list[tuple[str, str]]:
    """(slug, name) of every section, in display order."""
    return [(slug, str(_NAMES.get(slug, name))) for slug, name in CATEGORIES.items()]


def category_name(slug: str) -> str:
    return str(_NAMES.get(slug, CATEGORIES.get(slug, slug)))


def region_name(region: str) -> str:
    return str(_REGIONS.get(region, region))
