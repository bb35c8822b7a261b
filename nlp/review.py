"""What the review workspace needs after a first run: place new answers, match themes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp import encoders, features
from nlp.model import ThemeModel
from nlp.pipeline import load_pipeline
from nlp.segments import match_vectors, nearest
from nlp.space import Space
from nlp.threads import single_thread

MATCH_MIN = 0.5


def assign(texts: Sequence[str | None], model: ThemeModel | dict) -> tuple[int | None, ...]:
    """Place new answers in existing themes without re-clustering (None: fits none).

    A model whose encoder no longer exists (``static-e5``) places nothing: all None.
    """
    if isinstance(model, dict):
        model = ThemeModel.from_dict(model)
    encoder = encoders.for_space(model.space)
    if encoder is None:
        return (None,) * len(texts)
    clean = [t if isinstance(t, str) else "" for t in texts]
    space = Space(_array(model.mean), _array(model.common))
    centroids = _centroids(model)
    with single_thread():
        parsed = features.parse(clean, load_pipeline())
        found = nearest(clean, parsed.words, encoder, space, centroids, model.threshold)
    return tuple(None if t is None else model.theme_ids[t] for t in found)


def _centroids(model: ThemeModel) -> np.ndarray:
    width = len(model.centroids[0]) if model.centroids else 1
    return np.array(model.centroids, dtype=np.float32).reshape(-1, width)


def _array(values: Sequence[float] | None) -> np.ndarray | None:
    return None if values is None else np.array(values, dtype=np.float32)


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
