"""Result types of the theme engine: frozen dataclasses that export to plain JSON-able dicts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SCHEMA = 1


@dataclass(frozen=True)
class ChapterSeed:
    """A known chapter of the region's vision: a name and a few keywords."""

    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    """One theme: label, keywords, size, representative answers, and optional chapter name.

    ``description``: the theme's most central sentence, from its own answers.
    ``near_copies``: how many of its answers are (almost) the same text as another answer.
    ``chapter_match``: how well the answers fit the chapter named (cosine; None: no chapter).
    """

    id: int
    label: str
    keywords: tuple[str, ...]
    size: int
    representatives: tuple[int, ...]
    chapter: str | None = None
    description: str = ""
    near_copies: int = 0
    chapter_match: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with lists instead of tuples."""
        out = asdict(self)
        out["keywords"], out["representatives"] = list(self.keywords), list(self.representatives)
        return out


@dataclass(frozen=True)
class Segment:
    """One sentence of an answer (character offsets) and the theme it went to."""

    input: int
    start: int
    end: int
    theme: int | None


@dataclass(frozen=True)
class ThemeModel:
    """What is needed to place new answers later: centroids in the embedding space."""

    space: str
    centroids: tuple[tuple[float, ...], ...]
    theme_ids: tuple[int, ...]
    common: tuple[float, ...] | None
    mean: tuple[float, ...] | None
    threshold: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (store it in the database)."""
        return {"schema": SCHEMA, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThemeModel:
        """Rebuild a model stored with ``to_dict``."""

        def tup(value):  # noqa: ANN001
            return None if value is None else tuple(value)

        return cls(
            space=str(data["space"]),
            centroids=tuple(tuple(c) for c in data["centroids"]),
            theme_ids=tuple(int(i) for i in data["theme_ids"]),
            common=tup(data.get("common")),
            mean=tup(data.get("mean")),
            threshold=float(data["threshold"]),
        )


@dataclass(frozen=True)
class ThemeResult:
    """Themes found in a list of answers, with one assignment (or None) per answer."""

    pipeline: str
    space: str
    themes: tuple[Theme, ...]
    assignments: tuple[int | None, ...]
    segments: tuple[Segment, ...]
    model: ThemeModel
    copies: tuple[int, ...] = ()  # per answer: its near-copy group, -1 for none

    @property
    def n_inputs(self) -> int:
        """Number of answers given."""
        return len(self.assignments)

    def to_json(self) -> dict[str, Any]:
        """The command line's output object plus segments and the stored model."""
        return {
            "pipeline": self.pipeline,
            "n_inputs": self.n_inputs,
            "themes": [t.to_dict() for t in self.themes],
            "assignments": list(self.assignments),
            "near_copies": sum(1 for c in self.copies if c >= 0),
            "segments": [asdict(s) for s in self.segments],
            "model": self.model.to_dict(),
        }
