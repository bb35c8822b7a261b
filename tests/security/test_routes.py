"""ASVS checks looped over every route in app.url_map, including routes added later."""

from __future__ import annotations

import pytest

from tests.security.route_world import (
    STATE_CHANGING,
    all_rules,
    build_url,
    id_arguments,
    is_public,
    methods,
    table_for,
)

RULES = all_rules()
STAFF_RULES = [r for r in RULES if not is_public(r)]
ID_RULES = [r for r in STAFF_RULES if id_arguments(r)]
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
        table = table_for(argument)
        if table is None or table not in ids:
            return None
        values[argument] = ids[table]
    return values


def _call(client, method: str, url: str, headers: dict | None = None):
    return client.open(url, method=method, data={}, headers=headers or {})


def _bearer(user) -> dict:
    """Token-authenticated routes (the JSON API) get a bearer token of the same user."""
    from consult.api.services import create_token
    from consult.db import db, utcnow

    _, secret = create_token(user, "route loop", actor=user, now=utcnow())
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def _check_headers(response, url: str) -> None:
    for name, expected in HEADERS.items():
        assert expected in response.headers.get(name, ""), f"{url}: {name} missing"


@pytest.mark.parametrize("rule", ID_RULES, ids=_ids)
def test_objects_of_another_region_are_404(rule, staff_client, world):
    own, other = _values(rule, world.own), _values(rule, world.other)
    if own is None or other is None:
        pytest.skip(f"no test object for {id_arguments(rule)}: add it to route_world")
    headers = _bearer(world.user) if rule.rule.startswith("/api/") else None
    for method in methods(rule):
        control = _call(staff_client, method, build_url(rule, own), headers)
        if control.status_code in (401, 404):
            pytest.skip(f"{method} {rule.rule} answers {control.status_code} in the user's own "
                        "region too (token API or data that does not fit): not covered")
        url = build_url(rule, other)
        assert _call(staff_client, method, url, headers).status_code == 404, f"{method} {url}"


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
