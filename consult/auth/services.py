"""Staff accounts: passwords, server-side sessions, invitations. No Flask here."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from consult.audit.services import record
from consult.auth.models import (
    MUNICIPAL_ROLES,
    Invitation,
    Membership,
    Role,
    StaffSession,
    User,
    user_by_email,
)
from consult.auth.permissions import may_manage_account
from consult.db import db
from consult.errors import Conflict, InvalidState, NotAllowed, NotFound

MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()
# Verifying against a dummy hash keeps the timing equal for unknown accounts.
_DUMMY_HASH = _hasher.hash("not-a-real-password-x")


def hash_token(token: str) -> str:
    """Tokens are stored only as their SHA-256 digest."""
    return hashlib.sha256(token.encode()).hexdigest()


def set_password(user: User, password: str) -> None:
    """Hash and store a new password (argon2id)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidState("password too short")
    user.password_hash = _hasher.hash(password)


def authenticate(email: str, password: str) -> User | None:
    """Return the enabled user with these credentials, or None."""
    user = db.session.scalar(user_by_email(email))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash or not user.is_enabled:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def start_session(user: User, *, now: datetime) -> str:
    """Create a server-side session and return its secret token for the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        StaffSession(
            user_id=user.id, token_hash=hash_token(token), created_at=now, last_seen_at=now
        )
    )
    user.last_login_at = now
    return token


def resume_session(
    token: str, user_id: int, *, now: datetime, idle: timedelta, absolute: timedelta
) -> User | None:
    """The session's user if the session is live; expired sessions are revoked."""
    staff_session = db.session.scalar(
        select(StaffSession).where(StaffSession.token_hash == hash_token(token))
    )
    if staff_session is None or staff_session.revoked_at is not None:
        return None
    user = staff_session.user
    expired = (
        now - staff_session.last_seen_at > idle or now - staff_session.created_at > absolute
    )
    if staff_session.user_id != user_id or expired or not user.is_enabled:
        staff_session.revoked_at = now
        return None
    # Write at most once a minute: every page view would otherwise be a write.
    if now - staff_session.last_seen_at > timedelta(minutes=1):
        staff_session.last_seen_at = now
    return user


def end_session(token: str, *, now: datetime) -> None:
    """Revoke one server-side session (logout)."""
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.token_hash == hash_token(token), StaffSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_all_sessions(user: User, *, now: datetime) -> None:
    """End every live session of a user (deactivation, password change)."""
    db.session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user.id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def invite(
    *,
    email: str,
    name: str,
    region_id: int,
    role: Role,
    actor: User | None,
    now: datetime,
    valid_for: timedelta,
    municipality_id: int | None = None,
) -> tuple[User, str | None]:
    """Give a person a role in a region; a new account also gets a link to set a password.

    A municipal role needs one municipality of the region (``municipality_id``); other
    roles work for the whole region and take none.

    An existing account never gets a link, whoever invites it: its new membership stays
    pending until the owner accepts it after logging in (``accept_membership``). Otherwise
    inviting someone from another region would hand the inviter their account.
    """
    if role in MUNICIPAL_ROLES and municipality_id is None:
        raise InvalidState("a municipal role needs a municipality")
    municipality_id = municipality_id if role in MUNICIPAL_ROLES else None
    email = email.strip().lower()
    user = db.session.scalar(user_by_email(email))
    if user is not None and any(m.region_id == region_id for m in user.memberships):
        raise Conflict("already a member of, or invited to, this region")
    existing = user is not None
    if user is None:
        user = User(email=email, name=name, created_at=now)
        db.session.add(user)
    user.memberships.append(
        Membership(region_id=region_id, role=role, created_at=now, is_pending=existing,
                   municipality_id=municipality_id))
    db.session.flush()
    token = None if existing else issue_invitation(user, actor=actor, now=now,
                                                   valid_for=valid_for)
    record("user.invite", actor=actor, obj=user, region_id=region_id, now=now, role=str(role),
           pending=existing)
    return user, token


def _pending_membership(user: User, membership_id: int) -> Membership:
    membership = next((m for m in user.pending_memberships if m.id == membership_id), None)
    if membership is None:
        raise NotFound("no such pending membership")
    return membership


def accept_membership(user: User, membership_id: int, *, now: datetime) -> Membership:
    """The owner of the account accepts an invitation to a region from their own session."""
    membership = _pending_membership(user, membership_id)
    membership.is_pending = False
    record("membership.accept", actor=user, obj=membership, region_id=membership.region_id,
           now=now, role=str(membership.role))
    return membership


def decline_membership(user: User, membership_id: int, *, now: datetime) -> Membership:
    """The owner of the account declines an invitation to a region; it is removed."""
    membership = _pending_membership(user, membership_id)
    record("membership.decline", actor=user, obj=membership, region_id=membership.region_id,
           now=now, role=str(membership.role))
    user.memberships.remove(membership)
    db.session.flush()
    return membership


def issue_invitation(user: User, *, actor: User | None, now: datetime, valid_for: timedelta) -> str:
    """A new single-use link for setting a password; older links stop working.

    A staff member may issue it only for an account they may manage as a whole
    (``may_manage_account``); ``actor=None`` is the command line.
    """
    if actor is not None and not may_manage_account(actor, user):
        raise NotAllowed("the account reaches beyond the regions the actor administers")
    db.session.execute(
        update(Invitation)
        .where(Invitation.user_id == user.id, Invitation.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        Invitation(
            user_id=user.id,
            token_hash=hash_token(token),
            created_at=now,
            expires_at=now + valid_for,
            created_by_id=actor.id if actor else None,
        )
    )
    return token


def find_invitation(token: str, *, now: datetime) -> Invitation:
    """The live invitation for a token, or NotFound.

    A link stops working once its creator could no longer issue it: for instance when the
    account has since joined a region the creator does not administer.
    """
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    )
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= now:
        raise NotFound("invitation unknown, used or expired")
    creator = db.session.get(User, invitation.created_by_id) if invitation.created_by_id else None
    if creator is not None and not may_manage_account(creator, invitation.user):
        raise NotFound("the creator of the invitation may no longer manage this account")
    return invitation


def accept_invitation(token: str, password: str, *, now: datetime) -> User:
    """Set the password through an invitation and use it up."""
    invitation = find_invitation(token, now=now)
    set_password(invitation.user, password)
    invitation.used_at = now
    revoke_all_sessions(invitation.user, now=now)
    record("user.set_password", actor=invitation.user, obj=invitation.user, now=now)
    return invitation.user


def set_enabled_in_region(membership: Membership, enabled: bool, *, actor: User,
                          now: datetime) -> bool:
    """Switch a staff member off or on from a region; True when the whole account was switched.

    An actor who may manage the whole account (``may_manage_account``) switches the account;
    otherwise only this membership is switched and the person keeps their other regions.
    """
    if may_manage_account(actor, membership.user):
        if enabled:
            membership.is_enabled = True
        set_enabled(membership.user, enabled, actor=actor, region_id=membership.region_id,
                    now=now)
        return True
    membership.is_enabled = enabled
    action = "membership.enable" if enabled else "membership.disable"
    record(action, actor=actor, obj=membership, region_id=membership.region_id, now=now)
    return False


def set_enabled(user: User, enabled: bool, *, actor: User, region_id: int, now: datetime) -> None:
    """Enable or disable a whole account; disabling ends all its sessions at once."""
    user.is_enabled = enabled
    if not enabled:
        revoke_all_sessions(user, now=now)
    action = "user.enable" if enabled else "user.disable"
    record(action, actor=actor, obj=user, region_id=region_id, now=now)
