"""docs/deployment.md states the access model in one table; it must say what the code does.

test_routes.py then checks every route, as every role, against the same table.
"""

from __future__ import annotations

import pytest

from consult.auth.models import Membership, Role, User
from consult.auth.permissions import CAPABILITIES, may_manage_account
from tests.security.access_model import ACCOUNT_RIGHT, access_tables

REGION, OTHER = 1, 2


def _user(*memberships: tuple[int, Role], superuser: bool = False) -> User:
    user = User(email="x@consult.test", name="X", is_superuser=superuser)
    for region_id, role in memberships:
        user.memberships.append(Membership(region_id=region_id, role=role))
    return user


def test_the_document_states_the_model_once_per_language():
    english, dutch = access_tables()
    assert english == dutch


def test_the_table_names_every_right_the_code_knows():
    (table, _) = access_tables()
    assert set(table) == set(CAPABILITIES) | {ACCOUNT_RIGHT}


@pytest.mark.parametrize("right", sorted(CAPABILITIES))
def test_each_right_is_granted_to_exactly_the_roles_in_the_table(right):
    (table, _) = access_tables()
    assert {role for role, allowed in table[right].items() if allowed} == CAPABILITIES[right]


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_account_right_follows_the_table_and_stops_at_the_region_border(role):
    (table, _) = access_tables()
    actor = _user((REGION, role))
    only_here = _user((REGION, Role.FACILITATOR))
    assert may_manage_account(actor, only_here) is table[ACCOUNT_RIGHT][role]
    also_elsewhere = _user((REGION, Role.FACILITATOR), (OTHER, Role.FACILITATOR))
    assert may_manage_account(actor, also_elsewhere) is False
    superuser = _user((REGION, Role.FACILITATOR), superuser=True)
    assert may_manage_account(actor, superuser) is False


def test_account_right_covers_an_account_in_several_regions_of_the_same_admin():
    admin = _user((REGION, Role.ADMIN), (OTHER, Role.ADMIN))
    both = _user((REGION, Role.FACILITATOR), (OTHER, Role.POLICY_OFFICER))
    assert may_manage_account(admin, both)
    switched_off_elsewhere = _user((REGION, Role.FACILITATOR), (3, Role.FACILITATOR))
    switched_off_elsewhere.memberships[1].is_enabled = False
    assert not may_manage_account(admin, switched_off_elsewhere)
    invited_elsewhere = _user((REGION, Role.FACILITATOR))
    invited_elsewhere.memberships.append(
        Membership(region_id=3, role=Role.ADMIN, is_pending=True))
    assert may_manage_account(admin, invited_elsewhere)
