"""Jinja helpers: Dutch dates, role and state labels."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from consult.auth.permissions import can
from consult.db import utcnow

LOCAL_TZ = ZoneInfo("Europe/Amsterdam")
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


def local(value: datetime) -> datetime:
    """A UTC datetime in Dutch local time."""
    return value.astimezone(LOCAL_TZ)


def format_date(value: datetime | date | None) -> str:
    """'3 maart 2026' in Dutch local time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime | None) -> str:
    """'3 maart 2026, 14:05' in Dutch local time."""
    if value is None:
        return ""
    value = local(value)
    return f"{format_date(value)}, {value:%H:%M}"


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["date_nl"] = format_date
    app.jinja_env.filters["datetime_nl"] = format_datetime
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_helpers():
        return {"now": utcnow(), "can": can, "one_second": timedelta(seconds=1),
                "csrf_field": csrf_field}


def csrf_field() -> Markup:
    """A hidden CSRF input for small button forms (no id, so it can repeat on a page)."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())
