"""Migrations build the same schema as the models, and can be rolled back."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from consult import create_app
from consult.config import normalise_database_url
from consult.db import db, include_in_migrations
from tests.support import drop_postgres_schema, postgres_schema_url

URLS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=URLS)
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "migrations.sqlite")
        return
    base = normalise_database_url(os.environ["TEST_DATABASE_URL"])
    schema = f"migration_{os.getpid()}"
    yield postgres_schema_url(base, schema)
    drop_postgres_schema(base, schema)


def test_upgrade_downgrade_upgrade_matches_models(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "TESTING": True})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True,
                            "include_object": include_in_migrations}
            )
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
