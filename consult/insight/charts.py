"""Accessible SVG charts built on the server: no JavaScript, every text escaped.

Each chart is an ``<svg role="img">`` labelled by its own <title> and <desc>; the page
shows the same numbers in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from consult.dates import format_short_date

BAR_COLOUR = "#0b5394"  # 7.5:1 against white, above the 3:1 that graphics need
AXIS_COLOUR = "#6b6b6b"
TEXT_COLOUR = "#1a1a1a"
WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: too small to show, no bar is drawn
    text: str  # written beside the bar: "12" or "< 5"


def short_date(day: date) -> str:
    """'3 mrt' for axis labels."""
    return format_short_date(day)


def _svg(chart_id: str, title: str, description: str, height: int, body: list[str]) -> Markup:
    cid = escape(chart_id)
    return Markup(  # noqa: S704  # nosec B704 - every interpolated text is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" role="img" '
        f'aria-labelledby="{cid}-titel {cid}-beschrijving" viewBox="0 0 {WIDTH} {height}" '
        f'focusable="false"><title id="{cid}-titel">{escape(title)}</title>'
        f'<desc id="{cid}-beschrijving">{escape(description)}</desc>{"".join(body)}</svg>'
    )


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 14) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{TEXT_COLOUR}">{escape(content)}</text>')


def describe_bars(bars: list[Bar]) -> str:
    """The numbers of a bar chart as one sentence, for its text alternative."""
    parts = [f"{bar.label}: {bar.text.replace('<', 'minder dan')}" for bar in bars]
    return "; ".join(parts) + "." if parts else "Geen gegevens."


def bar_chart(bars: list[Bar], *, chart_id: str, title: str) -> Markup:
    """Horizontal bars, one row per category, the value written after each bar."""
    row, label_width, bar_space = 30, 230, 330
    top = max([b.value or 0 for b in bars] + [1])
    body = [f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{row * len(bars) + 4}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="1"/>']
    for i, bar in enumerate(bars):
        y = i * row + 4
        body.append(_text(label_width - 8, y + 18, bar.label, anchor="end"))
        length = 0.0 if bar.value is None else bar_space * bar.value / top
        if length:
            body.append(f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" '
                        f'height="{row - 10}" fill="{BAR_COLOUR}"/>')
        body.append(_text(label_width + length + 6, y + 18, bar.text))
    return _svg(chart_id, title, describe_bars(bars), row * len(bars) + 8, body)


def column_chart(days: list[tuple[date, int]], *, chart_id: str, title: str) -> Markup:
    """Columns per day with a value axis and a few date labels."""
    height, left, bottom, plot_top = 240, 44, 200, 16
    plot_width = WIDTH - left - 8
    top = max([n for _, n in days] + [1])
    step = plot_width / max(len(days), 1)
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 8}" y2="{bottom}" stroke="{AXIS_COLOUR}"/>',
        f'<line x1="{left}" y1="{plot_top}" x2="{WIDTH - 8}" y2="{plot_top}" '
        f'stroke="{AXIS_COLOUR}" stroke-dasharray="4 4"/>',
        _text(left - 6, plot_top + 5, str(top), anchor="end"),
        _text(left - 6, bottom + 5, "0", anchor="end"),
    ]
    every = max(1, round(len(days) / 6))
    for i, (day, n) in enumerate(days):
        x = left + i * step
        h = (bottom - plot_top) * n / top
        if h:
            body.append(f'<rect x="{x + step * 0.15:.1f}" y="{bottom - h:.1f}" '
                        f'width="{max(step * 0.7, 1):.1f}" height="{h:.1f}" fill="{BAR_COLOUR}"/>')
        last = len(days) - 1
        if (i % every == 0 and last - i >= every / 2) or i == last:
            body.append(_text(x + step / 2, bottom + 20, short_date(day), anchor="middle",
                              size=13))
    return _svg(chart_id, title, describe_days(days), height, body)


def describe_days(days: list[tuple[date, int]]) -> str:
    """A summary of the timeline for its text alternative."""
    if not days:
        return "Nog geen gegevens."
    total = sum(n for _, n in days)
    busiest_day, busiest = max(days, key=lambda item: (item[1], item[0]))
    text = (f"Van {short_date(days[0][0])} {days[0][0].year} tot en met "
            f"{short_date(days[-1][0])} {days[-1][0].year}: {total} inzendingen.")
    if busiest:
        text += f" De drukste dag was {short_date(busiest_day)} met {busiest}."
    return text + " De tabel bij de grafiek geeft het aantal per dag."


def cells_to_bars(cells: list, threshold: int) -> list[Bar]:
    """Bars for a breakdown; a hidden cell has no bar and reads as the table shows it."""
    return [Bar(c.label, c.count.public(), str(c.count)) for c in cells]
