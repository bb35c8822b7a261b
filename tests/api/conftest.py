"""A themed round and an API token for the API tests."""

from __future__ import annotations

import pytest

from consult.api.services import create_token
from consult.db import db, utcnow
from tests.theme_factories import build_round


@pytest.fixture
def themed_round(region, make_round, make_submission, make_user):
    return build_round(region=region, make_round=make_round, make_submission=make_submission,
                       make_user=make_user, signed=True)


@pytest.fixture
def token_for(make_user, region):
    """Factory: a fresh API token secret for a user with a role in a region."""

    def make(role: str = "policy_officer", *, in_region=None) -> str:
        user = make_user(role, in_region or region)
        _, secret = create_token(user, "test", actor=user, now=utcnow())
        db.session.commit()
        return secret

    return make
