"""Intake fixtures: uploads go to a temporary directory; helpers for sessions and files."""

from __future__ import annotations

import io

import pytest
from sqlalchemy.pool import NullPool

from consult.db import db
from consult.submissions.models import InputSession


@pytest.fixture
def app_config(app_config, tmp_path):
    # NullPool: every test builds an app and engine; pooled connections would pile up on a
    # shared PostgreSQL server until it refuses new clients.
    return {**app_config, "INTAKE_UPLOAD_DIR": str(tmp_path / "uploads"),
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool}}


@pytest.fixture
def open_round(make_round):
    return make_round(questions=2)


@pytest.fixture
def make_session(client):
    def make(round_, *, label: str = "Bijeenkomst cliëntenraad Goes",
             held_on: str = "2026-11-20", channel: str = "bijeenkomst") -> InputSession:
        response = client.post(f"/invoer/ronde/{round_.id}/sessies",
                               data={"label": label, "held_on": held_on, "channel": channel})
        assert response.status_code == 302, response.get_data(as_text=True)
        return db.session.get(InputSession, int(response.location.split("/")[-2]))

    return make


@pytest.fixture
def upload(client):
    """Post a file to the upload step of a round."""

    def post(round_, content: bytes, filename: str = "inbreng.csv"):
        return client.post(f"/invoer/ronde/{round_.id}/importeren",
                           data={"file": (io.BytesIO(content), filename)},
                           content_type="multipart/form-data")

    return post
