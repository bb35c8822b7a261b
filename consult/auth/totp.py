"""Two-factor login with time-based one-time codes (RFC 6238, authenticator apps). No Flask."""

from __future__ import annotations

import hmac
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
    return matching_step(secret, code, now=now) is not None


def matching_step(secret: str, code: str, *, now: datetime) -> int | None:
    """The time step (previous, current or next) whose code this is, or None."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    otp = pyotp.TOTP(secret)
    current = otp.timecode(now)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(otp.generate_otp(step), code):
            return step
    return None


def check(user: User, code: str, *, now: datetime) -> bool:
    """A login code: right for the user's secret and not used before (no replay)."""
    step = matching_step(user.totp_secret or "", code, now=now) if user.totp_secret else None
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def is_required(user: User) -> bool:
    """A membership in a region that requires two-factor login makes it mandatory."""
    return any(m.region.require_totp for m in user.memberships)


def enable(user: User, secret: str, code: str, *, now: datetime) -> None:
    """Turn on two-factor login once the user proves the app produces the right codes."""
    step = matching_step(secret, code, now=now)
    if step is None:
        raise InvalidState("wrong code")
    user.totp_secret, user.totp_last_step = secret, step
    record("user.totp_enable", actor=user, obj=user, now=now)


def disable(user: User, code: str, *, now: datetime) -> None:
    """Turn off two-factor login with a current code, unless a region requires it."""
    if is_required(user):
        raise NotAllowed("a region requires two-factor login")
    if not check(user, code, now=now):
        raise InvalidState("wrong code")
    user.totp_secret = user.totp_last_step = None
    record("user.totp_disable", actor=user, obj=user, now=now)


def reset(user: User, *, actor: User, region_id: int, now: datetime) -> None:
    """An administrator turns off a colleague's second factor (lost or new phone).

    The colleague logs in with the password alone and sets up a new app; where the region
    requires two-factor login, they are sent to the set-up page before anything else.
    """
    if not user.totp_secret:
        raise InvalidState("two-factor login is off")
    user.totp_secret = user.totp_last_step = None
    record("user.totp_reset", actor=actor, obj=user, region_id=region_id, now=now)
