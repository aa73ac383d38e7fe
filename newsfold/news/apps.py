from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "newsfold.news"
    label = "news"
    verbose_name = "Articles"
