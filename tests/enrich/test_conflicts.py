from newsfold.pipeline.enrich.conflicts import figures, find
from newsfold.pipeline.enrich.types import Doc
from tests.enrich.coverage import COURIER, EASTWIND, LEDGER, STORY


def test_two_outlets_giving_one_toll_different_figures_conflict():
    found = find(STORY)
    assert len(found) == 1
    c = found[0]
    assert c.kind == "count"
    assert {c.first_figure, c.second_figure} == {"12", "15"}
    assert {c.first.outlet, c.second.outlet} == {LEDGER.outlet, COURIER.outlet}
    assert "12" in c.first.text or "12" in c.second.text


def test_agreeing_outlets_do_not_conflict():
    agreeing = Doc("4", "t", LEDGER.text.replace("12 people", "15 people"), "Fourth Outlet")
    assert find([agreeing, COURIER, EASTWIND]) == []


def test_one_outlet_is_never_in_conflict_with_itself():
    same = Doc("5", "t", COURIER.text, LEDGER.outlet)
    assert find([LEDGER, same]) == []


def test_an_article_giving_two_figures_for_one_thing_is_held_to_neither():
    both = Doc(
        "6",
        "t",
        COURIER.text + "\nEarlier reports said the ferry sinking killed 9 people off Port Ellis.",
        "Sixth Outlet",
    )
    assert find([LEDGER, both]) == []


def test_different_years_for_one_event_conflict():
    a = Doc(
        "1",
        "t",
        "Historians date the invasion of the Kessel valley to 1950, when troops crossed the Sable.",
        "A",
    )
    b = Doc(
        "2",
        "t",
        "The invasion of the Kessel valley began in 1951, when troops crossed the Sable.",
        "B",
    )
    found = find([a, b])
    assert [(c.kind, c.first_figure, c.second_figure) for c in found] == [("year", "1950", "1951")]


def test_unrelated_sentences_with_figures_do_not_conflict():
    a = Doc("1", "t", "The club sold 14,000 tickets for the final in Kingsholm.", "A")
    b = Doc("2", "t", "Rescue boats pulled 128 survivors from the water before dawn.", "B")
    assert find([a, b]) == []


def test_figures_read_counts_words_scales_and_percentages():
    got = {
        (f.kind, f.thing, f.value)
        for f in figures(
            "Twelve people died, 2.5 million homes lost power and 40% of schools shut."
        )
    }
    assert ("count", "people", 12.0) in got
    assert ("count", "home", 2_500_000.0) in got
    assert ("percent", "school", 40.0) in got
