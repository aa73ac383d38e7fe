"""A run-on block becomes paragraphs of a few sentences; paragraph breaks that exist stay."""

from newsfold.pipeline.paragraphs import LONG, readable_paragraphs, sentences

RUN_ON = " ".join(
    f"Mr. Varga said crossing {n} left Port Ellis at 6 a.m. with {n * 3} passengers aboard. "
    f"“We waited for the U.S. engineers,” said J. Okafor of the harbour board. "
    f"The ferry reached Marrow Bay {n} hours later!"
    for n in range(1, 25)
)


def test_sentences_end_at_stops_not_at_titles_initials_or_abbreviations():
    assert sentences(RUN_ON[: RUN_ON.index("The ferry")]) == [
        "Mr. Varga said crossing 1 left Port Ellis at 6 a.m. with 3 passengers aboard.",
        "“We waited for the U.S. engineers,” said J. Okafor of the harbour board.",
    ]
    assert sentences("الجملة الأولى. الجملة الثانية؟ نعم.") == [
        "الجملة الأولى.",
        "الجملة الثانية؟",
        "نعم.",
    ]


def test_a_run_on_block_is_cut_into_paragraphs_of_whole_sentences():
    paragraphs = readable_paragraphs([RUN_ON])
    assert len(paragraphs) > 5
    assert all(len(p) <= LONG for p in paragraphs)
    assert all(p.endswith((".", "!")) for p in paragraphs)
    assert " ".join(paragraphs) == RUN_ON.strip()


def test_paragraphs_of_a_readable_length_are_kept_as_they_are():
    kept = ["A short opening paragraph.", "Another one. It has two sentences."]
    assert readable_paragraphs(kept) == kept
