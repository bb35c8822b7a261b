"""Glue between Flask-Login and the server-side sessions in auth.services."""

from __future__ import annotations

import time

from flask import current_app, g, redirect, session, url_for
from flask_login import login_user, logout_user

from consult.auth import services
from consult.auth.models import User
from consult.db import db, utcnow
from consult.extensions import login_manager

SESSION_KEY = "sid"
PENDING_KEY = "totp_pending"  # who passed the password step and still owes a code


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Resolve the cookie to a user only while its server-side session lives."""
    token = session.get(SESSION_KEY)
    if not token or not user_id.isdigit():
        return None
    user = services.resume_session(
        token,
        int(user_id),
        now=utcnow(),
        idle=current_app.config["SESSION_IDLE_TIMEOUT"],
        absolute=current_app.config["SESSION_ABSOLUTE_TIMEOUT"],
    )
    if db.session.dirty:
        db.session.commit()
    if user is None:
        g.session_expired = True
    return user


def log_in(user: User) -> None:
    """Start a fresh session: the old cookie content is discarded (no fixation)."""
    session.clear()
    token = services.start_session(user, now=utcnow())
    session[SESSION_KEY] = token
    session.permanent = True
    login_user(user)


def log_out() -> None:
    """Revoke the server-side session and clear the cookie."""
    token = session.get(SESSION_KEY)
    if token:
        services.end_session(token, now=utcnow())
    logout_user()
    session.clear()


def second_step(user: User, next_url: str | None):
    """After a correct password: remember who is halfway, and ask for the code."""
    session.clear()
    session[PENDING_KEY] = {"user": user.id, "at": time.time(), "next": next_url}
    return redirect(url_for("auth.totp_login"))
