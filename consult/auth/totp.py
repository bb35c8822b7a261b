"""Two-factor login with time-based one-time codes (RFC 6238, authenticator apps). No Flask."""

from __future__ import annotations

from datetime import datetime

import pyotp

from consult.audit.services import record
from consult.auth.models import User
from consult.errors import InvalidState, NotAllowed

ISSUER = "Consult"


def new_secret() -> str:
    """A fresh random base32 secret (160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, user: User) -> str:
    """The otpauth:// URI an authenticator app reads (as QR code or typed in)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def grouped(secret: str) -> str:
    """The secret in groups of four for typing over."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verify(secret: str, code: str, *, now: datetime) -> bool:
    """Whether the code fits the secret now, allowing one step of clock drift."""
    code = "".join(ch for ch in code if ch.isdigit())
    return len(code) == 6 and pyotp.TOTP(secret).verify(code, for_time=now, valid_window=1)


def is_required(user: User) -> bool:
    """A membership in a region that requires two-factor login makes it mandatory."""
    return any(m.region.require_totp for m in user.memberships)


def enable(user: User, secret: str, code: str, *, now: datetime) -> None:
    """Turn on two-factor login once the user proves the app produces the right codes."""
    if not verify(secret, code, now=now):
        raise InvalidState("wrong code")
    user.totp_secret = secret
    record("user.totp_enable", actor=user, obj=user, now=now)


def disable(user: User, code: str, *, now: datetime) -> None:
    """Turn off two-factor login with a current code, unless a region requires it."""
    if is_required(user):
        raise NotAllowed("a region requires two-factor login")
    if not user.totp_secret or not verify(user.totp_secret, code, now=now):
        raise InvalidState("wrong code")
    user.totp_secret = None
    record("user.totp_disable", actor=user, obj=user, now=now)
