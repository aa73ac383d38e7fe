"""The optional model, against a stand-in chat server (see chatserver.py)."""

import pytest

from newsfold.pipeline.enrich import llm
from newsfold.pipeline.enrich.summary import story_summary
from tests.enrich.chatserver import ChatServer
from tests.enrich.coverage import STORY


@pytest.fixture
def chat():
    server = ChatServer()
    yield server
    server.close()


def _endpoint(chat, timeout=5.0):
    return llm.Endpoint(chat.url, "stand-in-model", key="secret-key", timeout=timeout)


def test_claims_keep_their_cited_sentences_and_lose_marks_naming_none(chat):
    context = story_summary(STORY)
    chat.reply = lambda body: (
        "A ferry sank off Port Ellis on Monday night [1]. "
        "Crossings are suspended until Friday [2, 99]. "
        "The captain was a famous sailor [42]. "
        "Nobody knows more."
    )
    found = llm.summary(_endpoint(chat), context)
    assert [c.text for c in found] == [
        "A ferry sank off Port Ellis on Monday night.",
        "Crossings are suspended until Friday.",
    ]
    assert found[0].sources == [context[0]]
    assert found[1].sources == [context[1]]


def test_the_model_is_given_numbered_sentences_with_their_outlets_and_the_key(chat):
    context = story_summary(STORY)
    chat.reply = lambda body: "Summary [1]."
    llm.summary(_endpoint(chat), context)
    sent = chat.given(chat.requests[0])
    assert f"[1] ({context[0].outlet}) {context[0].text}" in sent
    assert chat.requests[0]["model"] == "stand-in-model"
    assert chat.headers[0]["authorization"] == "Bearer secret-key"


def test_not_covered_is_no_answer(chat):
    context = story_summary(STORY)
    chat.reply = lambda body: "NOT COVERED"
    assert llm.answer(_endpoint(chat), "Who won the football?", context) is None


def test_a_reply_citing_nothing_given_is_an_error(chat):
    chat.reply = lambda body: "The ferry was sunk by a sea monster [7]."
    with pytest.raises(llm.LLMError, match="cited none"):
        llm.answer(_endpoint(chat), "Why did it sink?", story_summary(STORY)[:2])


def test_server_errors_and_time_outs_are_errors_not_crashes(chat):
    context = story_summary(STORY)
    chat.reply = lambda body: (500, b'{"error": "overloaded"}')
    with pytest.raises(llm.LLMError, match="HTTP 500"):
        llm.summary(_endpoint(chat), context)
    chat.reply = lambda body: (200, b'{"unexpected": true}')
    with pytest.raises(llm.LLMError, match="not an OpenAI-style"):
        llm.summary(_endpoint(chat), context)
    chat.reply = lambda body: "late [1]."
    chat.delay = 1.0
    with pytest.raises(llm.LLMError, match="in time"):
        llm.summary(_endpoint(chat, timeout=0.2), context)


def test_an_unreachable_endpoint_is_an_error():
    endpoint = llm.Endpoint("http://127.0.0.1:9/v1", "m", timeout=1.0)
    with pytest.raises(llm.LLMError, match="could not be reached"):
        llm.summary(endpoint, story_summary(STORY))
