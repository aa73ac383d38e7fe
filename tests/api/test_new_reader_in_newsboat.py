"""Issue 9's acceptance, end to end: a new reader signs up, makes an API token and an app
password on their tokens page, follows a hashtag over the JSON API, and reads its news in
Debian's newsboat (Google Reader API) from a real HTTP server."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from django.test import Client

from tests.api.test_newsboat import Newsboat
from tests.community.conftest import store_article

pytestmark = [
    pytest.mark.skipif(
        shutil.which("newsboat") is None,
        reason="Debian's newsboat is not installed (scripts/ensure-newsboat installs it)",
    ),
]
SECRET = re.compile(r'<code class="secret">([^<]+)</code>')


def _post(browser: Client, path: str, data: dict):
    browser.get(path)
    token = browser.cookies["csrftoken"].value
    return browser.post(path, {"csrfmiddlewaretoken": token, **data})


def test_a_new_reader_follows_a_hashtag_over_the_api_and_reads_it_in_newsboat(
    live_server, transactional_db, tmp_path
):
    tagged = store_article(1, "Coast Courier", tags=["Tidal Energy"], hours_ago=3)
    store_article(2, "Valley Post", hours_ago=2)  # nothing the reader follows

    browser = Client(enforce_csrf_checks=True)
    browser.get("/account/signup/")
    password = "salt-marsh-heron-42"
    signup = {
        "username": "noor",
        "email": "noor@example.invalid",
        "password1": password,
        "password2": password,
        "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
    }
    assert browser.post("/account/signup/", signup).status_code == 302
    api_token = SECRET.search(
        _post(browser, "/account/tokens/", {"action": "api"}).content.decode()
    )[1]
    app_password = SECRET.search(
        _post(browser, "/account/tokens/", {"action": "app", "name": "newsboat"}).content.decode()
    )[1]

    api = Client()
    auth = {"Authorization": f"Bearer {api_token}"}
    follow = api.post(
        "/api/me/follows",
        json.dumps({"kind": "tag", "key": "tidal-energy"}),
        content_type="application/json",
        headers=auth,
    )
    assert follow.status_code == 201

    app = Newsboat(tmp_path, live_server.url, "noor", app_password)
    assert "1 unread articles" in app.run("-x", "reload", "print-unread")
    assert app.items() == {tagged.pk: (tagged.title, 1)}
