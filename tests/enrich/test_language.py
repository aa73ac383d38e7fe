import pytest

from newsfold.pipeline.enrich.language import detect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The harbour council voted to build a new ferry terminal on the north quay.", "en"),
        ("Le conseil du port a voté la construction d'un nouveau terminal pour les ferries.", "fr"),
        ("صوّت مجلس الميناء على بناء محطة جديدة للعبّارات على الرصيف الشمالي.", "ar"),
        ("Der Hafenrat stimmte für den Bau eines neuen Fährterminals am Nordkai.", "de"),
    ],
)
def test_the_language_of_a_text(text, language):
    assert detect(text) == language


def test_too_little_text_has_no_language():
    assert detect("") is None
    assert detect(" 12 ") is None
