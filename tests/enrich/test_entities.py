"""People, organisations and places, on text written for these tests."""

from newsfold.pipeline.enrich.arabic import names as arabic_names
from newsfold.pipeline.enrich.entities import LOC, ORG, PER, canonical, entities, names
from newsfold.pipeline.hashtags import hashtags

TEXT = (
    "Foreign Minister Amara Diallo met U.S. officials in Beijing on Monday, a day after "
    "talks with the Kessel Harbour Authority.\n"
    "Diallo said the Bank of Northgate would fund the new port. Later, Diallo's aides flew "
    "to London.\n"
    "The United States and China agreed to meet again, the Northgate Courier reported.\n"
    "The talks were about the cost of shipping, the queue of vessels in the sound and the "
    "money that the port will need before the winter storms arrive."
)


def _typed(text):
    return {(e.text, e.type) for e in entities(text)}


def test_names_are_typed_by_their_words_the_place_list_and_a_title():
    found = _typed(TEXT)
    assert ("Amara Diallo", PER) in found  # after a title
    assert ("Beijing", LOC) in found and ("London", LOC) in found  # known places
    assert ("Kessel Harbour Authority", ORG) in found  # "Authority"
    assert ("Bank of Northgate", ORG) in found
    assert ("U.S.", LOC) in found


def test_a_surname_alone_and_another_spelling_are_one_name():
    found = names(TEXT)
    assert found["Amara Diallo"] == (PER, 3)  # "Diallo said", "Diallo's aides"
    assert "Diallo" not in found
    assert found["United States"] == (LOC, 2)  # "U.S." and "United States"
    assert canonical("U.K.") == "United Kingdom" and canonical("EU") == "European Union"


def test_sentence_openers_demonyms_and_events_are_no_names():
    found = _typed("Crews worked overnight. Chinese officials watched the World Cup final.")
    assert found == set()


def test_an_all_caps_headline_gives_only_known_places():
    assert _typed("STORM CLOSES PORT AS LONDON BRACES") == {("LONDON", LOC)}


def test_a_town_with_a_score_is_its_team():
    assert ("Chicago", ORG) in _typed("Chicago 5 Boston 3")
    assert ("Chicago", LOC) in _typed("She moved to Chicago in May.")


def test_hashtags_come_from_the_names_the_article_comes_back_to():
    tags = hashtags("Diallo in Beijing for port talks", TEXT, [])
    assert tags[:3] == ["Amara Diallo", "Beijing", "United States"]
    assert "Diallo" not in tags and "U.S." not in tags
    assert "Northgate Courier" not in hashtags("x", TEXT, [], exclude=["Northgate Courier"])


def test_arabic_places_titled_people_and_named_kinds():
    text = (
        "التقى وزير الخارجية الروسي سيرغي لافروف نظيره في بكين، وقال لافروف إن موسكو تدعم "
        "المحادثات. وزار لافروف بلدة وادي السدر، ثم التقى مسؤولي شركة كويلون لابز."
    )
    found = arabic_names(text)
    assert found["سيرغي لافروف"] == (PER, 3)
    assert found["بكين"][0] == LOC and found["موسكو"][0] == LOC
    assert found["وادي السدر"] == (LOC, 1)
    assert found["كويلون لابز"] == (ORG, 1)
    tags = hashtags("لافروف في وادي السدر", text, [])
    assert tags[:2] == ["سيرغي لافروف", "وادي السدر"]
