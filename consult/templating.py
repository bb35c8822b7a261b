"""Jinja helpers: Dutch dates, role and state labels."""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from consult.audit.labels import action_label, object_label
from consult.auth.permissions import can
from consult.dates import format_date, format_datetime, format_last_day
from consult.db import utcnow
from consult.text import with_message


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["date_nl"] = format_date
    app.jinja_env.filters["datetime_nl"] = format_datetime
    app.jinja_env.filters["last_day_nl"] = format_last_day
    app.jinja_env.filters["audit_action"] = action_label
    app.jinja_env.filters["audit_object"] = object_label
    app.jinja_env.filters["with_message"] = with_message
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def inject_helpers():
        return {"now": utcnow(), "can": can, "csrf_field": csrf_field}


def csrf_field() -> Markup:
    """A hidden CSRF input for small button forms (no id, so it can repeat on a page)."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())
