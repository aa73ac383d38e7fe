from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "newsfold.community"
    label = "community"
    verbose_name = "Readers"

    def ready(self) -> None:
        from newsfold.community import hooks

        hooks.connect()
