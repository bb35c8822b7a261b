"""The one small-cell rule: no hidden count can be worked out from what is shown."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from consult.disclosure import Hidden, lines_of, ranges, suppress, suppress_table

THRESHOLD = 5
# Small counts are the interesting ones; a few large ones give partners to hide.
counts = st.one_of(st.integers(0, 6), st.integers(0, 40))


def _reader_cannot_pin(shown, lines) -> None:
    """Every hidden cell keeps at least two possible values, unless it alone is its line or
    its line adds up to nothing (a zero tells nothing about anyone)."""
    for cell, (low, high) in ranges(shown, lines).items():
        alone = any(line == [cell] for line in lines)
        empty = any(cell in line and sum(shown[c].value for c in line) == 0 for line in lines)
        assert alone or empty or high - low >= 1, (cell, low, high, shown)


def _hidden_per_line(shown, lines) -> None:
    for line in lines:
        hidden = sum(shown[c].is_suppressed for c in line)
        assert hidden == 0 or hidden >= 2 or len(line) == 1, (line, shown)


@given(st.lists(counts, min_size=1, max_size=8))
def test_no_hidden_cell_of_a_breakdown_follows_from_its_total(values):
    shown = {(0, i): c for i, c in suppress(dict(enumerate(values)),
                                            threshold=THRESHOLD).items()}
    lines = lines_of(shown, row_totals=True, column_totals=False)
    _hidden_per_line(shown, lines)
    _reader_cannot_pin(shown, lines)
    assert all(c.is_suppressed for c in shown.values() if 0 < c.value < THRESHOLD)


tables = st.integers(1, 4).flatmap(lambda rows: st.integers(1, 4).flatmap(
    lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols),
                          min_size=rows, max_size=rows)))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(tables, st.booleans())
def test_no_hidden_cell_of_a_two_way_table_follows_from_its_margins(grid, columns_shown):
    # A total below the threshold is itself a small count and is shown as "< 5", never
    # exactly: with row total 1 and column total 1 shown exactly, their shared cell is 1
    # whatever the cells show. The rule protects cells against exact totals of 0 or more.
    margins = [sum(row) for row in grid] + ([sum(col) for col in zip(*grid, strict=True)]
                                            if columns_shown else [])
    assume(all(m == 0 or m >= THRESHOLD for m in margins))
    table = {(r, c): n for r, row in enumerate(grid) for c, n in enumerate(row)}
    shown = suppress_table(table, threshold=THRESHOLD, row_totals=True,
                           column_totals=columns_shown)
    lines = lines_of(shown, row_totals=True, column_totals=columns_shown)
    _hidden_per_line(shown, lines)
    _reader_cannot_pin(shown, lines)
    assert all(c.is_suppressed for c in shown.values() if 0 < c.value < THRESHOLD)


def test_the_issue_example_hides_a_second_cell_and_never_calls_it_small():
    shown = suppress({"Gemeente": 9, "Overig": 4, "Stad": 134}, threshold=THRESHOLD)
    assert str(shown["Overig"]) == "< 5"
    assert shown["Gemeente"].hidden is Hidden.PROTECTS
    assert str(shown["Gemeente"]) == "verborgen"  # not "< 5": it is 9
    assert shown["Stad"].public() == 134


def test_two_fours_next_to_their_total_are_not_both_four():
    shown = suppress({"a": 4, "b": 4, "c": 20}, threshold=THRESHOLD)
    assert shown["c"].is_suppressed  # else 8 = a + b, both below 5: both are 4


def test_order_of_hidden_cells_does_not_follow_their_value():
    shown = suppress({"a": 30, "b": 2, "c": 7, "d": 9}, threshold=THRESHOLD)
    ordered = sorted(shown, key=lambda key: (shown[key].rank, key))
    assert ordered[0] == "a" and not shown["d"].is_suppressed
    assert [k for k in ordered if shown[k].is_suppressed] == ["b", "c"]  # by name, not size
