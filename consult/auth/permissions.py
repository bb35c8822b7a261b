"""Who may do what: capabilities per role, checked per region.

docs/deployment.md ("Access model") states these rules in one table; a test checks that the
table and this module agree.
"""

from __future__ import annotations

from consult.auth.models import MUNICIPAL_ROLES, Role, User

ALL_ROLES = frozenset(Role)
# Roles that work for the whole region; a municipal role sees only its own municipality.
REGION_ROLES = ALL_ROLES - MUNICIPAL_ROLES

CAPABILITIES: dict[str, frozenset[Role]] = {
    "view_round": REGION_ROLES,
    "manage_region": frozenset({Role.ADMIN}),
    "manage_rounds": frozenset({Role.ADMIN, Role.PROJECT_LEADER}),
    "enter_input": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.FACILITATOR}),
    "analyse": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "curate": frozenset({Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "sign_off": frozenset({Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "export": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.POLICY_OFFICER}),
    "publish": frozenset({Role.ADMIN, Role.PROJECT_LEADER}),
    # The implementation tracker (consult/implementation).
    "view_agreements": REGION_ROLES,
    "manage_agreements": frozenset({Role.ADMIN, Role.PROJECT_LEADER}),
    "view_municipality": ALL_ROLES,
    "update_status": frozenset({Role.ADMIN, Role.PROJECT_LEADER, Role.MUNICIPAL_OFFICER}),
    # Also granted to the region's named safeguarding contacts: consult/safeguarding.
    "follow_signals": frozenset({Role.ADMIN}),
    "name_safeguarding_contacts": frozenset({Role.ADMIN, Role.PROJECT_LEADER}),
}
# Rights that a municipal role holds for its own municipality only.
MUNICIPAL_RIGHTS = frozenset({"view_municipality", "update_status"})


def is_member(user: User, region_id: int) -> bool:
    """Members see a region's objects; others get a 404."""
    return user.role_in(region_id) is not None


def can(user: User, capability: str, region_id: int) -> bool:
    """Whether the user's role in the region grants the capability."""
    role = user.role_in(region_id)
    return role is not None and role in CAPABILITIES[capability]


def can_for_municipality(user: User, capability: str, *, region_id: int,
                         municipality_id: int) -> bool:
    """Whether the user has the capability for this municipality of the region.

    A municipal role is limited to its own municipality; a membership of that role without
    a municipality grants nothing.
    """
    if not can(user, capability, region_id):
        return False
    if user.role_in(region_id) not in MUNICIPAL_ROLES:
        return True
    return user.municipality_in(region_id) == municipality_id


def regions_with(user: User, capability: str) -> list[int]:
    """The ids of the regions where the user has the capability."""
    return [m.region_id for m in user.active_memberships
            if m.role in CAPABILITIES[capability]]


def may_manage_account(actor: User, user: User) -> bool:
    """Whether the actor may act on the user's whole account, not only on one membership.

    Account-level actions are: a link to set a new password, resetting the second factor,
    and switching the whole account off or on. They reach every region of the account, so
    the actor must administer (``manage_region``) every region the account belongs to,
    including regions where its membership is switched off. Superuser accounts and accounts
    without a region are out of reach of every region admin: only the command line (run by
    whoever runs the server) acts on them. A pending invitation is not yet part of the
    account and does not count.
    """
    regions = {m.region_id for m in user.memberships if not m.is_pending}
    if user.is_superuser or not regions:
        return False
    return all(can(actor, "manage_region", region_id) for region_id in regions)
