from newsfold.pipeline.enrich.sentences import split


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Diallo met U.S. officials on Jan. 5 in Northgate. J. K. Marlow wrote the report."
    assert split(text) == [
        "Mr. Diallo met U.S. officials on Jan. 5 in Northgate.",
        "J. K. Marlow wrote the report.",
    ]


def test_a_sentence_ending_in_an_abbreviation_before_a_new_one_is_split():
    assert split("The talks moved to the U.S. Then they collapsed.") == [
        "The talks moved to the U.S.",
        "Then they collapsed.",
    ]


def test_quotes_questions_and_lines_end_sentences():
    text = "\u201cWill it open?\u201d she asked. It will!\nA second paragraph"
    assert split(text) == [
        "\u201cWill it open?\u201d",
        "she asked.",
        "It will!",
        "A second paragraph",
    ]


def test_arabic_question_mark_and_full_stop():
    assert split("هل انتهى الإضراب؟ نعم انتهى.") == ["هل انتهى الإضراب؟", "نعم انتهى."]


def test_empty_text_has_no_sentences():
    assert split("  \n\n ") == []
