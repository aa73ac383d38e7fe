from django.urls import path, register_converter

from newsfold.ids import IdConverter
from newsfold.news import ask, browse, pwa, views

register_converter(IdConverter, "id")

app_name = "news"
urlpatterns = [
    path("", views.home, name="home"),
    path("e/<slug:edition>/", views.home, name="edition"),
    path("latest/", browse.latest, name="latest"),
    path("a/<id:pk>/", views.article, name="article-short"),
    path("a/<id:pk>/<str:slug>/", views.article, name="article"),
    path("a/<id:pk>/ask", ask.article_ask, name="article-ask"),
    path("s/<id:pk>/ask", ask.story_ask, name="story-ask"),
    path("s/<id:pk>/", views.story, name="story-short"),
    path("s/<id:pk>/<str:slug>/", views.story, name="story"),
    path("t/<str:slug>/", browse.hashtag, name="hashtag"),
    path("c/<slug:slug>/", browse.category, name="category"),
    path("o/<slug:slug>/", browse.outlet, name="outlet"),
    path("search", browse.search, name="search"),
    path("offline/", pwa.offline, name="offline"),
]
