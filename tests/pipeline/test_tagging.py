from hypothesis import given, settings
from hypothesis import strategies as st

from newsfold.pipeline.hashtags import MAX_HASHTAGS, hashtags, tag_slug
from newsfold.pipeline.sections import CATEGORIES, categorize

TITLE = "Ferries to cross the Kessel Strait again after storm"
TEXT = (
    "Ferry crossings will resume on Thursday, the port authority in Vandor said. "
    "Crews checked the piers at Port Amsel overnight, and the harbour master Ilsa Moreau "
    "said the channel was clear. Boats waiting off Port Amsel were told to keep their places "
    "in the queue.\n"
    "Moreau said the storm had moved the buoys that mark the Kessel Strait by several metres. "
    "Crews will check them again next week, she added."
)


def test_categories_are_the_eight_sections_in_display_order():
    assert list(CATEGORIES) == [
        "world",
        "politics",
        "business",
        "technology",
        "science",
        "health",
        "sports",
        "entertainment",
    ]
    assert CATEGORIES["sports"] == "Sports"


def test_a_feed_sport_tag_files_the_article_under_sports():
    quiet = "A quiet afternoon in the hills."
    assert categorize("Vandor wins at last", quiet, ["Sport"]) == "sports"
    assert categorize("", "", ["World News"]) == "world"
    assert categorize("", "", ["Elections 2026"]) == "politics"
    assert categorize("", "", ["Science & Technology"]) == "technology"
    assert categorize("", "", ["رياضة"]) == "sports"


def test_a_section_tag_wins_over_the_words_of_the_text():
    economic = "Shares fell as the central bank raised interest rates to fight inflation."
    assert categorize("Markets slide", economic, ["Football"]) == "sports"


def test_a_tag_ending_in_another_noun_names_no_section():
    assert categorize("", "", ["World Cup", "Kessel Strait"]) == ""


def test_keyword_rules_file_an_economic_text_under_business():
    title = "Vandor bank profits rise as shares climb"
    text = (
        "The bank said its quarterly profit rose by a fifth as investors returned to the "
        "stock market. Inflation eased and the company expects revenue to grow next year, "
        "its chief executive told shareholders."
    )
    assert categorize(title, text, []) == "business"


def test_a_neutral_text_is_left_unfiled():
    title = "A quiet week in Lower Brackton"
    text = "Residents walked by the river on Sunday. The weather was mild and the ducks were out."
    assert categorize(title, text, []) == ""


def test_feed_tags_that_are_not_sections_become_hashtags():
    feed = ["World", "Top Stories", "Kessel ferries", "  Storm   Season  ", "2026"]
    tags = hashtags(TITLE, TEXT, feed)
    assert tags[:2] == ["Kessel ferries", "Storm Season"]
    assert "World" not in tags and "Top Stories" not in tags
    assert "2026" not in tags


def test_a_repeated_name_becomes_a_hashtag_and_a_sentence_opening_word_does_not():
    tags = hashtags(TITLE, TEXT, [])
    assert "Kessel Strait" in tags  # once in the title, once in the text
    assert "Port Amsel" in tags  # twice in the text
    assert "Ilsa Moreau" in tags  # "Moreau" later is the same person
    assert "Moreau" not in tags
    assert "Crews" not in tags  # twice, but only opening sentences
    assert "Vandor" not in tags  # named only once
    assert "Thursday" not in tags


def test_title_case_and_all_caps_texts_give_no_names():
    title_case = " ".join(w.capitalize() for w in TEXT.split())
    assert hashtags(TITLE, title_case, []) == []
    assert hashtags(TITLE, TEXT.upper(), []) == []


def test_the_outlets_own_name_is_left_out():
    text = (
        "Readers of the Vandor Courier asked why the bridge was shut. "
        "The editor of the Vandor Courier said a reply would follow."
    )
    assert "Vandor Courier" in hashtags("Bridge shut", text, [])
    assert hashtags("Bridge shut", text, ["vandor courier"], exclude=["Vandor Courier"]) == []


def test_arabic_feed_tags_survive_with_an_arabic_slug():
    tags = hashtags("", "", ["مضيق كيسل", "الرياضة"])
    assert tags == ["مضيق كيسل"]
    assert tag_slug(tags[0]) == "مضيق-كيسل"


def test_at_most_twelve_hashtags_with_one_per_slug_the_feeds_first():
    feed = ["Kessel", "kessel", "Amsel Bay", "Brackton", "Lower Vale", "Ferry Union", "Tide Watch"]
    feed += ["Sable Ford", "Wenning", "Calder Ring", "Ember Point", "Greywater", "Tarrow", "Vale"]
    tags = hashtags(TITLE, TEXT, feed)
    assert MAX_HASHTAGS == 12
    assert tags == ["Kessel", *feed[2:13]]


def test_tag_slug_examples():
    assert tag_slug("Kessel Strait") == "kessel-strait"
    assert tag_slug("  São Paulo!! ") == "são-paulo"
    assert tag_slug("C++ & AI_2026") == "c-ai-2026"
    assert tag_slug("مُحَمَّد الرشيد") == "محمد-الرشيد"
    assert tag_slug("#?!") == ""
    assert len(tag_slug("word " * 60)) <= 100
    assert not tag_slug("word " * 60).endswith("-")


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(max_size=80),
    text=st.text(max_size=2000),
    tags=st.lists(st.text(max_size=50), max_size=10),
    exclude=st.lists(st.text(max_size=20), max_size=3),
)
def test_hashtags_never_raise_and_give_at_most_twelve_unique_slugs(title, text, tags, exclude):
    result = hashtags(title, text, tags, exclude=exclude)
    slugs = [tag_slug(t) for t in result]
    assert len(result) <= MAX_HASHTAGS
    assert all(slugs) and len(set(slugs)) == len(slugs)
    assert not {tag_slug(e) for e in exclude} & set(slugs)
    assert categorize(title, text, tags) in {"", *CATEGORIES}
