"""Staff users, their region memberships, server-side sessions and invitations."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint, false, select, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, str_enum, utcnow


class Role(enum.StrEnum):
    """A staff member's role within one region."""

    ADMIN = "admin"
    PROJECT_LEADER = "project_leader"
    POLICY_OFFICER = "policy_officer"
    FACILITATOR = "facilitator"
    # A policy officer of one municipality: Membership.municipality_id names it.
    MUNICIPAL_OFFICER = "municipal_officer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: "Beheerder",
    Role.PROJECT_LEADER: "Projectleider",
    Role.POLICY_OFFICER: "Beleidsmedewerker",
    Role.FACILITATOR: "Gespreksleider",
    Role.MUNICIPAL_OFFICER: "Beleidsmedewerker gemeente",
}
# Roles that work for one municipality of the region, not for the whole region.
MUNICIPAL_ROLES = frozenset({Role.MUNICIPAL_OFFICER})


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_superuser: Mapped[bool] = mapped_column(default=False)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    totp_secret: Mapped[str | None] = mapped_column(String(255))  # sealed: see auth/totp.py
    # Time step of the last accepted code: a code is accepted once, so an observed code
    # cannot be replayed within its 90-second window.
    totp_last_step: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login: disabled accounts cannot log in
        return self.is_enabled

    @property
    def active_memberships(self) -> list[Membership]:
        """The memberships that grant a role: accepted and not switched off."""
        return [m for m in self.memberships if m.is_active]

    @property
    def pending_memberships(self) -> list[Membership]:
        """Invitations to a region that the user has not accepted yet."""
        return [m for m in self.memberships if m.is_pending]

    def role_in(self, region_id: int) -> Role | None:
        """The user's role in a region, or None when not an active member."""
        for membership in self.active_memberships:
            if membership.region_id == region_id:
                return membership.role
        return None

    def municipality_in(self, region_id: int) -> int | None:
        """The one municipality the user's role in the region is limited to, if any."""
        for membership in self.active_memberships:
            if membership.region_id == region_id:
                return membership.municipality_id
        return None

    @property
    def region_ids(self) -> list[int]:
        return [m.region_id for m in self.active_memberships]


class Membership(db.Model):
    """A role in one region. It grants nothing until accepted, nor while switched off.

    An invitation of an existing account stays pending (``is_pending``) until the owner
    accepts it from their own session; a region admin who may not act on the whole account
    switches off only this membership (``is_enabled``). See ``auth.permissions``.
    """

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "region_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    is_pending: Mapped[bool] = mapped_column(default=False, server_default=false())
    is_enabled: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The narrower scope of a municipal role: one municipality of the region (else None).
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"))

    user: Mapped[User] = relationship(back_populates="memberships")
    region: Mapped[Region] = relationship(lazy="joined")  # noqa: F821
    municipality: Mapped[Municipality | None] = relationship()  # noqa: F821

    def __init__(self, **kwargs) -> None:
        # Column defaults apply only at flush; role checks may run before that.
        kwargs.setdefault("is_pending", False)
        kwargs.setdefault("is_enabled", True)
        super().__init__(**kwargs)

    @property
    def is_active(self) -> bool:
        """Whether the membership grants its role."""
        return self.is_enabled and not self.is_pending


class StaffSession(db.Model):
    """A server-side login session; the cookie only carries its random id."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class Invitation(db.Model):
    """A single-use, expiring link to set a password."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


def user_by_email(email: str):
    """Select the user with this e-mail address (case-insensitive)."""
    return select(User).where(User.email == email.strip().lower())
