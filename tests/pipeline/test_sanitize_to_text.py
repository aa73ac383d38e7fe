"""to_text(): feed HTML turned into the plain paragraphs we fingerprint and index."""

from newsfold.pipeline.sanitize import to_text


def test_blocks_become_paragraphs_separated_by_blank_lines():
    html = "<p>First <b>para</b>.</p><h2>Head</h2><p>Second\n   para.</p><div>Third</div>"
    assert to_text(html) == "First para.\n\nHead\n\nSecond para.\n\nThird"


def test_list_items_and_line_breaks_are_lines():
    assert to_text("<ul><li>one</li><li>two</li></ul>a<br>b") == "one\ntwo\n\na\nb"


def test_script_and_style_content_is_not_text():
    html = "<p>Keep</p><script>var x = 1;</script><style>p {color: red}</style><p>this</p>"
    assert to_text(html) == "Keep\n\nthis"


def test_entities_are_decoded():
    assert to_text("<p>Fish &amp; chips &mdash; &pound;5&nbsp;each</p>") == (
        "Fish & chips \u2014 \u00a35 each"
    )


def test_plain_text_passes_through():
    assert to_text("No markup here") == "No markup here"


def test_broken_markup_still_gives_its_words():
    assert "words" in to_text("<p>Some <b>words <i>left</p> open <")
    assert to_text("") == ""


def test_preformatted_text_keeps_its_lines():
    assert to_text("<pre>a = 1\nb = 2</pre>") == "a = 1\nb = 2"
