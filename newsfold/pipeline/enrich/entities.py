"""People, organisations and places named in English news text, without a trained model.

English marks names with capitals; what kind of name each is comes from evidence in an
order of trust:

1. the name's own words: "Bank", "Party", "Ministry" make an organisation; a place list
   (GeoNames: countries, states, cities over 100,000) a place; a given name from the US
   census ("Sergei" is not one, "Alan" is) or a title before it ("Foreign Minister",
   "coach", "Mr") a person;
2. what the text says around it: "X said" or "X, 53," is a person, "in X" a place;
3. the article itself: "Lavrov" after "Sergei Lavrov" is the same person, and a name the
   article typed once keeps its type.

What none of these settles is left out rather than guessed. Names are merged across
spellings by `canonical`: "U.S." and "United States", "Lavrov" and "Sergei Lavrov".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PER, ORG, LOC = "PER", "ORG", "LOC"
DATA = Path(__file__).with_name("data")

_TOKEN = re.compile(r"[^\W_]+(?:[.\-'\u2019&][^\W_]+)*(?:\.(?<=[A-Z]\.)(?=\s|$))?|\S")
_POSSESSIVE = re.compile(r"['\u2019]s$")
# Small words that join the parts of one name: "Bank of England", "Ibn al Rashid".
_CONNECTORS = frozenset("of de da del der van von bin ibn al el la le du & für y".split())
# Capitalised words that are no name, or open a sentence by grammar.
_NOT_NAMES = frozenset(
    """
    a an the and but or nor for so yet if then when where while what who whom whose which why
    how he she it they we i you his her its their our my your him them me us this that these
    those there here also however after before since although though as at by in on of to from
    with without into over under about all some many most no not yes one two three four five
    six seven eight nine ten first second third last next new other such both each every
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms mx dr prof sir dame jr sr st
    """.split()
)
# Words that stand before a person's name.
_TITLES = frozenset(
    """
    mr mrs ms mx dr prof sir dame lord lady president premier minister chancellor senator
    governor mayor king queen prince princess pope general gen judge chief secretary sheikh
    captain capt professor ambassador spokesman spokeswoman spokesperson chairman chairwoman
    director coach manager striker midfielder defender goalkeeper player leader envoy
    colonel col lieutenant lt sergeant sgt commander cmdr admiral rev reverend father bishop
    cardinal rabbi imam deputy rep representative counterpart executive ceo founder
    prime foreign vice finance defence defense interior former acting
    """.split()
)
# Words that make the name holding them an organisation.
_ORG_WORDS = frozenset(
    """
    party council ministry bank inc inc. corp corp. corporation co co. ltd ltd. plc llc ag sa
    nv gmbh group holdings company companies association union committee commission agency
    court army navy police force forces federation club fc united university college school
    institute foundation organisation organization exchange board parliament congress senate
    assembly department office service services bureau authority church hospital airlines
    airways motors industries international news times post journal network television tv
    radio press fund trust securities capital partners bancorp league cabinet government
    movement front alliance coalition brigade brigades guard institute centre center society
    ferries lines labs laboratories energy media technologies systems logistics pharmaceuticals
    """.split()
)
# Words that make a name a place: "Port Ellis", "Ellis Sound", "Kellan Point".
_PLACE_FIRST = frozenset("port mount lake cape fort saint st. san santa lower upper".split())
_PLACE_LAST = frozenset(
    """
    island islands valley river bay sea strait sound city county province state street square
    airport harbour harbor coast peninsula mountains hills point district village town
    """.split()
)
# Agencies every wire story names: organisations however they are written.
_AGENCIES = frozenset(
    "reuters ap afp xinhua interfax itar-tass tass bloomberg yonhap kyodo anadolu bbc cnn"
    " wafa ria bernama antara kcna irna petra mena sana spa wam qna kuna".split()
)
# Words after a name that show a person did something only people do.
_PERSON_VERBS = frozenset(
    "said says told added asked wrote argued insisted explained warned replied noted"
    " believes thinks".split()
)
# Last words of names of events, contests, laws and the like: none of the three kinds.
_EVENT_WORDS = frozenset(
    """
    cup open day war wars championship championships series games olympics award awards prize
    festival act treaty accord agreement classic masters trophy tour league grand slam
    """.split()
)
# Words after a name that only an organisation has: "Hyundai shares", "Pirelli spokesman".
_ORG_AFTER = frozenset(
    "shares stock spokesman spokeswoman shareholders subsidiary unit chairman inc corp plc"
    " ltd executives employees workers".split()
)
# Capital letters that name no organisation: times, units, measures, statistics.
_NOT_ORGS = frozenset(
    """
    gmt utc est edt pst pdt cet bst et pt am pm ceo cfo coo gdp gnp cpi ppi pmi ipo eps
    rbi era mph kph km kg mw gw kwh tv dvd cd pc ok ii iii iv vi vii viii ix xi caps q1 q2
    q3 q4 vat ai faq pdf usb gps hiv aids dna
    """.split()
)
_WINS = frozenset("beat beats defeated drew".split())
_PLACE_BEFORE = frozenset("in at from near to across outside inside towards toward".split())
# Demonyms and other capitalised adjectives: "Russian", "Chinese", "British" are no names.
_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "ist", "ists")
_ADJECTIVES = frozenset(
    """
    american african asian european korean german mexican cuban iranian italian indian
    russian syrian israeli iraqi pakistani afghan saudi british french dutch swiss greek thai
    chinese japanese portuguese danish swedish finnish polish turkish spanish irish welsh
    scottish english jewish muslim christian catholic islamic arab arabic palestinian
    kurdish serb serbian croat croatian bosnian western eastern northern southern
    briton britons soviet chechen kurd kurds arabs jews
    democrat democrats republican republicans communist socialist
    """.split()
)
# Another spelling of a name, and the one to show: one tag for "U.S." and "United States".
ALIASES = {
    "u.s.": "United States", "us": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
    "america": "United States", "u.k.": "United Kingdom", "uk": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "u.n.": "United Nations", "un": "United Nations", "e.u.": "European Union",
    "eu": "European Union", "dprk": "North Korea", "prc": "China",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates",
    "nato": "NATO", "russian federation": "Russia", "republic of korea": "South Korea",
    "democratic people's republic of korea": "North Korea",
}  # fmt: skip


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str
    text: str


@functools.cache
def place_kinds() -> dict[str, str]:
    """Every known place name (case-folded) and its kind: country, city, region…"""
    out: dict[str, str] = {}
    for part in ("places.tsv", "places_extra.tsv"):
        for row in (DATA / part).read_text(encoding="utf-8").splitlines():
            if row and not row.startswith("#"):
                name, kind = row.split("\t")
                out[name.casefold()] = kind
    return out


@functools.cache
def _given_names() -> frozenset[str]:
    return frozenset((DATA / "given_names.txt").read_text(encoding="utf-8").split())


def is_place(name: str) -> bool:
    key = name.casefold()
    return key in place_kinds() or ALIASES.get(key, "").casefold() in place_kinds()


def _is_adjective(word: str) -> bool:
    """A demonym or the like ("Chinese", "Russian", "Rwandan"): it describes a name, it is
    none."""
    word = word.casefold()
    if is_place(word):
        return False
    if word in _ADJECTIVES or word.endswith(_ADJECTIVE_ENDINGS):
        return True
    # A place's name and an "n": "Rwandan", "Korean", "Cuban".
    return word.endswith("n") and len(word) > 4 and is_place(word[:-1])


def place_kind(name: str) -> str | None:
    key = name.casefold()
    return place_kinds().get(key) or place_kinds().get(ALIASES.get(key, "").casefold())


def canonical(name: str) -> str:
    """The one spelling a name is shown and merged under."""
    name = " ".join(name.split())
    return ALIASES.get(name.casefold(), name)


# ---------------------------------------------------------------------------------------------
# Candidate names


@dataclass
class _Run:
    tokens: list[tuple[int, int, str]]
    opens: bool  # starts a sentence, where a capital proves nothing
    before: str  # the word before, lower case
    after: str  # the word after, lower case
    after2: str = ""
    scores: bool = False  # the line is a table of results: places in it are teams

    @property
    def text(self) -> str:
        return " ".join(t for _, _, t in self.tokens)


def _is_cap(token: str) -> bool:
    return (token[:1].isupper() and not token.isupper()) or (token.isupper() and len(token) > 1)


def _runs(line: str) -> Iterator[_Run]:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    words_only = [t for _, _, t in tokens if t[:1].isalpha()]
    # An ALL-CAPS headline: capitals prove nothing there, only known places count.
    shouting = len(words_only) >= 3 and all(t.isupper() for t in words_only)
    i = 0
    opens_at = {0}
    for n, (_, _, t) in enumerate(tokens):
        if t in {".", "!", "?", ":", '"', "\u201c", "(", "-", "--", ";"}:
            opens_at.add(n + 1)
    numbers = sum(1 for _, _, t in tokens if t[:1].isdigit())
    scores = numbers >= 2 and numbers >= 0.3 * len(tokens)
    while i < len(tokens):
        token = tokens[i][2]
        if not _is_cap(token):
            i += 1
            continue
        j = i
        run = []
        while j < len(tokens):
            word = tokens[j][2]
            if _is_cap(word) or (
                word.casefold() in _CONNECTORS
                and run
                and j + 1 < len(tokens)
                and _is_cap(tokens[j + 1][2])
            ):
                run.append(tokens[j])
                if word.endswith(("'s", "\u2019s")):
                    j += 1
                    break  # "Iraq's Kurdistan" is two names
            else:
                break
            j += 1
        before = tokens[i - 1][2].casefold() if i else ""
        after = tokens[j][2].casefold() if j < len(tokens) else ""
        after2 = tokens[j + 1][2].casefold() if j + 1 < len(tokens) else ""
        if run:
            found = _Run(run, i in opens_at, before, after, after2, scores)
            yield from _trim(found, shouting)
        i = max(j, i + 1)


def _trim(run: _Run, shouting: bool) -> Iterator[_Run]:
    """Drop leading grammar words and titles; split a run after a place that opens it
    ("U.S. Treasury", "Moscow Mayor Yuri Luzhkov"); in an ALL-CAPS line keep only the
    places it names, as capitals there prove nothing."""
    if shouting:
        yield from _places_in(run)
        return
    tokens = run.tokens
    while tokens and _leads(tokens) and not is_place(" ".join(t for _, _, t in tokens)):
        run.before = tokens[0][2].casefold()
        # "The Kessel Star ferry": the capital after "The" is no grammar.
        run.opens = False
        tokens = tokens[1:]
    while tokens and tokens[-1][2].casefold() in _CONNECTORS:
        tokens = tokens[:-1]
    if not tokens:
        return
    words = [t for _, _, t in tokens]
    rest = [w.casefold() for w in words[1:]]
    if (
        len(words) > 1
        and place_kind(words[0]) in {"country", "continent", "region"}
        and not is_place(" ".join(words))
        and not any(w in _ORG_WORDS or w in _EVENT_WORDS for w in rest)
    ):
        yield _Run(tokens[:1], run.opens, run.before, words[1].casefold(), "", run.scores)
        yield from _trim(_Run(tokens[1:], False, words[0].casefold(), run.after), False)
        return
    run.tokens = tokens
    yield run


def _leads(tokens: list[tuple[int, int, str]]) -> bool:
    """Whether the first word only leads into the name: grammar, a title or a demonym."""
    first = tokens[0][2]
    if len(tokens) > 1 and is_place(f"{first} {tokens[1][2]}"):
        return False  # "New York Stock Exchange"
    if first.casefold() in _NOT_NAMES:
        return True
    return len(tokens) > 1 and (_is_adjective(first) or first.casefold() in _TITLES)


def _places_in(run: _Run) -> Iterator[_Run]:
    """The longest known places in a run, left to right."""
    tokens, i = run.tokens, 0
    while i < len(tokens):
        for n in (3, 2, 1):
            part = tokens[i : i + n]
            if len(part) == n and is_place(" ".join(t for _, _, t in part)):
                yield _Run(part, True, "", "", "", run.scores)
                i += n
                break
        else:
            i += 1


# ---------------------------------------------------------------------------------------------
# Types


def _type_of(run: _Run, known: dict[str, str]) -> str | None:
    words = [t for _, _, t in run.tokens]
    words[-1] = _POSSESSIVE.sub("", words[-1])
    folded = [w.casefold() for w in words]
    name = " ".join(words)
    key = name.casefold()
    last = folded[-1]
    if _is_adjective(last) and not is_place(name):
        return None
    if len(words) > 1 and last in _EVENT_WORDS and not any(w in _ORG_WORDS for w in folded[:-1]):
        return None
    if key in known:
        return known[key]
    if key in _AGENCIES:
        return ORG
    if any(w in _ORG_WORDS for w in folded[1:]) or (
        len(words) > 1 and folded[0] in _ORG_WORDS and "of" in folded
    ):
        return ORG
    if len(words) > 1 and (folded[0] in _PLACE_FIRST or last in _PLACE_LAST):
        return LOC
    if is_place(name):
        # A town with a score after it, or that beat someone, is its team.
        wins = run.after in _WINS or run.before in _WINS
        team = (run.scores and run.after[:1].isdigit()) or wins
        # Countries play as themselves: "England beat Pakistan" is a place.
        return ORG if team and place_kind(name) != "country" else LOC
    if run.before in _TITLES or (words[0] in _given_names() and len(words) > 1):
        return PER
    if (
        len(words) == 1
        and words[0].isupper()
        and 2 <= len(words[0].replace(".", "")) <= 5
        and not run.opens
        and folded[0] not in _NOT_ORGS
    ):
        return ORG  # an acronym: "NATO", "BBC"
    if (run.after in _PERSON_VERBS and (len(words) > 1 or not run.opens)) or (
        run.after == "," and (run.after2.isdigit() or run.after2 == "who")
    ):
        return PER
    if run.after in _ORG_AFTER or (run.after == "'s" and run.after2 in _ORG_AFTER):
        return ORG
    if run.opens:
        return None
    if run.before in _PLACE_BEFORE and len(words) == 1:
        return LOC
    if len(words) >= 2 and not any(w.isupper() or w.casefold() in _CONNECTORS for w in words):
        return PER
    return None


def entities(text: str) -> list[Entity]:
    """Typed names of a text, with their character spans, in order."""
    text = unicodedata.normalize("NFC", text)
    runs: list[tuple[int, _Run]] = []
    offset = 0
    for line in text.split("\n"):
        runs += [(offset, run) for run in _runs(line)]
        offset += len(line) + 1
    known: dict[str, str] = {}
    typed: list[tuple[int, _Run, str | None]] = []
    for base, run in runs:
        last = run.tokens[-1]
        # "Beijing's" names Beijing: the possessive is no part of the name.
        run.tokens[-1] = (
            last[0],
            last[1] - (len(last[2]) - len(_POSSESSIVE.sub("", last[2]))),
            _POSSESSIVE.sub("", last[2]),
        )
        kind = _type_of(run, known)
        if kind:
            known.setdefault(run.text.casefold(), kind)
            if kind == PER and len(run.tokens) > 1:
                # "Lavrov" alone is the "Sergei Lavrov" named before; "Kim", "Kim Jong Un".
                known.setdefault(run.tokens[-1][2].casefold(), PER)
                known.setdefault(run.tokens[0][2].casefold(), PER)
        typed.append((base, run, kind))
    out = []
    for base, run, kind in typed:
        kind = kind or known.get(run.text.casefold())
        if kind:
            start, end = base + run.tokens[0][0], base + run.tokens[-1][1]
            out.append(Entity(start, end, kind, text[start:end]))
    return out


def names(text: str, types: Iterable[str] = (PER, ORG, LOC)) -> dict[str, tuple[str, int]]:
    """Each name's shown form with its type and mentions; a short form ("Lavrov") counted
    under the longer one it stands for ("Sergei Lavrov")."""
    wanted = set(types)
    counts: dict[str, list] = {}
    for e in entities(text):
        # A news agency cited as the source of a report is not what the report is about.
        if e.type not in wanted or e.text.casefold() in _AGENCIES:
            continue
        shown = canonical(e.text.replace("\u2019", "'").removesuffix("'s"))
        counts.setdefault(shown, [e.type, 0])[1] += 1
    for short in sorted(counts, key=len):
        if " " in short or counts[short][0] != PER:
            continue
        longer = [n for n in counts if n != short and short in (n.split()[0], n.split()[-1])]
        if longer:
            target = max(longer, key=lambda n: counts[n][1])
            counts[target][1] += counts.pop(short)[1]
    return {name: (kind, n) for name, (kind, n) in counts.items()}
