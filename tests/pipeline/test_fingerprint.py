from newsfold.pipeline.fingerprint import same_text, sentence_keys, text_key

BODY = [
    "The harbour authority of Port Ellis said on Monday that all cranes would stop at noon.",
    "Dock workers voted by a wide margin to strike over the new shift rota, the union said.",
    "Shipping lines were told to expect delays of at least three days at the container berths.",
    "The mayor urged both sides to return to talks before the weekend ferries are affected.",
]


def test_spacing_case_and_punctuation_do_not_change_the_text_key():
    a = "\n\n".join(BODY)
    b = "  ".join(p.upper().replace(",", " ,") for p in BODY)
    assert text_key(a) == text_key(b)


def test_different_words_give_a_different_text_key():
    assert text_key("\n".join(BODY)) != text_key("\n".join(BODY[:-1]))


def test_a_copy_without_its_lead_paragraph_is_the_same_text():
    full = sentence_keys("\n".join(BODY))
    without_lead = sentence_keys("\n".join(BODY[1:]) + "\nAgencies")
    assert same_text(full, without_lead)


def test_two_articles_sharing_one_quoted_paragraph_are_not_the_same_text():
    other = [
        "Farmers in the valley counted their losses after the river broke its banks overnight.",
        BODY[3],
        "Rescue teams reached the last stranded village by boat late on Tuesday evening.",
        "The regional council promised emergency grants to every household that lost crops.",
    ]
    assert not same_text(sentence_keys("\n".join(BODY)), sentence_keys("\n".join(other)))


def test_short_lines_do_not_count_as_paragraphs():
    assert sentence_keys("Reuters\nAgencies\nShare this") == []
