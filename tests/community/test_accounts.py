"""Accounts: sign up, log in (throttled), log out, reset a password by email, preferences,
export and deletion; the commands that make moderators and demo readers."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from newsfold.community.models import Bookmark, Comment, Follow, Profile
from tests.community.conftest import store_article
from tests.community.test_comments import comment_on, page_of, post

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, name="ada", password="salt-marsh-heron-42", email=None):
    data = {
        "username": name,
        "email": email or f"{name}@example.invalid",
        "password1": password,
        "password2": password,
    }
    return post(client, "/account/signup/", data, page="/account/signup/")


def log_in(client, name="ada", password="salt-marsh-heron-42"):
    data = {"username": name, "password": password}
    return post(client, "/account/login/", data, page="/account/login/")


def test_every_page_offers_log_in_and_sign_up_to_anonymous_readers(client):
    article = store_article(1)
    for path in ["/", "/latest/", page_of(article), "/search?q=strait", "/ar/"]:
        page = client.get(path).content.decode()
        assert 'href="/account/login/' in page or 'href="/ar/account/login/' in page, path
        assert "/account/signup/" in page, path


def test_sign_up_logs_the_reader_in_and_the_header_shows_their_name():
    browser = Client(enforce_csrf_checks=True)
    response = sign_up(browser)
    assert response.status_code == 302
    page = browser.get("/").content.decode()
    assert "<bdi>ada</bdi>" in page and "Log out" in page and "/account/signup/" not in page
    assert Profile.objects.filter(user__username="ada").exists()


def test_sign_up_refuses_weak_passwords_and_a_taken_email():
    browser = Client(enforce_csrf_checks=True)
    page = sign_up(browser, password="12345678").content.decode()
    assert "This password is too common." in page
    assert not User.objects.exists()
    sign_up(Client(enforce_csrf_checks=True), name="ada")
    page = sign_up(browser, name="ben", email="ada@example.invalid").content.decode()
    assert "An account with this email exists" in page
    assert User.objects.count() == 1


def test_logging_in_is_locked_after_repeated_failures_even_with_the_right_password(settings):
    User.objects.create_user("ada", "ada@example.invalid", "salt-marsh-heron-42")
    browser = Client(enforce_csrf_checks=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(browser, password="wrong-guess-0000").status_code == 200
    assert log_in(browser, password="wrong-guess-0000").status_code == 429  # the last try
    locked = log_in(browser)
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in browser.session
    other = Client(enforce_csrf_checks=True)  # another name from here is not locked
    User.objects.create_user("ben", "ben@example.invalid", "salt-marsh-heron-42")
    assert log_in(other, name="ben").status_code == 302


def test_log_out_is_a_post_and_tells_the_browser_to_forget_kept_pages():
    User.objects.create_user("ada", "ada@example.invalid", "salt-marsh-heron-42")
    browser = Client(enforce_csrf_checks=True)
    assert log_in(browser).status_code == 302
    assert browser.get("/account/logout/").status_code == 405
    response = post(browser, "/account/logout/", {})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "Log in" in browser.get("/").content.decode()


def test_a_forgotten_password_is_reset_through_the_emailed_link():
    User.objects.create_user("ada", "ada@example.invalid", "salt-marsh-heron-42")
    browser = Client(enforce_csrf_checks=True)
    url = "/account/password/reset/"
    response = post(browser, url, {"email": "ada@example.invalid"}, page=url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.invalid"]
    link = re.search(r"http://testserver(/account/password/reset/\S+/)", mail.outbox[0].body)[1]
    form = browser.get(link, follow=True)
    set_url = form.redirect_chain[-1][0]
    new = "quiet-estuary-morning-7"
    data = {"new_password1": new, "new_password2": new}
    assert post(browser, set_url, data, page=set_url).status_code == 302
    assert log_in(Client(enforce_csrf_checks=True), password=new).status_code == 302
    # An address with no account gets the same answer and no email.
    post(browser, url, {"email": "nobody@example.invalid"}, page=url)
    assert len(mail.outbox) == 1


def test_preferences_save_edition_language_and_mutes(signed_in):
    store_article(1, "Harbour Ledger")
    ada = signed_in("ada")
    from newsfold.sources.models import Source

    harbour = Source.objects.get(name="Harbour Ledger")
    data = {
        "edition": "",
        "language": "ar",
        "muted_words": "Quarry, quarry\n  road works  \n",
        "muted_outlets": [str(harbour.pk)],
    }
    response = post(ada, "/account/", data, page="/account/")
    assert response.status_code == 302 and response["Location"] == "/ar/account/"
    profile = Profile.objects.get(user=ada.user)
    assert profile.muted_words == ["quarry", "road works"]
    assert profile.muted_outlets == [harbour.pk]
    assert profile.language == "ar"


def test_export_holds_everything_the_reader_made(signed_in):
    article = store_article(1)
    ada = signed_in("ada")
    comment_on(ada, article, "Exported words.")
    Follow.objects.create(user=ada.user, kind="tag", key="harbour")
    Bookmark.objects.create(user=ada.user, article=article)
    response = ada.get("/account/export.json")
    assert response["Content-Type"] == "application/json"
    assert "private" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["username"] == "ada"
    assert [c["text"] for c in data["comments"]] == ["Exported words."]
    assert data["follows"][0]["key"] == "harbour"
    assert data["bookmarks"][0]["id"] == article.pk
    assert Client().get("/account/export.json").status_code == 302  # to the login page


def test_deleting_the_account_removes_its_data_and_keeps_others_replies(signed_in):
    article = store_article(1)
    ada, ben = signed_in("ada"), signed_in("ben")
    comment_on(ada, article, "Ada's answered words.")
    answered = Comment.objects.get()
    comment_on(ada, article, "Ada's lonely words.")
    comment_on(ben, article, "Ben answers.", parent=answered)
    Follow.objects.create(user=ada.user, kind="tag", key="harbour")
    url = "/account/delete/"
    wrong = post(ada, url, {"password": "not-it"}, page=url)
    assert "That is not your password." in wrong.content.decode()
    response = post(ada, url, {"password": "tidal-basin-lantern"}, page=url)
    assert response.status_code == 302 and response["Clear-Site-Data"]
    assert not User.objects.filter(username="ada").exists()
    assert not Follow.objects.exists()
    page = Client().get(page_of(article)).content.decode()
    assert "Ada's" not in page and "Ben answers." in page
    assert "Comment deleted by its author." in page


def test_the_moderators_command_adds_lists_and_removes(make_reader, capsys):
    make_reader("mara")
    call_command("moderators", "add", "mara")
    call_command("moderators", "list")
    assert capsys.readouterr().out.splitlines()[-1] == "mara"
    assert User.objects.get(username="mara").has_perm("community.moderate_comment")
    call_command("moderators", "remove", "mara")
    assert not User.objects.get(username="mara").has_perm("community.moderate_comment")


def test_the_moderators_command_names_a_missing_user_in_one_line(cli):
    result = cli("moderators", "add", "nobody")
    assert result.returncode != 0
    assert "no such user: nobody" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_demo_readers_print_their_demo_only_credentials_and_can_log_in(capsys):
    call_command("demo-readers".replace("-", "_"))
    out = capsys.readouterr().out
    assert "DEMO ONLY" in out
    for name, password in re.findall(r"user (\S+)\s+password (\S+)", out):
        assert log_in(Client(enforce_csrf_checks=True), name, password).status_code == 302
    assert User.objects.get(username="demo-moderator").has_perm("community.moderate_comment")


def test_an_administrator_finds_comments_and_reports_in_the_admin(signed_in, client):
    article = store_article(1)
    ada = signed_in("ada")
    comment_on(ada, article, "Admin can find me.")
    admin = User.objects.create_superuser("root", "root@example.invalid", "salt-marsh-heron-42")
    client.force_login(admin)
    for path in [
        "/admin/community/comment/",
        "/admin/community/report/",
        "/admin/community/follow/",
    ]:
        assert client.get(path).status_code == 200, path
    change = client.get(f"/admin/community/comment/{Comment.objects.get().pk}/change/")
    assert "Admin can find me." in change.content.decode()
