"""Insight fixtures: the search index exists before any answer is written."""

from __future__ import annotations

import pytest

from consult.db import db
from consult.insight.search import ensure_search_index


@pytest.fixture(autouse=True)
def search_index(app):
    """What a migration will do; the app also does it on its first request."""
    assert ensure_search_index(db.engine)
