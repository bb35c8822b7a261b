"""Bar charts per summary section, with a text alternative. Matplotlib's Agg backend only."""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display, no GUI toolkit: safe in web workers

from matplotlib.figure import Figure  # noqa: E402

from consult.exports.dataset import Section  # noqa: E402

BAR_COLOUR = "#1f5f8b"  # dark blue: at least 4.5:1 on white, readable in grey print


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str


def _short(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def section_chart(section: Section, *, dpi: int = 100) -> Chart:
    """Horizontal bars: number of answers per theme in one chapter."""
    themes = list(section.themes)[:12]
    labels = [_short(t.label) for t in reversed(themes)]
    sizes = [t.size for t in reversed(themes)]
    height = 0.4 * len(themes) + 1.0
    figure = Figure(figsize=(6.4, height), dpi=dpi)
    figure.subplots_adjust(left=0.38, right=0.95, bottom=0.7 / height, top=1 - 0.35 / height)
    axes = figure.add_subplot()
    bars = axes.barh(labels, sizes, color=BAR_COLOUR)
    axes.bar_label(bars, padding=3, fontsize=8)
    axes.set_xlabel("Aantal antwoorden")
    axes.set_title(section.chapter, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=8)
    axes.set_xlim(0, max(sizes or [1]) * 1.15)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    alt = f"Staafdiagram voor {section.chapter}: aantal antwoorden per thema. " + "; ".join(
        f"{t.label}: {t.size}" for t in themes) + "."
    return Chart(png=out.getvalue(), alt=alt)
