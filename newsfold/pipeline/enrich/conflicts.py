"""Where outlets disagree: one fact, two figures.

Two sentences from different outlets state the same fact when their words, figures left
aside, are much alike; if each gives a figure for the same thing (the word the figure
counts, "12 people" / "15 people"; or the word a year dates, "the 1950 invasion" / "the
1951 invasion", "invaded in 1950") and the figures differ, the outlets disagree. Only
figures written the same way are compared (a count with a count, a year with a year),
and an article giving two figures for the same thing is not held to either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsfold.pipeline.enrich import sentences as sentence_split
from newsfold.pipeline.enrich.types import Cited, Doc, cite
from newsfold.pipeline.enrich.vectors import cosine
from newsfold.pipeline.textvec import tokens as terms

# Sentences at least this alike (figures left out) state the same fact.
SAME_FACT = 0.6
# Shorter sentences are datelines, captions and scores, not statements of a fact; longer
# ones are lists and tables run together.
MIN_WORDS, MAX_WORDS = 8, 80
# Sentences read of each article: its facts are told first, and pairs cost the square.
MAX_SENTENCES = 80
MAX_CONFLICTS = 5

_SMALL = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FIGURE = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(_SMALL)
    + r")(?:\s+(?P<scale>hundred|thousand|million|billion|trillion))?"
    r"(?P<pct>\s*(?:%|per\s?cent|percent))?(?![\w])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
# Words between a figure and what it counts: "12 more people", "300 Ukrainian soldiers".
_CLAUSE_END = re.compile(r"[,;:()\[\].!?\u2013\u2014]")
# A figure that names rather than counts: "Route 52", "No. 7", "page 4", "Flight 370".
_LABEL = re.compile(
    r"\b(?:route|highway|no|number|page|flight|room|gate|platform|channel|"
    r"article|section|chapter|level|grade|interstate|i)\.?\s*$",
    re.IGNORECASE,
)
_SKIP = frozenset(
    "more other additional about nearly almost some at least over than of the a an".split()
)


@dataclass(frozen=True)
class Figure:
    kind: str  # "count", "percent" or "year"
    thing: str  # the stem of what the figure counts or dates
    value: float
    written: str


@dataclass(frozen=True)
class Conflict:
    thing: str
    kind: str
    first: Cited
    first_figure: str
    second: Cited
    second_figure: str

    def as_dict(self) -> dict:
        return {
            "thing": self.thing,
            "kind": self.kind,
            "first": {**self.first.as_dict(), "figure": self.first_figure},
            "second": {**self.second.as_dict(), "figure": self.second_figure},
        }


def _stem(word: str) -> str:
    found = terms(word)
    return found[0] if found else ""


def figures(sentence: str) -> list[Figure]:
    out: list[Figure] = []
    for m in _FIGURE.finditer(sentence):
        raw = m.group("num")
        low = raw.casefold()
        value = float(_SMALL[low]) if low in _SMALL else float(raw.replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").casefold()]
        if sentence[max(0, m.start() - 2) : m.start()].strip()[-1:] in {
            "#",
            "$",
            "\u00a3",
            "\u20ac",
            ":",
        } or (_LABEL.search(sentence[max(0, m.start() - 12) : m.start()])):
            continue  # "#1", money (converted and rounded too often to compare), "Route 52"
        # What the figure counts is in its own clause: "$1 million, authorities said" counts
        # no authorities.
        clause = _CLAUSE_END.split(sentence[m.end() : m.end() + 60], maxsplit=1)[0]
        after = [w.casefold() for w in _WORD.findall(clause)]
        is_year = raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and not m.group("scale")
        if is_year:
            # What a year dates is seldom next to it ("date the invasion to 1950"): years
            # are matched by the sentences' likeness alone (`find`), one year a sentence.
            out.append(Figure("year", "", value, m.group()))
            continue
        if m.group("pct"):
            thing = next((_stem(w) for w in after if w not in _SKIP and _stem(w)), "")
            if thing:
                out.append(Figure("percent", thing, value, m.group().strip()))
            continue
        if after[:2] == ["year", "old"] or after[:3] == ["years", "old"]:
            continue  # an age: whose, the sentence seldom makes plain enough to compare
        thing = next((_stem(w) for w in after[:3] if w not in _SKIP and _stem(w)), "")
        if thing and not (low in _SMALL and value <= 1):
            out.append(Figure("count", thing, value, m.group()))
    return out


def _without_figures(sentence: str) -> list[str]:
    return terms(_FIGURE.sub(" ", sentence))


def find(docs: Sequence[Doc], limit: int = MAX_CONFLICTS) -> list[Conflict]:
    """Pairs of sentences from different outlets that give one fact different figures."""
    rows: list[tuple[Doc, int, str, list[Figure], list[str]]] = []
    for doc in docs:
        for i, text in enumerate(sentence_split.split(doc.text)[:MAX_SENTENCES]):
            figs = figures(text) if MIN_WORDS <= len(text.split()) <= MAX_WORDS else []
            if figs:
                rows.append((doc, i, text, figs, _without_figures(text)))
    if len(rows) < 2:
        return []
    # Words shared, not weighed by rarity: a story has too few sentences for rarity to say
    # much, and two sentences that state one fact share most of their words anyway.
    vectors = [dict.fromkeys(bag, 1.0) for *_, bag in rows]
    ambiguous = _ambiguous(rows)
    out: list[Conflict] = []
    seen: set[tuple[str, str, str, str]] = set()
    for a in range(len(rows)):
        for b in range(a + 1, len(rows)):
            da, ia, ta, fa, _ = rows[a]
            db, ib, tb, fb, _ = rows[b]
            if da.key == db.key or (da.outlet and da.outlet == db.outlet):
                continue
            if cosine(vectors[a], vectors[b]) < SAME_FACT:
                continue
            for x in fa:
                for y in fb:
                    if (x.kind, x.thing) != (y.kind, y.thing) or x.value == y.value:
                        continue
                    if x.kind == "year":
                        if _years(fa) != 1 or _years(fb) != 1:
                            continue
                        thing = _shared(vectors[a], vectors[b])
                    else:
                        thing = x.thing
                        held = {(da.key, x.kind, thing), (db.key, y.kind, thing)}
                        if held & ambiguous:
                            continue
                    key = (x.kind, thing, *sorted((da.key, db.key)))
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Conflict(
                            thing,
                            x.kind,
                            cite(da, ia, ta),
                            x.written,
                            cite(db, ib, tb),
                            y.written,
                        )
                    )
                    if len(out) >= limit:
                        return out
    return out


def _ambiguous(rows) -> set[tuple[str, str, str]]:
    """(article, kind, thing) for which one article gives several figures."""
    values: dict[tuple[str, str, str], set[float]] = {}
    for doc, _, _, figs, _ in rows:
        for f in figs:
            if f.kind != "year":
                values.setdefault((doc.key, f.kind, f.thing), set()).add(f.value)
    return {k for k, v in values.items() if len(v) > 1}


def _years(figs: list[Figure]) -> int:
    return sum(1 for f in figs if f.kind == "year")


def _shared(a: dict[str, float], b: dict[str, float]) -> str:
    """The longest word two sentences share: what their differing years date, roughly."""
    common = [(len(t), t) for t in a if t in b]
    return max(common)[1] if common else ""
