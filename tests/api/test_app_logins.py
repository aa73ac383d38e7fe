"""Reader apps' logins: guessing app passwords is throttled per address as the site's own
login is, and an app's session ends when a browser's would."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsfold.api import tokens
from newsfold.api.models import Token

pytestmark = pytest.mark.django_db


def client_login(name: str, password: str):
    return Client().post("/accounts/ClientLogin", {"Email": name, "Passwd": password})


def test_repeated_failed_app_logins_lock_the_address_out(make_reader, settings):
    ada = make_reader("ada")
    _, password = tokens.make(ada, Token.APP)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert client_login("ada", "guess-" + password[:4]).status_code == 401
    locked = client_login("ada", password)
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 0
    fever = Client().post("/fever/?api", {"api_key": tokens.fever_key("ada", password)})
    assert fever.status_code == 429 and fever.json()["auth"] == 0


def test_wrong_fever_keys_count_as_failed_logins(make_reader, settings):
    ada = make_reader("ada")
    _, password = tokens.make(ada, Token.APP)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong = Client().post("/fever/?api", {"api_key": "0" * 32})
        assert wrong.status_code == 200 and wrong.json()["auth"] == 0
    assert client_login("ada", password).status_code == 429


def test_an_apps_session_ends_with_a_browsers_and_old_ones_are_cleared(make_reader, settings):
    ada = make_reader("ada")
    _, password = tokens.make(ada, Token.APP)
    answer = client_login("ada", password)
    auth = answer.content.decode().split("Auth=")[1].strip()
    headers = {"Authorization": f"GoogleLogin auth={auth}"}
    assert Client().get("/reader/api/0/user-info", headers=headers).status_code == 200
    Token.objects.filter(purpose=Token.SESSION).update(
        created_at=timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    )
    assert Client().get("/reader/api/0/user-info", headers=headers).status_code == 401
    client_login("ada", password)  # logging in again clears the expired session
    assert Token.objects.filter(purpose=Token.SESSION).count() == 1


def test_revoking_one_app_password_logs_out_only_the_app_that_used_it(make_reader):
    ada = make_reader("ada")
    phone, tablet = (tokens.make(ada, Token.APP, name)[1] for name in ("phone", "tablet"))
    headers = {}
    for name, password in (("phone", phone), ("tablet", tablet)):
        auth = client_login("ada", password).content.decode().split("Auth=")[1].strip()
        headers[name] = {"Authorization": f"GoogleLogin auth={auth}"}
    tokens.revoke(ada, Token.objects.get(purpose=Token.APP, name="phone").pk)
    assert Client().get("/reader/api/0/user-info", headers=headers["phone"]).status_code == 401
    assert Client().get("/reader/api/0/user-info", headers=headers["tablet"]).status_code == 200
