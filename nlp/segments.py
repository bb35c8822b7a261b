"""Sentence-level placement of answers that touch several themes, and chapter matching."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp import features
from nlp.encoders import Encoder
from nlp.model import ChapterSeed, Segment
from nlp.space import Space

CHAPTER_MIN = 0.25


def assign_sentences(
    texts: Sequence[str],
    parsed: features.Parsed,
    encoder: Encoder,
    space: Space,
    centroids: np.ndarray,
    threshold: float,
    labels: np.ndarray,
) -> tuple[Segment, ...]:
    """Every sentence with the theme it fits best; one-sentence answers keep their theme."""
    out: list[Segment] = []
    for i, spans in enumerate(parsed.sentences):
        if not parsed.sentence_words[i]:
            theme = int(labels[i]) if labels[i] >= 0 else None
            out.extend(Segment(i, start, end, theme) for start, end in spans)
            continue
        sentences = [texts[i][start:end] for start, end in spans]
        themes = nearest(
            sentences, parsed.sentence_words[i], encoder, space, centroids, threshold
        )
        out.extend(
            Segment(i, start, end, theme) for (start, end), theme in zip(spans, themes, strict=True)
        )
    return tuple(out)


def nearest(
    texts: Sequence[str],
    words: Sequence[Sequence[str]],
    encoder: Encoder,
    space: Space,
    centroids: np.ndarray,
    threshold: float,
) -> list[int | None]:
    """Closest theme per text, or None when it has no words or is too far from every theme."""
    if len(centroids) == 0:
        return [None] * len(texts)
    vectors = space.transform(encoder.encode(texts, words))
    sims = vectors @ centroids.T
    best = np.argmax(sims, axis=1)
    empty = ~np.any(vectors, axis=1)
    return [
        None if empty[i] or sims[i, best[i]] < threshold else int(best[i])
        for i in range(len(texts))
    ]


def chapters_for(
    centroids: np.ndarray,
    seed_vecs: np.ndarray,
    seeds: Sequence[ChapterSeed],
    *,
    min_similarity: float = CHAPTER_MIN,
) -> list[str | None]:
    """Name of the chapter seed each theme matches one-to-one, if similar enough."""
    names: list[str | None] = [None] * len(centroids)
    if len(seeds) == 0 or len(centroids) == 0:
        return names
    for theme, other, sim in match_vectors(centroids, seed_vecs):
        if sim >= min_similarity:
            names[theme] = seeds[other].name
    return names


def match_vectors(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int, float]]:
    """One-to-one pairs (row of a, row of b, cosine) maximising total similarity."""
    from scipy.optimize import linear_sum_assignment

    if len(a) == 0 or len(b) == 0:
        return []
    sims = a @ b.T
    rows, cols = linear_sum_assignment(-sims)
    return [(int(r), int(c), float(sims[r, c])) for r, c in zip(rows, cols, strict=True)]
