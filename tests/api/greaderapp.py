"""Speaking the Google Reader API as a reader app does: log in, call, read the answer."""

from __future__ import annotations

from urllib.parse import quote

from django.test import Client

from newsfold.api import tokens
from newsfold.api.models import Token

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
PREFIX = "tag:google.com,2005:reader/item/"
HOST = "http://testserver"


def app_password(user) -> str:
    return tokens.make(user, Token.APP, "test app")[1]


def login(client: Client, user) -> dict[str, str]:
    """ClientLogin with a fresh app password; the headers later calls send."""
    answer = client.post(
        "/accounts/ClientLogin", {"Email": user.get_username(), "Passwd": app_password(user)}
    )
    assert answer.status_code == 200
    auth = dict(line.split("=", 1) for line in answer.content.decode().split())["Auth"]
    return {"HTTP_AUTHORIZATION": f"GoogleLogin auth={auth}"}


def feed_id(path: str) -> str:
    return f"feed/{HOST}{path}"


def get(client, path, **params):
    answer = client.get(path, {"output": "json", **params})
    assert answer.status_code == 200, answer.content
    return answer.json()


def contents(client, stream, **params):
    return get(client, f"/reader/api/0/stream/contents/{quote(stream, safe='')}", **params)


def ids_of(data) -> list[int]:
    return [int(item["id"][len(PREFIX) :], 16) for item in data["items"]]


def edit(client, **form):
    token = client.get("/reader/api/0/token").content.decode()
    return client.post("/reader/api/0/edit-tag", {**form, "T": token})
