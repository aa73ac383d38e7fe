"""Names in Arabic text, which has no capitals to mark them.

Places come from the place list's Arabic names (GeoNames' cities, our countries), found
with or without the one-letter prefixes Arabic joins to a word ("والصين", "بموسكو").
People come from the titles written before them ("وزير الخارجية الروسي سيرغي لافروف"):
the two or three words after a title and its adjectives are the name. A place or an
organisation the list does not know is named after the word for its kind: the words after
"town", "port" or "company" ("بلدة وادي السدر", "شركة كويلون لابز"), or with it for a bank,
a ministry or a party ("بنك ويستمارش").
"""

from __future__ import annotations

import functools
import re

from newsfold.pipeline.enrich.entities import LOC, ORG, PER, place_kinds

_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
# Vowel marks and the tatweel: written or not, one name.
_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])
# One-letter prefixes: and, with/in, to/for, as.
_PREFIXES = ("و", "ب", "ل", "ك", "وب", "ول", "فـ", "ف")
# Titles a person's name follows, and the adjectives that may stand between.
_TITLES = frozenset(
    """
    الرئيس رئيس الوزير وزير الزعيم الملك الأمير الشيخ السلطان الأمين المتحدث الناطق
    المستشار السفير النائب القائد الجنرال اللواء العميد المبعوث الدكتور السيد السيدة
    المدرب المدربة اللاعب اللاعبة المهاجم الحارس
    """.split()
)
_TITLE_WORDS = frozenset(
    """
    الخارجية الدفاع الداخلية المالية الوزراء العام الأمريكي الروسي الصيني الفرنسي البريطاني
    الإيراني التركي المصري السعودي الكوري الشمالي الجنوبي الأوكراني الإسرائيلي الفلسطيني
    السوري العراقي اللبناني الأردني القطري الإماراتي الألماني الياباني باسم الأمم المتحدة
    للأمم الجديد السابق
    """.split()
)
# Words that end a name: prepositions, verbs of saying, conjunctions, times.
_STOP = frozenset(
    """
    في من إلى على عن مع قال قالت أن إن الذي التي الذين و أو ثم خلال بعد قبل منذ حتى لدى
    عند أمس اليوم غدا غداً الليلة صباح مساء يوم هذا هذه ذلك تلك كان كانت هو هي
    نظيره نظيرها نظيرهم نظراءه بينما لكن
    """.split()
)
# The words for a kind of place, then its name: town, city, port, village, province...
_PLACE_NOUNS = frozenset("مدينة بلدة قرية ميناء محافظة ولاية إقليم منطقة جزيرة عاصمة".split())
# The words for a kind of organisation: its name follows, or (second set) includes it.
_ORG_NOUNS = frozenset("شركة مجموعة منظمة فريق فريقه".split())
_ORG_NAMED = frozenset("بنك جامعة وزارة حزب مجلس نادي".split())


def _bare(word: str) -> str:
    return word.translate(_MARKS)


@functools.cache
def _arabic_places() -> dict[tuple[str, ...], str]:
    out = {}
    for name in place_kinds():
        if _WORD.fullmatch(name.split()[0] or ""):
            out[tuple(_bare(w) for w in name.split())] = name
    return out


def _unprefixed(word: str) -> list[str]:
    forms = [word]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            forms.append(word[len(prefix) :])
    return forms


def names(text: str) -> dict[str, tuple[str, int]]:
    """Each name found with its type and how often: places and titled people."""
    words = [_bare(w) for w in _WORD.findall(text)]
    places = _arabic_places()
    counts: dict[str, list] = {}
    i = 0
    while i < len(words):
        found = False
        for n in (3, 2, 1):
            part = words[i : i + n]
            if len(part) < n:
                continue
            for first in _unprefixed(part[0]):
                key = (first, *part[1:])
                if key in places:
                    counts.setdefault(places[key], [LOC, 0])[1] += 1
                    i += n
                    found = True
                    break
            if found:
                break
        if found:
            continue
        kinds = _unprefixed(words[i])
        noun = next((f for f in kinds if f in _PLACE_NOUNS | _ORG_NOUNS | _ORG_NAMED), None)
        if noun:
            name = []
            j = i + 1
            while j < len(words) and len(name) < 2 and words[j] not in _STOP:
                name.append(words[j])
                j += 1
            if name and (name[0],) not in places:
                kind = LOC if noun in _PLACE_NOUNS else ORG
                shown = " ".join([noun, *name] if noun in _ORG_NAMED else name)
                counts.setdefault(shown, [kind, 0])[1] += 1
            i = max(j, i + 1)
            continue
        if words[i] in _TITLES or any(f in _TITLES for f in kinds):
            j = i + 1
            while j < len(words) and words[j] in _TITLE_WORDS:
                j += 1
            person = []
            while j < len(words) and len(person) < 3 and words[j] not in _STOP:
                if (words[j],) in places or any(f in _TITLES for f in _unprefixed(words[j])):
                    break
                person.append(words[j])
                j += 1
            if len(person) >= 2:
                counts.setdefault(" ".join(person), [PER, 0])[1] += 1
            i = max(j, i + 1)
            continue
        i += 1
    # A surname alone counts for the person named in full ("لافروف" after "سيرغي لافروف").
    for name, entry in list(counts.items()):
        if entry[0] == PER:
            last = name.split()[-1]
            entry[1] += sum(1 for w in words if last in _unprefixed(w)) - entry[1]
    return {name: (kind, n) for name, (kind, n) in counts.items()}
