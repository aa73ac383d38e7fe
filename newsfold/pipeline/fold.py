"""Fold near-duplicates: the same article republished or captured again is one article.

A copy keeps most of the words of what it copies, in the same order, but may be cut short,
carry a dateline, an agency footer, a few edited words, or a page's navigation, cookie and
"related" lines. So the evidence is *containment*: the share of the shorter text's word
5-grams (shingles) found in the longer one. Jaccard alone punishes truncation (a 60 % copy
has Jaccard 0.6 with its original) and boilerplate; containment of the shorter does not.

The sketch is a bottom-k MinHash (Broder 1997): one stable 64-bit hash per shingle, the
`SKETCH` smallest kept (one hash instead of 128 permutations: 3.4k signatures/s against
datasketch's 0.9k). Up to the lower of the two sketches' largest values both sketches hold
every shingle of their text, so comparing them there is an exact random sample of the union;
that Jaccard estimate and the two set sizes give the intersection, |A∩B| = J(|A|+|B|)/(1+J),
and from it the containment. Texts shorter than the sketch are compared exactly.

A text with hardly any body (a headline, a one-line item) proves nothing by being contained:
such a line turns up as a "related" headline on other pages. It folds only when it is nearly
identical to the other text, or when both carry the same headline (an outlet suffix after
"|" or " - " set aside) and its words are contained in the other.

The LSH keys are the smallest shingle hashes and the headline: a contained text's smallest
hashes are, with high probability, among the smallest of the text containing it, as long as
the container is not many times longer (measured in bench/grouping_dup.py). A headline-only
item is found through its headline key. Copies are decided at two thirds of the shorter text
contained (`CONTAINED`), one threshold for every source, or at half of it when both carry the
same headline (`CONTAINED_SAME_HEADLINE`: the headline agreeing is evidence of its own).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from newsfold.pipeline.fingerprint import words

__all__ = [
    "MAX_CANDIDATES",
    "CopyIndex",
    "Signature",
    "best_copy",
    "containment",
    "is_copy",
    "lsh_keys",
    "signature",
]

K = TypeVar("K")

SHINGLE = 5
# Sketch size: the containment estimate near 0.65 has a standard error of about 0.04 for
# texts longer than the sketch; shorter texts are kept whole and compared exactly.
SKETCH = 128
# How many of the smallest hashes become LSH keys.
KEYS = 16
# Share of the shorter text's shingles that must be in the longer one.
CONTAINED = 0.65
# The same, for two texts under the same headline: a page captured again without its last
# paragraph, or with its navigation around it, still says half its words in order.
CONTAINED_SAME_HEADLINE = 0.5
# Jaccard at which two texts are the same whatever their length.
IDENTICAL = 0.8
# Fewer body words than this and a text is a headline or a one-liner (see module doc).
SHORT_BODY = 20
# Candidates checked per article, so the cost stays flat as the store grows; a bucket keeps
# only its most recent members for the same reason.
MAX_CANDIDATES = 32
BUCKET_CAP = 64

_VERSION = 1
_HEADER = struct.Struct("<BIIB")
_MASK = (1 << 64) - 1
_rng = np.random.default_rng(20261122)  # fixed: signatures must agree across processes
_WEIGHTS = (_rng.integers(1, 2**63, size=SHINGLE, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
# " | Outlet" or " - Outlet" after a headline; the outlet's own name may hold a hyphen
# ("Star-Tribune"), only not a spaced separator of its own.
_SUFFIX = re.compile(r"\s+[|\-\u2013\u2014]\s+(?:(?!\s[|\-\u2013\u2014]\s).){1,60}$")
_word_hash: dict[str, int] = {}
_WORD_CACHE = 200_000


@dataclass(frozen=True)
class Signature:
    """What a stored article needs to be recognised again: about 1 KB."""

    size: int  # distinct shingles in the whole text
    body_words: int
    titles: tuple[int, ...]  # hashes of the headline, with and without an outlet suffix
    mins: bytes  # the smallest shingle hashes, sorted, little-endian uint64

    def hashes(self) -> np.ndarray:
        return np.frombuffer(self.mins, dtype="<u8")

    def to_bytes(self) -> bytes:
        head = _HEADER.pack(_VERSION, self.size, self.body_words, len(self.titles))
        return head + struct.pack(f"<{len(self.titles)}Q", *self.titles) + self.mins

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        version, size, body_words, n_titles = _HEADER.unpack_from(data)
        if version != _VERSION:
            raise ValueError(f"signature version {version}, expected {_VERSION}")
        start = _HEADER.size + 8 * n_titles
        titles = struct.unpack_from(f"<{n_titles}Q", data, _HEADER.size)
        return cls(size, body_words, tuple(titles), bytes(data[start:]))


def _stable(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _hash_words(tokens: list[str]) -> np.ndarray:
    cache = _word_hash
    if len(cache) > _WORD_CACHE:
        cache.clear()
    hashes = []
    for token in tokens:
        h = cache.get(token)
        if h is None:
            h = cache[token] = _stable(token)
        hashes.append(h)
    return np.array(hashes, dtype=np.uint64)


def _mix(x: np.ndarray) -> np.ndarray:
    # splitmix64's finaliser: a weighted sum of word hashes is not yet a good hash.
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Distinct hashes of the word 5-grams, sorted; a text under five words is one shingle."""
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    h = _hash_words(tokens)
    n = max(1, len(h) - SHINGLE + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(min(SHINGLE, len(h))):
        acc += h[i : i + n] * _WEIGHTS[i]
    return np.unique(_mix(acc))


def _title_hashes(title: str) -> tuple[int, ...]:
    keys = []
    for variant in (title, _SUFFIX.sub("", title.strip())):
        tokens = words(variant)
        if tokens:
            h = _stable("title " + " ".join(tokens))
            if h not in keys:
                keys.append(h)
    return tuple(keys)


def signature(title: str, text: str, body: list[str] | None = None) -> Signature:
    """`body`: the text's `words`, when the caller has read them already."""
    body = words(text) if body is None else body
    hashes = shingle_hashes(words(title) + body)
    return Signature(
        size=len(hashes),
        body_words=len(body),
        titles=_title_hashes(title),
        mins=hashes[:SKETCH].astype("<u8").tobytes(),
    )


def _key_ints(sig: Signature) -> list[int]:
    return [*sig.hashes()[:KEYS].tolist(), *sig.titles]


def lsh_keys(sig: Signature) -> list[str]:
    """At most KEYS + 2 strings of 16 hex digits; two copies share at least one with high
    probability (shingle and headline hashes come from one 64-bit space)."""
    return [f"{h:016x}" for h in _key_ints(sig)]


def _overlap(a: Signature, b: Signature) -> tuple[float, float]:
    """Estimated (Jaccard, intersection size)."""
    ha, hb = a.hashes(), b.hashes()
    if not len(ha) or not len(hb):
        return 0.0, 0.0
    # Below this value both sketches are complete, so the union there is an exact sample.
    limit = min(
        int(ha[-1]) if a.size > len(ha) else _MASK,
        int(hb[-1]) if b.size > len(hb) else _MASK,
    )
    sa = ha[ha <= np.uint64(limit)]
    sb = hb[hb <= np.uint64(limit)]
    shared = len(np.intersect1d(sa, sb, assume_unique=True))
    if not shared:
        return 0.0, 0.0
    jaccard = shared / (len(sa) + len(sb) - shared)
    return jaccard, jaccard * (a.size + b.size) / (1 + jaccard)


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller text's shingles found in the other."""
    _, inter = _overlap(a, b)
    smaller = min(a.size, b.size)
    return min(1.0, inter / smaller) if smaller else 0.0


def _decide(a: Signature, b: Signature) -> tuple[bool, float]:
    jaccard, inter = _overlap(a, b)
    if jaccard >= IDENTICAL:
        return True, jaccard
    smaller = min(a.size, b.size)
    same_headline = bool(set(a.titles) & set(b.titles))
    needed = CONTAINED_SAME_HEADLINE if same_headline else CONTAINED
    if not smaller or inter / smaller < needed:
        return False, jaccard
    if min(a.body_words, b.body_words) >= SHORT_BODY:
        return True, jaccard
    return same_headline and inter / smaller >= CONTAINED, jaccard


def is_copy(a: Signature, b: Signature) -> bool:
    return _decide(a, b)[0]


def best_copy(sig: Signature, candidates: Iterable[tuple[K, Signature]]) -> K | None:
    """The most similar candidate that is a copy. Callers pass at most MAX_CANDIDATES,
    ranked by shared LSH keys, so that the work per article is bounded."""
    best, best_score = None, -1.0
    for key, other in candidates:
        ok, score = _decide(sig, other)
        if ok and score > best_score:
            best, best_score = key, score
    return best


class CopyIndex:
    """LSH buckets in memory, for the command line and tests; the database plays this part
    in production (an indexed key column)."""

    def __init__(self) -> None:
        self._keys: list[object] = []
        self._sigs: list[Signature] = []
        # Most keys are seen once: a bare slot number is stored until a second one comes.
        self._buckets: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, key: object, sig: Signature) -> None:
        slot = len(self._sigs)
        self._keys.append(key)
        self._sigs.append(sig)
        buckets = self._buckets
        for k in _key_ints(sig):
            bucket = buckets.get(k)
            if bucket is None:
                buckets[k] = slot
            elif isinstance(bucket, int):
                buckets[k] = [bucket, slot]
            else:
                bucket.append(slot)
                if len(bucket) > 2 * BUCKET_CAP:
                    del bucket[:-BUCKET_CAP]

    def candidates(self, sig: Signature) -> list[object]:
        """Keys sharing an LSH key with sig, most shared first, at most MAX_CANDIDATES."""
        return [self._keys[slot] for slot in self._ranked(sig)]

    def _ranked(self, sig: Signature, exclude: object = None) -> list[int]:
        shared: Counter[int] = Counter()
        for k in _key_ints(sig):
            bucket = self._buckets.get(k)
            if isinstance(bucket, int):
                shared[bucket] += 1
            elif bucket is not None:
                shared.update(bucket[-BUCKET_CAP:])
        if exclude is not None:
            for slot in [s for s in shared if self._keys[s] == exclude]:
                del shared[slot]
        return [slot for slot, _ in shared.most_common(MAX_CANDIDATES)]

    def find(self, sig: Signature) -> object | None:
        return best_copy(sig, self.candidates_with_signatures(sig))

    def candidates_with_signatures(
        self, sig: Signature, exclude: object = None
    ) -> list[tuple[object, Signature]]:
        """(key, signature) of the candidates, most shared keys first; `exclude` left out."""
        ranked = ((self._keys[s], self._sigs[s]) for s in self._ranked(sig, exclude))
        return list(ranked)
