"""Rate limits on logging in: per client address, and per account across addresses.

The per-account limit counts failed attempts only, and the password step and the code step
share it, so spreading a guessing attack over many addresses or over both steps gains
nothing. Keys are hashed: the limiter's storage (Redis) never holds an e-mail address.
"""

from __future__ import annotations

import hashlib

from flask import Response, current_app, request, session

from consult.auth.models import User
from consult.auth.sessions import PENDING_KEY
from consult.db import db
from consult.extensions import limiter


def login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def account_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN_ACCOUNT"]


def account_key(email: str) -> str:
    """The limiter key of an account, whatever the case or spacing of the address typed."""
    digest = hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()
    return f"account:{digest[:32]}"


def _login_account() -> str:
    """The account a login attempt is for: the e-mail typed, or the one halfway through."""
    email = request.form.get("email")
    if email is None:
        pending = session.get(PENDING_KEY)
        user = db.session.get(User, pending["user"]) if isinstance(pending, dict) else None
        email = user.email if user is not None else ""
    return account_key(email)


def _failed(response: Response) -> bool:
    """A login step that worked redirects; one that failed shows the form again."""
    return response.status_code != 302


per_address = limiter.limit(login_limit, methods=["POST"])
per_account = limiter.shared_limit(account_limit, scope="login-account", key_func=_login_account,
                                   methods=["POST"], deduct_when=_failed)
