"""The export route is rate limited."""

from __future__ import annotations

import pytest


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_EXPORT": "2 per minute"}


def test_export_download_is_rate_limited(app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    codes = [client.post(f"/rondes/{round_.id}/export/json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
