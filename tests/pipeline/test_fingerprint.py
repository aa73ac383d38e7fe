from newsfold.pipeline.fingerprint import text_key

BODY = [
    "The harbour authority of Port Ellis said on Monday that all cranes would stop at noon.",
    "Dock workers voted by a wide margin to strike over the new shift rota, the union said.",
    "Shipping lines were told to expect delays of at least three days at the container berths.",
]


def test_spacing_case_and_punctuation_do_not_change_the_text_key():
    a = "\n\n".join(BODY)
    b = "  ".join(p.upper().replace(",", " ,") for p in BODY)
    assert text_key(a) == text_key(b)


def test_different_words_give_a_different_text_key():
    assert text_key("\n".join(BODY)) != text_key("\n".join(BODY[:-1]))
