"""Backup and restore: a backup restored into an empty database equals the original."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, select, text

from consult.config import normalise_database_url
from consult.db import db
from consult.ops import backup as backups

RESTORE_DB = "consult_restore_test"


def _rows(engine) -> dict[str, list]:
    with engine.connect() as conn:
        return {table.name: [tuple(row) for row in conn.execute(
            select(table).order_by(*(table.primary_key.columns or table.columns)))]
            for table in db.metadata.sorted_tables}


@pytest.fixture
def empty_engine(tmp_path):
    """An empty database of the same kind as the one under test."""
    if db.engine.dialect.name == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'restored.sqlite'}")
        yield engine
        engine.dispose()
        return
    admin = create_engine(normalise_database_url(os.environ["TEST_DATABASE_URL"]),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {RESTORE_DB} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {RESTORE_DB}"))
    # The test database may pin a per-run schema in its URL; the new database uses public.
    engine = create_engine(db.engine.url.set(database=RESTORE_DB)
                           .difference_update_query(["options"]))
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {RESTORE_DB} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def filled(make_round, make_submission, login_as, client):
    login_as("project_leader")
    round_ = make_round()
    make_submission(round_, "Ik wil meer hulp bij schulden.", "Graag een vaste begeleider.")
    make_submission(round_, "Wonen in de wijk, met ondersteuning.", group_key="naaste")
    return round_


def test_restore_into_empty_database_equals_every_table(filled, runner, tmp_path, empty_engine,
                                                        app):
    path = tmp_path / "consult.backup.gz"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_mode & 0o077 == 0  # the file holds participants' input
    counts = backups.restore(empty_engine, db.metadata, path)
    assert counts["answers"] == 3 and counts["submissions"] == 2
    assert _rows(empty_engine) == _rows(db.engine)


def test_restore_refuses_a_database_with_data(filled, runner, tmp_path):
    path = tmp_path / "consult.backup.gz"
    runner.invoke(args=["backup", str(path)])
    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code != 0
    assert "not empty" in result.output


def test_restored_database_accepts_new_rows(filled, tmp_path, empty_engine):
    path = tmp_path / "consult.backup.gz"
    backups.backup(db.engine, db.metadata, path)
    backups.restore(empty_engine, db.metadata, path)
    regions = db.metadata.tables["regions"]
    with empty_engine.begin() as conn:  # ids continue after the restored rows
        conn.execute(regions.insert().values(name="Nieuwe regio", slug="nieuwe-regio",
                                             small_cell_threshold=5,
                                             require_totp=False, created_at=filled.created_at))
