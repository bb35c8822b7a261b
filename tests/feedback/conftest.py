"""A closed, signed-off round with themes and participants who kept their receipt codes."""

from __future__ import annotations

import pytest

from tests.theme_factories import build_round


@pytest.fixture
def themed_round(region, make_round, make_submission, make_user):
    def make(*, signed: bool = True):
        return build_round(region=region, make_round=make_round,
                           make_submission=make_submission, make_user=make_user, signed=signed)

    return make
