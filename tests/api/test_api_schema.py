"""The whole JSON API against its own OpenAPI document, with schemathesis: for inputs
generated from the document (valid and not), no answer is a server error, and every
answer's status and body are the ones the document promises.

Runs in-process through the WSGI application on the test database, with a reader's and a
staff member's token so the personal and operators' endpoints run their real code too."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.wsgi import application
from tests.community.conftest import store_article

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture
def caller(make_reader, django_db_blocker):
    """A staff reader's token over a few stored articles, one commented."""
    store_article(1, "Harbour Ledger", title="Gales close the strait", tags=["Gales"])
    store_article(2, "Sandbar Gazette", title="Ferry timetable changes", category="Sports")
    root = make_reader("root")
    root.is_staff = True
    root.save()
    _, secret = tokens.make(root, Token.API, "schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_openapi_promises(case, caller, settings_for_api):
    case.call_and_validate(headers=caller, checks=CHECKS)


@pytest.fixture
def settings_for_api(settings):
    # The generated calls come from one address and one account: no rate limit between them.
    settings.NEWSFOLD_API_RATE_ANON = settings.NEWSFOLD_API_RATE = "100000/m"
    settings.ALLOWED_HOSTS = ["*"]
    # As Django's test client does: a request's end must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield settings
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
