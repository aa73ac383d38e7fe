from django.apps import AppConfig


class IngestionConfig(AppConfig):
    """The wiring of fetch → parse → assemble → store, and the commands and tasks that run it.

    It may use every app (sources for feeds and outlets, news for articles); no app imports
    it back, so `sources` and `news` stay ignorant of each other's reasons.
    """

    name = "newsfold.ingestion"
    label = "ingestion"
    verbose_name = "Ingestion"
