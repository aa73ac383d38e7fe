from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsfold.api"
    label = "api"
    verbose_name = "API, feeds out and reader apps"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from newsfold.api.tokens import revoke_on_new_password

        pre_save.connect(
            revoke_on_new_password, sender=get_user_model(), dispatch_uid="api.new_password"
        )
