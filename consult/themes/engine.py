"""Adapter to the theme engine in ``nlp``: the only module that calls it for themes.

Everything the app needs goes through plain dataclasses defined here, so a change in the
engine's API is absorbed in this one file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields

Progress = Callable[[str, int], None]  # (stage, percent)

# Share of the run's progress bar per engine stage.
STAGES = {"parse": (0, 40), "embed": (40, 80), "cluster": (80, 95)}


@dataclass(frozen=True)
class Options:
    """Engine settings for one run (recorded on the run)."""

    k: int | None = None
    seed: int = 0
    semantic: bool = True  # False: link answers by shared words only (fast; used in tests)

    def as_dict(self) -> dict:
        return {"k": self.k, "seed": self.seed, "semantic": self.semantic}

    @classmethod
    def from_dict(cls, data: dict) -> Options:
        """Options stored with a run; settings that no longer exist are ignored.

        Runs made before the word table was removed also stored ``learn_words``.
        """
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class Seed:
    """A vision chapter used as a starting point for a theme."""

    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoundTheme:
    key: int
    label: str
    keywords: list[str]
    representatives: list[int]  # indices into the input texts
    chapter: str | None = None  # named after this chapter: enough of its answers fit it
    description: str = ""  # its most central sentence
    near_copies: int = 0  # answers that are (almost) the same text as another answer
    suggested_chapter: str | None = None  # the chapter it leans to, named or not
    chapter_match: float | None = None  # share of its answers that fit that chapter


@dataclass(frozen=True)
class Found:
    """Themes over a list of texts: one theme key (or None) per text, and the stored model."""

    pipeline: str
    themes: list[FoundTheme]
    assignments: list[int | None]
    model: dict = field(default_factory=dict)
    unassigned_near_copies: int = 0  # near-copies among the answers in no theme


def find_themes(texts: Sequence[str], *, options: Options, seeds: Sequence[Seed] = (),
                progress: Progress | None = None) -> Found:
    """Cluster texts into themes."""
    from nlp import themes as engine

    result = engine.find_themes(
        list(texts), k=options.k, seed=options.seed, semantic=options.semantic, segment=False,
        seeds=[engine.ChapterSeed(s.name, tuple(s.keywords)) for s in seeds],
        progress=_engine_progress(progress),
    )
    return _found(result)


VECTORS_NL = {
    "use-m3": "het meertalige taalmodel Universal Sentence Encoder",
    "static-e5": "woordbetekenissen uit het taalmodel e5",  # runs before it was removed
    "lexical": "alleen gedeelde woorden",
}


def describe_pipeline(pipeline: str) -> str:
    """A run's method in words for staff (the technical name is shown beside it)."""
    if not pipeline:
        return "onbekend"
    words, _, vectors = pipeline.partition("; vectors=")
    reader = ("de eenvoudige Nederlandse spaCy-pijplijn" if words.startswith("blank:")
              else "een getrainde Nederlandse spaCy-pijplijn")
    return f"{VECTORS_NL.get(vectors, vectors or 'onbekend')}; woorden gelezen met {reader}"


def _engine_progress(progress: Progress | None):
    if progress is None:
        return None

    def report(stage: str, done: int, total: int) -> None:
        low, high = STAGES.get(stage, (0, 95))
        share = done / total if total else 1.0
        progress(stage, int(low + (high - low) * min(share, 1.0)))

    return report


def _found(result) -> Found:
    themes = [
        FoundTheme(key=t.id, label=t.label, keywords=list(t.keywords),
                   representatives=list(t.representatives),
                   chapter=t.chapter if t.label == t.chapter else None,
                   description=t.description, near_copies=t.near_copies,
                   suggested_chapter=t.chapter, chapter_match=t.chapter_match)
        for t in result.themes
    ]
    model = result.model.to_dict() if result.model is not None else {}
    loose = sum(1 for a, c in zip(result.assignments, result.copies, strict=False)
                if a is None and c >= 0)
    return Found(result.pipeline, themes, list(result.assignments), model, loose)


def split(texts: Sequence[str], *, k: int | None = None, seed: int = 0) -> Found:
    """Automatic sub-themes of the given texts (indices refer to ``texts``)."""
    from nlp import split as engine

    return _found(engine.split_texts(list(texts), k=k, seed=seed))


def assign(texts: Sequence[str], *, model: dict,
           keywords: dict[int, Sequence[str]]) -> list[int | None]:
    """Theme key per new text: the engine's model first, shared keywords as a fallback."""
    keys: list[int | None] = [None] * len(texts)
    if model.get("centroids"):
        from nlp import review as engine

        keys = list(engine.assign(list(texts), model))
    return [key if key is not None else best_by_keywords(text, keywords)
            for key, text in zip(keys, texts, strict=True)]


def best_by_keywords(text: str, keywords: dict[int, Sequence[str]]) -> int | None:
    """The theme sharing most keywords with the text, or None when none is shared."""
    scored = [(len(shared_keywords(text, kws)), key) for key, kws in keywords.items()]
    scored = [s for s in scored if s[0] > 0]
    return max(scored)[1] if scored else None


WARM_TEXTS = ("Er zijn te weinig betaalbare woningen in de regio.",
              "De wachtlijst voor begeleiding is lang.", "Schulden moeten eerder worden gezien.")


def warm() -> None:
    """Load the engine's models into this process by analysing three sentences.

    A worker that forks per job calls this once before forking: every job then starts
    with the pipeline and encoder in memory instead of loading them (seconds) per round.
    """
    from nlp import themes as engine

    engine.find_themes(list(WARM_TEXTS), segment=False)


def model_is_warm() -> bool:
    """Whether the engine is loaded in this process (placing one answer is then cheap)."""
    return "nlp.themes" in sys.modules or "nlp.review" in sys.modules


def match(old: dict, new: dict) -> dict[int, int]:
    """Map theme keys of a new run to keys of an earlier run by their model centroids."""
    if not old.get("centroids") or not new.get("centroids"):
        return {}
    from nlp import review as engine

    return dict(engine.match_themes(old, new))


def copy_groups(texts: Sequence[str]) -> list[int]:
    """A group number per text, shared by its near-copies; -1 for a text without any."""
    from nlp import copies

    return copies.groups(texts)


_WORD = re.compile(r"\w+", re.UNICODE)


def shared_keywords(text: str, keywords: Sequence[str]) -> list[str]:
    """Theme keywords that occur in the text (a word starting with each keyword's stem)."""
    words = [w.lower() for w in _WORD.findall(text)]
    return [kw for kw in keywords if _occurs(kw.lower(), words)]


def _occurs(keyword: str, words: list[str]) -> bool:
    parts = keyword.split()
    stems = [p[: max(4, len(p) - 2)] for p in parts]
    if len(parts) == 1:
        return any(w.startswith(stems[0]) for w in words)
    for i in range(len(words) - len(parts) + 1):
        if all(words[i + j].startswith(stems[j]) for j in range(len(parts))):
            return True
    return False
