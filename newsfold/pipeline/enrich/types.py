"""The plain data every feature takes and gives."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Doc:
    """One article as the features read it; `key` is how the caller finds it again."""

    key: str
    title: str
    text: str
    outlet: str = ""
    url: str = ""
    language: str = ""


@dataclass(frozen=True)
class Cited:
    """A sentence of one article, said again with where it came from."""

    text: str
    doc: str
    outlet: str
    url: str
    sentence: int  # its place among the article's sentences (`sentences.split`)

    def as_dict(self) -> dict:
        return asdict(self)


def cite(doc: Doc, index: int, text: str) -> Cited:
    return Cited(text=text, doc=doc.key, outlet=doc.outlet, url=doc.url, sentence=index)
