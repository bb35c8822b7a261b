"""Creating, revoking and checking API tokens. No Flask here."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select

from consult.api.models import ApiToken
from consult.audit.services import record
from consult.auth.models import User
from consult.auth.services import hash_token
from consult.db import db
from consult.errors import NotFound

TOKEN_PREFIX = "cst_"  # noqa: S105  # nosec B105 - a public marker, not a secret


def create_token(user: User, name: str, *, actor: User, now: datetime) -> tuple[ApiToken, str]:
    """Create a token for the user; the secret is returned once and stored hashed."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip()[:80], prefix=secret[:10],
                     token_hash=hash_token(secret), created_at=now)
    db.session.add(token)
    db.session.flush()
    record("api_token.create", actor=actor, obj=token, now=now, name=token.name)
    return token, secret


def revoke_token(user: User, token_id: int, *, actor: User, now: datetime) -> ApiToken:
    """Revoke one of the user's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("no such token")
    if token.revoked_at is None:
        token.revoked_at = now
        record("api_token.revoke", actor=actor, obj=token, now=now, name=token.name)
    db.session.flush()
    return token


def user_for_token(secret: str, *, now: datetime) -> User | None:
    """The enabled user owning an active token, or None; marks the token as used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or token.revoked_at is not None or not token.user.is_enabled:
        return None
    token.last_used_at = now
    db.session.flush()
    return token.user
