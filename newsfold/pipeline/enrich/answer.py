"""Answers from the coverage itself: the sentences that hold what the question asks, cited;
and "not covered" when no sentence does.

A question's informative words are weighed by how rare they are in the coverage, a word
the coverage never uses weighing most: "What did the Brazilian president say about
football?" asked of a story about a Pyongyang visit finds "president" and nothing else,
and that is not enough. A sentence answers when it holds most of the question's weight;
"where", "when", "who" and "how many" questions prefer a sentence that holds a place, a
date, a name or a figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfold.pipeline.enrich import sentences as sentence_split
from newsfold.pipeline.enrich.types import Cited, Doc, cite
from newsfold.pipeline.textvec import tokens as terms

# Share of the question's weight a sentence must hold to answer it.
COVERED = 0.6
MAX_SENTENCES = 2
# Sentences of each article searched: a very long text is searched as far as this.
MAX_READ = 400
# Irregular forms a question and its answer often split ("Where did they meet?" / "met").
_FORMS = {
    "met": "meet", "said": "say", "told": "tell", "went": "go", "gone": "go", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "held": "hold", "led": "lead",
    "began": "begin", "begun": "begin", "won": "win", "lost": "lose", "left": "leave",
    "made": "make", "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise",
    "killed": "kill", "died": "die", "dead": "die", "death": "die", "visited": "visit",
    "signed": "sign", "attacked": "attack", "struck": "strike", "bought": "buy",
    "sold": "sell", "paid": "pay", "spoke": "speak", "spoken": "speak", "chose": "choose",
    "sent": "send", "found": "find", "came": "come", "wrote": "write", "ran": "run",
    "announced": "announce", "agreed": "agree", "arrived": "arrive", "sank": "sink",
    "sunk": "sink", "built": "build", "caught": "catch", "fought": "fight", "flew": "fly",
    "flown": "fly", "drove": "drive", "driven": "drive", "broke": "break", "broken": "break",
    "threw": "throw", "thrown": "throw", "grew": "grow", "grown": "grow", "knew": "know",
    "known": "know", "saw": "see", "seen": "see", "thought": "think", "brought": "bring",
    "kept": "keep", "felt": "feel", "spent": "spend", "stood": "stand", "shot": "shoot",
    "hid": "hide", "hidden": "hide", "fled": "flee", "wore": "wear", "swore": "swear",
    "chosen": "choose", "froze": "freeze", "stole": "steal", "stolen": "steal",
}  # fmt: skip
_QUESTION_WORDS = frozenset("where when who whom whose what which why how many much".split())
_PLACE = re.compile(
    r"\b(?:in|at|to|near|from|off|outside|across)\s+(?:the\s+)?[A-Z\u0600-\u06ff][\w\-]+"
)
_TIME = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|yesterday|today|last (?:week|month|year))\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")


@dataclass
class Answer:
    question: str
    covered: bool
    sentences: list[Cited] = field(default_factory=list)
    engine: str = "offline"

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "covered": self.covered,
            "answer": self.text,
            "engine": self.engine,
            "citations": [s.as_dict() for s in self.sentences],
        }


def _words(text: str) -> set[str]:
    out = set()
    for raw in re.findall(r"[^\W_]+", text.casefold()):
        if raw in _FORMS:
            out.add(_FORMS[raw])
        elif terms(raw):
            out.add(_root(raw))
    return out


def _root(word: str) -> str:
    """A question and its answer often inflect one verb apart ("capsize", "capsized"):
    the common endings go, on words long enough to keep a root."""
    for ending in ("ing", "ed", "es", "s", "e"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _kind(question: str) -> str:
    q = question.casefold()
    for kind in ("how many", "how much", "where", "when", "who"):
        if re.search(rf"\b{kind}\b", q):
            return kind
    return ""


def _fits(kind: str, text: str) -> bool:
    if kind == "where":
        return bool(_PLACE.search(text))
    if kind == "when":
        return bool(_TIME.search(text))
    if kind in ("how many", "how much"):
        return bool(_NUMBER.search(text))
    if kind == "who":
        return bool(_NAME.search(text))
    return True


def _asked(question: str) -> list[frozenset[str]]:
    """What the question asks for, as groups of terms: a name of several words is one
    group, found when any of its words is ("Kim Jong Un" in "Kim met Lavrov")."""
    groups: list[frozenset[str]] = []
    rest = question
    for run in _QUESTION_NAME.findall(question):
        words = [w for w in run.split() if w.casefold() not in _QUESTION_WORDS]
        group = frozenset(t for w in words for t in _words(w))
        if group:
            groups.append(group)
            rest = rest.replace(run, " ")
    seen = set().union(*groups) if groups else set()
    groups += [frozenset([t]) for t in _words(rest) - _QUESTION_WORDS if t not in seen]
    return groups


# Capitalised runs of a question: its names (a question word opening it is dropped later).
_QUESTION_NAME = re.compile(r"\b[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)+|(?<=\s)[A-Z][\w'\-]*")


def retrieve(question: str, docs: Sequence[Doc]) -> list[tuple[float, Cited]]:
    """Sentences of the coverage with the share of the question's weight each holds,
    best first (a sentence that fits the kind of question first among equals)."""
    asked = _asked(question)
    split = [(doc, sentence_split.split(doc.text)[:MAX_READ]) for doc in docs]
    bags = [(doc, i, s, _words(s)) for doc, ss in split for i, s in enumerate(ss)]
    if not asked or not bags:
        return []
    n = len(bags)
    seen = {g: sum(1 for *_, bag in bags if g & bag) for g in asked}
    weight = {g: math.log((n + 1) / (seen[g] + 0.5)) for g in asked}
    total = sum(weight.values()) or 1.0
    kind = _kind(question)
    ranked = []
    for doc, i, text, bag in bags:
        share = sum(weight[g] for g in asked if g & bag) / total
        if share > 0:
            fits = 0.05 if _fits(kind, text) else 0.0
            ranked.append((share, share + fits, -len(text), cite(doc, i, text)))
    ranked.sort(key=lambda r: (-r[1], -r[2]))
    return [(share, c) for share, _, _, c in ranked]


def answer(question: str, docs: Sequence[Doc], *, count: int = MAX_SENTENCES) -> Answer:
    """The best one or two sentences if they cover the question, else "not covered"."""
    ranked = retrieve(question, docs)
    if not ranked or ranked[0][0] < COVERED:
        return Answer(question, covered=False)
    chosen: list[Cited] = []
    seen_text: set[str] = set()
    for share, c in ranked:
        if share < COVERED or len(chosen) >= count:
            break
        key = " ".join(terms(c.text))
        if key in seen_text:
            continue
        seen_text.add(key)
        chosen.append(c)
    return Answer(question, covered=True, sentences=chosen)
