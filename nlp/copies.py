"""Near-copies: answers that are (almost) the same text, such as copy-paste or a campaign.

Thirty people who send the same letter are thirty voices, but one text: a policy officer
must see that before reading the theme as a majority. Two answers are near-copies when at
least ``MIN_JACCARD`` of the pairs of adjacent words (shingles) that either uses are used by
both (Jaccard). A name, a greeting or a word changed in a letter still leaves a copy; a
shared phrase in otherwise different answers does not.

Candidates are found by MinHash with banding (locality-sensitive hashing), so the work
grows with the number of answers, not its square; every candidate pair is then checked
exactly. Hashes come from CRC-32 and a fixed seed: the same answers give the same groups
in every process.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

SHINGLE = 2
MIN_WORDS = 6  # "Ja", "Geen idee": the same short answer is agreement, not a copy
MIN_JACCARD = 0.7
HASHES = 30
BANDS = 10  # 10 bands of 3: a pair at Jaccard 0.7 is a candidate with probability 0.985
_PRIME = 4_294_967_311  # the first prime above 2**32
_WORD = re.compile(r"\w+")


def groups(texts: Sequence[str]) -> list[int]:
    """A group number per answer, shared by its near-copies; -1 for an answer without any."""
    shingles = [_shingles(t) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[frozenset[str], int] = {}
    for i, found in enumerate(shingles):
        if found:
            parent[i] = first.setdefault(found, i)  # the same runs of words: a copy
    distinct = [found if first.get(found) == i else frozenset() for i, found in enumerate(shingles)]
    for bucket in _buckets(distinct):
        # Each answer is checked against one answer of every group seen so far in its bucket:
        # a campaign of 500 copies costs 500 checks, not 125,000.
        heads: list[int] = []
        for i in bucket:
            for head in heads:
                if find(i) == find(head) or _jaccard(shingles[i], shingles[head]) >= MIN_JACCARD:
                    parent[find(i)] = find(head)
                    break
            else:
                heads.append(i)
    roots = [find(i) if shingles[i] else -1 for i in range(len(texts))]
    sizes = defaultdict(int)
    for root in roots:
        sizes[root] += 1
    numbers: dict[int, int] = {}
    out = []
    for root in roots:
        if root < 0 or sizes[root] < 2:
            out.append(-1)
        else:
            out.append(numbers.setdefault(root, len(numbers)))
    return out


def count(near: Sequence[int], members: Sequence[int] | None = None) -> int:
    """How many answers (of ``members``, default all) have a near-copy among all answers."""
    chosen = range(len(near)) if members is None else members
    return sum(1 for i in chosen if near[i] >= 0)


def _shingles(text: str | None) -> frozenset[str]:
    words = _WORD.findall((text or "").lower())
    if len(words) < MIN_WORDS:
        return frozenset()
    return frozenset(
        " ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


def _buckets(shingles: Sequence[frozenset[str]]) -> list[list[int]]:
    """Groups of two or more answers that share a whole band of MinHash values."""
    rng = np.random.default_rng(20261201)
    a = rng.integers(1, 1 << 31, HASHES, dtype=np.uint64)
    b = rng.integers(0, 1 << 31, HASHES, dtype=np.uint64)
    rows = HASHES // BANDS
    present = [i for i, found in enumerate(shingles) if found]
    if not present:
        return []
    codes = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for i in present for s in shingles[i]), dtype=np.uint64
    )
    starts = np.cumsum([0] + [len(shingles[i]) for i in present[:-1]])
    signatures = np.minimum.reduceat((codes[:, None] * a + b) % _PRIME, starts, axis=0)
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, signature in zip(present, signatures, strict=True):
        for band in range(BANDS):
            buckets[(band, signature[band * rows : (band + 1) * rows].tobytes())].append(i)
    return [members for members in buckets.values() if len(members) > 1]
