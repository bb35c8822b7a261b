"""Sub-themes of one theme: the one rule for splitting, used by the review workspace."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nlp.model import ThemeResult
from nlp.themes import find_themes

SPLIT_MIN = 2
SPLIT_MAX = 6


def split_range(n: int) -> tuple[int, int]:
    """Candidate sub-theme counts for ``n`` answers: 2 to 6, and at most one per two answers."""
    return SPLIT_MIN, max(SPLIT_MIN, min(SPLIT_MAX, n // 2))


def split_texts(texts: Sequence[str | None], *, k: int | None = None, seed: int = 0) -> ThemeResult:
    """Sub-themes of the given answers (``k=None``: chosen within ``split_range``)."""
    return find_themes(
        list(texts), k=k, seed=seed, segment=False, k_range=split_range(len(texts))
    )


def split_theme(
    texts: Sequence[str | None],
    result: ThemeResult,
    theme_id: int,
    *,
    k: int | None = None,
    seed: int = 0,
) -> ThemeResult:
    """Sub-themes of one theme; indices and assignments refer to the original ``texts``."""
    members = [i for i, t in enumerate(result.assignments) if t == theme_id]
    sub = split_texts([texts[i] for i in members], k=k, seed=seed)
    full: list[int | None] = [None] * len(texts)
    for local, theme in enumerate(sub.assignments):
        full[members[local]] = theme
    themes = tuple(
        replace(t, representatives=tuple(members[r] for r in t.representatives)) for t in sub.themes
    )
    return replace(sub, themes=themes, assignments=tuple(full), segments=())
