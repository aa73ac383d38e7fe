"""Model fields shared by the apps."""

from __future__ import annotations

from django.db import models

from newsfold.pipeline.urls import web_url


class WebURLField(models.CharField):
    """A URL column that only ever holds an absolute http(s) URL without credentials, or "".

    The rule applies wherever a value reaches the database (save, bulk insert, update,
    lookups), so no path into a row, old or new, can store a `javascript:` homepage or a
    feed's password. Values are not rejected: a publisher's bad link is no reason to lose
    the article that carried it.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else (web_url(value) or "")
