"""Fixtures for every test: app, client, runner, login_as and factories.

Each test runs on SQLite, and again on PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from flask.testing import FlaskClient
from flask_migrate import upgrade

from consult import create_app
from consult.auth import services as auth_services
from consult.auth.models import Membership, Role, User
from consult.auth.services import set_password
from consult.config import normalise_database_url
from consult.db import db, utcnow
from consult.regions import services as region_services
from consult.regions.models import Region
from consult.rounds import services as round_services
from consult.submissions import services as submission_services
from tests.support import drop_postgres_schema, empty_tables, postgres_schema_url

PASSWORD = "test-wachtwoord-123"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Argon2 at production cost takes ~0.1 s per hash; tests hash thousands of times."""
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    original = auth_services._hasher, auth_services._DUMMY_HASH
    auth_services._hasher, auth_services._DUMMY_HASH = cheap, cheap.hash("dummy-password")
    yield
    auth_services._hasher, auth_services._DUMMY_HASH = original
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _database_url(backend: str, tmp_path_factory) -> str:
    if backend == "postgresql":
        return normalise_database_url(os.environ["TEST_DATABASE_URL"])
    return "sqlite:///" + str(tmp_path_factory.getbasetemp() / "test.sqlite")


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """One migrated schema per backend for the whole session; tables are emptied after each test."""
    url = _database_url(request.param, tmp_path_factory)
    schema = f"test_{os.getpid()}"
    if request.param == "postgresql":
        url = postgres_schema_url(url, schema)
    app = create_app(_test_config(url, tmp_path_factory))
    with app.app_context():
        upgrade()  # the schema production gets, search index included
        db.engine.dispose()
    yield url
    if request.param == "postgresql":
        drop_postgres_schema(_database_url("postgresql", tmp_path_factory), schema)


def _test_config(url: str, tmp_path_factory) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MIN_FILL_SECONDS": 0,
        "SERVER_NAME": "localhost",
        "IMPORT_SYNC": True,  # imports run inline, not in a background thread
        "ANALYSIS_SYNC": True,  # theme jobs too: runs, and placing new input after a commit
        "RATELIMIT_STORAGE_URI": "memory://",  # tests that enable limits count in the test
    }


@pytest.fixture
def app_config(database_url, tmp_path_factory) -> dict:
    """Override entries in a test module to change the app's configuration."""
    return _test_config(database_url, tmp_path_factory)


class FreshContextClient(FlaskClient):
    """Each request gets its own app context (own g and db session), as in production."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = FreshContextClient
    with app.app_context():
        yield app
        db.session.remove()
        empty_tables()
        for engine in db.engines.values():
            engine.dispose()  # each test's app has its own pool; don't leak connections


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_region(app):
    counter = iter(range(1, 10_000))

    def make(name: str | None = None, *, municipalities=("Goes", "Middelburg")) -> Region:
        region = region_services.create_region(name or f"Regio {next(counter)}", actor=None,
                                               now=utcnow())
        for municipality in municipalities:
            region_services.add_municipality(region, municipality, actor=None, now=utcnow())
        db.session.commit()
        return region

    return make


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 10_000))

    def make(role: str | Role = Role.POLICY_OFFICER, region: Region | None = None, *,
             email: str | None = None, superuser: bool = False,
             municipality=None) -> User:
        user = User(email=email or f"user{next(counter)}@consult.test", name=f"Medewerker {role}",
                    is_superuser=superuser, created_at=utcnow())
        set_password(user, PASSWORD)
        if region is not None:
            user.memberships.append(Membership(
                region_id=region.id, role=Role(role), created_at=utcnow(),
                municipality_id=municipality.id if municipality is not None else None))
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(client):
    def do_login(user: User, *, password: str = PASSWORD):
        response = client.post("/inloggen", data={"email": user.email, "password": password})
        assert response.status_code == 302, "login failed"
        return user

    return do_login


@pytest.fixture
def region(make_region):
    return make_region("Zeeland-test", municipalities=("Goes", "Middelburg", "Vlissingen"))


@pytest.fixture
def login_as(make_user, login, region):
    """Log in a fresh user with a role in the default test region."""

    def do_login(role: str | Role, *, in_region: Region | None = None, superuser=False) -> User:
        user = make_user(role, in_region or region, superuser=superuser)
        return login(user)

    return do_login


@pytest.fixture
def make_round(region, make_user):
    def make(*, in_region: Region | None = None, questions=2, opens_in_days: int = -7,
             closes_in_days: int = 21, released: bool = True, **overrides):
        target = in_region or region
        actor = make_user("project_leader", target)
        now = utcnow()
        fields = round_services.RoundFields(
            title=overrides.pop("title", "Toekomst van wonen en opvang"),
            slug=overrides.pop("slug", ""),
            intro=overrides.pop("intro", "Vertel ons wat u vindt."),
            opens_on=round_services.local_date(now + timedelta(days=opens_in_days)),
            closes_on=round_services.local_date(now + timedelta(days=closes_in_days)),
            group_ids=[g.id for g in target.groups],
        )
        round_ = round_services.save_round(target, fields, actor=actor, now=now)
        for i in range(questions):
            round_services.save_question(
                round_, round_services.QuestionFields(
                    prompt=f"Vraag {i + 1}: wat vindt u belangrijk?", help_text="",
                    is_required=i == 0, max_length=500),
                actor=actor, now=now)
        if released:
            round_services.release(round_, actor=actor, now=now)
        for key, value in overrides.items():
            setattr(round_, key, value)
        db.session.commit()
        return round_

    return make


@pytest.fixture
def make_submission(app):
    def make(round_, *texts: str, group_key: str = "client", quote: bool = True, **intake):
        group = next(g for g in round_.groups if g.key == group_key)
        answers = {q.id: t for q, t in zip(round_.questions, texts, strict=False)}
        submission, code = submission_services.submit(
            round_,
            submission_services.Intake(
                group=group, municipality=intake.pop("municipality", None), answers=answers,
                consent=submission_services.Consent(analysis=True, quote=quote), **intake),
            now=intake.pop("now", utcnow()),
        )
        db.session.commit()
        submission.receipt_code = code
        return submission

    return make


def csrf_token_from(html: str) -> str:
    """The CSRF token in a rendered form."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no csrf token in page"
    return match.group(1)
