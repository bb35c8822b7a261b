"""Texts in, themes out: the theme engine's public API.

The web app's adapter calls::

    result = find_themes(texts, k=None, seed=0, seeds=[ChapterSeed("Wonen", ("woning",))])
    result.to_json()                       # plain dict, see ``ThemeResult.to_json``

``nlp.review`` places new answers in a stored model and matches two runs' themes;
``nlp.split`` splits one theme into sub-themes.

``ThemeModel.to_dict()`` / ``ThemeModel.from_dict()`` store a model as JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from nlp import cluster, copies, encoders, features, segments
from nlp.keywords import describe, make_labels, representatives, theme_keywords
from nlp.model import ChapterSeed, Theme, ThemeModel, ThemeResult
from nlp.pipeline import load_pipeline
from nlp.space import Space, fit_space, seed_vectors
from nlp.threads import single_thread

__all__ = [
    "ChapterSeed",
    "ThemeModel",
    "ThemeResult",
    "find_themes",
]

OUTLIER_Z = 2.5
MIN_THEME = 3
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class _Prepared:
    texts: list[str]
    parsed: features.Parsed
    encoder: encoders.Encoder
    raw: np.ndarray
    pipeline: str


def find_themes(
    texts: Sequence[str | None],
    *,
    k: int | None = None,
    seed: int = 0,
    seeds: Sequence[ChapterSeed] = (),
    segment: bool = True,
    semantic: bool = True,
    k_range: tuple[int, int] = (cluster.K_MIN, cluster.K_MAX),
    encoder: str | None = None,
    progress: Progress | None = None,
) -> ThemeResult:
    """Group answers into themes; ``k=None`` chooses the number of themes itself.

    ``encoder``: ``use`` (default) or ``lexical``; see ``nlp.encoders``. ``semantic=False``
    means lexical.
    """
    prep = _prepare(
        texts,
        encoder=encoders.choose(encoder, semantic=semantic),
        segment=segment,
        progress=progress,
    )
    with single_thread():
        space = fit_space(prep.raw, remove_common=prep.encoder.remove_common)
        vectors = space.transform(prep.raw)
        init = _seed_init(seeds, prep, space)
        labels, centroids = _cluster(
            vectors,
            k=k,
            k_range=k_range,
            seed=seed,
            init=init,
            claim=prep.encoder.chapter_min,
            terms=prep.parsed.terms,
            progress=progress,
        )
        return _result(prep, space, vectors, labels, centroids, seeds=seeds, segment=segment)


def _prepare(
    texts: Sequence[str | None],
    *,
    encoder: encoders.Encoder,
    segment: bool,
    progress: Progress | None,
) -> _Prepared:
    clean = [t if isinstance(t, str) else "" for t in texts]
    pipe = load_pipeline()
    step = _stepper(progress, "parse", len(clean))
    with single_thread():
        parsed = features.parse(clean, pipe, progress=step, sentences=segment)
        raw = encoder.encode(
            clean, parsed.words, progress=_stepper(progress, "embed", len(clean))
        )
    return _Prepared(clean, parsed, encoder, raw, f"{pipe.name}; vectors={encoder.name}")


def _stepper(progress: Progress | None, stage: str, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        progress(stage, done[0], total)

    return step


def _seed_init(seeds: Sequence[ChapterSeed], prep: _Prepared, space: Space) -> np.ndarray:
    if not seeds:
        return np.zeros((0, prep.encoder.dim), dtype=np.float32)
    pipe = load_pipeline()
    texts = [", ".join([s.name, *s.keywords]) for s in seeds]
    words = [
        features.doc_words(doc) + [w.lower() for w in s.keywords]
        for doc, s in zip(pipe.pipe(texts), seeds, strict=True)
    ]
    return seed_vectors(texts, words, prep.encoder, space)


def _cluster(
    vectors: np.ndarray,
    *,
    k: int | None,
    k_range: tuple[int, int],
    seed: int,
    init: np.ndarray,
    claim: float,
    terms: Sequence[Sequence[str]],
    progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Labels (-1 for answers without words) and centroids.

    ``init``: chapter seed vectors; a theme found whose centroid is at least ``claim`` alike
    to a seed starts from the seed instead (so it is found under the chapter's name).
    """
    valid = np.flatnonzero(np.any(vectors, axis=1))
    labels = np.full(len(vectors), -1, dtype=np.int64)
    if len(valid) == 0:
        return labels, np.zeros((0, vectors.shape[1]), dtype=np.float32)
    if progress:
        progress("cluster", 0, 1)
    if k is None:
        found = cluster.theme_starts(
            vectors[valid],
            seed=seed,
            k_min=k_range[0],
            k_max=k_range[1],
            terms=[terms[i] for i in valid],
        )
        init = cluster.with_seeds(init, found, min_similarity=claim)
        k = len(init)
    sub, centroids = cluster.kmeans(vectors[valid], k, seed=seed, init=init[:k])
    labels[valid] = sub
    return labels, centroids


def _result(
    prep: _Prepared,
    space: Space,
    vectors: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    *,
    seeds: Sequence[ChapterSeed],
    segment: bool,
) -> ThemeResult:
    threshold = _threshold(vectors, labels, centroids)
    labels = _drop_outliers(vectors, labels, centroids, threshold)
    labels, centroids = _renumber(labels, centroids)
    keywords = theme_keywords(prep.parsed.terms, labels, len(centroids))
    chapters = segments.chapter_matches(
        vectors,
        labels,
        centroids,
        seed_vectors_of(seeds, prep, space),
        seeds,
        min_similarity=prep.encoder.chapter_min,
    )
    named = [name if (match or 0) >= segments.CHAPTER_NAMED else None for name, match in chapters]
    own = make_labels(
        keywords, forms=prep.parsed.forms, pos=prep.parsed.pos, taken=[n for n in named if n]
    )
    near = copies.groups(prep.texts)
    members = [np.flatnonzero(labels == t) for t in range(len(centroids))]
    model = _model(prep.encoder.name, space, centroids, threshold)
    segs = (
        segments.assign_sentences(
            prep.texts, prep.parsed, prep.encoder, space, centroids, threshold, labels
        )
        if segment
        else ()
    )
    themes = tuple(
        Theme(
            id=t,
            label=named[t] or own[t],
            keywords=tuple(keywords[t]),
            size=len(members[t]),
            representatives=tuple(
                representatives(vectors, members[t], centroids[t], prep.texts)
            ),
            chapter=chapters[t][0],
            description=_description(prep, space, vectors, members[t], centroids[t]),
            near_copies=copies.count(near, members[t]),
            chapter_match=chapters[t][1],
        )
        for t in range(len(centroids))
    )
    assignments = tuple(int(x) if x >= 0 else None for x in labels)
    return ThemeResult(
        prep.pipeline, prep.encoder.name, themes, assignments, segs, model, tuple(near)
    )


DESCRIBE_FROM = 12  # the answers nearest a theme's centre whose sentences may describe it


def _description(
    prep: _Prepared, space: Space, vectors: np.ndarray, members: np.ndarray, centroid: np.ndarray
) -> str:
    """The theme's most central sentence, from the answers nearest its centre."""
    near = members[np.argsort(-(vectors[members] @ centroid), kind="stable")][:DESCRIBE_FROM]
    spans = [(i, start, end) for i in near for start, end in prep.parsed.sentences[i]]
    sentences = [prep.texts[i][start:end] for i, start, end in spans]
    words = [features.doc_words(doc) for doc in load_pipeline().pipe(sentences)]
    keep = [j for j, w in enumerate(words) if len(w) >= 2] or list(range(len(sentences)))
    sentences = [sentences[j] for j in keep]
    sentence_vectors = space.transform(prep.encoder.encode(sentences, [words[j] for j in keep]))
    return describe(sentences, sentence_vectors, centroid)


def seed_vectors_of(seeds: Sequence[ChapterSeed], prep: _Prepared, space: Space) -> np.ndarray:
    """Seed vectors in this run's space."""
    return _seed_init(seeds, prep, space)


def _threshold(vectors: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> float:
    """Similarity below which an answer is an outlier: far below its theme's typical answer."""
    member = labels >= 0
    if member.sum() < 10:
        return -1.0
    sims = _own_similarity(vectors[member], centroids, labels[member])
    # Less a rounding margin: answers identical to their centroid must not fall below it.
    return float(max(0.0, sims.mean() - OUTLIER_Z * sims.std() - 1e-4))


def _own_similarity(vectors: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Cosine of each answer to its own theme, without a copy of all vectors."""
    return (vectors @ centroids.T)[np.arange(len(labels)), labels]


def _drop_outliers(
    vectors: np.ndarray, labels: np.ndarray, centroids: np.ndarray, threshold: float
) -> np.ndarray:
    labels = labels.copy()
    member = np.flatnonzero(labels >= 0)
    sims = _own_similarity(vectors[member], centroids, labels[member])
    labels[member[sims < threshold]] = -1
    if len(vectors) >= 30:  # a theme of one or two answers is noise in a large set
        sizes = np.bincount(labels[labels >= 0], minlength=len(centroids))
        labels[np.isin(labels, np.flatnonzero(sizes < MIN_THEME))] = -1
    return labels


def _renumber(labels: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Theme ids by size, largest first; empty themes removed."""
    sizes = np.bincount(labels[labels >= 0], minlength=len(centroids))
    order = [t for t in np.argsort(-sizes, kind="stable") if sizes[t] > 0]
    mapping = np.full(len(centroids) + 1, -1, dtype=np.int64)
    mapping[order] = np.arange(len(order))
    return mapping[labels], centroids[order].reshape(len(order), centroids.shape[1])


def _model(name: str, space: Space, centroids: np.ndarray, threshold: float) -> ThemeModel:
    def as_tuple(vec: np.ndarray | None) -> tuple[float, ...] | None:
        return None if vec is None else tuple(round(float(x), 6) for x in vec)

    return ThemeModel(
        space=name,
        centroids=tuple(as_tuple(c) for c in centroids),
        theme_ids=tuple(range(len(centroids))),
        common=as_tuple(space.common),
        mean=as_tuple(space.mean),
        threshold=threshold,
    )
