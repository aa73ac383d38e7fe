from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "newsfold.api"
    label = "api"
    verbose_name = "API, feeds out and reader apps"
