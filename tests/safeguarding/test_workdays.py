"""Two working days, Monday to Friday, in Dutch local time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from consult.dates import LOCAL_TZ
from consult.safeguarding.workdays import due_at, is_overdue


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in December 2026 (Tuesday the 1st) in Dutch local time."""
    return datetime(2026, 12, day, hour, minute, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(("start", "due"), [
    (_at(4, 16), _at(8, 16)),     # Friday 16:00 -> Tuesday 16:00
    (_at(1, 9), _at(3, 9)),       # Tuesday -> Thursday, no weekend in between
    (_at(3, 10), _at(7, 10)),     # Thursday -> Monday
    (_at(5, 10), _at(9, 0)),      # Saturday counts from Monday 00:00 -> Wednesday 00:00
    (_at(6, 23, 30), _at(9, 0)),  # Sunday night likewise
    (_at(4, 23, 59), _at(8, 23, 59)),
])
def test_due_two_working_days_later(start, due):
    assert due_at(start) == due


def test_due_reads_a_utc_moment_in_dutch_time():
    # Friday 23:30 UTC is Saturday 00:30 in Amsterdam: the clock starts on Monday.
    friday_late_utc = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert due_at(friday_late_utc) == _at(9, 0)


def test_overdue_only_after_the_due_moment():
    friday = _at(4, 16)
    assert not is_overdue(friday, now=_at(7, 16))  # Monday: one working day
    assert not is_overdue(friday, now=_at(8, 16))  # exactly two working days
    assert is_overdue(friday, now=_at(8, 16, 1))
    assert not is_overdue(friday, now=_at(6, 23))  # a weekend does not count


def test_more_days_skip_every_weekend():
    assert due_at(_at(4, 16), days=5) == _at(11, 16)
    assert due_at(_at(4, 16), days=6) == _at(14, 16)
