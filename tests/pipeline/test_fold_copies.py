"""What folds and what does not: copies of one article, and articles about one event."""

from newsfold.pipeline.fold import CopyIndex, best_copy, is_copy, lsh_keys, signature

TITLE = "Harbour strike halts Port Ellis cranes"
STORY = [
    "The harbour authority of Port Ellis said on Monday that all cranes would stop at noon "
    "after dock workers voted by a wide margin to strike over the new shift rota.",
    "Union leaders said the rota, introduced in March without consultation, cut rest periods "
    "between night shifts to nine hours and left older crane operators exhausted.",
    "Shipping lines were told to expect delays of at least three days at the container "
    "berths, and two vessels carrying grain were diverted to the northern terminal.",
    "The mayor urged both sides to return to talks before the weekend ferries are affected, "
    "warning that island residents depend on the crossings for food and medicine.",
    "A spokesperson for the harbour authority said the rota had been approved by the safety "
    "board and that managers were ready to meet the union at any time this week.",
    "Local shop owners near the quay reported fewer customers as lorries queued along the "
    "coast road, some drivers waiting more than six hours to reach the gates.",
    "The last strike at the port, eleven years ago, lasted nine days and ended with a pay "
    "settlement that both sides later described as a turning point for the harbour.",
]
BODY = "\n".join(STORY)


def _words(paragraphs, share):
    tokens = " ".join(paragraphs).split()
    return " ".join(tokens[: int(len(tokens) * share)])


def test_a_wire_copy_with_a_new_headline_a_dateline_and_a_footer_folds():
    body = "PORT ELLIS (Coastal Wire) - " + BODY.replace("wide margin", "large margin")
    copy = signature("Dockers walk out at Port Ellis", body + "\n(Reporting by staff; Editing)")
    assert is_copy(signature(TITLE, BODY), copy)


def test_a_copy_cut_to_sixty_percent_folds():
    assert is_copy(signature(TITLE, BODY), signature(TITLE, _words(STORY, 0.6)))


def test_the_same_page_captured_with_other_site_chrome_folds():
    first = ["Menu", "Accept cookies", TITLE, *STORY, "Related: Ferry fares rise again"]
    second = [
        "Skip to content",
        "Share on social media",
        TITLE,
        *STORY,
        "More: City council approves new cycle lanes",
        "More: Fishing quotas cut for the coming season",
    ]
    assert is_copy(signature(TITLE, "\n".join(first)), signature(TITLE, "\n".join(second)))


def test_two_articles_about_the_same_strike_do_not_fold():
    other = (
        "Port Ellis came to a standstill on Monday as crane operators downed tools over "
        "a shift pattern they say leaves them too tired to work safely.\n"
        "Container ships anchored offshore while the harbour authority insisted that its "
        "safety board had signed off the changes months ago.\n"
        "Ferry passengers were told that weekend sailings could be cancelled if the "
        "dispute is not settled, and the mayor called on both sides to talk.\n"
        "Union officials said they would picket the gates every day until the old rota "
        "is restored, and that older workers had asked for the vote."
    )
    assert not is_copy(signature(TITLE, BODY), signature("Strike shuts Port Ellis", other))


def test_two_short_items_sharing_only_a_headline_do_not_fold():
    a = signature(TITLE, "Cranes stop at noon, the authority says.")
    b = signature(TITLE, "Delays of three days expected for shipping lines.")
    assert not is_copy(a, b)


def test_a_headline_alone_does_not_fold_into_a_page_that_lists_it_as_related():
    headline_only = signature("Ferry fares rise again for island residents this winter", "")
    page = ["Menu", TITLE, *STORY, "Related:", "Ferry fares rise again for island residents"]
    assert not is_copy(headline_only, signature(TITLE, "\n".join(page)))


def test_the_same_headline_with_no_text_is_one_item():
    assert is_copy(signature(TITLE, ""), signature(TITLE + " | The Coast Gazette", ""))


def test_a_copy_is_a_copy_either_way_round():
    full, cut = signature(TITLE, BODY), signature("Strike at the port", _words(STORY, 0.7))
    assert is_copy(full, cut) == is_copy(cut, full) is True


def test_the_index_finds_the_original_of_a_truncated_copy_among_others():
    index = CopyIndex()
    index.add("strike", signature(TITLE, BODY))
    for i, paragraph in enumerate(STORY):
        index.add(f"para{i}", signature(f"Note {i}", paragraph))
    cut = signature("Port strike", _words(STORY, 0.65))
    assert set(lsh_keys(cut)) & set(lsh_keys(signature(TITLE, BODY)))
    assert index.find(cut) == "strike"
    assert index.find(signature("Unrelated", "A recipe for lentil soup with cumin.")) is None


def test_best_copy_picks_the_closest_candidate():
    cut = signature(TITLE, _words(STORY, 0.8))
    candidates = [
        ("short", signature(TITLE, _words(STORY, 0.75))),
        ("full", signature(TITLE, BODY)),
    ]
    assert best_copy(cut, candidates) == "short"
    assert best_copy(cut, []) is None


def test_a_headline_alone_folds_into_its_page_whose_outlet_name_holds_a_hyphen():
    short_page = "Home | News | Sport\nMenu\n" + TITLE + "\n" + "\n".join(STORY[:2])
    page = signature(f"{TITLE} | Ellis Star-Tribune", short_page)
    assert is_copy(signature(TITLE, ""), page)
    assert not is_copy(signature("Ferry timetable changes for winter", ""), page)


CHROME = (
    "Skip to content\nSubscribe\nMore from the coast desk\n"
    "Lighthouse keepers return to Gannet Rock after a month ashore\n"
    "Council meeting on parking runs past midnight in Marrow Bay\n"
    "Beekeepers ask the ferry company to carry hives at night"
)


def test_under_one_headline_a_page_captured_again_with_less_of_it_is_the_same_page():
    # Without its last paragraphs, among other headlines of the site: some 60 % shared.
    again = signature(TITLE, CHROME + "\n" + "\n".join(STORY[:3]))
    assert is_copy(signature(TITLE, "\n".join(STORY[:6])), again)
    # The same share under another headline is only an article about the same event.
    assert not is_copy(signature("Grain ships diverted north", "\n".join(STORY[:6])), again)
