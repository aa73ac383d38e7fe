from newsfold.pipeline.enrich.answer import answer
from tests.enrich.coverage import EASTWIND, LEDGER, STORY


def test_where_is_answered_with_the_sentence_naming_the_place_and_its_outlet():
    found = answer("Where did the Kessel Star capsize?", STORY)
    assert found.covered
    assert "Port Ellis" in found.text
    assert found.sentences[0].outlet in {"Harbour Ledger", "Northgate Courier", "Eastwind Herald"}


def test_a_name_of_several_words_is_found_by_any_of_them():
    found = answer("What did Amara Diallo say about the fog?", STORY)
    assert found.covered
    assert found.sentences[0].doc == LEDGER.key
    assert "fog came down" in found.sentences[0].text


def test_when_prefers_a_sentence_with_a_date():
    found = answer("When was the vessel built?", STORY)
    assert found.covered
    assert found.sentences[0].doc == EASTWIND.key
    assert "1994" in found.sentences[0].text


def test_a_question_the_coverage_does_not_answer_is_not_covered():
    found = answer("What did the Brazilian president say about football?", STORY)
    assert not found.covered
    assert found.sentences == []
    assert found.as_dict()["covered"] is False


def test_an_empty_or_wordless_question_is_not_covered():
    assert not answer("", STORY).covered
    assert not answer("?? !!", STORY).covered
    assert not answer("Where?", []).covered
