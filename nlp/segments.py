"""Sentence-level placement of answers that touch several themes, and chapter matching."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp import features
from nlp.encoders import Encoder
from nlp.model import ChapterSeed, Segment
from nlp.space import Space

CHAPTER_MIN = 0.25
# The share of a theme's answers that must fit a chapter before the theme carries the
# chapter's name: precision before recall. Below it the theme keeps its own label and the
# review page asks to check the chapter ("controleren").
CHAPTER_NAMED = 0.5


def assign_sentences(
    texts: Sequence[str],
    parsed: features.Parsed,
    encoder: Encoder,
    space: Space,
    centroids: np.ndarray,
    threshold: float,
    labels: np.ndarray,
) -> tuple[Segment, ...]:
    """Every sentence with the theme it fits best; one-sentence answers keep their theme.

    The sentences of all answers are read in one call, so the encoder's batches and reader
    threads work for them as for whole answers (one call per answer took 50 of 61 s on
    2,513 answers of one to three sentences).
    """
    several = [i for i in range(len(texts)) if parsed.sentence_words[i]]
    sentences = [texts[i][start:end] for i in several for start, end in parsed.sentences[i]]
    words = [w for i in several for w in parsed.sentence_words[i]]
    found = iter(nearest(sentences, words, encoder, space, centroids, threshold))
    out: list[Segment] = []
    for i, spans in enumerate(parsed.sentences):
        if parsed.sentence_words[i]:
            out.extend(Segment(i, start, end, next(found)) for start, end in spans)
        else:
            theme = int(labels[i]) if labels[i] >= 0 else None
            out.extend(Segment(i, start, end, theme) for start, end in spans)
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


def chapter_matches(
    vectors: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    seed_vecs: np.ndarray,
    seeds: Sequence[ChapterSeed],
    *,
    min_similarity: float = CHAPTER_MIN,
) -> list[tuple[str | None, float | None]]:
    """Per theme: the chapter it may belong to, and the share of its answers that fit it.

    Each theme is paired with at most one chapter (one-to-one, by centroid). An answer fits
    the chapter when that chapter is the one most like it, at ``min_similarity`` or more. A
    theme whose centroid merely leans towards a chapter while its answers are about
    something else then shows a low share; ``CHAPTER_NAMED`` decides when the chapter's
    name may stand for the theme.
    """
    out: list[tuple[str | None, float | None]] = [(None, None)] * len(centroids)
    if len(seeds) == 0 or len(centroids) == 0:
        return out
    sims = vectors @ seed_vecs.T
    nearest_seed = np.argmax(sims, axis=1)
    for theme, seed, sim in match_vectors(centroids, seed_vecs):
        members = np.flatnonzero(labels == theme)
        if sim < min_similarity or len(members) == 0:
            continue
        fits = (nearest_seed[members] == seed) & (sims[members, seed] >= min_similarity)
        out[theme] = (seeds[seed].name, round(float(fits.mean()), 3))
    return out


def match_vectors(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int, float]]:
    """One-to-one pairs (row of a, row of b, cosine) maximising total similarity."""
    from scipy.optimize import linear_sum_assignment

    if len(a) == 0 or len(b) == 0:
        return []
    sims = a @ b.T
    rows, cols = linear_sum_assignment(-sims)
    return [(int(r), int(c), float(sims[r, c])) for r, c in zip(rows, cols, strict=True)]
