"""One app and one world of objects in two regions, shared by a module's route-loop tests.

Building the world takes seconds, so it is built once per module instead of once per route.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from consult import create_app
from consult.auth.models import Role, User
from consult.db import db
from tests.conftest import FreshContextClient
from tests.support import empty_tables

PASSWORD = "route-wachtwoord-123"


@dataclass
class World:
    own: dict[str, int]  # table -> id of an object in the user's region
    other: dict[str, int]  # table -> id of an object in a region the user is not in
    user: User
    password: str = PASSWORD


def route_config(database_url: str, **overrides) -> dict:
    return {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "route-loop-secret", "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False, "MIN_FILL_SECONDS": 0, "SERVER_NAME": "localhost",
            **overrides}


@pytest.fixture(scope="module")
def route_app(database_url):
    app = create_app(route_config(database_url))
    # Each request gets its own app context: otherwise Flask-Login's cached user in `g`
    # would carry one role's login over into the next client's request.
    app.test_client_class = FreshContextClient
    with app.app_context():
        yield app
        db.session.remove()
        empty_tables()


@pytest.fixture(scope="module")
def world(route_app) -> World:
    from tests.security.route_world import build_world

    own, user = build_world("Eigen regio", password=PASSWORD)
    other, _ = build_world("Andere regio", password=PASSWORD)
    return World(own=own, other=other, user=user)


@pytest.fixture(scope="module")
def role_worlds(route_app) -> dict[Role, tuple[dict[str, int], User]]:
    """A world per role, each with one member of that role, so that what one role's calls
    change (a deleted chapter, a closed round) never decides what another role sees."""
    from tests.security.route_world import build_world

    return {role: build_world(f"Regio van {role.label}", password=PASSWORD, role=role)
            for role in Role}


@pytest.fixture(scope="module")
def access_model() -> dict[str, dict[Role, bool]]:
    from tests.security.access_model import access_tables

    return access_tables()[0]


@pytest.fixture
def client_of(route_app):
    """Factory: a test client logged in as the given user."""

    def login(user: User):
        client = route_app.test_client()
        response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, f"login of {user.email} failed"
        return client

    return login


@pytest.fixture
def route_client(route_app):
    return route_app.test_client()


@pytest.fixture
def staff_client(route_app, world):
    client = route_app.test_client()
    response = client.post("/inloggen", data={"email": world.user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client
