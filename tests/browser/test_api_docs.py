"""The API's interactive docs in a real browser: served from our own static files under the
site's CSP, they list the API's operations with nothing fetched from elsewhere."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_show_every_operation_from_our_own_files(live_server, open_page):
    b = open_page(viewport={"width": 1280, "height": 900}, is_mobile=False)
    b.page.goto(live_server.url + "/api/docs", wait_until="load")
    b.page.locator(".opblock").first.wait_for()
    summaries = b.page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/home" in s for s in summaries)
    assert any("/api/me/follows" in s for s in summaries)
    problems = b.problems.take()
    assert not problems, "\n".join(problems)
