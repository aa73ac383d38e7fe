"""An optional large language model behind an OpenAI-compatible chat endpoint (llama.cpp's
server, Ollama, vLLM and the hosted services speak it), for summaries and answers written
in its own words.

The model is never asked what it knows: it is given numbered sentences of the coverage and
told to answer from them alone, marking each claim with the numbers it rests on. A claim
whose marks do not name a given sentence is dropped, and a reply with no claim left, an
error or a time-out raises `LLMError`: the caller falls back to the offline engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from newsfold.pipeline.enrich import sentences as sentence_split
from newsfold.pipeline.enrich.types import Cited

NOT_COVERED = "NOT COVERED"
# Sentences given to the model at most: enough for a story, small enough for a local model.
MAX_CONTEXT = 40
_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


class LLMError(Exception):
    """The endpoint failed or gave nothing usable; the message says which."""


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    model: str
    key: str = ""
    timeout: float = 30.0

    @property
    def name(self) -> str:
        return f"llm:{self.model}"


@dataclass(frozen=True)
class Claim:
    """A sentence the model wrote and the given sentences it rests on."""

    text: str
    sources: list[Cited]


def chat(endpoint: Endpoint, system: str, user: str) -> str:
    headers = {"Authorization": f"Bearer {endpoint.key}"} if endpoint.key else {}
    body = {
        "model": endpoint.model,
        "temperature": 0,
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
    }
    url = endpoint.base_url.rstrip("/") + "/chat/completions"
    try:
        response = httpx.post(url, json=body, headers=headers, timeout=endpoint.timeout)
        response.raise_for_status()
        return str(response.json()["choices"][0]["message"]["content"])
    except httpx.TimeoutException as exc:
        raise LLMError(f"the model at {endpoint.base_url} did not answer in time") from exc
    except httpx.HTTPStatusError as exc:
        raise LLMError(f"the model answered HTTP {exc.response.status_code}") from exc
    except httpx.HTTPError as exc:
        raise LLMError(f"the model could not be reached: {exc}") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError("the model's reply is not an OpenAI-style chat completion") from exc


def _numbered(context: Sequence[Cited]) -> str:
    return "\n".join(
        f"[{n}] ({c.outlet or 'unknown outlet'}) {c.text}" for n, c in enumerate(context, 1)
    )


def claims(reply: str, context: Sequence[Cited]) -> list[Claim]:
    """The reply's sentences that cite at least one given sentence; marks naming none are
    dropped, and so is a sentence left with no mark."""
    out: list[Claim] = []
    for sentence in sentence_split.split(reply):
        numbers = [int(n) for group in _MARK.findall(sentence) for n in group.split(",")]
        sources = list(dict.fromkeys(context[n - 1] for n in numbers if 1 <= n <= len(context)))
        text = " ".join(_MARK.sub("", sentence).split())
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)
        if sources and text:
            out.append(Claim(text, sources))
    return out


_RULES = (
    "You write for a news site. Use only the numbered sentences the user gives; never add a"
    " fact they do not state. End every sentence you write with the numbers of the sentences"
    " it rests on, in square brackets, like [2] or [1, 4]."
)


def summary(endpoint: Endpoint, context: Sequence[Cited], words: int = 120) -> list[Claim]:
    context = list(context)[:MAX_CONTEXT]
    reply = chat(
        endpoint,
        _RULES,
        f"Summarise these sentences from several outlets in about {words} words, stating"
        f" each fact once.\n\n{_numbered(context)}",
    )
    found = claims(reply, context)
    if not found:
        raise LLMError("the model's summary cited none of the given sentences")
    return found


def answer(endpoint: Endpoint, question: str, context: Sequence[Cited]) -> list[Claim] | None:
    """Cited claims answering the question, or None where the model says the sentences do
    not cover it."""
    context = list(context)[:MAX_CONTEXT]
    reply = chat(
        endpoint,
        _RULES + f" If the sentences do not answer the question, reply exactly {NOT_COVERED}.",
        f"Question: {question}\n\nSentences:\n{_numbered(context)}",
    )
    if reply.strip().upper().startswith(NOT_COVERED):
        return None
    found = claims(reply, context)
    if not found:
        raise LLMError("the model's answer cited none of the given sentences")
    return found
