from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "newsfold.sources"
    label = "sources"
    verbose_name = "Sources and feeds"
