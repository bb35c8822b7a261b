"""ASVS checks looped over every route in app.url_map, including routes added later.

Every staff route is called as every role, in the role's own region and in another one, and
what it answers is checked against the access model table in docs/deployment.md.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.auth import totp
from consult.auth.models import Invitation, Membership, Role, User
from consult.db import db, utcnow
from consult.regions.models import Region
from tests.security.route_world import (
    ARGUMENT_TABLES,
    ENDPOINT_RIGHTS,
    STATE_CHANGING,
    all_rules,
    build_url,
    id_arguments,
    is_public,
    methods,
    region_member,
    table_for,
)

RULES = all_rules()
STAFF_RULES = [r for r in RULES if not is_public(r)]
ID_RULES = [r for r in STAFF_RULES if id_arguments(r)]
MEMBERSHIP_RULES = [r for r in STAFF_RULES if "membership_id" in id_arguments(r)]
HEADERS = {
    "Content-Security-Policy": "default-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _ids(rule) -> str:
    return rule.endpoint


def _values(rule, ids: dict[str, int]) -> dict | None:
    values = {}
    for argument in id_arguments(rule):
        table = ARGUMENT_TABLES.get((rule.endpoint, argument)) or table_for(argument)
        if table is None or table not in ids:
            return None
        values[argument] = ids[table]
    return values


def _own_and_other(rule, world) -> tuple[dict, dict]:
    own, other = _values(rule, world.own), _values(rule, world.other)
    assert own is not None and other is not None, (
        f"no test object for {id_arguments(rule)}: add it to route_world")
    return own, other


def _call(client, method: str, url: str, headers: dict | None = None):
    return client.open(url, method=method, data={}, headers=headers or {})


def _bearer(user) -> dict:
    """Token-authenticated routes (the JSON API) get a bearer token of the same user."""
    from consult.api.services import create_token

    _, secret = create_token(user, "route loop", actor=user, now=utcnow())
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def _check_headers(response, url: str) -> None:
    for name, expected in HEADERS.items():
        assert expected in response.headers.get(name, ""), f"{url}: {name} missing"


def _granted(response) -> bool:
    """The route did its work (or showed its form), rather than refusing or crashing."""
    location = response.headers.get("Location", "")
    sent_to_login = response.status_code == 302 and "/inloggen?next=" in location
    return response.status_code < 500 and response.status_code not in (401, 403, 404) and (
        not sent_to_login)


def _allowed(rule, role: Role, access_model) -> bool:
    right = ENDPOINT_RIGHTS.get(rule.endpoint)
    assert right is not None, (f"{rule.endpoint}: say which right it needs in "
                               "route_world.ENDPOINT_RIGHTS (see docs/deployment.md)")
    if right in ("staff", "superuser"):
        return right == "staff"
    return access_model[right][role]


@pytest.mark.parametrize("rule", ID_RULES, ids=_ids)
def test_objects_of_another_region_are_404(rule, staff_client, world):
    own, other = _own_and_other(rule, world)
    headers = _bearer(world.user) if rule.rule.startswith("/api/") else None
    for method in methods(rule):
        control = _call(staff_client, method, build_url(rule, own), headers)
        assert control.status_code not in (401, 404), (
            f"{method} {rule.rule} answers {control.status_code} in the user's own region")
        url = build_url(rule, other)
        assert _call(staff_client, method, url, headers).status_code == 404, f"{method} {url}"


@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("rule", STAFF_RULES, ids=_ids)
def test_every_role_gets_what_the_access_model_grants(rule, role, role_worlds, world,
                                                      access_model, client_of):
    """In its own region a role gets the route exactly when the table grants the right;
    in any other region every role gets 404. The API is called with the role's token."""
    ids, user = role_worlds[role]
    allowed = _allowed(rule, role, access_model)
    own = _values(rule, ids)
    assert own is not None, f"no test object for {id_arguments(rule)}: add it to route_world"
    client = client_of(user)
    headers = _bearer(user) if rule.rule.startswith("/api/") else None
    for method in methods(rule):
        url = build_url(rule, own)
        response = _call(client, method, url, headers)
        if allowed:
            assert _granted(response), f"{role}: {method} {url} -> {response.status_code}"
        else:
            assert response.status_code == 403, f"{role}: {method} {url} not refused"
        if id_arguments(rule):
            url = build_url(rule, _values(rule, world.other))
            assert _call(client, method, url, headers).status_code == 404, f"{role}: {url}"


# A superuser's extras (docs/deployment.md, access model): regions and the privacy register.
SUPERUSER_PAGES = {"regions.create_region", "regions.index", "privacy.overview"}


def test_a_superuser_without_a_region_gets_only_the_superuser_extras(route_app, world,
                                                                    client_of):
    """Being a superuser gives no role in any region: every region object answers 404."""
    region = db.session.get(Region, world.other["regions"])
    chief = region_member(region, password=world.password)
    chief.is_superuser = True
    chief.memberships.clear()
    db.session.commit()
    client = client_of(chief)
    # One client for every route: logging out comes last (it ends the session).
    for rule in sorted(STAFF_RULES, key=lambda r: r.endpoint == "auth.logout"):
        right = ENDPOINT_RIGHTS[rule.endpoint]
        for method in methods(rule):
            url = build_url(rule, _values(rule, world.own) or {})
            response = _call(client, method, url, _bearer(chief) if "/api/" in url else None)
            if id_arguments(rule):
                assert response.status_code == 404, f"{method} {url}"
            elif right == "staff" or rule.endpoint in SUPERUSER_PAGES:
                assert _granted(response), f"{method} {url} -> {response.status_code}"
            else:
                assert response.status_code == 403, f"{method} {url}"


@pytest.fixture
def make_person(route_app, world):
    """Factory: a person with a password and a second factor, member of the given regions."""

    def make(*region_ids: int, superuser: bool = False) -> User:
        first, *others = [db.session.get(Region, region_id) for region_id in region_ids]
        person = region_member(first, password=world.password, role=Role.FACILITATOR)
        for region in others:
            person.memberships.append(Membership(region_id=region.id, role=Role.PROJECT_LEADER,
                                                 created_at=utcnow()))
        person.is_superuser = superuser
        key = totp.sealing_key(route_app.config["SECRET_KEY"])
        person.totp_secret = totp.seal(totp.new_secret(), key)
        db.session.commit()
        return person

    return make


def _account(person: User, *, region_id: int) -> tuple:
    """Everything that gives power over the account beyond the admin's region."""
    db.session.expire_all()
    person = db.session.get(User, person.id)
    links = db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.user_id == person.id))
    return (person.password_hash, person.totp_secret, person.is_enabled, links,
            sorted((m.region_id, m.is_enabled) for m in person.memberships
                   if not m.is_pending and m.region_id != region_id))


def _membership_in(person: User, region_id: int) -> int:
    return db.session.scalar(select(Membership.id).filter_by(user_id=person.id,
                                                             region_id=region_id))


def _act_on_membership(client, person: User, region_id: int) -> None:
    """Every route on the person's membership in the admin's region: the account beyond
    that region stays as it was, and the account-level routes refuse."""
    membership_id = _membership_in(person, region_id)
    before = _account(person, region_id=region_id)
    for rule in MEMBERSHIP_RULES:
        for method in methods(rule):
            response = _call(client, method, build_url(rule, {"membership_id": membership_id}))
            assert response.status_code < 500, f"{method} {rule.rule}"
            if ENDPOINT_RIGHTS[rule.endpoint] == "manage_account":
                assert response.status_code == 403, f"{method} {rule.rule} not refused"
            assert _account(person, region_id=region_id) == before, (
                f"{method} {rule.rule} changed the account")


@pytest.mark.parametrize("superuser", [False, True], ids=["also-elsewhere", "superuser"])
def test_account_level_actions_stop_at_the_region_border(superuser, staff_client, world,
                                                         make_person):
    """Through a membership in their region, an admin never reaches the account of someone
    who also works in another region, or of a superuser: no link to set its password, no
    reset of its second factor, no switching off the account or its other regions."""
    own = world.own["regions"]
    regions = (own,) if superuser else (own, world.other["regions"])
    person = make_person(*regions, superuser=superuser)
    _act_on_membership(staff_client, person, own)


def test_inviting_someone_from_another_region_hands_over_nothing(staff_client, world,
                                                                 make_person):
    """The invitation of an existing account gives no link and no role until its owner
    accepts; the routes on the new membership cannot reach the account either."""
    own = world.own["regions"]
    person = make_person(world.other["regions"])
    before = _account(person, region_id=own)
    response = staff_client.post(f"/beheer/regio/{own}/medewerkers",
                                 data={"name": "Overname", "email": person.email,
                                       "role": "admin"}, follow_redirects=True)
    assert response.status_code == 200 and "/uitnodiging/" not in response.text
    assert _account(person, region_id=own) == before
    assert db.session.get(User, person.id).role_in(own) is None
    _act_on_membership(staff_client, person, own)
    assert db.session.get(User, person.id).role_in(own) is None


@pytest.mark.parametrize("rule", RULES, ids=_ids)
def test_security_headers_on_every_route(rule, route_client, world):
    url = build_url(rule, _values(rule, world.own) or {})
    for method in methods(rule):
        _check_headers(_call(route_client, method, url), f"{method} {url} (anonymous)")


@pytest.mark.parametrize("rule", STAFF_RULES, ids=_ids)
def test_security_headers_for_staff(rule, staff_client, world):
    url = build_url(rule, _values(rule, world.own) or {})
    for method in methods(rule):
        response = _call(staff_client, method, url)
        assert response.status_code < 500, f"{method} {url} crashed"
        _check_headers(response, f"{method} {url}")


@pytest.mark.parametrize("rule", STAFF_RULES, ids=_ids)
def test_staff_routes_need_login(rule, route_client, world):
    url = build_url(rule, _values(rule, world.own) or {})
    for method in methods(rule):
        response = _call(route_client, method, url)
        if response.status_code == 302:
            assert "/inloggen" in response.headers["Location"], f"{method} {url}"
        else:
            assert response.status_code in (401, 403), f"{method} {url} open to anonymous"


@pytest.mark.parametrize("rule", [r for r in RULES if STATE_CHANGING & r.methods], ids=_ids)
def test_state_changing_methods_need_csrf(rule, route_app, staff_client, world):
    url = build_url(rule, _values(rule, world.own) or {})
    for method in sorted(STATE_CHANGING & rule.methods):
        route_app.config["WTF_CSRF_ENABLED"] = True
        try:
            response = _call(staff_client, method, url)
        finally:
            route_app.config["WTF_CSRF_ENABLED"] = False
        assert response.status_code == 400, f"{method} {url} accepted without CSRF token"
        assert "kwam niet van deze website" in response.text
