"""Who may do what: capabilities per role, checked per region."""

from __future__ import annotations

from consult.auth.models import Role, User

ALL_ROLES = frozenset(Role)

CAPABILITIES: dict[str, frozenset[Role]] = {
    "view_round": ALL_ROLES,
    "manage_region": frozenset({Role.ADMIN}),
    "manage_rounds": frozenset({Role.ADMIN, Role.PROJECT_LEADER}),
    "enter_input": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.FACILITATOR}),
    "analyse": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "curate": frozenset({Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "sign_off": frozenset({Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "export": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "publish": frozenset({Role.ADMIN, Role.PROJECT_LEADER}),
}


def is_member(user: User, region_id: int) -> bool:
    """Members see a region's objects; others get a 404."""
    return user.role_in(region_id) is not None


def can(user: User, capability: str, region_id: int) -> bool:
    """Whether the user's role in the region grants the capability."""
    role = user.role_in(region_id)
    return role is not None and role in CAPABILITIES[capability]


def regions_with(user: User, capability: str) -> list[int]:
    """The ids of the regions where the user has the capability."""
    return [m.region_id for m in user.memberships if m.role in CAPABILITIES[capability]]
