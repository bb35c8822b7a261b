"""Cluster unit vectors with KMeans and choose the number of themes automatically."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from sklearn.cluster import KMeans

K_MIN, K_MAX = 5, 30
SAMPLE = 2000
REDUCED = 32
N_INIT = 10
# Above this many answers the restarts run on a sample of this size, and one pass over all
# answers starts from the best of them: k-means++ restarts over every answer were most of the
# clustering time at 10,000 answers (3 of 4 s), for the same themes.
START_SAMPLE = 4000


def kmeans(
    vectors: np.ndarray, k: int, *, seed: int, init: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Labels and unit-length centroids; seeded centroids come first when ``init`` is given."""
    k = max(1, min(k, len(vectors)))
    if init is not None and len(init):
        start = np.vstack([init, _plusplus(vectors, k - len(init), init, seed=seed)])[:k]
        model = KMeans(k, init=start, n_init=1, random_state=seed)
    elif len(vectors) > START_SAMPLE:
        start = _restarts(_sample(vectors, seed=seed, size=START_SAMPLE), k, seed=seed)
        model = KMeans(k, init=start, n_init=1, random_state=seed)
    else:
        model = KMeans(k, n_init=N_INIT, random_state=seed)  # restarts steady the result
    labels = model.fit_predict(vectors)
    centroids = model.cluster_centers_.astype(np.float32)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    return labels, centroids


def _restarts(sample: np.ndarray, k: int, *, seed: int) -> np.ndarray:
    """Centroids of the best of ``N_INIT`` k-means++ restarts on a sample."""
    return KMeans(k, n_init=N_INIT, random_state=seed).fit(sample).cluster_centers_


def _plusplus(vectors: np.ndarray, n: int, fixed: np.ndarray, *, seed: int) -> np.ndarray:
    """Pick ``n`` extra starting points far from the fixed ones (k-means++ style)."""
    rng = np.random.default_rng(seed)
    chosen = [c for c in fixed]
    for _ in range(max(n, 0)):
        dist = 1.0 - np.max(vectors @ np.array(chosen).T, axis=1)
        weights = np.clip(dist, 0, None) ** 2
        if weights.sum() <= 0:
            weights = np.ones(len(vectors))
        chosen.append(vectors[rng.choice(len(vectors), p=weights / weights.sum())])
    return np.array(chosen[len(fixed) :], dtype=np.float32).reshape(-1, vectors.shape[1])


def auto_k(vectors: np.ndarray, *, seed: int, k_min: int = K_MIN, k_max: int = K_MAX) -> int:
    """Number of themes: the best mean cosine silhouette over a grid, on a sample."""
    from sklearn.metrics import silhouette_score

    n = len(vectors)
    if n < 3:
        return 1
    # At most n/5 themes, and about 1.5 sqrt(n): 160 answers give at most 18 themes, not 30
    # themes of five answers each; from 400 answers on the 30 of K_MAX is the limit.
    k_max = min(k_max, max(2, n // 5), max(2, int(1.5 * math.sqrt(n))), n - 1)
    k_min = max(2, min(k_min, k_max))
    sample = _reduce(_sample(vectors, seed=seed), seed=seed)
    scores = {}
    for k in _grid(k_min, k_max):
        labels = KMeans(k, n_init=1, random_state=seed).fit_predict(sample)
        scores[k] = silhouette_score(sample, labels, metric="cosine")
    return max(scores, key=lambda k: (scores[k], -k))


def _grid(k_min: int, k_max: int) -> Sequence[int]:
    return sorted({k for k in range(k_min, k_max + 1) if k <= 12 or k % 3 == 0})


def _sample(vectors: np.ndarray, *, seed: int, size: int = SAMPLE) -> np.ndarray:
    if len(vectors) <= size:
        return vectors
    rng = np.random.default_rng(seed)
    return vectors[np.sort(rng.choice(len(vectors), size, replace=False))]


def _reduce(vectors: np.ndarray, *, seed: int) -> np.ndarray:
    """PCA to a few dimensions so the k grid stays cheap."""
    from sklearn.decomposition import PCA

    dim = min(REDUCED, len(vectors) - 1, vectors.shape[1])
    return PCA(dim, random_state=seed).fit_transform(vectors)
