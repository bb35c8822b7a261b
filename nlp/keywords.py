"""Keywords, labels and representative answers for clustered answers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

N_KEYWORDS = 8
N_REPRESENTATIVES = 5
MAX_SIMILAR = 0.97


def theme_keywords(
    terms: Sequence[Sequence[str]], labels: np.ndarray, n_themes: int, *, top: int = N_KEYWORDS
) -> list[list[str]]:
    """Distinctive lemmas and bigrams per theme by class-based TF-IDF (as in BERTopic)."""
    from sklearn.feature_extraction.text import CountVectorizer

    if n_themes == 0 or not any(terms):
        return [[] for _ in range(n_themes)]
    vec = CountVectorizer(analyzer=lambda x: x, binary=True)
    counts = vec.fit_transform(terms)
    vocab = vec.get_feature_names_out()
    member = labels >= 0
    onehot = sparse.csr_matrix(
        (np.ones(member.sum()), (labels[member], np.flatnonzero(member))),
        shape=(n_themes, len(terms)),
    )
    per_theme = (onehot @ counts).toarray().astype(np.float64)
    return [_pick(per_theme, t, vocab, top=top) for t in range(n_themes)]


def _pick(per_theme: np.ndarray, theme: int, vocab: np.ndarray, *, top: int) -> list[str]:
    row = per_theme[theme]
    total = per_theme.sum(axis=0)
    avg = per_theme.sum() / max(len(per_theme), 1)
    score = (row / max(row.sum(), 1.0)) * np.log1p(avg / np.maximum(total, 1.0))
    score[row < min(2.0, row.max())] = 0.0  # a keyword should recur inside its theme
    chosen: list[str] = []
    covered: set[str] = set()
    for i in np.argsort(-score, kind="stable"):
        if score[i] <= 0 or len(chosen) == top:
            break
        words = set(vocab[i].split())
        if words <= covered:
            continue
        chosen.append(str(vocab[i]))
        covered |= words
    return chosen


def make_labels(keywords: Sequence[Sequence[str]]) -> list[str]:
    """Short unique labels such as 'wachtlijst · woning' from the top keywords."""
    labels: list[str] = []
    for words in keywords:
        label = _label(words, 2)
        if label in labels:
            label = _label(words, 3)
        labels.append(label or "overig")
    return labels


def _label(words: Sequence[str], n: int) -> str:
    if words and " " in words[0]:
        n -= 1
    return " · ".join(words[: max(n, 1)])


def representatives(
    vectors: np.ndarray,
    members: np.ndarray,
    centroid: np.ndarray,
    texts: Sequence[str],
    *,
    top: int = N_REPRESENTATIVES,
) -> list[int]:
    """Answers closest to the centroid that are not near-copies of one already chosen."""
    order = members[np.argsort(-(vectors[members] @ centroid), kind="stable")]
    chosen: list[int] = []
    seen: set[str] = set()
    for idx in order:
        key = " ".join(texts[idx].lower().split())
        if key in seen:
            continue
        if chosen and np.max(vectors[chosen] @ vectors[idx]) > MAX_SIMILAR:
            continue
        chosen.append(int(idx))
        seen.add(key)
        if len(chosen) == top:
            break
    return chosen
