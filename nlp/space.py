"""The vector space themes live in: centred, common direction removed, unit length."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp.encoders import Encoder

CHUNK = 8192


@dataclass(frozen=True)
class Space:
    """Mean and common direction fitted on one run's answers."""

    mean: np.ndarray | None
    common: np.ndarray | None

    def transform(self, raw: np.ndarray) -> np.ndarray:
        """Map raw encoder vectors into the space, in chunks to bound memory on 100k answers."""
        if len(raw) <= CHUNK:
            return self._transform(raw)
        return np.vstack([self._transform(raw[i : i + CHUNK]) for i in range(0, len(raw), CHUNK)])

    def _transform(self, raw: np.ndarray) -> np.ndarray:
        empty = ~np.any(raw, axis=1)
        out = raw - self.mean if self.mean is not None else raw.copy()
        if self.common is not None:
            out -= np.outer(out @ self.common, self.common)
        out = _unit(out)
        out[empty] = 0.0
        return out


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def fit_space(raw: np.ndarray, *, remove_common: bool = True) -> Space:
    """Fit the mean and (when asked) the first principal direction on the non-empty rows."""
    rows = raw[np.any(raw, axis=1)]
    # Centring identical answers would leave nothing of them: they are one theme as they are.
    if len(rows) < 3 or np.ptp(rows, axis=0).max() < 1e-6:
        return Space(mean=None, common=None)
    mean = rows.mean(axis=0, dtype=np.float64)
    if not remove_common:
        return Space(mean=mean.astype(np.float32), common=None)
    # Covariance (dims x dims) instead of an SVD of all rows: no answers-sized copies.
    cov = (rows.T @ rows).astype(np.float64) / len(rows) - np.outer(mean, mean)
    _, vecs = np.linalg.eigh(cov)
    return Space(mean=mean.astype(np.float32), common=vecs[:, -1].astype(np.float32))


def seed_vectors(
    texts: Sequence[str], words: Sequence[Sequence[str]], encoder: Encoder, space: Space
) -> np.ndarray:
    """One unit vector per chapter seed from its name and keywords."""
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return space.transform(encoder.encode(texts, words))
