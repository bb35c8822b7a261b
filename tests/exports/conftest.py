"""A closed round with themes, for export tests."""

from __future__ import annotations

import pytest

from consult.demo.content import PII_ANSWERS
from tests.theme_factories import build_round


@pytest.fixture
def themed_round(region, make_round, make_submission, make_user):
    """Factory: a round with two themes and one excluded theme; signed off or not."""

    def make(*, signed: bool = True, pii_texts=PII_ANSWERS[:4]):
        return build_round(region=region, make_round=make_round,
                           make_submission=make_submission, make_user=make_user,
                           signed=signed, pii_texts=pii_texts,
                           no_quote_texts=["Geen citaat graag: mijn buurman zoekt een woning."])

    return make
