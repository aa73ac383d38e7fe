"""A reader's mutes reach the AI features: no sentence of a muted outlet in the summaries,
key points, quotes, conflicts or answers they are shown; others still see everything."""

import pytest
from django.test import Client

from newsfold.news import insights
from newsfold.sources.models import Source
from tests.community.test_reading import mute, story_path
from tests.enrich.coverage import LEDGER, STORY
from tests.news.test_insights import _store

pytestmark = pytest.mark.django_db


def test_a_muted_outlet_is_in_no_ai_feature_its_reader_sees(signed_in):
    articles = [_store(doc, n) for n, doc in enumerate(STORY)]
    insights.enrich_due()
    story = articles[0].story
    ledger_sentence = "capsized off Port Ellis on Monday night"
    everyone = Client().get(story_path(story)).content.decode()
    assert "Amara Diallo" in everyone and "Where outlets differ" in everyone

    ada = signed_in("ada")
    mute(ada, outlets=(Source.objects.get(name=LEDGER.outlet),))
    page = ada.get(story_path(story)).content.decode()
    assert ledger_sentence not in page
    assert "Amara Diallo" not in page  # her quotes are the Ledger's
    assert "Where outlets differ" not in page  # the conflict rests on the Ledger too
    assert f'href="/a/{articles[1].pk}/"' in page  # the others' sentences stay

    asked = ada.get(f"/s/{story.pk}/ask", {"q": "What did Amara Diallo say about the fog?"})
    assert "fog came down" not in asked.content.decode()
    assert "Not covered" in asked.content.decode()
    api = ada.get(f"/api/stories/{story.pk}").json()["insight"]
    assert all(s["outlet"] != LEDGER.outlet for i in api["summary"] for s in i["sources"])
