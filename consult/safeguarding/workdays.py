"""Working days (Monday to Friday, Dutch local time) for how long a signal has waited.

No Flask, no database. Public holidays are not counted out: a signal that waits over a
holiday is shown as late a day early, which errs on the side of the participant.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from consult.dates import local

SATURDAY = 5


def _next_monday_midnight(moment: datetime) -> datetime:
    monday = moment.date() + timedelta(days=7 - moment.weekday())
    return datetime.combine(monday, time(), tzinfo=moment.tzinfo)


def due_at(start: datetime, *, days: int = 2) -> datetime:
    """The moment ``days`` working days after ``start``: Friday 16:00 + 2 -> Tuesday 16:00.

    Only time on Monday to Friday counts, so a start in the weekend counts from Monday
    00:00 (Saturday 10:00 + 2 -> Wednesday 00:00). Returns a local (Europe/Amsterdam) time.
    """
    moment = local(start)
    if moment.weekday() >= SATURDAY:
        moment = _next_monday_midnight(moment)
    for _ in range(days):
        moment += timedelta(days=1)
        if moment.weekday() >= SATURDAY:
            moment += timedelta(days=7 - moment.weekday())
    return moment


def is_overdue(start: datetime, *, now: datetime, days: int = 2) -> bool:
    """Whether more than ``days`` working days have passed since ``start``."""
    return now > due_at(start, days=days)
