"""Cluster unit vectors: a neighbour graph finds the themes, k-means settles their borders."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans

from nlp import features

K_MIN, K_MAX = 5, 30
N_INIT = 10
# The graph: each answer linked to its 15 most similar answers, communities at modularity's
# own resolution, on a sample (a graph over 3,000 answers takes well under a second). On
# three labelled sets (SIB-200, the 60-answer fixture, 600 demo answers; 6 seeds) this beat
# choosing k by silhouette on every one, and so did 10-30 neighbours and resolutions 0.8-1.2.
NEIGHBOURS = 15
RESOLUTION = 1.0
GRAPH_SAMPLE = 3000
MIN_COMMUNITY = 3
# Answers that share rare words (TF-IDF over lemmas) are linked too, at a quarter of the
# weight of the meaning links. 60-answer fixture / 600 demo answers / SIB-200, 6 seeds, NMI:
# without 0.57 / 0.60 / 0.46; weight 0.1-0.3: 0.68-0.72 / 0.60-0.62 / 0.44-0.46.
LEXICAL_WEIGHT = 0.25
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
        weights = np.ones(len(vectors))
        if chosen:
            dist = 1.0 - np.max(vectors @ np.array(chosen).T, axis=1)
            weights = np.clip(dist, 0, None) ** 2
        if weights.sum() <= 0:
            weights = np.ones(len(vectors))
        chosen.append(vectors[rng.choice(len(vectors), p=weights / weights.sum())])
    return np.array(chosen[len(fixed) :], dtype=np.float32).reshape(-1, vectors.shape[1])


def theme_starts(
    vectors: np.ndarray,
    *,
    seed: int,
    k_min: int = K_MIN,
    k_max: int = K_MAX,
    terms: Sequence[Sequence[str]] | None = None,
) -> np.ndarray:
    """Starting centroids, one per theme: the communities of a nearest-neighbour graph.

    Answers are linked to their most similar answers, and Louvain finds the groups that are
    more linked among themselves than chance would give (modularity): that also decides how
    many themes there are. Communities smaller than ``MIN_COMMUNITY`` are left to k-means.
    ``terms`` (per answer, e.g. lemmas) add links between answers that share rare words.
    """
    if len(vectors) < 3:  # one or two answers: one theme
        return _unit(vectors.mean(axis=0, keepdims=True)).astype(np.float32)
    # Identical answers would link only to each other; one of each is enough for the graph.
    rows = _distinct(vectors)
    if len(rows) < 3:
        return _unit(vectors[rows]).astype(np.float32)
    k_min, k_max = _k_bounds(len(vectors), k_min, k_max)
    rows = _sample(rows, seed=seed, size=GRAPH_SAMPLE)
    sample = vectors[rows]
    communities = _communities(sample, None if terms is None else [terms[i] for i in rows],
                               seed=seed)
    sizes = np.bincount(communities)
    order = [c for c in np.argsort(-sizes, kind="stable") if sizes[c] >= MIN_COMMUNITY]
    # More communities than themes allowed: the smallest go, k-means places their answers.
    means = [sample[communities == c].mean(axis=0) for c in order[:k_max]]
    starts = _unit(np.array(means, dtype=np.float32).reshape(-1, vectors.shape[1]))
    if len(starts) < k_min:
        starts = np.vstack([starts, _plusplus(sample, k_min - len(starts), starts, seed=seed)])
    return starts.astype(np.float32)


def with_seeds(seeds: np.ndarray, found: np.ndarray, *, min_similarity: float) -> np.ndarray:
    """Chapter seeds first, then the themes found less the one each seed stands for.

    A seed nobody wrote about takes no theme found away; k-means leaves it empty or small,
    and empty themes are dropped.
    """
    if not len(seeds):
        return found
    sims = seeds @ found.T
    claimed = {int(np.argmax(row)) for row in sims if row.max() >= min_similarity}
    rest = [c for i, c in enumerate(found) if i not in claimed]
    return np.vstack([seeds, *rest]).astype(np.float32)


def _k_bounds(n: int, k_min: int, k_max: int) -> tuple[int, int]:
    # At most n/5 themes, and about 1.5 sqrt(n): 160 answers give at most 18 themes, not 30
    # themes of five answers each; from 400 answers on the 30 of K_MAX is the limit.
    k_max = min(k_max, max(2, n // 5), max(2, int(1.5 * math.sqrt(n))), n - 1)
    return max(1, min(k_min, k_max)), k_max


def _communities(
    vectors: np.ndarray, terms: Sequence[Sequence[str]] | None, *, seed: int
) -> np.ndarray:
    """Louvain communities of the symmetric nearest-neighbour graph (cosine weights).

    Louvain, not Leiden: scikit-network's Leiden draws from C's global ``rand()``, so the same
    graph and seed gave different communities within one process. Louvain visits the
    answers in an order drawn from ``seed`` and is otherwise deterministic.
    """
    from sknetwork.clustering import Louvain

    k = max(2, min(NEIGHBOURS, len(vectors) // 4))
    graph = _neighbour_graph(vectors @ vectors.T, k)
    lexical = None if terms is None else features.tfidf(terms)[0]
    if lexical is not None:
        graph = (graph + LEXICAL_WEIGHT * _neighbour_graph((lexical @ lexical.T).toarray(), k))
    graph = graph.tocsr()
    graph.eliminate_zeros()
    if graph.nnz == 0:  # no two answers alike at all: each is its own community
        return np.arange(len(vectors))
    louvain = Louvain(resolution=RESOLUTION, shuffle_nodes=True, random_state=seed)
    return louvain.fit_predict(graph)


def _neighbour_graph(sims: np.ndarray, k: int) -> sparse.csr_matrix:
    """Each row linked to its ``k`` most similar rows, weighted by (positive) similarity."""
    n = len(sims)
    sims = np.asarray(sims, dtype=np.float32)
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argpartition(-sims, k, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    weights = np.clip(sims[rows, nearest.ravel()], 0.0, None)
    graph = sparse.csr_matrix((weights, (rows, nearest.ravel())), shape=(n, n))
    return ((graph + graph.T) / 2).tocsr()


def _distinct(vectors: np.ndarray) -> np.ndarray:
    """Indices of the first of each set of identical rows, in order (0.1 s at 100k rows)."""
    first: dict[bytes, int] = {}
    for i, row in enumerate(vectors):
        first.setdefault(row.tobytes(), i)
    return np.fromiter(first.values(), dtype=np.int64, count=len(first))


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def _sample(vectors: np.ndarray, *, seed: int, size: int) -> np.ndarray:
    if len(vectors) <= size:
        return vectors
    rng = np.random.default_rng(seed)
    return vectors[np.sort(rng.choice(len(vectors), size, replace=False))]
