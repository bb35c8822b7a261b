"""What the review workspace needs after a first run: assign, split and match themes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from nlp import encoders, features
from nlp.model import Theme, ThemeModel, ThemeResult
from nlp.pipeline import load_pipeline
from nlp.segments import match_vectors, nearest
from nlp.space import Space

MATCH_MIN = 0.5
SPLIT_RANGE = (2, 8)


def assign(texts: Sequence[str | None], model: ThemeModel | dict) -> tuple[int | None, ...]:
    """Place new answers in existing themes without re-clustering (None: fits none)."""
    if isinstance(model, dict):
        model = ThemeModel.from_dict(model)
    clean = [t if isinstance(t, str) else "" for t in texts]
    parsed = features.parse(clean, load_pipeline())
    encoder = encoders.for_space(model.space)
    projection = None if model.projection is None else np.array(model.projection, np.float32)
    space = Space(_array(model.mean), _array(model.common), projection)
    centroids = _centroids(model)
    from nlp.themes import single_thread

    with single_thread():
        found = nearest(clean, parsed.words, encoder, space, centroids, model.threshold)
    return tuple(None if t is None else model.theme_ids[t] for t in found)


def _centroids(model: ThemeModel) -> np.ndarray:
    width = len(model.centroids[0]) if model.centroids else 1
    return np.array(model.centroids, dtype=np.float32).reshape(-1, width)


def _array(values: Sequence[float] | None) -> np.ndarray | None:
    return None if values is None else np.array(values, dtype=np.float32)


def split_theme(
    texts: Sequence[str | None],
    result: ThemeResult,
    theme_id: int,
    *,
    k: int | None = None,
    seed: int = 0,
) -> ThemeResult:
    """Sub-themes of one theme; indices and assignments refer to the original ``texts``."""
    from nlp.themes import find_themes

    members = [i for i, t in enumerate(result.assignments) if t == theme_id]
    sub = find_themes(
        [texts[i] for i in members], k=k, seed=seed, segment=False, k_range=SPLIT_RANGE
    )
    full: list[int | None] = [None] * len(texts)
    for local, theme in enumerate(sub.assignments):
        full[members[local]] = theme
    themes = tuple(
        replace(t, representatives=tuple(members[r] for r in t.representatives)) for t in sub.themes
    )
    return replace(sub, themes=themes, assignments=tuple(full), segments=())


def match_themes(
    old: ThemeModel | dict, new: ThemeModel | dict, *, min_similarity: float = MATCH_MIN
) -> dict[int, int]:
    """Map theme ids of a new run to those of an earlier run (unmatched new themes absent)."""
    old = ThemeModel.from_dict(old) if isinstance(old, dict) else old
    new = ThemeModel.from_dict(new) if isinstance(new, dict) else new
    if old.space != new.space:
        return {}
    pairs = match_vectors(_centroids(new), _centroids(old))
    return {new.theme_ids[r]: old.theme_ids[c] for r, c, sim in pairs if sim >= min_similarity}


def theme_by_id(result: ThemeResult, theme_id: int) -> Theme:
    """The theme with this id (KeyError when absent)."""
    for theme in result.themes:
        if theme.id == theme_id:
            return theme
    raise KeyError(theme_id)
