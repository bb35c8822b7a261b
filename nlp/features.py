"""Turn texts into word lists (for embedding) and lemma terms (for keywords and TF-IDF)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span

from nlp.pipeline import Pipeline, lemma

# Words that appear in almost every consultation answer and say nothing about its theme.
BOILERPLATE = frozenset(
    """
    vinden vind denk denken graag eigenlijk echt gewoon beter goed heel erg veel meer
    mensen mens ervaring vraag antwoord reactie opmerking punt idee belangrijk zien
    gaan komen maken krijgen moeten kunnen willen zullen zeggen staan laten doen hebben
    zijn worden blijven weten nemen geven houden vinden lijken zou zouden jaar keer
    dank bedankt hoop hopen gedaan eerlijk gezegd opvallen mee weet nodig
    """.split()
)
MAX_WORDS = 400


@dataclass(frozen=True)
class Parsed:
    """Per text: lower-case words, lemma terms, and sentences (char offsets and words)."""

    words: list[list[str]]
    terms: list[list[str]]
    sentences: list[list[tuple[int, int]]]
    sentence_words: list[list[list[str]]]


def parse(
    texts: Sequence[str],
    pipe: Pipeline,
    *,
    sentences: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Parsed:
    """Run the pipeline over all texts once and keep what the theme engine needs."""
    words, terms, spans, sentence_words = [], [], [], []
    for doc in pipe.pipe(texts):
        words.append(doc_words(doc))
        terms.append(doc_terms(doc))
        sents = [s for s in doc.sents if s.text.strip()] if sentences else []
        spans.append([(s.start_char, s.end_char) for s in sents])
        sentence_words.append([doc_words(s) for s in sents] if len(sents) > 1 else [])
        if progress:
            progress(1)
    return Parsed(words, terms, spans, sentence_words)


def content(tokens: Doc | Span) -> list:
    """Alphabetic tokens that are not stop words, capped for very long answers."""
    return [t for t in tokens if t.is_alpha and not t.is_stop and len(t) > 1][:MAX_WORDS]


def doc_words(tokens: Doc | Span) -> list[str]:
    """Lower-case content words, the unit looked up in the static table."""
    return [sys.intern(t.lower_) for t in content(tokens)]  # interned: 100k answers share words


def doc_terms(tokens: Doc | Span) -> list[str]:
    """Lemmas without boilerplate, plus bigrams of adjacent kept lemmas."""
    kept: list[tuple[int, str]] = []
    for tok in content(tokens):
        lem = lemma(tok)
        if lem not in BOILERPLATE and len(lem) > 2 and not tok.vocab[lem].is_stop:
            kept.append((tok.i, lem))
    bigrams = [
        f"{a} {b}" for (i, a), (j, b) in zip(kept, kept[1:], strict=False) if j == i + 1 and a != b
    ]
    return [sys.intern(lem) for _, lem in kept] + [sys.intern(b) for b in bigrams]


def tfidf(terms: Sequence[Sequence[str]], *, min_df: int = 2):
    """Sparse TF-IDF matrix (sublinear, L2) and its vocabulary over precomputed terms."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = min_df if len(terms) >= 20 else 1
    vec = TfidfVectorizer(analyzer=lambda x: x, min_df=min_df, sublinear_tf=True)
    try:
        matrix = vec.fit_transform(terms)
    except ValueError:  # no term survives min_df
        return None, []
    return matrix, list(vec.get_feature_names_out())


def lsa(matrix, *, dim: int = 100, seed: int = 0) -> np.ndarray:
    """Dense unit vectors from TF-IDF by truncated SVD (the lexical-only fallback)."""
    from sklearn.decomposition import TruncatedSVD

    dim = min(dim, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if dim < 2:
        dense = matrix.toarray().astype(np.float32)
    else:
        dense = TruncatedSVD(dim, random_state=seed).fit_transform(matrix).astype(np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return dense / np.maximum(norms, 1e-9)
