"""The machine-facing addresses: the JSON API, feeds out, the reader-app protocols. None
takes a language prefix: programs address them by fixed paths. `pages` are the reader's
own pages of this app (their tokens), which do."""

from django.urls import path

from newsfold.api import account, feeds, fever, greader, jsonapi

urlpatterns = [
    path("api/", jsonapi.api.urls),
    *feeds.urlpatterns,
    *greader.urlpatterns,
    *fever.urlpatterns,
]

app_name = "api"
pages = [
    path("account/tokens/", account.tokens_page, name="tokens"),
]
