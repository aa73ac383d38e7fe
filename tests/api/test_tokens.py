"""The reader's page of secrets for programs: made, shown once, used, revoked."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from newsfold.api.models import Token
from tests.community.conftest import store_article
from tests.community.test_comments import post

pytestmark = pytest.mark.django_db


def make(client, action: str, name: str = "") -> str:
    page = post(
        client, "/account/tokens/", {"action": action, "name": name}, page="/account/tokens/"
    )
    assert page.status_code == 200
    return page.content.decode()


def test_a_token_made_on_the_page_is_shown_once_and_works_until_revoked(signed_in):
    store_article(1)
    ada = signed_in("ada")
    assert "Programs and reader apps" in ada.get("/account/").content.decode()
    page = make(ada, "api", "my script")
    secret = re.search(r'<code class="secret">([^<]+)</code>', page)[1]
    token = Token.objects.get(user=ada.user, purpose=Token.API)
    assert token.name == "my script" and secret not in (token.digest, token.prefix)
    assert secret not in ada.get("/account/tokens/").content.decode()  # never shown again
    api = Client()
    auth = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/me", headers=auth).json()["username"] == "ada"
    post(
        ada,
        "/account/tokens/",
        {"action": "revoke", "token": str(token.pk)},
        page="/account/tokens/",
    )
    assert api.get("/api/me", headers=auth).status_code == 401


def test_one_reader_cannot_revoke_anothers_token(signed_in):
    ada, eve = signed_in("ada"), signed_in("eve")
    make(ada, "api")
    token = Token.objects.get(user=ada.user)
    post(
        eve,
        "/account/tokens/",
        {"action": "revoke", "token": str(token.pk)},
        page="/account/tokens/",
    )
    token.refresh_from_db()
    assert token.revoked_at is None
    assert (
        "ada" not in eve.get("/account/tokens/").content.decode().split("<main")[1].split("nav")[0]
    )


def test_an_app_password_is_shown_with_the_user_name(signed_in):
    ada = signed_in("ada")
    page = make(ada, "app", "newsboat")
    assert re.search(r"<code>ada</code>.*<code class=\"secret\">[^<]+</code>", page, re.S)
    assert Token.objects.get(user=ada.user, purpose=Token.APP).fever_key


def test_the_page_needs_an_account(client):
    assert client.get("/account/tokens/").status_code == 302
