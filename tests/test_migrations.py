"""Migrations build the same schema as the models, and can be rolled back."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, insert, inspect, select, text

from consult import create_app
from consult.auth.models import User
from consult.config import normalise_database_url
from consult.db import db, include_in_migrations, utcnow
from consult.insight import services as insight
from consult.regions import services as regions
from consult.rounds import services as rounds
from consult.rounds.models import Round
from consult.submissions import services as submissions
from consult.submissions.models import Answer, Submission
from tests.support import drop_postgres_schema, postgres_schema_url

URLS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
BEFORE_SEARCH_INDEX = "e6abf5d766f6"
BEFORE_REGION_PAGE = "8d2e4b6a1c30"
SEARCH_OBJECTS = {
    "sqlite": {"answers_fts", "answers_fts_insert", "answers_fts_delete", "answers_fts_update"},
    "postgresql": {"ix_answers_text_dutch"},
}


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


def _search_objects() -> set[str]:
    """The parts of the full-text search index that exist in the database now."""
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            names = conn.scalars(text("SELECT name FROM sqlite_master"))
        else:
            names = (i["name"] for i in inspect(conn).get_indexes("answers"))
        return set(names) & SEARCH_OBJECTS[conn.dialect.name]


def _schema() -> set[tuple]:
    """Every table, index and trigger by name, so a change to any of them shows."""
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            return set(conn.execute(text("SELECT type, name FROM sqlite_master")).all())
        found = inspect(conn)
        return {(table, index["name"]) for table in found.get_table_names()
                for index in found.get_indexes(table)} | set(found.get_table_names())


def _store_answer(answer: str):
    """A region, an open round with one question, and one submission; returns the round."""
    now = utcnow()
    leader = User(email="leider@consult.test", name="Projectleider", created_at=now)
    db.session.add(leader)
    region = regions.create_region("Zeeland", actor=None, now=now)
    round_ = rounds.save_round(region, rounds.RoundFields(
        title="Wonen", slug="", intro="Vertel het ons.",
        opens_on=rounds.local_date(now - timedelta(days=1)),
        closes_on=rounds.local_date(now + timedelta(days=9)),
        group_ids=[g.id for g in region.groups]), actor=leader, now=now)
    rounds.save_question(round_, rounds.QuestionFields(
        prompt="Wat vindt u belangrijk?", help_text="", is_required=True, max_length=500),
        actor=leader, now=now)
    rounds.release(round_, actor=leader, now=now)
    # Written with the initial schema's columns only: the models may have columns that a
    # later migration adds (submissions.group_session_id, for one).
    submission_id = db.session.execute(insert(Submission.__table__).values(
        round_id=round_.id, group_id=region.groups[0].id, channel="web",
        consent_version=submissions.CONSENT_VERSION, consent_analysis=True,
        consent_quote=True, consent_contact=False, consent_verbal=False, created_at=now,
        updated_at=now)).inserted_primary_key[0]
    db.session.execute(insert(Answer.__table__).values(
        submission_id=submission_id, question_id=round_.questions[0].id, text=answer,
        raw_text=answer, pii=[], created_at=now, updated_at=now))
    db.session.commit()
    return round_


def test_search_index_migration_indexes_earlier_answers_and_rolls_back(empty_database):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "TESTING": True})
    with app.app_context():
        # The models match only the newest schema: store with them, then go back to before
        # the index, so that the index must be built over answers that are already there.
        upgrade()
        round_id = _store_answer("Er zijn te weinig betaalbare woningen in Goes.").id
        db.session.remove()
        downgrade(revision=BEFORE_SEARCH_INDEX)
        assert _search_objects() == set()
        upgrade()
        assert _search_objects() == SEARCH_OBJECTS[db.engine.dialect.name]
        round_ = db.session.get(Round, round_id)
        assert insight.search_round(round_, "woningen").total == 1  # stored before the index
        db.session.remove()
        downgrade(revision=BEFORE_SEARCH_INDEX)
        assert _search_objects() == set()
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 1
        db.session.remove()


def test_a_request_never_changes_the_schema(empty_database):
    """Only migrations change the schema: not even the search index appears on a request."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "TESTING": True})
    with app.app_context():
        db.create_all()  # the models' tables only, as a test or bench set-up makes them
        before = _schema()
        assert app.test_client().get("/").status_code == 200
        assert _schema() == before
        assert _search_objects() == set()


def test_region_page_migration_gives_existing_regions_a_slug_and_keeps_their_data(
        empty_database):
    """Existing regions get unique slugs from their names; nothing hanging off a region is
    lost on the way up or down (copying the regions table would cascade on SQLite)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE_REGION_PAGE)
        with db.engine.begin() as conn:
            for name in ("Meierij en Bommelerwaard", "Zeeland", "Zeeland!"):
                conn.execute(text("INSERT INTO regions (name, small_cell_threshold, require_totp,"
                                  " created_at) VALUES (:n, 5, false, :t)"),
                             {"n": name, "t": utcnow()})
            conn.execute(text("INSERT INTO municipalities (region_id, name, is_central) "
                              "SELECT id, 'Goes', false FROM regions WHERE name = 'Zeeland'"))
        upgrade()
        with db.engine.connect() as conn:
            slugs = dict(conn.execute(text("SELECT name, slug FROM regions")).all())
            assert conn.scalar(text("SELECT count(*) FROM municipalities")) == 1
        assert slugs == {"Meierij en Bommelerwaard": "meierij-en-bommelerwaard",
                         "Zeeland": "zeeland", "Zeeland!": "zeeland-2"}
        downgrade(revision=BEFORE_REGION_PAGE)
        with db.engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM municipalities")) == 1
            assert conn.scalar(text("SELECT count(*) FROM regions")) == 3
