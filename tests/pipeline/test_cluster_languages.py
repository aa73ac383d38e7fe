"""Stories across languages and side angles, on fictional articles written for these tests.

An Arabic or French report of an event covered in English joins its story through the
names and figures it shares and the news words the lexicon reads; a report of another
event of the same kind, with other names, does not. A side angle (the insurer after the
flood) joins on names; another event in the same town does not.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsfold.pipeline.cluster import StoryDoc, StoryIndex, features
from newsfold.pipeline.lexicon import english
from newsfold.pipeline.namekeys import language_of, name_keys, sound_key

T0 = datetime(2031, 9, 2, 7, 0, tzinfo=UTC)

TALVIK_EN = [
    (
        "Dockworkers walk out at Talvik port as pay talks fail",
        "About 3,400 dockworkers at the port of Talvik went on strike on Tuesday after pay "
        "talks with the Talvik Harbour Board collapsed. Union leader Marek Oslund said the "
        "workers wanted a rise of 9 per cent. Twelve ships were waiting outside the harbour.",
    ),
    (
        "Talvik strike: 12 ships wait as dockworkers hold the line",
        "Twelve container ships were anchored off Talvik on Wednesday as the strike by 3,400 "
        "dockworkers entered its second day. Marek Oslund told a rally at the harbour gates "
        "that the union would not accept less than 9 per cent.",
    ),
    (
        "Exporters count the cost of the Talvik port strike",
        "Fruit and timber exporters said the strike at Talvik was costing them orders. The "
        "Talvik Harbour Board offered 4 per cent; Marek Oslund called the offer an insult to "
        "the 3,400 workers on the picket line.",
    ),
]
TALVIK_AR = (
    "إضراب عمال ميناء تالفيك يدخل يومه الثاني",
    "دخل إضراب عمال ميناء تالفيك يومه الثاني، وتنتظر ١٢ سفينة خارج الميناء. وقال الزعيم "
    "النقابي ماريك أوسلوند إن ٣٤٠٠ عامل يطالبون بزيادة في الأجور نسبتها ٩ في المئة، "
    "فيما عرضت إدارة الميناء ٤ في المئة فقط.",
)
TALVIK_FR = (
    "Grève au port de Talvik : douze navires bloqués",
    "La grève des dockers du port de Talvik est entrée dans son deuxième jour. Le syndicaliste "
    "Marek Oslund réclame une hausse des salaires de 9 % pour les ouvriers du port, alors que "
    "la direction du port de Talvik propose 4 %.",
)
# Another strike at another port, in Arabic: the same news words, other names.
BRENNPORT_AR = (
    "إضراب عمال ميناء برينبورت بسبب الأجور",
    "أضرب عمال ميناء برينبورت عن العمل أمس للمطالبة بزيادة الأجور. وقال المتحدث سيلفان "
    "دوكرو إن السفن تنتظر قبالة الميناء وإن الإضراب سيستمر حتى توقيع اتفاق جديد.",
)

FLOOD = [
    (
        "River Tess bursts its banks in Mirrowdale, 1,200 homes evacuated",
        "The River Tess burst its banks in Mirrowdale overnight and 1,200 homes were evacuated. "
        "Mayor Ilona Brask said water reached the first floors in the old town. The flood "
        "defences built in 1998 were overtopped shortly after midnight.",
    ),
    (
        "Mirrowdale flood: water still rising as Tess peaks",
        "Flood water was still rising in Mirrowdale on Thursday as the River Tess peaked at a "
        "record level. Mayor Ilona Brask asked residents of the 1,200 evacuated homes to stay "
        "away. Army trucks brought sandbags to the riverside streets.",
    ),
    (
        "Flooded Mirrowdale counts damage as the Tess recedes",
        "Residents of Mirrowdale returned to flooded streets as the River Tess receded. Ilona "
        "Brask said the flood had damaged more than 1,200 homes and the 1998 defences would "
        "have to be rebuilt higher.",
    ),
]
# The insurer's side of the flood: few of its words, most of its names and figures.
INSURER = (
    "Calvert Mutual braces for flood claims from Mirrowdale",
    "The insurer Calvert Mutual expects claims from most of the 1,200 homes hit by the River "
    "Tess flood in Mirrowdale, its chief executive Oren Falk said. Mayor Ilona Brask has asked "
    "insurers to pay quickly. Calvert Mutual said its adjusters would be in Mirrowdale on "
    "Monday, and that policies written after 1998 covered flood damage in full.",
)
# Another event in the same town.
LIBRARY = (
    "Mirrowdale council approves a new public library",
    "Councillors in Mirrowdale voted to build a public library on the site of a bus depot. "
    "The architect Tamsin Erdal said the building would open in 2034 with a reading garden, "
    "a cafe and a makerspace for teenagers, paid for by a bequest from a local novelist.",
)


def _group(articles: list[tuple[str, str, str | None]]) -> list[str]:
    """The story of each article, given in arrival order as (title, text, language)."""
    index = StoryIndex()
    stories = []
    for n, (title, text, language) in enumerate(articles):
        doc = StoryDoc(f"a{n}", title, text, T0 + timedelta(minutes=30 * n), language)
        feats = features(doc)
        story = index.assign(feats).story or f"story-{n}"
        index.add(story, feats)
        stories.append(story)
    return stories


def test_a_name_keeps_its_key_in_arabic_script():
    assert sound_key("Talvik") == sound_key("تالفيك")
    assert sound_key("Oslund") == sound_key("أوسلوند")
    assert sound_key("Westford") != sound_key("Talvik")


def test_names_and_figures_read_the_same_in_english_and_arabic():
    english_keys = name_keys(*TALVIK_EN[0])
    arabic_keys = name_keys(*TALVIK_AR)
    shared = english_keys & arabic_keys
    assert "#3400" in shared  # Arabic-Indic digits are figures too
    assert any(not key.startswith("#") for key in shared)


def test_a_text_that_marks_no_names_gives_only_its_figures():
    keys = name_keys("Talvik Port Strike Enters Second Day", "talvik port strike 12 ships")
    assert keys == {"#12"}


def test_the_lexicon_reads_arabic_and_french_news_words_as_english():
    assert english("والميناء", "ar") == "port"
    assert english("إضراب", None) == "strike"  # Arabic script, whatever the tag says
    assert english("grève", "fr") == "strike"
    assert english("grève", "en") is None  # French words count only in French articles
    assert english("الأجور", "ar") == "wage"


def test_the_language_is_the_primary_tag_or_read_off_the_script():
    assert language_of("fr-CA", "") == "fr"
    assert language_of(None, TALVIK_AR[1]) == "ar"
    assert language_of(None, TALVIK_EN[0][1]) is None


def test_arabic_and_french_reports_join_the_english_story():
    articles = [(t, x, "en") for t, x in TALVIK_EN[:2]]
    articles += [(*TALVIK_AR, "ar"), (*TALVIK_FR, "fr"), (*TALVIK_EN[2], "en")]
    assert len(set(_group(articles))) == 1


def test_the_english_coverage_joins_a_story_the_arabic_report_started():
    articles = [(*TALVIK_AR, "ar")] + [(t, x, "en") for t, x in TALVIK_EN]
    assert len(set(_group(articles))) == 1


def test_a_report_of_another_strike_in_another_language_stays_apart():
    articles = [(t, x, "en") for t, x in TALVIK_EN] + [(*BRENNPORT_AR, "ar")]
    stories = _group(articles)
    assert stories[-1] not in stories[:-1]


def test_a_side_angle_joins_on_the_event_names_and_another_event_in_town_does_not():
    articles = [(t, x, "en") for t, x in FLOOD] + [(*INSURER, "en"), (*LIBRARY, "en")]
    stories = _group(articles)
    assert stories[3] == stories[0]
    assert stories[4] != stories[0]
