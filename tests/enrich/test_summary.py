from newsfold.pipeline.enrich import sentences
from newsfold.pipeline.enrich.keypoints import key_points
from newsfold.pipeline.enrich.summary import article_summary, story_summary
from newsfold.pipeline.enrich.types import Doc
from tests.enrich.coverage import COURIER, LEDGER, STORY


def test_an_article_summary_is_three_of_its_own_sentences_in_its_order():
    found = article_summary(LEDGER)
    own = sentences.split(LEDGER.text)
    assert len(found) == 3
    assert [c.text for c in found] == [own[c.sentence] for c in found]
    assert [c.sentence for c in found] == sorted(c.sentence for c in found)
    assert {(c.doc, c.outlet, c.url) for c in found} == {(LEDGER.key, LEDGER.outlet, LEDGER.url)}


def test_the_lead_of_an_article_is_in_its_summary():
    assert article_summary(LEDGER)[0].sentence == 0


def test_a_story_summary_cites_each_sentence_to_the_article_that_wrote_it():
    found = story_summary(STORY)
    by_key = {d.key: d for d in STORY}
    assert found
    for c in found:
        assert sentences.split(by_key[c.doc].text)[c.sentence] == c.text
        assert c.outlet == by_key[c.doc].outlet


def test_a_fact_told_by_every_outlet_is_said_once():
    found = story_summary(STORY)
    suspended = [c for c in found if "suspended all crossings" in c.text]
    assert len(suspended) == 1


def test_a_story_summary_stops_near_its_word_budget():
    long_doc = Doc(
        "9",
        "t",
        " ".join(f"Sentence {n} tells of harbour number {n} and its cranes." for n in range(80)),
    )
    found = story_summary([long_doc], words=50)
    words = sum(len(c.text.split()) for c in found)
    assert 50 <= words < 50 + 15


def test_no_sentence_means_no_summary():
    assert story_summary([Doc("1", "Title only", "")]) == []
    assert article_summary(Doc("1", "t", "Too short.")) == []


def test_key_points_are_short_cited_and_repeat_no_summary_sentence():
    summary = story_summary(STORY, words=40)
    points = key_points(STORY, skip=summary)
    assert points
    said = {(c.doc, c.sentence) for c in summary}
    for p in points:
        assert (p.doc, p.sentence) not in said
        assert len(p.text.split()) <= 32
    texts = [p.text for p in points]
    assert len(set(texts)) == len(texts)


def test_key_points_leave_out_a_figure_already_given():
    one = Doc("1", "t", "The bridge will cost 40 million crowns, the council said on Monday.", "A")
    two = Doc("2", "t", "Council papers put the cost of the bridge at 40 million crowns.", "B")
    points = key_points([one, two, COURIER])
    assert sum("40 million" in p.text for p in points) == 1
