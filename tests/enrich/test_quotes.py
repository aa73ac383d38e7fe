from newsfold.pipeline.enrich.quotes import article_quotes, story_quotes
from newsfold.pipeline.enrich.types import Doc
from tests.enrich.coverage import LEDGER, STORY


def test_a_quote_is_given_to_its_speaker_and_a_pronoun_to_the_last_speaker():
    found = article_quotes(LEDGER)
    assert [(q.speaker, q.quote[:20]) for q in found] == [
        ("Amara Diallo", "The fog came down in"),
        ("Amara Diallo", "We will find out why"),
    ]
    assert found[0].source.outlet == "Harbour Ledger"


def test_the_shapes_of_attribution():
    doc = Doc(
        "1",
        "t",
        '"The bridge opens next week and traffic will ease," said Ines Marlow.\n'
        "Mayor Tobias Quennell told reporters: "
        "\u201cWe have waited twenty years for this day.\u201d\n"
        "\u201cNobody expected the river to rise so fast,\u201d Quennell, the town's mayor, said.",
        "Outlet",
    )
    assert [q.speaker for q in article_quotes(doc)] == [
        "Ines Marlow",
        "Mayor Tobias Quennell",
        "Quennell",
    ]


def test_a_short_or_unattributed_quotation_is_no_quote():
    doc = Doc(
        "1",
        "t",
        '"Never," he said. The sign read \u201cClosed for the winter season until May\u201d.',
    )
    assert article_quotes(doc) == []


def test_one_quotation_given_by_two_outlets_is_shown_once():
    copy = Doc("9", "t", LEDGER.text, "Another Outlet")
    found = story_quotes([*STORY, copy])
    assert len(found) == 2
    assert {q.source.outlet for q in found} == {"Harbour Ledger"}


def test_a_quotation_picked_up_mid_sentence_is_no_quote():
    doc = Doc("1", "t", "\u201cand then the river rose over the wall,\u201d Ines Marlow said.")
    assert article_quotes(doc) == []
    whole = Doc("1", "t", "\u201cThen the river rose over the wall,\u201d Ines Marlow said.")
    assert [q.speaker for q in article_quotes(whole)] == ["Ines Marlow"]
