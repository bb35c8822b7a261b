"""Small-cell suppression: the one rule for every count Consult shows. No Flask.

Primary suppression hides a count from 1 to ``threshold - 1`` and shows it as "< 5".
Complementary suppression then hides more cells until no hidden cell can be worked out
from the totals that are shown and the other cells, even by a reader who knows that a
"< 5" lies between 0 and 4 and that a cell hidden to protect another is at least 5.
A partner is the smallest non-zero shown cell of the line (a zero, shown as "< 5", when
there is none). A line that cannot be protected that way is hidden whole.

The only exception is a cell that is alone in its row or column: it equals that total.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from scipy.optimize import linprog

Cell = tuple[Hashable, Hashable]  # (row, column)
PROTECTED_TEXT = "verborgen"


class Hidden(enum.StrEnum):
    SMALL = "klein"  # below the threshold (or a zero hidden with them): shown as "< 5"
    PROTECTS = "beschermt"  # at least the threshold, hidden so a small cell stays unknown
    WITHHELD = "achtergehouden"  # part of a line that is hidden whole


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: its value, or "< threshold", or "verborgen"."""

    value: int
    threshold: int
    hidden: Hidden | None = None

    @property
    def is_suppressed(self) -> bool:
        return self.hidden is not None

    def public(self) -> int | None:
        """The value, or None when hidden."""
        return None if self.hidden else self.value

    def __str__(self) -> str:
        if self.hidden is Hidden.SMALL:
            return f"< {self.threshold}"
        return PROTECTED_TEXT if self.hidden else str(self.value)

    @property
    def rank(self) -> tuple[bool, int]:
        """Sort key, largest shown first; hidden cells last, so order gives nothing away."""
        return (self.is_suppressed, -(self.public() or 0))


def suppress(counts: Mapping[Hashable, int], *, threshold: int) -> dict[Hashable, Count]:
    """Suppress a breakdown whose total is shown; pass every category, zeros included."""
    table = suppress_table({(0, key): n for key, n in counts.items()}, threshold=threshold,
                           row_totals=True, column_totals=False)
    return {key: table[0, key] for key in counts}


def suppress_table(counts: Mapping[Cell, int], *, threshold: int, row_totals: bool = True,
                   column_totals: bool = True) -> dict[Cell, Count]:
    """Suppress a two-way table against the row and/or column totals that are shown."""
    lines = _lines(counts, row_totals=row_totals, column_totals=column_totals)
    hidden = {cell: Hidden.SMALL for cell, n in counts.items() if 0 < n < threshold}
    given_up: set[Cell] = set()
    while (cell := _exposed(counts, hidden, lines, threshold, skip=given_up)) is not None:
        partner = _partner(cell, counts, hidden, lines)
        if partner is not None:
            hidden[partner] = Hidden.PROTECTS if counts[partner] >= threshold else Hidden.SMALL
        elif not _withhold(cell, hidden, lines):
            given_up.add(cell)  # alone in its line, or all of it is hidden already
    return {cell: Count(n, threshold, hidden.get(cell)) for cell, n in counts.items()}


def merge_hidden(shown: Mapping[Hashable, Count]) -> tuple[list[Hashable], Count | None]:
    """The hidden cells of a suppressed line and their sum, to draw as one "overig" line.

    Only for a line whose total is shown (as ``suppress`` assumes): the sum is then that
    total minus the shown cells, so the merged line tells a reader nothing new, while each
    merged cell stays as hidden as before. Fewer than two hidden cells: nothing to merge.
    """
    hidden = [key for key, count in shown.items() if count.is_suppressed]
    if len(hidden) < 2:
        return [], None
    first = shown[hidden[0]]
    return hidden, Count(sum(shown[key].value for key in hidden), first.threshold)


def bounds(count: Count) -> tuple[float, float]:
    """What a reader knows about a hidden cell from how it is shown."""
    if count.hidden is Hidden.SMALL:
        return 0, count.threshold - 1
    if count.hidden is Hidden.PROTECTS:
        return count.threshold, math.inf
    return 0, math.inf


def ranges(shown: Mapping[Cell, Count], lines: list[list[Cell]]) -> dict[Cell, tuple]:
    """The smallest and largest value each hidden cell can have, given the shown totals."""
    hidden = [cell for cell, count in shown.items() if count.is_suppressed]
    in_lines = {cell: sum(cell in line for line in lines) for cell in hidden}
    if all(n <= 1 for n in in_lines.values()):
        return _line_ranges(shown, lines, hidden)
    return _lp_ranges(shown, lines, hidden)


def lines_of(counts: Mapping[Cell, object], *, row_totals: bool,
             column_totals: bool) -> list[list[Cell]]:
    """The rows and/or columns whose totals are shown, as lists of cells."""
    return _lines(counts, row_totals=row_totals, column_totals=column_totals)


def _lines(counts, *, row_totals: bool, column_totals: bool) -> list[list[Cell]]:
    lines: dict[tuple, list[Cell]] = {}
    for cell in counts:
        if row_totals:
            lines.setdefault(("row", cell[0]), []).append(cell)
        if column_totals:
            lines.setdefault(("column", cell[1]), []).append(cell)
    return list(lines.values())


def _exposed(counts, hidden, lines, threshold, *, skip) -> Cell | None:
    """A hidden cell whose value the shown totals and cells pin down, if any."""
    if not hidden:
        return None
    shown = {cell: Count(n, threshold, hidden.get(cell)) for cell, n in counts.items()}
    for cell, (low, high) in ranges(shown, lines).items():
        if cell not in skip and high - low < 0.5:
            return cell
    return None


def _partner(cell: Cell, counts, hidden, lines) -> Cell | None:
    """The smallest non-zero shown cell beside ``cell``; a zero in a non-empty line else."""
    around = [line for line in lines if cell in line]
    empty = {c for line in lines if not sum(counts[x] for x in line) for c in line}
    candidates = {c for line in around for c in line if c not in hidden and c not in empty}
    if not candidates:
        return None
    return min(candidates, key=lambda c: (counts[c] == 0, counts[c], repr(c)))


def _withhold(cell: Cell, hidden: dict, lines) -> bool:
    """Hide every cell of the lines through ``cell``; False when that changes nothing."""
    changed = False
    for line in (line for line in lines if cell in line and len(line) > 1):
        for other in line:
            changed |= hidden.get(other) is not Hidden.WITHHELD
            hidden[other] = Hidden.WITHHELD
    return changed


def _line_ranges(shown, lines, hidden) -> dict[Cell, tuple]:
    """Exact ranges when each hidden cell lies in at most one line (a sum and boxes)."""
    result = {cell: bounds(shown[cell]) for cell in hidden}
    for line in lines:
        inside = [c for c in line if shown[c].is_suppressed]
        rest = sum(shown[c].value for c in inside)  # the total minus the shown cells
        low_sum = sum(bounds(shown[c])[0] for c in inside)
        high_sum = sum(bounds(shown[c])[1] for c in inside)
        for c in inside:
            low, high = bounds(shown[c])
            result[c] = (max(low, rest - (high_sum - high)), min(high, rest - (low_sum - low)))
    return result


def _lp_ranges(shown, lines, hidden) -> dict[Cell, tuple]:
    """Ranges by linear programming; row and column sums make every vertex whole."""
    index = {cell: i for i, cell in enumerate(hidden)}
    equations, targets = [], []
    for line in lines:
        inside = [c for c in line if c in index]
        if inside:
            row = [0.0] * len(hidden)
            for c in inside:
                row[index[c]] = 1.0
            equations.append(row)
            targets.append(sum(shown[c].value for c in inside))
    limits = [(low, None if high == math.inf else high)
              for low, high in (bounds(shown[c]) for c in hidden)]
    result = {}
    for cell, i in index.items():
        goal = [0.0] * len(hidden)
        goal[i] = 1.0
        low = linprog(goal, A_eq=equations or None, b_eq=targets or None, bounds=limits)
        goal[i] = -1.0
        high = linprog(goal, A_eq=equations or None, b_eq=targets or None, bounds=limits)
        result[cell] = (low.fun, math.inf if high.status == 3 else -high.fun)
    return result
