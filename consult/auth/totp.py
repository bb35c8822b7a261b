"""Two-factor login with time-based one-time codes (RFC 6238, authenticator apps). No Flask.

The shared secret is stored sealed (Fernet: AES-128-CBC + HMAC-SHA256, from the
``cryptography`` package) under a key derived from the app's SECRET_KEY, so a copy of the
database alone does not give away anyone's second factor. Changing SECRET_KEY makes the
sealed secrets unreadable: those users then need an admin reset (see ``reset``).
"""

from __future__ import annotations

import base64
import hmac
import logging
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from consult.audit.services import record
from consult.auth.models import User
from consult.auth.permissions import may_manage_account
from consult.errors import InvalidState, NotAllowed

ISSUER = "Consult"
SEAL_INFO = b"consult totp secret v1"
log = logging.getLogger(__name__)


def sealing_key(app_secret: str) -> bytes:
    """The Fernet key for TOTP secrets, derived from the app's SECRET_KEY (HKDF-SHA256)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SEAL_INFO).derive(
        app_secret.encode("utf-8"))
    return base64.urlsafe_b64encode(derived)


def seal(secret: str, key: bytes) -> str:
    """The secret encrypted and authenticated, as stored in ``users.totp_secret``."""
    return Fernet(key).encrypt(secret.encode("ascii")).decode("ascii")


def unseal(sealed: str, key: bytes) -> str | None:
    """The secret, or None when it cannot be read with this key (SECRET_KEY changed)."""
    try:
        return Fernet(key).decrypt(sealed.encode("ascii")).decode("ascii")
    except (InvalidToken, ValueError):
        return None


def new_secret() -> str:
    """A fresh random base32 secret (160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, user: User) -> str:
    """The otpauth:// URI an authenticator app reads (as QR code or typed in)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth:// URI as a QR code in inline SVG (no image request, no script), with a
    text alternative for screen readers."""
    svg = segno.make(uri, error="m", micro=False).svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="QR-code voor uw authenticator-app")
    return svg.replace("<svg ", '<svg role="img" aria-label="QR-code om de sleutel in uw '
                       'authenticator-app te zetten" focusable="false" ', 1)


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


def check(user: User, code: str, *, key: bytes, now: datetime) -> bool:
    """A login code: right for the user's secret and not used before (no replay)."""
    if not user.totp_secret:
        return False
    secret = unseal(user.totp_secret, key)
    if secret is None:
        log.warning("the TOTP secret of user %s cannot be unsealed: was SECRET_KEY changed?",
                    user.id)
        return False
    step = matching_step(secret, code, now=now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def is_required(user: User) -> bool:
    """A membership in a region that requires two-factor login makes it mandatory."""
    return any(m.region.require_totp for m in user.active_memberships)


def enable(user: User, secret: str, code: str, *, key: bytes, now: datetime) -> None:
    """Turn on two-factor login once the user proves the app produces the right codes."""
    step = matching_step(secret, code, now=now)
    if step is None:
        raise InvalidState("wrong code")
    user.totp_secret, user.totp_last_step = seal(secret, key), step
    record("user.totp_enable", actor=user, obj=user, now=now)


def disable(user: User, code: str, *, key: bytes, now: datetime) -> None:
    """Turn off two-factor login with a current code, unless a region requires it."""
    if is_required(user):
        raise NotAllowed("a region requires two-factor login")
    if not check(user, code, key=key, now=now):
        raise InvalidState("wrong code")
    user.totp_secret = user.totp_last_step = None
    record("user.totp_disable", actor=user, obj=user, now=now)


def reset(user: User, *, actor: User, region_id: int, now: datetime) -> None:
    """An administrator turns off a colleague's second factor (lost or new phone).

    The colleague logs in with the password alone and sets up a new app; where the region
    requires two-factor login, they are sent to the set-up page before anything else. Only
    an actor who may manage the whole account (``may_manage_account``) may do this.
    """
    if not may_manage_account(actor, user):
        raise NotAllowed("the account reaches beyond the regions the actor administers")
    if not user.totp_secret:
        raise InvalidState("two-factor login is off")
    user.totp_secret = user.totp_last_step = None
    record("user.totp_reset", actor=actor, obj=user, region_id=region_id, now=now)
