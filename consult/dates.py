"""Dutch dates in Dutch local time: the one formatter for pages, charts and documents.

No Flask here. Moments are stored in UTC; people read them as they live them, in
Europe/Amsterdam, with Dutch month names from Babel's CLDR data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import dates as babel_dates

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
LOCALE = "nl_NL"


def local(moment: datetime) -> datetime:
    """A stored (UTC) moment in Dutch local time."""
    return moment.astimezone(LOCAL_TZ)


def from_local(wall_clock: datetime) -> datetime:
    """A Dutch wall-clock time (as typed in a form, without time zone) as an aware UTC moment."""
    return wall_clock.replace(tzinfo=LOCAL_TZ).astimezone(UTC)


def local_date(moment: datetime, *, closing: bool = False) -> date:
    """The Dutch calendar day of a moment; a closing moment gives the last day before it.

    Periods end at the first moment after their last day (00:00 the next day), so a round
    open "tot en met 31 januari" closes at 1 februari 00:00.
    """
    value = local(moment)
    if closing:
        value -= timedelta(microseconds=1)
    return value.date()


def format_date(value: datetime | date | None) -> str:
    """'3 maart 2026'; a moment is read in Dutch local time."""
    if value is None:
        return ""
    day = local_date(value) if isinstance(value, datetime) else value
    return babel_dates.format_date(day, "d MMMM y", locale=LOCALE)


def format_last_day(closes_at: datetime | None) -> str:
    """The last day of a period that ends at closes_at: '31 januari 2027'."""
    if closes_at is None:
        return ""
    return format_date(local_date(closes_at, closing=True))


def format_datetime(value: datetime | None) -> str:
    """'3 maart 2026, 14:05' in Dutch local time."""
    if value is None:
        return ""
    return babel_dates.format_datetime(local(value), "d MMMM y, HH:mm", locale=LOCALE)


def format_short_date(day: date) -> str:
    """'3 mrt', for chart labels."""
    return babel_dates.format_date(day, "d MMM", locale=LOCALE)
