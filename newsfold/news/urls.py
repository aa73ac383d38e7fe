from django.urls import path

from newsfold.news import views

app_name = "news"
urlpatterns = [
    path("", views.latest, name="latest"),
    path("a/<int:pk>/", views.article, name="article"),
    path("s/<int:pk>/", views.story, name="story"),
]
