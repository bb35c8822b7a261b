"""Region-scoped object lookups for views: outside your regions is a 404."""

from __future__ import annotations

from typing import TypeVar

from flask import abort
from flask_login import current_user

from consult.auth.permissions import can, can_for_municipality, is_member
from consult.db import db

T = TypeVar("T")


def region_of(obj) -> int:
    """The region an object belongs to (itself, directly, or through its round)."""
    from consult.regions.models import Region

    if isinstance(obj, Region):
        return obj.id
    if hasattr(obj, "region_id"):
        return obj.region_id
    return obj.round.region_id


def get_scoped(model: type[T], object_id: int, *, capability: str = "view_round") -> T:
    """Load an object in one of the user's regions, else 404; lacking the capability is 403."""
    obj = db.session.get(model, object_id)
    if obj is None or not is_member(current_user, region_of(obj)):
        abort(404)
    if not can(current_user, capability, region_of(obj)):
        abort(403)
    return obj


def require(capability: str, region_id: int) -> None:
    """Abort with 404 outside the user's regions and 403 without the capability."""
    if not is_member(current_user, region_id):
        abort(404)
    if not can(current_user, capability, region_id):
        abort(403)


def require_municipality(capability: str, *, region_id: int, municipality_id: int) -> None:
    """Like require(), and a municipal role may act for its own municipality only (403)."""
    require(capability, region_id)
    if not can_for_municipality(current_user, capability, region_id=region_id,
                                municipality_id=municipality_id):
        abort(403)
